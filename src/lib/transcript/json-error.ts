/**
 * Where JSON text goes wrong: engines' `JSON.parse` messages differ, and V8's give no position at all. A
 * small recursive-descent check, run only after `JSON.parse` has failed, so a problem can name its line.
 */
import { lineAt, lineStarts } from './text-position';

/** The problem for JSON text that `JSON.parse` refused: where it breaks, and what is there. */
export function invalidJson(file: string, text: string): { file: string; line: number; severity: 'error'; message: string } {
  const at = jsonErrorOffset(text);
  const found = at < 0 || at >= text.length ? 'end of file' : JSON.stringify(text.slice(at, at + 12));
  return { file, line: at < 0 ? 0 : lineAt(lineStarts(text), at), severity: 'error', message: `not valid JSON: unexpected ${found}` };
}

export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const expect = (c: string) => (text[i] === c ? i++ : fail());
  const literal = (word: string) => (text.startsWith(word, i) ? (i += word.length) : fail());
  const string = () => {
    expect('"');
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      i += text[i] === '\\' ? 2 : 1;
    }
    expect('"');
  };
  const number = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') return items('}', () => (string(), space(), expect(':'), value()));
    if (c === '[') return items(']', value);
    if (c === '"') return string();
    if (c === 't') return void literal('true');
    if (c === 'f') return void literal('false');
    if (c === 'n') return void literal('null');
    number();
  };
  const items = (close: string, item: () => void) => {
    i++;
    space();
    if (text[i] === close) return void i++;
    for (;;) {
      space();
      item();
      space();
      if (text[i] === close) return void i++;
      expect(',');
    }
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return -1;
  } catch (at) {
    // A number is where it went wrong; anything else (nesting too deep for the stack) is the whole file.
    return typeof at === 'number' ? Math.min(at, text.length) : 0;
  }
}
