// What the runner is given: where it writes and reads (Io), and where the project and the built app are (Deps).

export interface Writer {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface Io {
  readonly stdout: Writer;
  readonly stderr: Writer;
  /** All of stdin, for `--payload -`. */
  readonly readStdin: () => Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface Deps {
  /** The project root: where .env is read from, and relative payload paths are resolved against the working directory. */
  readonly root: string;
  /** The app module (dist/index.js); its default export is the app definition. */
  readonly loadApp: () => Promise<unknown>;
}
