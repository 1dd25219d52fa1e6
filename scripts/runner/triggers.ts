// Running the instant triggers: each one's perform on a sample or payload, or performList with --live, as a TriggerReport.
import type { Bundle } from 'zapier-platform-core';
import { EVENTS, type EventSpec } from '../../events.ts';
import { isObject, type JsonObject } from '../../sesamy/json.ts';
import type { AppView, HookTrigger, Step } from './app-view.ts';
import type { Command } from './context.ts';
import { RunnerError, usageError } from './errors.ts';
import { firstVendorOf } from './payload.ts';
import type { Runtime } from './recording.ts';
import { sessionLines, triggerLines } from './render.ts';
import type { Source, TriggerReport } from './reports.ts';

/** The triggers named on the command line (all of them when none is), in the event table's order. */
export const chosenSpecs = (keys: readonly string[]): EventSpec[] => {
  const valid = EVENTS.map((spec) => spec.key);
  const unknown = keys.filter((key) => !(valid as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw usageError(`unknown trigger ${JSON.stringify(unknown[0])}; valid keys: ${valid.join(', ')}`);
  }
  return keys.length === 0 ? [...EVENTS] : EVENTS.filter((spec) => keys.includes(spec.key));
};

export const hookOf = (app: AppView, spec: EventSpec): HookTrigger => {
  const hook = app.hooks.get(spec.key);
  if (!hook) throw new RunnerError(`the built app has no hook trigger ${spec.key}; rebuild it with npm run build`, 1);
  return hook;
};

const rowsInResult = (key: string, result: unknown): JsonObject[] => {
  if (!Array.isArray(result) || !result.every(isObject)) {
    // Core's checks (triggerIsArray, triggerIsObject) reject this before it gets here.
    throw new RunnerError(`${key} returned something that is not a list of objects`, 1);
  }
  return result;
};

const runTrigger = async (
  runtime: Runtime,
  spec: EventSpec,
  source: Source,
  vendorId: string,
  bundle: Partial<Bundle>,
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
  const fn: Step | undefined = source === 'live' ? hook.performList : hook.perform;
  if (!fn) {
    report.error = { name: 'RunnerError', message: `${spec.key} has no ${source === 'live' ? 'performList' : 'perform'}` };
    return report;
  }
  const recorded = await runtime.run(fn, { ...bundle, inputData: { vendorId } });
  report.logs.push(...recorded.logs);
  report.http.push(...recorded.http);
  if (recorded.ok) report.rows.push(...rowsInResult(spec.key, recorded.result));
  else report.error = recorded.error;
  return report;
};

/** The vendor a sample row shows (Sesamy's example vendor), so the documented samples run as documented. */
const sampleVendorOf = (hook: HookTrigger): string => {
  const vendorId = hook.sample?.vendorId;
  if (typeof vendorId !== 'string' || vendorId === '') throw new RunnerError(`the sample of ${hook.key} names no vendorId`, 1);
  return vendorId;
};

/** The bundle of one trigger run: a hook delivery as Zapier hands it to perform, or performList's "load samples". */
const bundleOf = (
  source: Source,
  delivery: unknown,
  text: string | undefined,
  authData: Bundle['authData'] | undefined,
): Partial<Bundle> => ({
  ...(authData ? { authData } : {}),
  ...(source === 'live'
    ? { meta: { isLoadingSample: true } as Bundle['meta'] }
    : {
        cleanedRequest: delivery,
        rawRequest: {
          method: 'POST',
          querystring: '',
          headers: { 'Content-Type': 'application/json' },
          content: text ?? JSON.stringify(delivery),
        },
      }),
});

/** The default command: every chosen trigger on the samples, the payload, or (--live) the API's recent records. */
export const runTriggers: Command = async ({ options, runtime, style, authData, session, payload, out, fail }) => {
  const specs = chosenSpecs(options.keys);
  const source: Source = payload ? 'payload' : options.live ? 'live' : 'sample';
  const reports: TriggerReport[] = [];
  if (session && !options.json) out(sessionLines(session, style));
  for (const spec of specs) {
    const hook = hookOf(runtime.app, spec);
    const vendorId = session?.vendorId ?? options.vendor ?? (payload ? firstVendorOf(payload.delivery) : undefined) ?? sampleVendorOf(hook);
    const delivery = payload ? payload.delivery : structuredClone(spec.sample);
    const report = await runTrigger(runtime, spec, source, vendorId, bundleOf(source, delivery, payload?.text, authData));
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
};
