// A jest reporter that prints the fuzz run's tallies (left by test/support/fuzz-tallies.ts) once, above the summary.
// Listed before "default" in package.json's jest.reporters, so its lines come before "Test Suites: …".
import fs from 'node:fs';
import path from 'node:path';

export default class FuzzReporter {
  constructor(globalConfig) {
    // The same folder as TALLY_DIR in fuzz-tallies.ts.
    this.dir = path.join(globalConfig.rootDir, 'node_modules', '.cache', 'fuzz-tallies');
  }

  onRunStart() {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  onRunComplete() {
    const files = fs.existsSync(this.dir) ? fs.readdirSync(this.dir).filter((name) => name.endsWith('.json')).sort() : [];
    if (files.length === 0) return;
    const runs = files.map((name) => JSON.parse(fs.readFileSync(path.join(this.dir, name), 'utf8')));
    const seeds = [...new Set(runs.map((run) => run.seed))].join(', ');
    // One line per key: a test file that jest ran again replaces its earlier tallies.
    const lines = Object.entries(Object.assign({}, ...runs.map((run) => run.tallies)))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, t]) => `  ${key}: ${t.cases} cases, ${t.rows} with rows, ${t.noRow} without, ${t.errors} Zapier errors`);
    process.stderr.write(`\nFuzz run (seed ${seeds}): generated deliveries per trigger, and what perform made of them\n${lines.join('\n')}\n\n`);
  }
}
