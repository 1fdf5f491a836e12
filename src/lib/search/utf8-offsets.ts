/**
 * Rewrites offsets into `text` from UTF-16 units to UTF-8 bytes, counting bytes as TextEncoder writes
 * them: a surrogate pair is 4, a lone surrogate becomes U+FFFD (3).
 */
export function toUtf8Offsets(text: string, offsets: Uint32Array): void {
  let unit = 0;
  let bytes = 0;
  for (let d = 0; d < offsets.length; d++) {
    const end = offsets[d]!;
    while (unit < end) {
      const code = text.charCodeAt(unit++);
      if (code < 0x80) bytes += 1;
      else if (code < 0x800) bytes += 2;
      else if (code >= 0xd800 && code < 0xdc00 && (text.charCodeAt(unit) & 0xfc00) === 0xdc00) {
        bytes += 4;
        unit++; // the low half (a pair split across segments only arises from lone surrogates: garbage either way)
      } else bytes += 3;
    }
    offsets[d] = bytes;
  }
}
