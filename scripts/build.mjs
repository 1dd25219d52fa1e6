// The bundle Zapier runs: dist/index.js, with zod bundled and zapier-platform-core
// left for Zapier's runtime to provide. Modules listed in PRECOMPUTED are evaluated
// here and bundled as their value (plain data), so the work they do happens once at
// build time instead of on every cold start. Modules listed in LAZY are loaded only by
// a dynamic import(): esbuild, without code splitting, keeps them in the one file but
// wraps each in a lazy initializer (`init_records = __esm(…)`, with everything only it
// imports, zod included), which runs on the first import() instead of at load.

import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');
const PRECOMPUTED = ['triggers/output-fields.ts', 'steps/output-fields.ts', 'triggers/samples.ts', 'payments/output-fields.ts'].map(
  (file) => path.join(ROOT, file),
);
/** Module → the name of its lazy initializer in the bundle. */
const LAZY = { 'api/records.ts': 'init_records', 'payloads/payment-shapes.ts': 'init_payment_shapes' };

const COMMON = { bundle: true, platform: 'node', format: 'esm', target: 'node22', logLevel: 'warning', absWorkingDir: ROOT };

/** A module's exports, computed now. Its exports must be JSON data. */
const evaluate = async (file) => {
  const { outputFiles } = await esbuild.build({ ...COMMON, entryPoints: [file], write: false, external: ['zapier-platform-core'] });
  return import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].contents).toString('base64')}`);
};

const replaced = new Set();
const precompute = {
  name: 'precompute',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async ({ path: file }) => {
      if (!PRECOMPUTED.includes(file)) return undefined;
      replaced.add(file);
      const exports = Object.entries(await evaluate(file));
      return { loader: 'js', contents: exports.map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`).join('\n') };
    });
  },
};

await esbuild.build({
  ...COMMON,
  entryPoints: ['index.ts'],
  outfile: 'dist/index.js',
  external: ['zapier-platform-core'],
  // Never shipped (build.zip holds only what the code imports); for local debugging with --enable-source-maps.
  sourcemap: true,
  plugins: [precompute],
});

// A renamed or no longer imported module would silently go back to runtime work.
const missed = PRECOMPUTED.filter((file) => !replaced.has(file));
if (missed.length) {
  console.error(
    `build failed: not in the bundle any more, update scripts/build.mjs: ${missed.map((file) => path.relative(ROOT, file)).join(', ')}`,
  );
  process.exit(1);
}

// A static (value) import of a LAZY module makes esbuild call its initializer at load:
// the only call must be the one inside a dynamic import().
const bundle = fs.readFileSync(path.join(ROOT, 'dist/index.js'), 'utf8');
const eager = Object.entries(LAZY).filter(([, init]) => {
  const calls = bundle.split(`${init}()`).length - 1;
  const lazyCalls = bundle.split(`(${init}(), `).length - 1;
  return !bundle.includes(`var ${init} = __esm(`) || calls !== lazyCalls;
});
if (eager.length) {
  console.error(
    `build failed: ${eager.map(([file]) => file).join(', ')} must load lazily, yet the bundle loads it at start; import it only for types (import type), and its values through import() (api/http.ts fetchJson)`,
  );
  process.exit(1);
}
