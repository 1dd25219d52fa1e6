// What every request the app sends looks like to core and to Sesamy: it does not copy the
// bundle (core's merge is off), it says it is Zapier, it waits for a slot of the
// invocation's limit.
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { IN_FLIGHT } from '../../api/invocation.ts';
import { authData } from '../../scripts/fake-sesamy/account.ts';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { newTraffic, serveAnyReader } from '../../scripts/fake-sesamy/scale.ts';
import { App, appTester, bundleWith, deliveryOf, hookOperation, specOf, thinEvent } from '../support/harness.ts';
import { OPERATIONS, serveWrites } from '../support/operations.ts';

interface SeenRequest {
  readonly url: string;
  readonly merge: unknown;
  readonly userAgent: unknown;
  readonly bundleCopied: boolean;
}

/** Runs `work` with a middleware after the app's own that records every request as core hands it over. */
const recording = async (work: () => Promise<unknown>): Promise<SeenRequest[]> => {
  const seen: SeenRequest[] = [];
  const record = (request: Record<string, unknown>, _z: ZObject, bundle: Bundle) => {
    const input = request.input as { _zapier?: { event?: { bundle?: unknown } } } | undefined;
    const headers = (request.headers ?? {}) as Record<string, unknown>;
    seen.push({
      url: String(request.url),
      merge: request.merge,
      userAgent: headers['User-Agent'],
      bundleCopied: input?._zapier?.event?.bundle !== bundle,
    });
    return request;
  };
  const befores = App.beforeRequest as unknown as unknown[];
  befores.push(record);
  try {
    await work().catch(() => undefined);
  } finally {
    befores.pop();
  }
  return seen;
};

describe('every request the app sends', () => {
  it('has core’s merge off (no copy of the bundle per request) and says it is Zapier, on every operation', async () => {
    const seen = await recording(async () => {
      for (const operation of OPERATIONS) {
        serveWrites();
        serveSesamy();
        await operation.run(authData).catch(() => undefined);
        nock.cleanAll();
      }
    });

    expect(seen.length).toBeGreaterThanOrEqual(OPERATIONS.length);
    expect(seen.filter((request) => request.merge !== false || request.userAgent !== 'Zapier' || request.bundleCopied)).toEqual([]);
  });

  it('sends a delivered id with {{curlies}} as it is, never as an empty filter', async () => {
    const seen = serveSesamy();
    const delivery = deliveryOf(specOf('user_signed_up'));
    const rich = { ...delivery, user: { ...(delivery.user as object), userId: '{{bundle.authData.clientSecret}}' } };

    await appTester(hookOperation('user_signed_up').perform, bundleWith({ cleanedRequest: rich }));

    expect(seen.requests.map((request) => request.path).sort()).toEqual([
      '/management/contracts?userId=%7B%7Bbundle.authData.clientSecret%7D%7D&limit=100',
      '/management/entitlements?userId=%7B%7Bbundle.authData.clientSecret%7D%7D',
    ]);
  });
});

describe(`a delivery's requests share the invocation's limit of ${IN_FLIGHT} in flight`, () => {
  const signUps = (count: number) =>
    Array.from({ length: count }, (_, index) => thinEvent('userVendor.1#new', { userId: `reader_${index}` }));

  it(`30 events of distinct readers (90 reads, each answered after 20 ms): never more than ${IN_FLIGHT} open at Sesamy`, async () => {
    const traffic = serveAnyReader(newTraffic(), 20);

    const rows = await appTester(hookOperation('user_signed_up').perform, bundleWith({ cleanedRequest: signUps(30) }));

    expect(rows).toHaveLength(30);
    expect(traffic.seen).toHaveLength(90);
    expect(traffic.peak).toBe(IN_FLIGHT);
  });
});
