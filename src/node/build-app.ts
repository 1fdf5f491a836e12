/** A production build of the app into a folder of its own (bench, Lighthouse, the browser tests' builds). */
import { execFileSync } from 'node:child_process';

/** `env` sets the build's inputs: TRANSCRIPTS_DIR, BASE, APP_VERSION (see vite.config.ts). */
export function buildApp(outDir: string, env: Record<string, string> = {}): void {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, APP_VERSION: 'measured', ...env, OUT_DIR: outDir },
  });
}
