// Runs the hook runner's command line (scripts/runner/main.ts) in-process on the app
// definition that dist/index.js is built from, with its output captured.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../scripts/runner/main.ts';
import { App } from './harness.ts';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A folder for this test file's .env files and payloads, removed after its tests. */
export const scratchFolder = (prefix: string): string => {
  const scratch = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  return scratch;
};

/** `npm start -- …argv`, from `root` (where .env is read), with `stdin` for `-`. */
export const runnerIn =
  (scratch: string) =>
  async (argv: string[], { root = scratch, stdin = '' }: { root?: string; stdin?: string } = {}): Promise<Run> => {
    let stdout = '';
    let stderr = '';
    const code = await main(
      argv,
      {
        stdout: { write: (text: string) => (stdout += text) },
        stderr: { write: (text: string) => (stderr += text) },
        readStdin: async () => stdin,
        env: {},
      },
      { root, loadApp: async () => ({ default: App }) },
    );
    return { code, stdout, stderr };
  };
