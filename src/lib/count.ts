/**
 * A count with thousands separators, as `toLocaleString('en')` writes it ("12,345"), without ICU. A page's
 * first `toLocaleString` or `localeCompare` loads ICU's locale data: 166 and 214 ms on a 4× slower CPU in
 * Chromium, a long task on a phone for a number in a status line.
 */
export function formatCount(n: number): string {
  return Number.isInteger(n) ? String(n).replace(/\B(?=(\d{3})+$)/g, ',') : String(n);
}

/** A count and its noun, as the app writes them everywhere: "1 moment", "1,035 moments". */
export function countOf(n: number, singular: string): string {
  return `${formatCount(n)} ${singular}${n === 1 ? '' : 's'}`;
}

/** A count, its noun and the verb that agrees with it: "1 item was", "2 items were". */
export function countWithVerb(n: number, singular: string, verb: [singular: string, plural: string]): string {
  return `${countOf(n, singular)} ${verb[n === 1 ? 0 : 1]}`;
}
