// Generated bad deliveries at the purchase, user and entitlement triggers (the others:
// fuzz-subscriptions.test.ts). What is generated and what must hold: support/fuzz.ts.
import { EVENTS } from '../events';
import { fuzzTriggers } from './support/fuzz';

fuzzTriggers(EVENTS.filter((spec) => spec.shape !== 'subscription'));
