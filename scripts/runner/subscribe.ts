// --subscribe: the hook subscription round trip (performSubscribe, then performUnsubscribe) for one trigger and a hook URL.
import type { Bundle } from 'zapier-platform-core';
import type { EventSpec } from '../../events.ts';
import { isObject } from '../../sesamy/json.ts';
import type { Step } from './app-view.ts';
import type { Command } from './context.ts';
import type { AuthData } from './credentials.ts';
import { usageError } from './errors.ts';
import type { Runtime } from './recording.ts';
import { sessionLines, subscribeLines } from './render.ts';
import type { SubscribeReport, SubscribeStep } from './reports.ts';
import { chosenSpecs, hookOf } from './triggers.ts';

export const subscribeRoundTrip = async (
  runtime: Runtime,
  spec: EventSpec,
  authData: AuthData,
  vendorId: string,
  targetUrl: string,
): Promise<SubscribeReport> => {
  const hook = hookOf(runtime.app, spec);
  const report: SubscribeReport = { key: spec.key, label: hook.label, vendorId, targetUrl, steps: [] };
  const runStep = async (step: SubscribeStep['step'], fn: Step | undefined, bundle: Partial<Bundle>) => {
    const stepReport: SubscribeStep = { step, http: [], logs: [] };
    report.steps.push(stepReport);
    if (!fn) {
      stepReport.error = {
        name: 'RunnerError',
        message: `${spec.key} has no perform${step === 'subscribe' ? 'Subscribe' : 'Unsubscribe'}`,
      };
      return { stepReport };
    }
    const recorded = await runtime.run(fn, bundle);
    stepReport.http.push(...recorded.http);
    stepReport.logs.push(...recorded.logs);
    if (!recorded.ok) stepReport.error = recorded.error;
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

/** --subscribe URL: the round trip for the one trigger named, printed with the session before it. */
export const runSubscribe: Command = async ({ options, runtime, style, authData, session, out, fail }) => {
  // parseArgs made sure of --live, --vendor and one trigger key.
  const [spec] = chosenSpecs(options.keys);
  if (!spec || !authData || !session?.vendorId || options.subscribe === undefined)
    throw usageError('--subscribe needs --live, --vendor ID and one TRIGGER_KEY');
  const report = await subscribeRoundTrip(runtime, spec, authData, session.vendorId, options.subscribe);
  out(
    options.json
      ? [JSON.stringify({ mode: 'subscribe', session, subscribe: report }, null, 2)]
      : [...sessionLines(session, style), ...subscribeLines(report, style)],
  );
  const failed = report.steps.find((step) => step.error);
  if (failed?.error) {
    fail(`${spec.key}: ${failed.step} failed: ${failed.error.name}: ${failed.error.message}`);
    return 1;
  }
  return 0;
};
