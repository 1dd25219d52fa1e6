// The hook runner's entry: parses the command line, sets up the run (payload, .env, the app, a --live session) and hands it to a command.
//
// It replays Sesamy deliveries through the instant triggers' real perform (or, with
// --live, performList and the subscribe round trip) and prints the fields a Zap would
// receive; `zapier-platform invoke` cannot run hook triggers. Everything goes through
// zapier-platform-core's app tester (recording.ts), so the app's middleware, core's
// output checks and z.console are the real ones.
//
// Importing this module loads zapier-platform-core, which decides once, on load,
// whether it runs "under test" (NODE_ENV=test*): only then does it stay quiet (no
// RSSMEM lines, no console logs appended to error messages) and make its output checks
// throw. scripts/start.ts sets NODE_ENV before importing it; jest needs nothing.
//
// The pieces: args.ts (options), io.ts, errors.ts, app-view.ts (the built app),
// recording.ts (the app tester, HTTP and log recording), payload.ts, credentials.ts
// (.env), session.ts, context.ts (what a command gets), triggers.ts and subscribe.ts
// (the commands), render.ts and fields.ts (printing); steps.ts runs searches and actions,
// polls.ts the polling triggers.
import { redact } from '../../api/errors.ts';
import { loadAppView } from './app-view.ts';
import { POLLS_USAGE, parseArgs, STEPS_USAGE, USAGE } from './args.ts';
import type { Command, RunContext } from './context.ts';
import { type AuthData, readAuthData } from './credentials.ts';
import { errorReportOf, oneLine, RunnerError, usageError } from './errors.ts';
import type { Deps, Io } from './io.ts';
import { firstVendorOf, hasThinEvents, readPayload } from './payload.ts';
import { runPolls, wantsPolls } from './polls.ts';
import { createRuntime } from './recording.ts';
import { sessionLines, styleFor } from './render.ts';
import type { SessionReport } from './reports.ts';
import { SessionFailure, startSession } from './session.ts';
import { runSteps, wantsSteps } from './steps.ts';
import { runSubscribe } from './subscribe.ts';
import { chosenSpecs, runTriggers } from './triggers.ts';

export type { Deps, Io, Writer } from './io.ts';
export type { Exchange } from './recording.ts';
export type { TriggerReport } from './reports.ts';

/** Runs the command line; returns the exit code. Never throws. */
export const main = async (argv: readonly string[], io: Io, deps: Deps): Promise<number> => {
  // Everything printed passes through the app's own redact(): the client secret, and the token once the session ran.
  let authData: AuthData | undefined;
  const mask = (text: string) => (authData ? redact({ authData }, text) : text);
  const out = (lines: readonly string[]) => io.stdout.write(mask(lines.map((line) => `${line}\n`).join('')));
  const fail = (message: string) => io.stderr.write(`${mask(`hook-runner: ${oneLine(message)}`)}\n`);
  const style = styleFor(io.stdout, io.env);
  try {
    const options = parseArgs(argv);
    if (options.help) {
      out([USAGE, '', STEPS_USAGE, '', POLLS_USAGE]);
      return 0;
    }
    // A polling trigger (New Payment, New Refund), or --populate/--poll: polls.ts sets up its own run.
    if (wantsPolls(options)) return await runPolls(options, io, deps, { style, out, fail });
    // A search or an action (a key no trigger has, or --input/--yes): steps.ts sets up its own run.
    if (wantsSteps(options)) return await runSteps(options, io, deps, { style, out, fail });
    chosenSpecs(options.keys); // an unknown key is a usage error before anything is read
    const payload = options.payload === undefined ? undefined : await readPayload(options.payload, io);
    if (payload && !options.live && hasThinEvents(payload)) {
      throw usageError(
        `the payload ${payload.name} has thin events (an eventType and ids, no user object); the app hydrates those from the Sesamy API, so run it with --live and a .env`,
      );
    }
    authData = options.live ? readAuthData(deps.root) : undefined;
    const runtime = createRuntime(await loadAppView(deps.loadApp));

    let session: SessionReport | undefined;
    if (authData) {
      try {
        session = await startSession(runtime, authData, options.vendor ?? (payload ? firstVendorOf(payload.delivery) : undefined));
      } catch (thrown) {
        if (thrown instanceof SessionFailure)
          out(options.json ? [JSON.stringify({ mode: 'live', session: thrown.report }, null, 2)] : sessionLines(thrown.report, style));
        throw thrown;
      }
    }

    const context: RunContext = { options, io, runtime, style, authData, session, payload, out, fail };
    const command: Command = options.subscribe !== undefined ? runSubscribe : runTriggers;
    return await command(context);
  } catch (thrown) {
    if (thrown instanceof RunnerError) {
      fail(thrown.message);
      return thrown.exitCode;
    }
    fail(`unexpected failure: ${errorReportOf(thrown).message}`);
    return 1;
  }
};
