// Generated inputs at every action (fuzz-inputs.ts says what is generated).
//
// The property: a run either returns the record (a plain object with an id) after
// requests whose bodies match Sesamy's types (the zod mirrors of sdk-schemas.ts,
// equal to @sesamy/sdk's types), or throws a Zapier error with a clear message, no secret,
// and no write sent before it. Never a TypeError or any other JavaScript error, never a
// hang, never a write to an endpoint Sesamy does not have.
//
// Speed: an HTTP request through nock costs milliseconds (tens on a busy machine), so the
// bulk runs give perform a real `z` from core's app tester whose `request` hands the
// request to the stateful fake in-process, through the app's own beforeRequest and
// afterResponse middleware (bearer token, error policy) and core's status check. A
// smaller run sends the same cases through the full app tester and nock, and must give
// the same outcome and the same requests, so the shortcut cannot drift from the real path.
import { isDeepStrictEqual } from 'node:util';
import { jest } from '@jest/globals';
import fc from 'fast-check';
import nock from 'nock';
import type { Bundle, HttpRequestOptions, ZObject } from 'zapier-platform-core';
import { ACCESS_TOKEN, authData, CLIENT_SECRET } from '../../scripts/fake-sesamy/account.ts';
import { create, type FakeSesamy, freshSesamy, type SeenRequest, serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import type { JsonObject } from '../../sesamy/json.ts';
import { type InputFieldSpec, inputsFor } from './fuzz-inputs.ts';
import { writeTallies } from './fuzz-tallies.ts';
import { App, appTester, type CreateKey, createOperation, errors, messageOf } from './harness.ts';
import { bodyProblem } from './request-bodies.ts';

export const RUNS_PER_ACTION = Number(process.env.FUZZ_RUNS ?? 10_000);
/** Cases per action sent both ways, to prove the in-process path gives what the real one gives. */
export const APP_TESTER_RUNS_PER_ACTION = 12;
export const HANG_MS = 10_000;
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);

const ZAPIER_ERRORS = [errors.HaltedError, errors.Error, errors.ThrottledError, errors.ExpiredAuthError, errors.RefreshAuthError];

type Step = (z: ZObject, bundle: Bundle) => Promise<unknown>;
type Middleware<T> = (value: T, z: ZObject, bundle: Bundle) => T | Promise<T>;
type Request = HttpRequestOptions & { url: string; method?: string; headers?: Record<string, string>; body?: unknown; json?: unknown };

/** The response core's z.request gives, as far as the app reads it (api/http.ts, api/errors.ts). */
interface FakeResponse {
  status: number;
  content: string;
  data: unknown;
  json: unknown;
  request: Request;
  skipThrowForStatus: boolean;
  getHeader: (name: string) => string | undefined;
}

/** The status the fake answered each in-process request with. */
const statusOf = new WeakMap<SeenRequest, number>();

/** Writes Sesamy accepted: a refused one (a 404 for a user that is not there) changed nothing. */
const acceptedWrites = (fake: FakeSesamy): SeenRequest[] => fake.writes().filter((write) => (statusOf.get(write) ?? 200) < 400);

const middlewares = <T>(list: unknown): Middleware<T>[] => (Array.isArray(list) ? (list as Middleware<T>[]) : []);

/** What answers a request in process: the stateful fake's handler, or a generated account (fuzz-payments.ts). */
export interface InProcessSesamy {
  readonly requests: SeenRequest[];
  answer(method: string, url: URL, body: unknown): readonly [number, unknown?];
}

/** A `z` whose requests are answered by `sesamy` without HTTP, through the app's middleware. */
export const inProcessZ = (base: ZObject, sesamy: () => InProcessSesamy): ZObject => {
  const z = { ...base } as ZObject;
  const request = async (options: Request): Promise<FakeResponse> => {
    if (typeof options !== 'object') throw new Error('the fuzz z.request takes an options object, as api/http.ts sends');
    const bundle = { authData } as unknown as Bundle;
    let sent: Request = { ...options, headers: { ...options.headers } };
    for (const before of middlewares<Request>(App.beforeRequest)) sent = await before(sent, z, bundle);
    const url = new URL(sent.url);
    const method = (sent.method ?? 'GET').toUpperCase();
    const json = sent.json !== undefined;
    // What Sesamy would receive: JSON as serialized (undefined dropped), or the text as sent.
    const body: unknown = json ? JSON.parse(JSON.stringify(sent.json)) : sent.body;
    const contentType = json ? 'application/json; charset=utf-8' : sent.headers?.['Content-Type'];
    const state = sesamy();
    const seen: SeenRequest = {
      method,
      path: `${url.pathname}${url.search}`,
      ...(body !== undefined && contentType ? { contentType } : {}),
      ...(body !== undefined ? { body } : {}),
    };
    state.requests.push(seen);
    const authorized = sent.headers?.Authorization === `Bearer ${ACCESS_TOKEN}` && url.origin === 'https://api2.sesamy.com';
    const [status, data] = authorized ? state.answer(method, url, body) : [401, { error: { code: 'UNAUTHORIZED' } }];
    statusOf.set(seen, status);
    const content = data === undefined ? '' : JSON.stringify(data);
    const parsed: unknown = content === '' ? undefined : JSON.parse(content);
    let response: FakeResponse = {
      status,
      content,
      data: parsed,
      json: parsed,
      request: sent,
      skipThrowForStatus: false,
      getHeader: () => undefined,
    };
    for (const after of middlewares<FakeResponse>(App.afterResponse)) response = await after(response, z, bundle);
    if (response.status >= 400 && !response.skipThrowForStatus) throw new errors.ResponseError(response as never);
    return response;
  };
  return Object.assign(z, { request: request as unknown as ZObject['request'] });
};

/** What one run came to, comparable between the two paths. */
export type Outcome = { row: unknown } | { error: unknown } | 'hung';

export const outcomeOf = async (run: () => Promise<unknown>): Promise<Outcome> => {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), HANG_MS);
  });
  return Promise.race([
    run().then(
      (row) => ({ row }),
      (error: unknown) => ({ error }),
    ),
    hung,
  ]).finally(() => clearTimeout(timer));
};

const shown = (value: unknown): string => {
  const text = JSON.stringify(value, (_, v: unknown) => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 40)}…(${v.length})` : v));
  return text === undefined ? String(value) : text.slice(0, 600);
};

/** What is wrong with a run's outcome and the requests it sent, or undefined when the property holds. */
export const violation = (outcome: Outcome, fake: FakeSesamy): string | undefined => {
  if (outcome === 'hung') return `perform did not settle within ${HANG_MS} ms`;
  // Every write matches Sesamy's types, whether or not Sesamy then accepted it.
  for (const write of fake.writes()) {
    const problem = bodyProblem(write);
    if (problem) return `${write.method} ${write.path}: ${problem}`;
  }
  const writes = acceptedWrites(fake);
  if ('error' in outcome) {
    const { error } = outcome;
    if (!(error instanceof Error)) return `threw a non-error: ${shown(error)}`;
    if (!ZAPIER_ERRORS.some((kind) => error instanceof kind)) return `threw ${error.name}: ${error.message}\n${error.stack ?? ''}`;
    const message = messageOf(error);
    if (!/^[A-Z“"].{20,}[.)]$/s.test(message) || message.length > 600) return `unclear message: ${message}`;
    if (`${error.message}${error.stack ?? ''}`.includes(CLIENT_SECRET) || error.message.includes(ACCESS_TOKEN))
      return 'a secret in an error';
    if (writes.length > 0)
      return `failed after Sesamy accepted ${shown(writes.map((write) => `${write.method} ${write.path}`))} (${message})`;
    return undefined;
  }
  const { row } = outcome;
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return `returned ${shown(row)}, not one record`;
  if (typeof (row as JsonObject).id !== 'string' || (row as JsonObject).id === '') return `returned a record without an id: ${shown(row)}`;
  return undefined;
};

interface Tally {
  cases: number;
  records: number;
  errors: number;
  writes: number;
}

/** Declares the fuzz runs for these actions in the calling test file. */
export const fuzzActions = (keys: readonly CreateKey[]): void => {
  let z: ZObject;
  let fake = freshSesamy();
  const tallies: Record<string, Tally> = {};

  beforeAll(async () => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
    await appTester(
      async (captured: ZObject) => {
        z = inProcessZ(captured, () => ({ requests: fake.requests, answer: (method, url, body) => create(fake)(method, url, body) }));
        return {};
      },
      { authData: { ...authData } },
    );
  });

  afterAll(() => {
    jest.restoreAllMocks();
    // Printed once, above jest's summary, by test/support/fuzz-reporter.mjs.
    const lines = Object.fromEntries(
      Object.entries(tallies).map(([key, t]) => [
        key,
        `${t.cases} cases, ${t.records} records returned, ${t.errors} Zapier errors, ${t.writes} with writes (all bodies valid)`,
      ]),
    );
    writeTallies('Fuzz run: generated inputs per action, and what it made of them', SEED, lines);
  });

  const casesOf = (key: CreateKey) => inputsFor(createOperation(key).inputFields as readonly InputFieldSpec[]);
  const perform = (key: CreateKey): Step => createOperation(key).perform as Step;
  const bundleOf = (inputData: Record<string, unknown>) => ({ authData: { ...authData }, inputData, meta: {} }) as unknown as Bundle;

  describe(`the in-process path gives what the full app tester gives, on ${APP_TESTER_RUNS_PER_ACTION} generated inputs per action`, () => {
    it.each(keys.map((key) => [key]))(
      '%s',
      async (key) => {
        const samples = fc.sample(casesOf(key), { numRuns: APP_TESTER_RUNS_PER_ACTION, seed: SEED });
        for (const inputs of samples) {
          nock.cleanAll(); // a fresh fake account per case, as the in-process path gets
          const served = serveSesamy();
          const viaAppTester = await outcomeOf(() => appTester(perform(key), bundleOf(inputs)));
          fake = freshSesamy();
          const inProcess = await outcomeOf(() => perform(key)({ ...z }, bundleOf(inputs)));
          const summary = (outcome: Outcome) =>
            outcome === 'hung'
              ? outcome
              : 'row' in outcome
                ? outcome
                : { error: `${(outcome.error as Error).name}: ${messageOf(outcome.error as Error)}` };
          // Compared here, reported shortened: a case may carry a 1 MB string.
          const same = isDeepStrictEqual([summary(inProcess), fake.requests], [summary(viaAppTester), served.requests]);
          if (!same)
            throw new Error(
              `${key}: in process ${shown([summary(inProcess), fake.requests])}\n  via the app tester ${shown([summary(viaAppTester), served.requests])}`,
            );
        }
      },
      120_000,
    );
  });

  describe(`perform survives ${RUNS_PER_ACTION} generated inputs per action`, () => {
    it.each(keys.map((key) => [key]))(
      '%s',
      async (key) => {
        const tally: Tally = { cases: 0, records: 0, errors: 0, writes: 0 };
        const details = await fc.check(
          fc.asyncProperty(casesOf(key), async (inputs) => {
            fake = freshSesamy();
            tally.cases += 1;
            const outcome = await outcomeOf(() => perform(key)({ ...z }, bundleOf(inputs)));
            if (outcome !== 'hung' && 'row' in outcome) tally.records += 1;
            else tally.errors += 1;
            if (fake.writes().length > 0) tally.writes += 1;
            const problem = violation(outcome, fake);
            if (problem) throw new Error(`${key}: ${problem}`);
          }),
          { numRuns: RUNS_PER_ACTION, seed: SEED, endOnFailure: true },
        );
        // fast-check's own report would print a 1 MB input in full: this one shortens long strings.
        if (details.failed) {
          const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
          throw new Error(
            `${cause}\n  inputs: ${shown(details.counterexample)}\n  (seed ${SEED}, path ${details.counterexamplePath ?? ''})`,
          );
        }
        tallies[key] = tally;
        expect(tally.cases).toBe(RUNS_PER_ACTION);
        // The generators reach both outcomes, each in at least 5% of the cases.
        for (const outcome of ['records', 'errors'] as const)
          expect([outcome, tally[outcome] >= RUNS_PER_ACTION / 20]).toEqual([outcome, true]);
      },
      60_000 + RUNS_PER_ACTION * 20,
    ); // ~1 ms a case on an idle machine, several under load
  });
};
