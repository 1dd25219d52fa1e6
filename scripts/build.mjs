// The bundle Zapier runs: dist/index.js, with zapier-platform-core left for Zapier's
// runtime to provide. Modules listed in PRECOMPUTED are evaluated here and bundled as
// their value (plain data), so the work they do happens once at build time instead of
// on every cold start. Modules listed in LAZY are loaded only by a dynamic import():
// esbuild splits each, with everything only it imports (zod), into a file of its own
// under dist/chunks/, so a cold start neither runs nor even parses them (about half the
// code); the first API call loads it. scripts/zip.mjs checks the zip holds each chunk.

import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');
const PRECOMPUTED = ['triggers/output-fields.ts', 'steps/output-fields.ts', 'triggers/samples.ts', 'payments/output-fields.ts'].map(
  (file) => path.join(ROOT, file),
);
/**
 * Modules loaded only by import(), each with what only it imports, in a chunk of its own:
 * the answer and row schemas (zod), and the money triggers' and Find Payments' logic, which
 * a cold start of any other step need not parse (docs/performance.md).
 */
const LAZY = [
  'api/records.ts',
  'payloads/payment-shapes.ts',
  'triggers/payment-poll.ts',
  'payments/hydrate.ts',
  'payments/transactions.ts',
];

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

// Chunk names carry a hash: a chunk of an earlier build would stay beside the new ones and be zipped or missed.
fs.rmSync(path.join(ROOT, 'dist'), { recursive: true, force: true });

const { metafile } = await esbuild.build({
  ...COMMON,
  entryPoints: { index: 'index.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  external: ['zapier-platform-core'],
  // Never shipped (build.zip holds only what the code imports); for local debugging with --enable-source-maps.
  sourcemap: true,
  metafile: true,
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

// A LAZY module, and all that only it imports (zod), must stay out of what a cold start
// loads: the entry file and the chunks it imports statically (code it shares with a lazy
// chunk). A static (value) import of it would pull it in and run it at every cold start.
const loadedAtStart = new Set();
const follow = (output) => {
  if (loadedAtStart.has(output)) return;
  loadedAtStart.add(output);
  for (const { path: imported, kind } of metafile.outputs[output]?.imports ?? []) {
    if (kind === 'import-statement' && metafile.outputs[imported]) follow(imported);
  }
};
follow('dist/index.js');
const startInputs = [...loadedAtStart].flatMap((output) => Object.keys(metafile.outputs[output]?.inputs ?? {}));
const eager = [
  ...LAZY.filter((file) => startInputs.includes(file)),
  ...(startInputs.some((input) => input.includes('node_modules/zod/')) ? ['zod'] : []),
];
if (eager.length) {
  console.error(
    `build failed: ${eager.join(', ')} must load lazily, yet a cold start loads it; import it only for types (import type), and its values through import() (api/http.ts loadRecords)`,
  );
  process.exit(1);
}
