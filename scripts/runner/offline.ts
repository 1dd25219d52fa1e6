// Offline searches and actions: the test suite's own stateful fake of Sesamy's Management API (scripts/fake-sesamy/api.ts), served in-process by nock.
//
// The same fake the tests run against, seeded with their fixture account (readers Ada and
// Grace, two access lists with grants, paywalls, contracts, entitlements): grants and
// users a run creates stay created until the run ends. nock is a devDependency, and
// `npm start` a dev command. steps.ts imports this module only for an offline run, so a
// trigger or --live run never loads nock.
import nock from 'nock';
import { authData } from '../fake-sesamy/account.ts';
import { serveSesamy } from '../fake-sesamy/api.ts';
import type { AuthData } from './credentials.ts';

export interface FakeSesamy {
  /** The fixture connection: its token is the one the fake accepts. */
  readonly authData: AuthData;
  /** Removes the fake's interceptors. */
  readonly stop: () => void;
}

/** Serves a fresh fake account; nothing leaves the process (a request the fake does not serve fails). */
export const serveFakeSesamy = (): FakeSesamy => {
  nock.disableNetConnect();
  serveSesamy();
  return { authData: { ...authData }, stop: () => nock.cleanAll() };
};
