import type { Problem } from './model';

/**
 * Bytes to text. Transcripts are UTF-8, but files people import are also saved by Windows tools as UTF-16 (with
 * a byte-order mark or without) or in Windows-1252: those are read as what they are, so that "Café" stays
 * "Café". In a file that is otherwise UTF-8, bytes that are not are reported with the line they sit on, then
 * replaced with U+FFFD so that the rest of the file is kept.
 */
export function decodeTranscript(file: string, bytes: Uint8Array): { text: string; problems: Problem[] } {
  const utf16 = utf16Order(bytes);
  if (utf16) {
    const { text, damaged } = decode(utf16, bytes);
    return {
      text,
      problems: damaged
        ? [warning(file, firstLineWith(text, '\uFFFD'), 'invalid UTF-16: undecodable bytes were replaced with \uFFFD')]
        : [],
    };
  }
  const { text, damaged } = decode('utf-8', bytes);
  if (!damaged) return { text, problems: [] };
  // Some character outside ASCII decoded: UTF-8 with damaged bytes. None did: a legacy single-byte encoding.
  if (/[\u0080-\uFFFC\uFFFE\uFFFF]/.test(text)) {
    return { text, problems: [warning(file, firstLineWith(text, '\uFFFD'), 'invalid UTF-8: undecodable bytes were replaced with \uFFFD')] };
  }
  const firstHigh = bytes.findIndex((b) => b >= 0x80);
  const message = 'not UTF-8 from here on: read as Windows-1252 (Western European)';
  return { text: windows1252(bytes), problems: [warning(file, lineAt(bytes, firstHigh), message)] };
}

/** Text, and whether some bytes did not decode (replaced with U+FFFD). */
function decode(encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array): { text: string; damaged: boolean } {
  try {
    return { text: new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes), damaged: false };
  } catch {
    return { text: new TextDecoder(encoding, { fatal: false, ignoreBOM: false }).decode(bytes), damaged: true };
  }
}

/** How many byte pairs are looked at for UTF-16 without a byte-order mark. */
const SNIFFED_PAIRS = 2048;

/**
 * UTF-16 by its byte-order mark, or without one by its zero bytes: text mostly in ASCII has a zero in every
 * pair, on the high byte's side, and the other side is almost never zero.
 */
function utf16Order(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const pairs = Math.min(bytes.length >> 1, SNIFFED_PAIRS);
  if (pairs < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenZeros++;
    if (bytes[2 * i + 1] === 0) oddZeros++;
  }
  if (oddZeros >= pairs / 2 && evenZeros <= pairs / 20) return 'utf-16le';
  if (evenZeros >= pairs / 2 && oddZeros <= pairs / 20) return 'utf-16be';
  return null;
}

const warning = (file: string, line: number, message: string): Problem => ({ file, line, severity: 'warning', message });

/** The 1-based line of the first `char` in `text` (1 when absent). */
function firstLineWith(text: string, char: string): number {
  const at = text.indexOf(char);
  return at < 0 ? 1 : lineOf(text.slice(0, at));
}

/** The 1-based line that byte `at` sits on (line ends as the parser counts them: CRLF, CR or LF). */
function lineAt(bytes: Uint8Array, at: number): number {
  return lineOf(windows1252(bytes.subarray(0, Math.max(0, at))));
}

/**
 * Windows-1252's characters for bytes 0x80-0x9F (the rest are Latin-1's), as the Encoding Standard lists them:
 * by hand, as Node's TextDecoder reads this label as Latin-1 (0x93 as U+0093, not “) where browsers do not.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019,
  0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function windows1252(bytes: Uint8Array): string {
  let text = '';
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes = Array.from(bytes.subarray(start, start + CHUNK), (b) => (b >= 0x80 && b < 0xa0 ? WINDOWS_1252_HIGH[b - 0x80]! : b));
    text += String.fromCharCode(...codes);
  }
  return text;
}

const lineOf = (before: string): number => before.split(/\r\n|\r|\n/).length;
