import type { Problem } from './model';

/**
 * Bytes to text. Invalid UTF-8 is reported with the line it sits on, then decoded with
 * replacement characters so that the rest of the file is kept.
 */
export function decodeTranscript(file: string, bytes: Uint8Array): { text: string; problems: Problem[] } {
  const problems: Problem[] = [];
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
    const lines = text.split(/\r\n|\r|\n/);
    const bad = lines.findIndex((l) => l.includes('\uFFFD'));
    problems.push({
      file,
      line: bad + 1,
      severity: 'warning',
      message: 'invalid UTF-8: undecodable bytes were replaced with \uFFFD',
    });
  }
  return { text, problems };
}
