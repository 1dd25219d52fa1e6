// The polling triggers' command (`npm start -- payment_received`): one check of New Payment
// or New Refund through its real perform, on the fake Sesamy offline or the real API with
// --live, printed as requests, log lines and rows.
//
// A check is Test trigger by default (meta.isLoadingSample), the first check after the Zap
// is turned on with --populate (meta.isPopulatingDedupe), or a scheduled one with --poll.
// Offline it runs on the test suite's stateful fake (offline.ts); --live only reads, so it
// needs no --yes. With --live each row's amount is shown beside its contract's price:
// Sesamy documents no unit for amounts, and the app reads them as the currency's units
// (docs/sesamy-api.md), which the first live run should confirm.
import type { Bundle, ZObject } from 'zapier-platform-core';
import { call, getContract } from '../../api/calls.ts';
import { quote, redact } from '../../api/errors.ts';
import { isMoneyTriggerKey } from '../../money-triggers.ts';
import type { JsonObject } from '../../sesamy/json.ts';
import { loadAppView, type PollingTrigger } from './app-view.ts';
import type { Options } from './args.ts';
import { type AuthData, readAuthData } from './credentials.ts';
import { errorReportOf, RunnerError, usageError } from './errors.ts';
import type { Deps, Io } from './io.ts';
import { createRuntime, type Runtime } from './recording.ts';
import { type Output, pollLines, type StepSource, sessionLines } from './render.ts';
import type { Check, PollReport, SessionReport } from './reports.ts';
import { exchangeCredentials, SessionFailure } from './session.ts';
import { checkInputKeys, readInput } from './steps.ts';

/** Whether main.ts hands the run to runPolls: a polling trigger is named, or a check only they have is asked for. */
export const wantsPolls = (options: Options): boolean => options.keys.some(isMoneyTriggerKey) || options.check !== undefined;

const META: Record<Check, JsonObject> = {
  sample: { isLoadingSample: true },
  populate: { isPopulatingDedupe: true },
  poll: {},
};

/** The polling triggers named, once the command line is known to be sound. */
const chosenPolls = (options: Options, polls: ReadonlyMap<string, PollingTrigger>): PollingTrigger[] => {
  const others = options.keys.filter((key) => !isMoneyTriggerKey(key));
  if (options.keys.length === 0)
    throw usageError(`--populate and --poll are for the polling triggers; name one (${[...polls.keys()].join(', ')})`);
  if (others.length > 0)
    throw usageError(`${others[0]} is not a polling trigger; run polling triggers, instant triggers and steps separately`);
  for (const option of ['payload', 'vendor', 'subscribe'] as const) {
    if (options[option] !== undefined) throw usageError(`--${option} is for instant triggers, not for polling triggers`);
  }
  if (options.yes) throw usageError('--yes is for actions; a polling trigger only reads');
  return options.keys.map((key) => {
    const poll = polls.get(key);
    if (!poll) throw new RunnerError(`the built app has no polling trigger ${key}; rebuild it with npm run build`, 1);
    return poll;
  });
};

/** Each row's amount beside its contract's price (at most three rows), read through the app's own call. */
const unitsOf = async (runtime: Runtime, authData: AuthData, report: PollReport): Promise<void> => {
  for (const row of report.rows.slice(0, 3)) {
    const contractId = typeof row.contractId === 'string' ? row.contractId : undefined;
    if (!contractId) continue;
    const read = await runtime.run((z: ZObject, bundle: Bundle) => call(z, bundle, 'list', getContract, { contractId }), { authData });
    report.http.push(...read.http);
    const amount = `${String(row.amount)} ${String(row.currency)}`;
    report.units.push(
      read.ok
        ? `transaction ${quote(String(row.id))}: amount ${amount}; its contract ${quote(contractId)} is priced ${String(read.result.price)} ${String(read.result.currency)}`
        : `transaction ${quote(String(row.id))}: amount ${amount}; its contract ${quote(contractId)} could not be read (${read.error.message})`,
    );
  }
};

const runPoll = async (
  runtime: Runtime,
  poll: PollingTrigger,
  check: Check,
  authData: AuthData,
  input: JsonObject,
): Promise<PollReport> => {
  const inputData = Object.fromEntries(Object.entries(input).filter(([key]) => poll.inputKeys.includes(key)));
  const report: PollReport = { key: poll.key, label: poll.label, check, input: inputData, rows: [], logs: [], http: [], units: [] };
  const recorded = await runtime.run(poll.perform, { authData: { ...authData }, inputData, meta: META[check] as Bundle['meta'] });
  report.logs.push(...recorded.logs);
  report.http.push(...recorded.http);
  if (!recorded.ok) report.error = recorded.error;
  else if (Array.isArray(recorded.result)) report.rows.push(...(recorded.result as JsonObject[]));
  return report;
};

/** Runs one check of each polling trigger named; returns the exit code, or throws a RunnerError (secrets masked) for main to print. */
export const runPolls = async (options: Options, io: Io, deps: Deps, { style, out, fail }: Output): Promise<number> => {
  let authData: AuthData | undefined;
  const mask = (text: string) => (authData ? redact({ authData }, text) : text);
  const print = (lines: readonly string[]) => out(lines.map(mask));
  const source: StepSource = options.live ? 'live' : 'offline';
  const check: Check = options.check ?? 'sample';
  let stopFake = () => {};
  try {
    const app = await loadAppView(deps.loadApp);
    const polls = chosenPolls(options, app.polls);
    const input = await readInput(options.input, io);
    checkInputKeys(polls, input);
    const runtime = createRuntime(app);

    let session: SessionReport | undefined;
    if (options.live) {
      authData = readAuthData(deps.root);
      try {
        session = await exchangeCredentials(runtime, authData);
      } catch (thrown) {
        if (thrown instanceof SessionFailure)
          print(options.json ? [JSON.stringify({ mode: source, session: thrown.report }, null, 2)] : sessionLines(thrown.report, style));
        throw thrown;
      }
      if (!options.json) print(sessionLines(session, style));
    } else {
      const fake = (await import('./offline.ts')).serveFakeSesamy();
      authData = fake.authData;
      stopFake = fake.stop;
    }

    const reports: PollReport[] = [];
    for (const poll of polls) {
      const report = await runPoll(runtime, poll, check, authData, input);
      if (options.live && !report.error) await unitsOf(runtime, authData, report);
      reports.push(report);
      if (!options.json) print(pollLines(report, poll, source, style));
    }
    if (options.json) {
      const byKey = Object.fromEntries(reports.map(({ key, ...report }) => [key, report]));
      print([JSON.stringify({ mode: source, ...(session ? { session } : {}), polls: byKey }, null, 2)]);
    }
    const failed = reports.filter((report) => report.error);
    for (const report of failed) fail(mask(`${report.key}: ${report.error?.name}: ${report.error?.message}`));
    return failed.length > 0 ? 1 : 0;
  } catch (thrown) {
    if (thrown instanceof RunnerError) throw new RunnerError(mask(thrown.message), thrown.exitCode);
    throw new Error(mask(errorReportOf(thrown).message));
  } finally {
    stopFake();
  }
};
