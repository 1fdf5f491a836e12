/** A production build of the app into a folder of its own (bench, Lighthouse, the browser tests' builds). */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

const VITE_BUILD = ['vite', 'build', '--logLevel', 'error'];

/** `env` sets the build's inputs: TRANSCRIPTS_DIR, BASE, APP_VERSION (see vite.config.ts). */
const buildEnv = (outDir: string, env: Record<string, string>) => ({ ...process.env, APP_VERSION: 'measured', ...env, OUT_DIR: outDir });

export function buildApp(outDir: string, env: Record<string, string> = {}): void {
  execFileSync('npx', VITE_BUILD, { stdio: ['ignore', 'ignore', 'inherit'], env: buildEnv(outDir, env) });
}

/** The same build without blocking, so that two can run at once (one per core). */
export async function buildAppAsync(outDir: string, env: Record<string, string> = {}): Promise<void> {
  const { stderr } = await promisify(execFile)('npx', VITE_BUILD, { env: buildEnv(outDir, env), maxBuffer: 64 * 1024 * 1024 });
  if (stderr) process.stderr.write(stderr);
}
