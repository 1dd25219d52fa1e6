// What every command of the runner gets once main has set up the run: options, the app's runtime, the --live session, output.
//
// A command (triggers.ts, subscribe.ts) is a function of this context that prints its
// report and returns the exit code. A new kind of run (a search or a create, say) is a
// new module with such a function, a branch in main.ts, and its options in args.ts.
import type { Options } from './args.ts';
import type { AuthData } from './credentials.ts';
import type { Io } from './io.ts';
import type { Payload } from './payload.ts';
import type { Runtime } from './recording.ts';
import type { Style } from './render.ts';
import type { SessionReport } from './reports.ts';

export interface RunContext {
  readonly options: Options;
  readonly io: Io;
  readonly runtime: Runtime;
  readonly style: Style;
  /** --live only: the connection's fields, with the session's token once it ran. */
  readonly authData: AuthData | undefined;
  /** --live only: the session exchange, and the vendor it settled on. */
  readonly session: SessionReport | undefined;
  readonly payload: Payload | undefined;
  /** Writes lines to stdout, secrets masked. */
  readonly out: (lines: readonly string[]) => void;
  /** Writes one line to stderr, secrets masked. */
  readonly fail: (message: string) => void;
}

export type Command = (context: RunContext) => Promise<number>;
