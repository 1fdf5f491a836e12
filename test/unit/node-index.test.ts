/** The benchmark's machine-speed figure: the build's index made in Node from a real build's data files. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildData } from '../../src/lib/packs/build';
import { DEFAULT_PODCAST } from '../../src/lib/packs/format';
import { indexInNode } from '../../src/node/bench/node-index';
import { ingestFolder } from '../../src/node/transcripts-folder';

const outDir = mkdtempSync(join(tmpdir(), 'node-index-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('indexInNode', () => {
  it('indexes every line of the bundled transcripts, once per run', async () => {
    const built = buildData(ingestFolder('transcripts').result, DEFAULT_PODCAST);
    for (const file of built.files) {
      mkdirSync(dirname(join(outDir, file.fileName)), { recursive: true });
      writeFileSync(join(outDir, file.fileName), file.source);
    }
    const times = await indexInNode(outDir, 2);
    expect(times.lines).toBe(built.catalogue.episodes.reduce((n, e) => n + e.segmentCount, 0));
    expect(times.lines).toBeGreaterThan(1000);
    expect(times.runsMs).toHaveLength(2);
  });

  it('says so when the folder holds no build', async () => {
    mkdirSync(join(outDir, 'empty', 'data'), { recursive: true });
    await expect(indexInNode(join(outDir, 'empty'))).rejects.toThrow(/no catalogue/);
  });
});
