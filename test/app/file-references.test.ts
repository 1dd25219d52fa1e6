// Comments and docs name files to send a reader on ("the one error policy (api/errors.ts)").
// A name that points nowhere sends them nowhere: every file a comment of the code or a
// doc names must exist, in this tree or, named with its package, in a dependency.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, normalize, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const NOT_OURS = new Set(['node_modules', 'dist', 'build', '.git', 'coverage']);

/** Files that tools or readers write, which a doc may name though no checkout holds them. */
const WRITTEN_BY_TOOLS = new Set(['definition.json', 'zapierwrapper.js']);
const WRITTEN_BY_READERS = new Set(['my-delivery.json', 'thin-event.json', 'grant.json', 'input.json']);

/** This file quotes gone names on purpose, to show they are caught. */
const THIS_FILE = relative(ROOT, import.meta.filename);

const filesIn = (folder: string): string[] =>
  readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    if (NOT_OURS.has(entry.name)) return [];
    const path = join(folder, entry.name);
    return entry.isDirectory() ? filesIn(path) : [path];
  });

const FILES = filesIn('.');
const BASENAMES = new Set(FILES.map((file) => basename(file)));

/** A file name with a path or not, ending in a source or doc extension; not part of a URL, a package scope or a longer word. */
const REFERENCE = /(?<![\w@/.:-])((?:\.{1,2}\/)?[\w-][\w.-]*(?:\/[\w.-]+)*\.(?:ts|mjs|cjs|js|md|json))(?![\w/-])/g;

/** The text a reader takes for prose in a file: comments in code, everything in Markdown. */
const proseOf = (file: string, line: string): string =>
  file.endsWith('.md') ? line : (line.match(/\/\/.*$|^\s*\/?\*.*$|\/\*.*$/)?.[0] ?? '');

const exists = (from: string, reference: string): boolean => {
  if (WRITTEN_BY_TOOLS.has(basename(reference)) || WRITTEN_BY_READERS.has(reference)) return true;
  if (!reference.includes('/')) return BASENAMES.has(reference);
  const candidates = [normalize(reference), normalize(join(dirname(from), reference)), join('node_modules', reference)];
  return candidates.some((candidate) => existsSync(join(ROOT, candidate)));
};

/** Every reference that names no file, as "file:line: name". */
const brokenReferences = (): string[] =>
  FILES.filter((file) => /\.(ts|mjs|cjs|md)$/.test(file) && file !== THIS_FILE).flatMap((file) =>
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .flatMap((line, index) =>
        [...proseOf(file, line).matchAll(REFERENCE)]
          .map((match) => match[1] ?? '')
          .filter((reference) => reference !== 'Node.js' && !exists(file, reference))
          .map((reference) => `${relative('.', file)}:${index + 1}: ${reference}`),
      ),
  );

describe('file references in comments and docs', () => {
  it('name only files that exist', () => {
    expect(brokenReferences()).toEqual([]);
  });

  it('would catch a comment naming a file that is gone', () => {
    expect(exists('api/http.ts', 'client.ts')).toBe(false);
    expect(exists('docs/maintaining.md', 'rows/once.ts')).toBe(false);
    expect(exists('triggers/delivery.ts', './zap-memory.ts')).toBe(true);
    expect(exists('test/app/secrets.test.ts', 'zapier-platform-core/src/tools/create-logger.js')).toBe(true);
  });

  it('finds names in comments, not in code', () => {
    expect([...proseOf('a.ts', "import x from './gone.ts'; // see rows/once.ts").matchAll(REFERENCE)].map((m) => m[1])).toEqual([
      'rows/once.ts',
    ]);
    expect([...proseOf('a.md', 'See [it](https://example.com/x.md) and api/http.ts.').matchAll(REFERENCE)].map((m) => m[1])).toEqual([
      'api/http.ts',
    ]);
  });
});
