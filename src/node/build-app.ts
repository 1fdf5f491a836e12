/** A production build of the app over a transcripts folder, into a folder of its own (bench, Lighthouse). */
import { execFileSync } from 'node:child_process';

export function buildApp(transcriptsDir: string, outDir: string): void {
  console.error(`building the app over ${transcriptsDir} into ${outDir}…`);
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, TRANSCRIPTS_DIR: transcriptsDir, OUT_DIR: outDir, APP_VERSION: 'measured' },
  });
}
