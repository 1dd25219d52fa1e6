// What each command of the runner reports, in one place: the commands fill these in,
// render.ts prints them for people, and --json prints them as they are.
import type { JsonObject } from '../../sesamy/json.ts';
import type { StepType } from './app-view.ts';
import type { ErrorReport } from './errors.ts';
import type { Exchange } from './recording.ts';

/** --live: the session exchange and the vendor it settled on. */
export interface SessionReport {
  readonly environment: string;
  readonly clientId: string;
  readonly http: Exchange[];
  readonly logs: string[];
  vendorId?: string;
  vendorNote?: string;
}

/** Where a trigger's rows came from. */
export type Source = 'sample' | 'payload' | 'live';

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

/** One half of the --subscribe round trip. */
export interface SubscribeStep {
  readonly step: 'subscribe' | 'unsubscribe';
  readonly http: Exchange[];
  readonly logs: string[];
  /** What the step gave: the subscription id Zapier keeps (subscribeData.id), or that it is gone. */
  outcome?: string;
  error?: ErrorReport;
}

export interface SubscribeReport {
  readonly key: string;
  readonly label: string;
  readonly vendorId: string;
  readonly targetUrl: string;
  readonly steps: SubscribeStep[];
}

export interface StepReport {
  readonly key: string;
  readonly kind: StepType;
  readonly label: string;
  readonly input: JsonObject;
  readonly rows: JsonObject[];
  readonly logs: string[];
  readonly http: Exchange[];
  error?: ErrorReport;
}

/** Which check of a polling trigger ran: Test trigger, the first after the Zap is turned on, or a scheduled one. */
export type Check = 'sample' | 'populate' | 'poll';

export interface PollReport {
  readonly key: string;
  readonly label: string;
  readonly check: Check;
  readonly input: JsonObject;
  readonly rows: JsonObject[];
  readonly logs: string[];
  readonly http: Exchange[];
  /** --live: each row's amount beside its contract's price, to check the unit Sesamy's amounts are in. */
  readonly units: string[];
  error?: ErrorReport;
}
