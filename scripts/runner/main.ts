// The hook runner: replays Sesamy deliveries through the instant triggers' real
// perform (or, with --live, performList and the subscribe round trip) and prints the
// fields a Zap would receive. `zapier-platform invoke` cannot run hook triggers.
//
// Everything goes through zapier-platform-core's app tester, so the app's middleware,
// core's output checks and z.console are the real ones. The runner only observes: it
// adds one middleware on each side that records every HTTP exchange (method, URL,
// status), and it collects z.console lines to print them with their trigger.
//
// Importing this module loads zapier-platform-core, which decides once, on load,
// whether it runs "under test" (NODE_ENV=test*): only then does it stay quiet (no
// RSSMEM lines, no console logs appended to error messages) and make its output checks
// throw. scripts/start.ts sets NODE_ENV before importing it; jest needs nothing.
import { readFile } from 'node:fs/promises';
import { STATUS_CODES } from 'node:http';
import { join } from 'node:path';
import { format, parseEnv } from 'node:util';
import zapier from 'zapier-platform-core';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { EVENTS, type EventSpec } from '../../events.ts';
import { isObject, type JsonObject } from '../../rows/json.ts';
import { parseArgs, RunnerError, USAGE, usageError } from './args.ts';
import { flattenRow, type OutputFieldView, renderFields } from './fields.ts';

// ---- Input and output ------------------------------------------------------------

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

// ---- The app, as far as the runner uses it -----------------------------------------

type Step = (z: ZObject, bundle: Bundle) => unknown;

interface HookTrigger {
  readonly key: string;
  readonly label: string;
  readonly perform: Step;
  readonly performList: Step | undefined;
  readonly performSubscribe: Step | undefined;
  readonly performUnsubscribe: Step | undefined;
  readonly sample: JsonObject | undefined;
  readonly outputFields: readonly OutputFieldView[];
}

interface AppView {
  readonly definition: JsonObject;
  readonly hooks: ReadonlyMap<string, HookTrigger>;
  readonly sessionPerform: Step | undefined;
  readonly vendorListPerform: Step | undefined;
}

const isStep = (value: unknown): value is Step => typeof value === 'function';
const stepOrUndefined = (value: unknown): Step | undefined => (isStep(value) ? value : undefined);
const objectAt = (value: unknown, key: string): JsonObject | undefined => {
  const child = isObject(value) ? value[key] : undefined;
  return isObject(child) ? child : undefined;
};

const outputFieldsOf = (value: unknown): OutputFieldView[] =>
  (Array.isArray(value) ? value : []).filter(isObject).flatMap((field) =>
    typeof field.key === 'string'
      ? [{ key: field.key, ...(typeof field.label === 'string' ? { label: field.label } : {}), ...(field.dict === true ? { dict: true } : {}) }]
      : [],
  );

const readApp = (module: unknown): AppView => {
  const definition = objectAt(module, 'default');
  const triggers = objectAt(definition, 'triggers');
  if (!definition || !triggers) throw new RunnerError('the built app (dist/index.js) exports no app definition with triggers', 1);
  const hooks = new Map<string, HookTrigger>();
  for (const [key, trigger] of Object.entries(triggers)) {
    const operation = objectAt(trigger, 'operation');
    if (!operation || operation.type !== 'hook' || !isStep(operation.perform)) continue;
    const display = objectAt(trigger, 'display');
    hooks.set(key, {
      key,
      label: typeof display?.label === 'string' ? display.label : key,
      perform: operation.perform,
      performList: stepOrUndefined(operation.performList),
      performSubscribe: stepOrUndefined(operation.performSubscribe),
      performUnsubscribe: stepOrUndefined(operation.performUnsubscribe),
      sample: isObject(operation.sample) ? operation.sample : undefined,
      outputFields: outputFieldsOf(operation.outputFields),
    });
  }
  return {
    definition,
    hooks,
    sessionPerform: stepOrUndefined(objectAt(objectAt(definition, 'authentication'), 'sessionConfig')?.perform),
    vendorListPerform: stepOrUndefined(objectAt(objectAt(triggers, 'vendor_list'), 'operation')?.perform),
  };
};

// ---- Recording HTTP exchanges and z.console lines -----------------------------------

export interface Exchange {
  readonly method: string;
  readonly url: string;
  /** Undefined when no response reached the app's middleware: core turns a 401 into a token refresh before it, and a network failure has none. */
  status?: number;
}

interface Recorder {
  readonly exchanges: Exchange[];
  readonly logs: string[];
}

const EXCHANGE = 'hookRunnerExchange';

type Middleware<T> = (value: T, z: ZObject, bundle: Bundle) => T;
const middlewaresOf = <T>(value: unknown): Middleware<T>[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (item): item is Middleware<T> => typeof item === 'function',
  );

interface RequestView {
  method?: string;
  url?: string;
  /** Core's prepareRequest moves a URL's query here; it is put back after the app's middleware. */
  params?: Record<string, unknown>;
  middlewareData?: Record<string, unknown>;
}
interface ResponseView {
  status: number;
  request?: RequestView;
}

const fullUrlOf = (request: RequestView): string => {
  const url = String(request.url ?? '');
  const params = Object.entries(request.params ?? {}).filter(([, value]) => value !== undefined && value !== null);
  if (params.length === 0) return url;
  try {
    const full = new URL(url);
    for (const [key, value] of params) full.searchParams.set(key, String(value));
    return full.toString();
  } catch {
    return url;
  }
};

/**
 * The app with one observing middleware at each end of its own: after its
 * beforeRequest (so the URL is final) and before its afterResponse (so a status the
 * error policy turns into an error is still seen). Nothing else changes.
 */
const observed = (app: AppView, recorder: () => Recorder): JsonObject => {
  const recordRequest: Middleware<RequestView> = (request) => {
    const { exchanges } = recorder();
    exchanges.push({ method: (request.method ?? 'GET').toUpperCase(), url: fullUrlOf(request) });
    request.middlewareData = { ...request.middlewareData, [EXCHANGE]: exchanges.length - 1 };
    return request;
  };
  const recordResponse: Middleware<ResponseView> = (response) => {
    const index = response.request?.middlewareData?.[EXCHANGE];
    const exchange = typeof index === 'number' ? recorder().exchanges[index] : undefined;
    if (exchange) exchange.status = response.status;
    return response;
  };
  return {
    ...app.definition,
    beforeRequest: [...middlewaresOf<RequestView>(app.definition.beforeRequest), recordRequest],
    afterResponse: [recordResponse, ...middlewaresOf<ResponseView>(app.definition.afterResponse)],
  };
};

const CONSOLE_METHODS = ['log', 'info', 'debug', 'warn', 'error'] as const;

/** Runs `work` with console output collected as log lines: z.console writes through the global console. */
const collectingConsole = async <T>(logs: string[], work: () => Promise<T>): Promise<T> => {
  const originals = CONSOLE_METHODS.map((method) => [method, console[method]] as const);
  const collect = (...args: unknown[]) => {
    logs.push(...format(...args).replace(/\n+$/, '').split('\n'));
  };
  for (const method of CONSOLE_METHODS) console[method] = collect;
  try {
    return await work();
  } finally {
    for (const [method, original] of originals) console[method] = original;
  }
};

// ---- Secrets ----------------------------------------------------------------------

/** Replaces every secret the run knows (client secret, token) wherever it would be printed. */
class Masker {
  private readonly secrets = new Set<string>();

  add(value: unknown): void {
    if (typeof value !== 'string' || value.trim().length < 4) return;
    for (const form of [value, value.trim(), JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]) this.secrets.add(form);
  }

  mask(text: string): string {
    // Longest first, so a secret containing another is replaced whole.
    return [...this.secrets].sort((a, b) => b.length - a.length).reduce((out, secret) => out.split(secret).join('•••'), text);
  }
}

// ---- Errors -----------------------------------------------------------------------

interface ErrorReport {
  readonly name: string;
  readonly message: string;
}

/** AppError and ThrottledError carry their message as JSON; the others as text. One line, always. */
const errorReportOf = (thrown: unknown): ErrorReport => {
  const error = thrown instanceof Error ? thrown : new Error(String(thrown));
  let message = error.message;
  try {
    const parsed: unknown = JSON.parse(message);
    if (isObject(parsed) && typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // a plain-text message
  }
  return { name: error.name || 'Error', message: oneLine(message) };
};

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();

// ---- Deliveries -------------------------------------------------------------------

/** A thin event names its type and carries no user object (the app's own test, rows/delivery.ts). */
const isThin = (event: unknown): boolean =>
  isObject(event) && typeof event.eventType === 'string' && event.eventType.trim() !== '' && !isObject(event.user);

const eventsOf = (delivery: unknown): unknown[] => (Array.isArray(delivery) ? delivery : [delivery]);

const firstVendorOf = (delivery: unknown): string | undefined => {
  for (const event of eventsOf(delivery)) {
    if (isObject(event) && typeof event.vendorId === 'string' && event.vendorId.trim() !== '') return event.vendorId.trim();
  }
  return undefined;
};

interface Payload {
  readonly name: string;
  readonly text: string;
  readonly delivery: unknown;
}

const readPayload = async (source: string, io: Io): Promise<Payload> => {
  const name = source === '-' ? 'on stdin' : source;
  let text: string;
  try {
    text = source === '-' ? await io.readStdin() : await readFile(source, 'utf8');
  } catch (thrown) {
    const code = isObject(thrown) ? thrown.code : undefined;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : errorReportOf(thrown).message;
    throw new RunnerError(`cannot read the payload ${name}: ${why}`, 1);
  }
  if (text.trim() === '') throw new RunnerError(`the payload ${name} is empty; it should be a JSON event or an array of events`, 1);
  try {
    return { name, text, delivery: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch (thrown) {
    throw new RunnerError(`the payload ${name} is not JSON: ${errorReportOf(thrown).message.slice(0, 160)}`, 1);
  }
};

// ---- Credentials --------------------------------------------------------------------

type AuthData = Record<string, string>;

const ENV_HINT = 'authData_clientId=…, authData_clientSecret=… and authData_environment=production|development, one per line (the .env of zapier-platform invoke)';

/** The connection's fields from .env, as `zapier-platform invoke` reads them. */
const readAuthData = async (root: string): Promise<AuthData> => {
  const path = join(root, '.env');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new RunnerError(`--live reads the Sesamy credentials from ${path}, which cannot be read; create it with ${ENV_HINT}`, 1);
  }
  const authData: AuthData = {};
  for (const [name, value] of Object.entries(parseEnv(text))) {
    if (name.startsWith('authData_') && value !== undefined) authData[name.slice('authData_'.length)] = value;
  }
  const missing = ['clientId', 'clientSecret'].filter((key) => !authData[key]?.trim());
  if (missing.length > 0) {
    throw new RunnerError(`${path} has no ${missing.map((key) => `authData_${key}`).join(' and no ')}; it needs ${ENV_HINT}`, 1);
  }
  return authData;
};

// ---- Runs -------------------------------------------------------------------------

type Source = 'sample' | 'payload' | 'live';

export interface TriggerReport {
  readonly key: string;
  readonly label: string;
  readonly eventTypes: readonly string[];
  readonly source: Source;
  readonly vendorId: string;
  readonly rows: JsonObject[];
  readonly logs: string[];
  readonly http: Exchange[];
  error?: ErrorReport;
}

interface SessionReport {
  readonly environment: string;
  readonly clientId: string;
  readonly http: Exchange[];
  readonly logs: string[];
  vendorId?: string;
  vendorNote?: string;
}

interface StepReport {
  readonly step: 'subscribe' | 'unsubscribe';
  readonly http: Exchange[];
  readonly logs: string[];
  /** What the step gave: the subscription id Zapier keeps (subscribeData.id), or that it is gone. */
  outcome?: string;
  error?: ErrorReport;
}

interface SubscribeReport {
  readonly key: string;
  readonly label: string;
  readonly vendorId: string;
  readonly targetUrl: string;
  readonly steps: StepReport[];
}

type Tester = <T>(step: (z: ZObject, bundle: Bundle) => T | Promise<T>, bundle: Partial<Bundle>) => Promise<T>;

type Recorded<T> = { readonly recorder: Recorder } & ({ readonly ok: true; readonly result: T } | { readonly ok: false; readonly thrown: unknown });

interface Runtime {
  readonly app: AppView;
  readonly tester: Tester;
  /** Collects what the next call does. */
  record<T>(work: () => Promise<T>): Promise<Recorded<T>>;
}

const createRuntime = (app: AppView): Runtime => {
  let current: Recorder = { exchanges: [], logs: [] };
  const appTester = zapier.createAppTester(observed(app, () => current));
  const tester: Tester = (step, bundle) => appTester(step, bundle);
  return {
    app,
    tester,
    async record(work) {
      const recorder: Recorder = { exchanges: [], logs: [] };
      current = recorder;
      try {
        return { ok: true, result: await collectingConsole(recorder.logs, work), recorder };
      } catch (thrown) {
        return { ok: false, thrown, recorder };
      }
    },
  };
};

const rowsOf = (key: string, result: unknown): JsonObject[] => {
  if (!Array.isArray(result) || !result.every(isObject)) {
    // Core's checks (triggerIsArray, triggerIsObject) reject this before it gets here.
    throw new RunnerError(`${key} returned something that is not a list of objects`, 1);
  }
  return result;
};

const hookOf = (app: AppView, spec: EventSpec): HookTrigger => {
  const hook = app.hooks.get(spec.key);
  if (!hook) throw new RunnerError(`the built app has no hook trigger ${spec.key}; rebuild it with npm run build`, 1);
  return hook;
};

const runTrigger = async (
  runtime: Runtime,
  spec: EventSpec,
  source: Source,
  vendorId: string,
  bundle: Partial<Bundle>,
  step: (hook: HookTrigger) => Step | undefined,
): Promise<TriggerReport> => {
  const hook = hookOf(runtime.app, spec);
  const report: TriggerReport = {
    key: spec.key,
    label: hook.label,
    eventTypes: spec.eventTypes,
    source,
    vendorId,
    rows: [],
    logs: [],
    http: [],
  };
  const fn = step(hook);
  if (!fn) {
    report.error = { name: 'RunnerError', message: `${spec.key} has no ${source === 'live' ? 'performList' : 'perform'}` };
    return report;
  }
  const recorded = await runtime.record(() => runtime.tester(fn, { ...bundle, inputData: { vendorId } }));
  report.logs.push(...recorded.recorder.logs);
  report.http.push(...recorded.recorder.exchanges);
  if (recorded.ok) report.rows.push(...rowsOf(spec.key, recorded.result));
  else report.error = errorReportOf(recorded.thrown);
  return report;
};

/** The vendor a sample row shows (Sesamy's example vendor), so the documented samples run as documented. */
const sampleVendorOf = (hook: HookTrigger): string => {
  const vendorId = hook.sample?.vendorId;
  if (typeof vendorId !== 'string' || vendorId === '') throw new RunnerError(`the sample of ${hook.key} names no vendorId`, 1);
  return vendorId;
};

/** A --live failure after the session began: what happened so far is still printed. */
class SessionFailure extends RunnerError {
  readonly report: SessionReport;

  constructor(report: SessionReport, message: string, exitCode: 1 | 2 = 1) {
    super(message, exitCode);
    this.report = report;
  }
}

const startSession = async (runtime: Runtime, authData: AuthData, masker: Masker, chosenVendor: string | undefined): Promise<SessionReport> => {
  const report: SessionReport = {
    environment: authData.environment?.trim() || 'production',
    clientId: authData.clientId?.trim() ?? '',
    http: [],
    logs: [],
  };
  const { sessionPerform, vendorListPerform } = runtime.app;
  if (!sessionPerform) throw new RunnerError('the built app has no session authentication', 1);
  const session = await runtime.record(() => runtime.tester(sessionPerform, { authData }));
  report.http.push(...session.recorder.exchanges);
  report.logs.push(...session.recorder.logs);
  if (!session.ok) throw new SessionFailure(report, `the session exchange failed: ${errorReportOf(session.thrown).message}`);
  for (const [key, value] of Object.entries(isObject(session.result) ? session.result : {})) {
    if (typeof value === 'string') {
      authData[key] = value;
      if (key === 'sessionKey') masker.add(value);
    }
  }
  if (chosenVendor !== undefined) {
    report.vendorId = chosenVendor;
    return report;
  }
  // No --vendor: the connection's only vendor, as the Vendor dropdown would list it.
  if (!vendorListPerform) throw new SessionFailure(report, 'the built app has no vendor_list trigger; pass --vendor ID', 2);
  const listed = await runtime.record(() => runtime.tester(vendorListPerform, { authData }));
  report.http.push(...listed.recorder.exchanges);
  report.logs.push(...listed.recorder.logs);
  if (!listed.ok) throw new SessionFailure(report, `listing the vendors failed: ${errorReportOf(listed.thrown).message}`);
  const vendors = (Array.isArray(listed.result) ? listed.result : []).filter(isObject).flatMap((vendor) =>
    typeof vendor.id === 'string' ? [{ id: vendor.id, name: typeof vendor.name === 'string' ? vendor.name : vendor.id }] : [],
  );
  const [only, ...others] = vendors;
  if (!only) throw new SessionFailure(report, 'this Sesamy connection has no vendors', 1);
  if (others.length > 0) {
    throw new SessionFailure(report, `this connection has ${vendors.length} vendors; choose one with --vendor ID: ${vendors.map((vendor) => vendor.id).join(', ')}`, 2);
  }
  report.vendorId = only.id;
  report.vendorNote = `the connection's only vendor (${only.name})`;
  return report;
};

const subscribeRoundTrip = async (runtime: Runtime, spec: EventSpec, authData: AuthData, vendorId: string, targetUrl: string): Promise<SubscribeReport> => {
  const hook = hookOf(runtime.app, spec);
  const report: SubscribeReport = { key: spec.key, label: hook.label, vendorId, targetUrl, steps: [] };
  const runStep = async (step: StepReport['step'], fn: Step | undefined, bundle: Partial<Bundle>) => {
    const stepReport: StepReport = { step, http: [], logs: [] };
    report.steps.push(stepReport);
    if (!fn) {
      stepReport.error = { name: 'RunnerError', message: `${spec.key} has no perform${step === 'subscribe' ? 'Subscribe' : 'Unsubscribe'}` };
      return { stepReport };
    }
    const recorded = await runtime.record(() => runtime.tester(fn, bundle));
    stepReport.http.push(...recorded.recorder.exchanges);
    stepReport.logs.push(...recorded.recorder.logs);
    if (!recorded.ok) stepReport.error = errorReportOf(recorded.thrown);
    return { stepReport, result: recorded.ok ? recorded.result : undefined };
  };
  const bundle = { authData, inputData: { vendorId }, targetUrl };
  const subscribed = await runStep('subscribe', hook.performSubscribe, bundle);
  if (subscribed.stepReport.error) return report;
  // Only the id is shown: a subscription record may hold a signing secret.
  const id = isObject(subscribed.result) ? subscribed.result.id : undefined;
  subscribed.stepReport.outcome = `subscription id ${String(id)}`;
  const unsubscribed = await runStep('unsubscribe', hook.performUnsubscribe, { ...bundle, subscribeData: { id: String(id ?? '') } });
  if (!unsubscribed.stepReport.error) unsubscribed.stepReport.outcome = 'unsubscribed';
  return report;
};

// ---- Printing -----------------------------------------------------------------------

interface Style {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly columns: number;
}

const styleFor = (writer: Writer, env: Io['env']): Style => {
  const color = Boolean(writer.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  const sgr = (open: number, close: number) => (text: string) => (color ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), columns: writer.isTTY && writer.columns ? writer.columns : 120 };
};

const statusText = (status: number | undefined): string =>
  status === undefined ? 'no answer reached the app (a connection failure, or a 401, which Zapier handles itself)' : `${status} ${STATUS_CODES[status] ?? ''}`.trim();

const exchangeLines = (exchanges: readonly Exchange[], style: Style): string[] =>
  exchanges.map(({ method, url, status }) => `  ${style.dim('http')}  ${method} ${url} → ${statusText(status)}`);

const logLines = (logs: readonly string[], style: Style): string[] => logs.map((line) => `  ${style.dim(`log   ${line}`)}`);

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

const SOURCE_TEXT: Record<Source, string> = {
  sample: 'documented sample → perform',
  payload: 'payload → perform',
  live: 'Sesamy API → performList',
};

const triggerLines = (report: TriggerReport, hook: HookTrigger, style: Style): string[] => {
  const lines = [
    style.bold(`${report.label} (${report.key})`),
    style.dim(`  ${report.eventTypes.join(', ')} · vendor ${report.vendorId} · ${SOURCE_TEXT[report.source]}${report.error ? '' : ` · ${plural(report.rows.length, 'row')}`}`),
    ...logLines(report.logs, style),
    ...exchangeLines(report.http, style),
  ];
  if (report.error) {
    lines.push(style.red(`  ✗ ${report.error.name} (message on stderr)`));
  } else if (report.rows.length === 0) {
    lines.push('  (no rows: the Zap would not run)');
  }
  report.rows.forEach((row, index) => {
    if (report.rows.length > 1) lines.push(style.dim(`  ── row ${index + 1} of ${report.rows.length}`));
    lines.push(...renderFields(flattenRow(row), hook.outputFields, { dim: style.dim, columns: style.columns }));
  });
  return [...lines, ''];
};

const sessionLines = (session: SessionReport, style: Style): string[] => [
  style.bold(`Session (${session.environment}, client ${session.clientId})`),
  ...logLines(session.logs, style),
  ...exchangeLines(session.http, style),
  ...(session.vendorId ? [`  vendor ${session.vendorId}${session.vendorNote ? ` (${session.vendorNote})` : ''}`] : []),
  '',
];

const subscribeLines = (report: SubscribeReport, style: Style): string[] => [
  style.bold(`Subscribe round trip: ${report.label} (${report.key})`),
  style.dim(`  vendor ${report.vendorId} · hook URL ${report.targetUrl}`),
  ...report.steps.flatMap((step) => [
    `  ${step.step}`,
    ...logLines(step.logs, style).map((line) => `  ${line}`),
    ...exchangeLines(step.http, style).map((line) => `  ${line}`),
    step.error ? style.red(`    ✗ ${step.error.name} (message on stderr)`) : `    ${step.outcome ?? ''}`,
  ]),
  '',
];

// ---- Main ---------------------------------------------------------------------------

const chosenSpecs = (keys: readonly string[]): EventSpec[] => {
  const valid = EVENTS.map((spec) => spec.key);
  const unknown = keys.filter((key) => !(valid as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw usageError(`unknown trigger ${JSON.stringify(unknown[0])}; valid keys: ${valid.join(', ')}`);
  }
  return keys.length === 0 ? [...EVENTS] : EVENTS.filter((spec) => keys.includes(spec.key));
};

/** Runs the command line; returns the exit code. Never throws. */
export const main = async (argv: readonly string[], io: Io, deps: Deps): Promise<number> => {
  const masker = new Masker();
  const out = (lines: readonly string[]) => io.stdout.write(masker.mask(lines.map((line) => `${line}\n`).join('')));
  const fail = (message: string) => io.stderr.write(`${masker.mask(`hook-runner: ${oneLine(message)}`)}\n`);
  const style = styleFor(io.stdout, io.env);
  try {
    const options = parseArgs(argv);
    if (options.help) {
      out([USAGE]);
      return 0;
    }
    const specs = chosenSpecs(options.keys);
    const payload = options.payload === undefined ? undefined : await readPayload(options.payload, io);
    if (payload && !options.live && eventsOf(payload.delivery).some(isThin)) {
      throw usageError(
        `the payload ${payload.name} has thin events (an eventType and ids, no user object); the app hydrates those from the Sesamy API, so run it with --live and a .env`,
      );
    }
    const authData = options.live ? await readAuthData(deps.root) : undefined;
    masker.add(authData?.clientSecret);

    let module: unknown;
    try {
      module = await deps.loadApp();
    } catch (thrown) {
      throw new RunnerError(`cannot load the built app: ${errorReportOf(thrown).message} (run npm run build)`, 1);
    }
    const runtime = createRuntime(readApp(module));

    let session: SessionReport | undefined;
    if (authData) {
      try {
        session = await startSession(runtime, authData, masker, options.vendor ?? (payload ? firstVendorOf(payload.delivery) : undefined));
      } catch (thrown) {
        if (thrown instanceof SessionFailure && !options.json) out(sessionLines(thrown.report, style));
        if (thrown instanceof SessionFailure && options.json) out([JSON.stringify({ mode: 'live', session: thrown.report }, null, 2)]);
        throw thrown;
      }
    }

    if (options.subscribe !== undefined) {
      // parseArgs made sure of --live, --vendor and one trigger key.
      const [spec] = specs;
      if (!spec || !authData || !session?.vendorId) throw usageError('--subscribe needs --live, --vendor ID and one TRIGGER_KEY');
      const report = await subscribeRoundTrip(runtime, spec, authData, session.vendorId, options.subscribe);
      out(options.json ? [JSON.stringify({ mode: 'subscribe', session, subscribe: report }, null, 2)] : [...sessionLines(session, style), ...subscribeLines(report, style)]);
      const failed = report.steps.find((step) => step.error);
      if (failed?.error) {
        fail(`${spec.key}: ${failed.step} failed: ${failed.error.name}: ${failed.error.message}`);
        return 1;
      }
      return 0;
    }

    const source: Source = payload ? 'payload' : options.live ? 'live' : 'sample';
    const reports: TriggerReport[] = [];
    if (session && !options.json) out(sessionLines(session, style));
    for (const spec of specs) {
      const hook = hookOf(runtime.app, spec);
      const vendorId = session?.vendorId ?? options.vendor ?? (payload ? firstVendorOf(payload.delivery) : undefined) ?? sampleVendorOf(hook);
      const delivery = payload ? payload.delivery : structuredClone(spec.sample);
      const bundle: Partial<Bundle> = {
        ...(authData ? { authData } : {}),
        ...(source === 'live'
          ? { meta: { isLoadingSample: true } as Bundle['meta'] }
          : {
              cleanedRequest: delivery,
              rawRequest: {
                method: 'POST',
                querystring: '',
                headers: { 'Content-Type': 'application/json' },
                content: payload ? payload.text : JSON.stringify(delivery),
              },
            }),
      };
      const report = await runTrigger(runtime, spec, source, vendorId, bundle, (trigger) => (source === 'live' ? trigger.performList : trigger.perform));
      reports.push(report);
      if (!options.json) out(triggerLines(report, hook, style));
    }
    if (options.json) {
      const triggers = Object.fromEntries(reports.map(({ key, ...report }) => [key, report]));
      out([JSON.stringify({ mode: source === 'sample' ? 'samples' : source, ...(session ? { session } : {}), triggers }, null, 2)]);
    }
    const failed = reports.filter((report) => report.error);
    for (const report of failed) fail(`${report.key}: ${report.error?.name}: ${report.error?.message}`);
    return failed.length > 0 ? 1 : 0;
  } catch (thrown) {
    if (thrown instanceof RunnerError) {
      fail(thrown.message);
      return thrown.exitCode;
    }
    fail(`unexpected failure: ${errorReportOf(thrown).message}`);
    return 1;
  }
};
