// The Sesamy integration for Zapier: instant triggers for Sesamy's events, and searches
// and actions on readers and their access, on one authenticated client.
// Zapier loads this module (compiled to dist/index.js).
import type { Bundle, ZObject } from 'zapier-platform-core';
import { defineApp, version as platformVersion } from 'zapier-platform-core';
import { applyErrorPolicy, contextFree } from './api/errors.ts';
import authentication, { addBearerToken } from './authentication.ts';
import creates from './creates/index.ts';
import dropdowns from './dropdowns/index.ts';
import packageJson from './package.json' with { type: 'json' };
import searches, { searchOrCreates } from './searches/index.ts';
import triggers from './triggers/index.ts';

type AppFunction = (z: ZObject, bundle: Bundle) => unknown;

const wrap = (value: unknown): unknown => (typeof value === 'function' ? contextFree(value as AppFunction) : value);

/** An object with each function among its values, and in its lists' items (dynamic fields), wrapped. */
const withFunctionsWrapped = <T extends object>(object: T): T =>
  Object.fromEntries(Object.entries(object).map(([key, value]) => [key, Array.isArray(value) ? value.map(wrap) : wrap(value)])) as T;

/** Triggers, searches or creates by key, each operation's functions wrapped. */
const withOperationsWrapped = <T extends Record<string, { operation: object }>>(declarations: T): T =>
  Object.fromEntries(
    Object.entries(declarations).map(([key, declaration]) => [
      key,
      { ...declaration, operation: withFunctionsWrapped(declaration.operation) },
    ]),
  ) as T;

// Every function Zapier calls (performs, the connection's test, label and token exchange) is
// wrapped by contextFree (api/errors.ts): no error reaches Zapier with core's context
// (the bundle, with the delivery and the hook URL) appended. The middlewares run inside
// z.request, whose errors the app already turns into its own.
export default defineApp({
  version: packageJson.version,
  platformVersion,
  authentication: {
    ...withFunctionsWrapped(authentication),
    sessionConfig: withFunctionsWrapped(authentication.sessionConfig),
  },
  flags: {
    // Let the error policy see 429s too, so one policy words every failure (api/errors.ts).
    throwForThrottlingEarly: false,
  },
  beforeRequest: [addBearerToken],
  afterResponse: [applyErrorPolicy],
  triggers: withOperationsWrapped({ ...triggers, ...dropdowns }),
  creates: withOperationsWrapped(creates),
  searches: withOperationsWrapped(searches),
  searchOrCreates,
});
