/** ARCHITECTURE.md's rule on file size, kept by a test rather than by memory. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder } from '../../src/node/build-sizes';

const MAX_LINES = 250;
const SOURCE = /\.(ts|mts|svelte|css)$/;

describe('the source tree', () => {
  it(`has no source file over ${MAX_LINES} lines (split a file by job when it grows)`, () => {
    const tooLong = filesUnder('src')
      .filter((file) => SOURCE.test(file))
      .map((file) => ({ file, lines: readFileSync(join('src', file), 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `src/${file}: ${lines} lines`);
    expect(tooLong).toEqual([]);
  });
});
