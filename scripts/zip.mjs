// npm run zip: makes build/build.zip and build/source.zip with zapier-platform's own
// build routine (what `zapier-platform build` runs, including its "Testing build"
// smoke test, which loads the zipped app as Zapier's runtime does), minus the one step
// that needs Zapier's servers: the remote style check. Only the npm registry is used.
//
// The CLI builds either in the app directory (--skip-dep-install: the zip then takes
// every package.json of the dev tree, ~1,700 of them) or in a temp copy of the app,
// node_modules and all, where it runs `npm install --production` (that copy opens all
// 32k files at once: EMFILE). So we make the temp copy ourselves, without node_modules,
// install the production tree from the lockfile, and build there with skipDepInstall.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

process.env.DISABLE_ZAPIER_ANALYTICS = '1';
process.env.NO_UPDATE_NOTIFIER = '1';

const require = createRequire(import.meta.url);
const cli = (file) => require(`zapier-platform-cli/src/utils/${file}`);

// The remote style check is the build's only call to Zapier: answer "no findings".
// zapier-platform-cli/src/utils/build.js picks validateApp up when it loads, so the stub goes in first.
let styleChecks = 0;
let build;
const loadBuild = () => {
  const api = cli('api.js');
  if (typeof api.validateApp !== 'function') throw new Error('zapier-platform-cli has no api.validateApp: update scripts/zip.mjs');
  api.validateApp = async () => {
    styleChecks += 1;
    const none = { total_failures: 0, results: [] };
    return { errors: none, warnings: none, suggestions: none, passes: [] };
  };
  return cli('build.js');
};

const ZIPS = ['build.zip', 'source.zip'];

/** The app's built files: dist/index.js and the chunks it loads only on a first API call (scripts/build.mjs LAZY). */
const builtFiles = (appDir) =>
  fs
    .readdirSync(path.join(appDir, 'dist'), { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.js'))
    .map((file) => path.join('dist', file));

/**
 * The CLI's "Testing build" loads the app, which never loads a lazy chunk: each built file
 * must also be in build.zip and load from it, or the first API call on Zapier would fail.
 */
const checkEveryBuiltFile = async (appDir, zipPath) => {
  const unzipped = fs.mkdtempSync(path.join(os.tmpdir(), 'zip-check-'));
  try {
    await cli('decompress.js')(zipPath, unzipped);
    for (const file of builtFiles(appDir)) {
      const inZip = path.join(unzipped, file);
      if (!fs.existsSync(inZip)) throw new Error(`build.zip lacks ${file}, which the app loads: update scripts/zip.mjs or .zapierapprc`);
      execFileSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(inZip).href)})`], {
        cwd: unzipped,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    }
  } finally {
    fs.rmSync(unzipped, { recursive: true, force: true });
  }
};

/** Zips an app whose code is already built into `<appDir>/build/`; returns the zip paths. */
export const zipApp = async (appDir, { quiet = false } = {}) => {
  const misc = cli('misc.js');
  if (!misc.isValidNodeVersion()) throw new Error(`zapier-platform needs Node 22 or later, not ${process.version}`);
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'zip-'));
  const outDir = path.join(appDir, 'build');
  const cwd = process.cwd();
  const lifecycle = process.env.npm_lifecycle_event;
  try {
    // What the CLI copies (all but zips), less what it replaces or never zips.
    const skip = new Set(['node_modules', '.git', 'build'].map((name) => path.join(appDir, name)));
    fs.cpSync(appDir, stage, { recursive: true, filter: (src) => !skip.has(src) && !src.endsWith('.zip') });
    // --omit=optional: the dev tree's minipass-fetch puts `encoding` in the lockfile as a
    // non-dev optional package; installed, it satisfies node-fetch's optional peer and
    // esbuild's file detection then ships iconv-lite (180 KB zipped) that nothing calls.
    execFileSync(
      'npm',
      ['ci', '--omit=dev', '--omit=optional', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
      {
        cwd: stage,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );

    process.chdir(stage);
    const install = misc.isValidAppInstall(); // the CLI's own pre-command check
    if (!install.valid) throw new Error(install.reason);
    // The code is built; `_zapier-build` would need devDependencies the stage lacks.
    // The CLI skips that script when it runs inside it, so say we are.
    process.env.npm_lifecycle_event = '_zapier-build';
    build ??= loadBuild();
    const before = styleChecks;
    await build.buildAndOrUpload({ build: true }, { skipDepInstall: true, checkOutdated: false, printProgress: !quiet });
    // Not called once means the CLI changed: the real check may have run, or none did.
    if (styleChecks !== before + 1) throw new Error('the style-check stub was not called once: update scripts/zip.mjs');

    await checkEveryBuiltFile(appDir, path.join(stage, 'build', 'build.zip'));
    fs.mkdirSync(outDir, { recursive: true });
    for (const zip of ZIPS) fs.copyFileSync(path.join(stage, 'build', zip), path.join(outDir, zip));
    return ZIPS.map((zip) => path.join(outDir, zip));
  } catch (error) {
    // Leave no half-made zips, nor what an in-place build would leave in the app.
    for (const zip of ZIPS) fs.rmSync(path.join(outDir, zip), { force: true });
    for (const file of ['zapierwrapper.js', 'definition.json']) fs.rmSync(path.join(appDir, file), { force: true });
    throw error;
  } finally {
    process.chdir(cwd);
    if (lifecycle === undefined) delete process.env.npm_lifecycle_event;
    else process.env.npm_lifecycle_event = lifecycle;
    fs.rmSync(stage, { recursive: true, force: true });
  }
};

const main = async () => {
  const appDir = path.resolve(import.meta.dirname, '..');
  const started = Date.now();
  try {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: appDir, stdio: 'inherit' });
  } catch {
    throw new Error('npm run build failed (see above)');
  }
  for (const zip of await zipApp(appDir)) console.log(`${path.relative(appDir, zip)}: ${fs.statSync(zip).size} bytes`);
  console.log(`zip: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
};

if (process.argv[1] === import.meta.filename) {
  main().catch((error) => {
    console.error(`zip failed: ${String(error?.message ?? error).split('\n')[0]}`);
    process.exit(1);
  });
}
