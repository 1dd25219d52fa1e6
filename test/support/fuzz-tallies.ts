// Where a fuzz test file leaves its tallies for test/support/fuzz-reporter.mjs, which prints them once, above jest's summary.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The same folder as in fuzz-reporter.mjs, which empties it when a run starts. */
export const TALLY_DIR = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'fuzz-tallies');

/**
 * One fuzz run's lines, by trigger or action key, under a heading that says what was
 * generated (runs that share a heading are printed together, one line per key).
 */
export const writeTallies = (heading: string, seed: number, lines: Readonly<Record<string, string>>): void => {
  mkdirSync(TALLY_DIR, { recursive: true });
  writeFileSync(join(TALLY_DIR, `${process.pid}-${Date.now()}.json`), JSON.stringify({ heading, seed, lines }));
};
