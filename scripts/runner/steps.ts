// The searches-and-actions command (`npm start -- find_user --input '{…}'`): each step's perform on the fake Sesamy offline, or the real API with --live, printed as requests and rows.
//
// A step is a search or a create of the built app (definition.searches, .creates), run
// through the app tester like a trigger (recording.ts, on a runtime that also records
// request bodies), with `{ authData, inputData }` as Zapier gives it. It sets up its own
// run, because it needs neither a payload nor a vendor: offline, the test suite's
// stateful fake (offline.ts) and its fixture connection; with --live, .env and the
// session exchange. Everything printed passes through the app's redact().
import { redact } from '../../api/errors.ts';
import { EVENTS } from '../../events.ts';
import { MONEY_TRIGGERS } from '../../money-triggers.ts';
import { isObject, type JsonObject } from '../../sesamy/json.ts';
import {
  type AppView,
  inputKeysOf,
  isStep,
  labelOf,
  loadAppView,
  objectAt,
  outputFieldsOf,
  type StepOperation,
  type StepType,
} from './app-view.ts';
import type { Options } from './args.ts';
import { type AuthData, readAuthData } from './credentials.ts';
import { errorReportOf, RunnerError, usageError } from './errors.ts';
import type { Deps, Io } from './io.ts';
import { readJsonSource } from './payload.ts';
import { createRuntime, type Runtime } from './recording.ts';
import { type Output, type StepSource, sessionLines, stepLines } from './render.ts';
import type { SessionReport, StepReport } from './reports.ts';
import { exchangeCredentials, SessionFailure } from './session.ts';

const TRIGGER_KEYS: readonly string[] = [...EVENTS, ...MONEY_TRIGGERS].map((spec) => spec.key);
const INPUT_EXAMPLE = '{"email":"ada@example.com"}';

const operationsOf = (app: AppView, kind: StepType): StepOperation[] =>
  Object.entries(objectAt(app.definition, kind === 'search' ? 'searches' : 'creates') ?? {}).flatMap(([key, entry]) => {
    const operation = objectAt(entry, 'operation');
    if (!operation || !isStep(operation.perform)) return [];
    const inputKeys = inputKeysOf(operation.inputFields);
    return [
      {
        key,
        kind,
        label: labelOf(entry, key),
        perform: operation.perform,
        inputKeys,
        outputFields: outputFieldsOf(operation.outputFields),
      },
    ];
  });

/** Whether main.ts hands the run to runSteps: a key that is no instant trigger's, or an option only steps take. */
export const wantsSteps = (options: Options): boolean =>
  options.input !== undefined || options.yes || options.keys.some((key) => !TRIGGER_KEYS.includes(key));

/** The steps named, in the order given (a key twice runs twice), once the command line is known to be sound. */
export const chosenSteps = (options: Options, app: AppView): StepOperation[] => {
  const all = [...operationsOf(app, 'search'), ...operationsOf(app, 'action')];
  const byKey = new Map(all.map((step) => [step.key, step]));
  const keys = (kind: StepType) =>
    all
      .filter((step) => step.kind === kind)
      .map((step) => step.key)
      .join(', ');
  const stepKeys = `searches: ${keys('search')}; actions: ${keys('action')}`;
  const steps = options.keys.flatMap((key) => byKey.get(key) ?? []);
  const unknown = options.keys.find((key) => !byKey.has(key) && !TRIGGER_KEYS.includes(key));
  if (unknown !== undefined) {
    // Without a step in sight, the key was meant for a trigger: the trigger runner's message, with the steps after it.
    const asStep = steps.length > 0 || options.input !== undefined || options.yes;
    throw usageError(
      asStep
        ? `unknown search or action ${JSON.stringify(unknown)}; ${stepKeys}`
        : `unknown trigger ${JSON.stringify(unknown)}; valid keys: ${TRIGGER_KEYS.join(', ')}; ${stepKeys}`,
    );
  }
  const trigger = options.keys.find((key) => TRIGGER_KEYS.includes(key));
  if (steps.length === 0) throw usageError(`--input and --yes are for searches and actions; name one (${stepKeys})`);
  if (trigger !== undefined) throw usageError(`${trigger} is a trigger; run triggers and searches or actions separately`);
  for (const option of ['payload', 'vendor', 'subscribe'] as const) {
    if (options[option] !== undefined) throw usageError(`--${option} is for triggers, not for searches and actions`);
  }
  if (options.yes && !options.live)
    throw usageError('--yes lets a --live run write to Sesamy; offline, actions write to the fake and need no --yes');
  const write = steps.find((step) => step.kind === 'action');
  if (options.live && write && !options.yes) {
    throw usageError(
      `${write.key} writes to the Sesamy account of .env: add --yes to run it with --live, or leave out --live to run it on the fake`,
    );
  }
  return steps;
};

/** --input: inline JSON (it starts with `{` or `[`), a file, or `-` for stdin. */
export const readInput = async (source: string | undefined, io: Io): Promise<JsonObject> => {
  if (source === undefined) return {};
  let value: unknown;
  if (/^\s*[[{]/.test(source)) {
    try {
      value = JSON.parse(source);
    } catch (thrown) {
      throw usageError(`--input is not JSON (${errorReportOf(thrown).message}); give an object of input fields, such as ${INPUT_EXAMPLE}`);
    }
  } else {
    value = (await readJsonSource(source, io, 'the input', 'a JSON object of input fields')).value;
  }
  if (!isObject(value)) throw usageError(`--input must be a JSON object of input fields, such as ${INPUT_EXAMPLE}`);
  return value;
};

/** A field no chosen step (or polling trigger) declares is a typo: Zapier would never send it. */
export const checkInputKeys = (steps: readonly Pick<StepOperation, 'key' | 'inputKeys'>[], input: JsonObject): void => {
  const declared = [...new Set(steps.flatMap((step) => step.inputKeys))];
  const stray = Object.keys(input).find((key) => !declared.includes(key));
  if (stray === undefined) return;
  const named = [...new Set(steps.map((step) => step.key))].join(', ');
  throw usageError(
    `${named} ${named.includes(',') ? 'have' : 'has'} no input field ${JSON.stringify(stray)}; input fields: ${declared.join(', ')}`,
  );
};

const runStep = async (runtime: Runtime, step: StepOperation, authData: AuthData, input: JsonObject): Promise<StepReport> => {
  const inputData = Object.fromEntries(Object.entries(input).filter(([key]) => step.inputKeys.includes(key)));
  const report: StepReport = { key: step.key, kind: step.kind, label: step.label, input: inputData, rows: [], logs: [], http: [] };
  const recorded = await runtime.run(step.perform, { authData: { ...authData }, inputData });
  report.logs.push(...recorded.logs);
  report.http.push(...recorded.http);
  if (!recorded.ok) {
    report.error = recorded.error;
    return report;
  }
  // Core's checks (searchIsArray, createIsObject) reject anything else before it gets here.
  const rows: unknown = step.kind === 'search' ? recorded.result : [recorded.result];
  if (Array.isArray(rows) && rows.every(isObject)) report.rows.push(...rows);
  else
    report.error = {
      name: 'RunnerError',
      message: `${step.key} returned something that is not ${step.kind === 'search' ? 'a list of objects' : 'an object'}`,
    };
  return report;
};

/** Runs the steps named on the command line; returns the exit code, or throws a RunnerError (secrets masked) for main to print. */
export const runSteps = async (options: Options, io: Io, deps: Deps, { style, out, fail }: Output): Promise<number> => {
  let authData: AuthData | undefined;
  const mask = (text: string) => (authData ? redact({ authData }, text) : text);
  const print = (lines: readonly string[]) => out(lines.map(mask));
  const source: StepSource = options.live ? 'live' : 'offline';
  let stopFake = () => {};
  try {
    const app = await loadAppView(deps.loadApp);
    const steps = chosenSteps(options, app);
    const input = await readInput(options.input, io);
    checkInputKeys(steps, input);
    const runtime = createRuntime(app, { bodies: true });

    let session: SessionReport | undefined;
    if (options.live) {
      authData = readAuthData(deps.root);
      try {
        // On a runtime that records no bodies: the token request's body is the client secret.
        session = await exchangeCredentials(createRuntime(app), authData);
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

    const reports: StepReport[] = [];
    for (const step of steps) {
      const report = await runStep(runtime, step, authData, input);
      reports.push(report);
      if (!options.json) print(stepLines(report, step, source, style));
      if (report.error) break; // as in a Zap: the steps after a failed one do not run
    }
    if (options.json) print([JSON.stringify({ mode: source, ...(session ? { session } : {}), steps: reports }, null, 2)]);
    const failed = reports.find((report) => report.error);
    if (failed?.error) {
      fail(mask(`${failed.key}: ${failed.error.name}: ${failed.error.message}`));
      return 1;
    }
    return 0;
  } catch (thrown) {
    if (thrown instanceof RunnerError) throw new RunnerError(mask(thrown.message), thrown.exitCode);
    throw new Error(mask(errorReportOf(thrown).message));
  } finally {
    stopFake();
  }
};
