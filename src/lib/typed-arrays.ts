/** Growing the typed arrays that indexing and querying fill as they go. */

type Growable = Int32Array<ArrayBuffer> | Uint32Array<ArrayBuffer> | Float32Array<ArrayBuffer>;

/**
 * A copy of `from` with room for at least `size` entries (its length doubled as often as needed, so filling
 * one entry at a time stays linear), the new entries set to `fill`.
 */
export function grownTo<T extends Growable>(from: T, size: number, fill = 0): T {
  let length = Math.max(1, from.length);
  while (length < size) length *= 2;
  const grown = new (from.constructor as new (length: number) => T)(length);
  grown.set(from as never);
  if (fill !== 0) grown.fill(fill, from.length);
  return grown;
}
