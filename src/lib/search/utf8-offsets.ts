/**
 * Rewrites offsets into `text` from UTF-16 units to UTF-8 bytes, counting bytes as TextEncoder writes
 * them: a surrogate pair is 4, a lone surrogate becomes U+FFFD (3).
 *
 * One loop over the units, writing each offset as the count passes it. A loop per line inside a loop over the
 * lines was compiled by V8 as an inner loop, which it left and threw away at the end of every line: 490 times
 * in each first visit at 1,000 episodes.
 */
export function toUtf8Offsets(text: string, offsets: Uint32Array): void {
  let d = 0;
  while (d < offsets.length && offsets[d]! === 0) d++;
  let bytes = 0;
  for (let unit = 0; d < offsets.length;) {
    const code = text.charCodeAt(unit++);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00 && (text.charCodeAt(unit) & 0xfc00) === 0xdc00) {
      bytes += 4;
      unit++; // the low half (a pair split across segments only arises from lone surrogates: garbage either way)
    } else bytes += 3;
    // Several offsets can end here (empty lines), or have been passed by the pair's low half.
    while (d < offsets.length && offsets[d]! <= unit) offsets[d++] = bytes;
  }
}
