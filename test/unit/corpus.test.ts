import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFolder } from '../../src/node/transcripts-folder';

const CORPUS = '../shared/corpus/pythonbytes';
const present = existsSync(CORPUS);
if (!present) console.warn(`SKIPPED corpus tests: ${CORPUS} is not present`);

describe.skipIf(!present)('the whole Python Bytes corpus', () => {
  it('ingests every file as a numbered episode with zero errors', () => {
    const { result, problems } = ingestFolder(CORPUS);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.episodes).toHaveLength(486);
    expect(result.episodes.every((e) => Number.isInteger(e.number) && e.segmentCount > 0)).toBe(true);
    expect(result.episodes.reduce((n, e) => n + e.segmentCount, 0)).toBe(279835);
    expect(new Set(result.episodes.map((e) => e.source)).size).toBe(486);
  });
});
