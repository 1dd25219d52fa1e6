// Runs the app's steps through zapier-platform-core's app tester, recording each HTTP exchange and z.console line.
//
// The runner only observes: it adds one middleware on each side of the app's own that
// records every HTTP exchange (method, URL, status), and it collects z.console lines
// (which core writes through the global console) to print them with their step.
import { format } from 'node:util';
import type { Bundle, ZObject } from 'zapier-platform-core';
import zapier from 'zapier-platform-core';
import type { JsonObject } from '../../sesamy/json.ts';
import type { AppView } from './app-view.ts';
import { type ErrorReport, errorReportOf } from './errors.ts';

export interface Exchange {
  readonly method: string;
  readonly url: string;
  /** Undefined when no response reached the app's middleware: core turns a 401 into a token refresh before it, and a network failure has none. */
  status?: number;
  /** The body as sent (after the app's beforeRequest), when the runtime records bodies (searches and actions: steps.ts). */
  body?: string;
  contentType?: string;
}

interface Recorder {
  readonly exchanges: Exchange[];
  readonly logs: string[];
}

const EXCHANGE = 'hookRunnerExchange';

type Middleware<T> = (value: T, z: ZObject, bundle: Bundle) => T;
const middlewaresOf = <T>(value: unknown): Middleware<T>[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((item): item is Middleware<T> => typeof item === 'function');

interface RequestView {
  method?: string;
  url?: string;
  /** Core's prepareRequest moves a URL's query here; it is put back after the app's middleware. */
  params?: Record<string, unknown>;
  body?: unknown;
  headers?: Record<string, unknown>;
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
const observed = (app: AppView, recorder: () => Recorder, bodies: boolean): JsonObject => {
  const recordRequest: Middleware<RequestView> = (request) => {
    const { exchanges } = recorder();
    const contentType = Object.entries(request.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
    const body =
      bodies && typeof request.body === 'string' && request.body !== ''
        ? { body: request.body, contentType: String(contentType ?? '') }
        : {};
    exchanges.push({ method: (request.method ?? 'GET').toUpperCase(), url: fullUrlOf(request), ...body });
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
    logs.push(
      ...format(...args)
        .replace(/\n+$/, '')
        .split('\n'),
    );
  };
  for (const method of CONSOLE_METHODS) console[method] = collect;
  try {
    return await work();
  } finally {
    for (const [method, original] of originals) console[method] = original;
  }
};

/** What one step did: its HTTP exchanges and log lines, then its result or its error. */
export type Recorded<T> = { readonly http: Exchange[]; readonly logs: string[] } & (
  | { readonly ok: true; readonly result: T }
  | { readonly ok: false; readonly thrown: unknown; readonly error: ErrorReport }
);

export interface Runtime {
  readonly app: AppView;
  /** Runs one of the app's functions with this bundle, as Zapier would, and records what it did. */
  run<T>(step: (z: ZObject, bundle: Bundle) => T | Promise<T>, bundle: Partial<Bundle>): Promise<Recorded<T>>;
}

/** `bodies`: also record each request's body (core's prepareRequest has made it text by then). */
export const createRuntime = (app: AppView, { bodies = false }: { bodies?: boolean } = {}): Runtime => {
  let current: Recorder = { exchanges: [], logs: [] };
  const appTester = zapier.createAppTester(observed(app, () => current, bodies));
  return {
    app,
    async run(step, bundle) {
      const recorder: Recorder = { exchanges: [], logs: [] };
      current = recorder;
      const { exchanges: http, logs } = recorder;
      try {
        return { ok: true, result: await collectingConsole(logs, () => appTester(step, bundle)), http, logs };
      } catch (thrown) {
        return { ok: false, thrown, error: errorReportOf(thrown), http, logs };
      }
    },
  };
};
