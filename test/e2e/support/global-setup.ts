import { existsSync } from 'node:fs';
import { buildApp, buildAppAsync } from '../../../src/node/build-app';
import { BUILDS, CORPUS_DIR, SUBFOLDER_BASE } from './builds';

type Build = [outDir: string, env: Record<string, string>];

/** Build what the specs serve, two at a time. `npm test` builds `dist` before Playwright runs; build it here if missing. */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(`${BUILDS.main}/sw.js`)) buildApp(BUILDS.main, { APP_VERSION: 'e2e-1' });
  const builds: Build[] = [
    [BUILDS.next, { APP_VERSION: `e2e-2-${Date.now()}` }],
    [BUILDS.hostile, { APP_VERSION: 'e2e-hostile', TRANSCRIPTS_DIR: 'test/fixtures/hostile' }],
    [BUILDS.subfolder, { APP_VERSION: 'e2e-subfolder', BASE: SUBFOLDER_BASE }],
    [BUILDS.formats, { APP_VERSION: 'e2e-formats-1', TRANSCRIPTS_DIR: 'test/fixtures/formats' }],
    [BUILDS.formatsNext, { APP_VERSION: 'e2e-formats-2', TRANSCRIPTS_DIR: 'test/fixtures/formats-next' }],
    [BUILDS.podcast2, { APP_VERSION: 'e2e-podcast2', TRANSCRIPTS_DIR: 'test/fixtures/podcast2' }],
  ];
  if (existsSync(CORPUS_DIR)) builds.unshift([BUILDS.corpus, { APP_VERSION: 'e2e-corpus', TRANSCRIPTS_DIR: CORPUS_DIR }]);
  const queue = [...builds];
  const builder = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await buildAppAsync(...next);
  };
  await Promise.all([builder(), builder()]);
}
