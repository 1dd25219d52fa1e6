// No error reaches Zapier with core's context attached: core appends "What happened" (the
// bundle, with the delivery and the hook URL) to an error not marked doNotContextify, and
// in production the run's console logs too. Every function the app gives Zapier is wrapped
// (contextFree), and every error the app passes on is marked.
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { contextFree, isContextFree } from '../../api/errors.ts';
import { IN_FLIGHT, InvocationClosed, invocationOf } from '../../api/invocation.ts';
import { API, serveAccount } from '../../scripts/fake-sesamy/account.ts';
import { App, appTester, bundleWith, errors, hookOperation, messageOf, rejectionOf, thinEvent } from '../support/harness.ts';

const HOOK_URL = 'https://hooks.zapier.com/hooks/standard/1/SECRETHOOK/';

/** Every function of the definition, with where it is; the middlewares run inside z.request and are not Zapier's to call. */
const functionsOf = (value: unknown, path: string): [string, unknown][] => {
  if (typeof value === 'function') return [[path, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    path === '' && (key === 'beforeRequest' || key === 'afterResponse') ? [] : functionsOf(child, path ? `${path}.${key}` : key),
  );
};

describe('errors reach Zapier without core’s context', () => {
  it('every function Zapier calls is wrapped by contextFree', () => {
    const functions = functionsOf(App, '');

    expect(functions.length).toBe(9 * 4 + 2 + 6 + 5 + 5 + 3); // hook triggers, money triggers, dropdowns, searches, creates, the connection
    expect(functions.filter(([, fn]) => !isContextFree(fn)).map(([path]) => path)).toEqual([]);
  });

  it('a RefreshAuthError from a trigger’s perform (a 401 on a lookup) carries neither the hook URL nor the delivery', async () => {
    nock(API)
      .get('/management/users/user_ada')
      .reply(401, { error: { code: 'UNAUTHORIZED' } });
    serveAccount();
    const delivery = { ...thinEvent('userVendor.1#new', { userId: 'user_ada' }), marker: 'DELIVERY-MARKER' };

    const error = await rejectionOf(
      appTester(hookOperation('user_signed_up').perform, bundleWith({ targetUrl: HOOK_URL, cleanedRequest: delivery })),
    );

    expect(error).toBeInstanceOf(errors.RefreshAuthError);
    expect((error as Error & { doNotContextify?: boolean }).doNotContextify).toBe(true);
    for (const text of ['What happened', 'SECRETHOOK', 'DELIVERY-MARKER', 'bundle']) expect(error.message).not.toContain(text);
  });

  it('an error that is not Zapier’s (a TypeError quoting data) reaches Zapier as UnexpectedError, in the app’s words only', async () => {
    const perform = contextFree(() => {
      throw new TypeError('cannot read DELIVERY-MARKER of undefined');
    });

    const error = await rejectionOf(appTester(perform, bundleWith({ targetUrl: HOOK_URL })));

    expect(error).toBeInstanceOf(errors.Error);
    expect(JSON.parse(error.message)).toMatchObject({ code: 'UnexpectedError' });
    expect(messageOf(error)).toBe(
      'Something unexpected happened in the Sesamy app (TypeError). Try again; if it keeps happening, contact Sesamy support.',
    );
    for (const text of ['What happened', 'SECRETHOOK', 'DELIVERY-MARKER']) expect(error.message).not.toContain(text);
  });

  it.each([
    ['a string', 'DELIVERY-MARKER'],
    ['null', null],
    ['a frozen HaltedError', Object.freeze(new errors.HaltedError('DELIVERY-MARKER'))],
  ])('what is thrown as %s becomes UnexpectedError too', async (_what, thrown) => {
    const error = await rejectionOf(
      appTester(
        contextFree(() => {
          throw thrown;
        }),
        bundleWith(),
      ),
    );

    expect(JSON.parse(error.message)).toMatchObject({ code: 'UnexpectedError' });
    expect(error.message).not.toContain('DELIVERY-MARKER');
  });

  it('a Zapier error keeps its class and words, marked doNotContextify', async () => {
    const error = await rejectionOf(
      appTester(
        contextFree((z: ZObject) => {
          throw new z.errors.HaltedError('Stopped for a reason.');
        }),
        bundleWith({ targetUrl: HOOK_URL }),
      ),
    );

    expect(error).toBeInstanceOf(errors.HaltedError);
    expect(error.message).toBe('Stopped for a reason.');
  });

  it('when a run fails, what it still has queued is dropped, never sent', async () => {
    const z = {} as ZObject;
    const queued: Promise<unknown>[] = [];
    const perform = contextFree(async (zed: ZObject, _bundle: Bundle) => {
      const invocation = invocationOf(zed);
      for (let call = 0; call < IN_FLIGHT + 3; call++)
        queued.push(invocation.limit(() => new Promise((resolve) => setTimeout(resolve, 5))));
      throw new zed.errors.ThrottledError('Try later.', 1);
    });

    await expect(perform({ ...z, errors } as unknown as ZObject, {} as Bundle)).rejects.toThrow('Try later.');
    const settled = await Promise.allSettled(queued);

    expect(settled.map((result) => result.status)).toEqual([...Array(IN_FLIGHT).fill('fulfilled'), 'rejected', 'rejected', 'rejected']);
    expect(settled.slice(IN_FLIGHT).every((result) => result.status === 'rejected' && result.reason instanceof InvocationClosed)).toBe(
      true,
    );
  });
});
