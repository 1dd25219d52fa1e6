// `npm start`: the hook runner (scripts/runner/main.ts) on the built app, dist/index.js.
//
// zapier-platform-core reads NODE_ENV once, when it loads: under "test" it prints no
// RSSMEM/ZID lines and appends no console logs to error messages, and its output
// checks throw as they do in tests and `zapier-platform invoke`. So NODE_ENV is set
// here, before the runner (and with it core) is imported.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

if (!(process.env.NODE_ENV ?? '').startsWith('test')) process.env.NODE_ENV = 'test';

const root = fileURLToPath(new URL('..', import.meta.url));
// npm runs scripts in the package root; a --payload path is meant from where `npm start` was typed.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
const appPath = fileURLToPath(new URL('../dist/index.js', import.meta.url));

const readStdin = async (): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
};

const { main } = await import('./runner/main.ts');
process.exitCode = await main(
  process.argv.slice(2),
  { stdout: process.stdout, stderr: process.stderr, readStdin, env: process.env },
  {
    root,
    loadApp: async () => {
      if (!existsSync(appPath)) throw new Error(`${appPath} does not exist`);
      return (await import(pathToFileURL(appPath).href)) as unknown;
    },
  },
);
