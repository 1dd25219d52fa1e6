// Generated bad deliveries at the purchase, user and entitlement triggers (the others:
// fuzz-subscriptions.test.ts). What is generated and what must hold: test/support/fuzz.ts.
import { EVENTS } from '../../events.ts';
import { fuzzTriggers } from '../support/fuzz.ts';

fuzzTriggers(EVENTS.filter((spec) => spec.shape !== 'subscription'));
