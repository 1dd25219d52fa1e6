// A jest reporter that prints the fuzz runs' tallies (left by test/support/fuzz-tallies.ts) once, above the summary.
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
    const files = fs.existsSync(this.dir)
      ? fs
          .readdirSync(this.dir)
          .filter((name) => name.endsWith('.json'))
          .sort()
      : [];
    const byHeading = new Map();
    for (const name of files) {
      const { heading, seed, lines } = JSON.parse(fs.readFileSync(path.join(this.dir, name), 'utf8'));
      const title = `${heading} (seed ${seed})`;
      // One line per key: a test file that jest ran again replaces its earlier lines.
      byHeading.set(title, { ...byHeading.get(title), ...lines });
    }
    const blocks = [...byHeading].map(([title, lines]) => {
      const sorted = Object.entries(lines).sort(([a], [b]) => a.localeCompare(b));
      return `${title}\n${sorted.map(([key, line]) => `  ${key}: ${line}`).join('\n')}`;
    });
    if (blocks.length > 0) process.stderr.write(`\n${blocks.join('\n\n')}\n\n`);
  }
}
