// Where a fuzz test file leaves its tallies for test/support/fuzz-reporter.mjs, which prints them once, above jest's summary.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The same folder as in fuzz-reporter.mjs, which empties it when a run starts. */
export const TALLY_DIR = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'fuzz-tallies');

export const writeTallies = (seed: number, tallies: Readonly<Record<string, object>>): void => {
  mkdirSync(TALLY_DIR, { recursive: true });
  writeFileSync(join(TALLY_DIR, `${process.pid}-${Date.now()}.json`), JSON.stringify({ seed, tallies }));
};
