import { existsSync } from 'node:fs';
import { buildApp as build } from '../../../src/node/build-app';
import { BUILDS, CORPUS_DIR, SUBFOLDER_BASE } from './builds';

/** Build what the specs serve. `npm test` builds `dist` before Playwright runs; build it here if missing. */
export default function globalSetup(): void {
  if (!existsSync(`${BUILDS.main}/sw.js`)) build(BUILDS.main, { APP_VERSION: 'e2e-1' });
  build(BUILDS.next, { APP_VERSION: `e2e-2-${Date.now()}` });
  build(BUILDS.hostile, { APP_VERSION: 'e2e-hostile', TRANSCRIPTS_DIR: 'test/fixtures/hostile' });
  build(BUILDS.subfolder, { APP_VERSION: 'e2e-subfolder', BASE: SUBFOLDER_BASE });
  build(BUILDS.formats, { APP_VERSION: 'e2e-formats-1', TRANSCRIPTS_DIR: 'test/fixtures/formats' });
  build(BUILDS.formatsNext, { APP_VERSION: 'e2e-formats-2', TRANSCRIPTS_DIR: 'test/fixtures/formats-next' });
  build(BUILDS.podcast2, { APP_VERSION: 'e2e-podcast2', TRANSCRIPTS_DIR: 'test/fixtures/podcast2' });
  if (existsSync(CORPUS_DIR)) build(BUILDS.corpus, { APP_VERSION: 'e2e-corpus', TRANSCRIPTS_DIR: CORPUS_DIR });
}
