// Generated inputs at Grant Access and Revoke Access (the user actions: fuzz-readers.test.ts).
// What is generated and what must hold: test/support/fuzz-inputs.ts and test/support/fuzz-actions.ts.
import { jest } from '@jest/globals';
import { freshSesamy, type SeenRequest } from '../../scripts/fake-sesamy/api.ts';
import { fuzzActions, HANG_MS, outcomeOf, violation } from '../support/fuzz-actions.ts';
import { errors } from '../support/harness.ts';

fuzzActions(['grant_access', 'revoke_access']);

describe('the property can fail', () => {
  const GRANT = { email: 'ada@example.com', sku: 'premium-digital', poId: 'po-monthly', status: 'ACTIVE', source: 'list_shop' };
  const json = 'application/json; charset=utf-8';
  const sesamyAfter = (...requests: SeenRequest[]) => {
    const fake = freshSesamy();
    fake.requests.push(...requests);
    return fake;
  };
  const created = { id: 'grant_1', ...GRANT };
  const post = (body: unknown, list = 'list_shop'): SeenRequest => ({
    method: 'POST',
    path: `/management/access-lists/${list}/grants`,
    contentType: json,
    body,
  });
  const halted = new errors.HaltedError('Access list “list_shop” has no grant “g”, so there was no access to revoke.');

  it('passes a record after a write of Sesamy’s type, and a clear error after none', () => {
    expect(violation({ row: created }, sesamyAfter(post(GRANT)))).toBeUndefined();
    expect(violation({ error: halted }, sesamyAfter({ method: 'GET', path: '/management/access-lists/list_shop/grants' }))).toBeUndefined();
  });

  it('catches a JavaScript error, an unclear message, and a clear error after Sesamy accepted a write', () => {
    expect(violation({ error: new TypeError("Cannot read properties of undefined (reading 'trim')") }, sesamyAfter())).toMatch(
      /^threw TypeError/,
    );
    expect(violation({ error: new errors.Error('bad', 'InvalidInput') }, sesamyAfter())).toBe('unclear message: bad');
    expect(violation({ error: halted }, sesamyAfter(post(GRANT)))).toMatch(
      /^failed after Sesamy accepted \["POST \/management\/access-lists\/list_shop\/grants"\]/,
    );
  });

  it('catches a record without an id, a list instead of a record, and a hang', () => {
    expect(violation({ row: { email: 'ada@example.com' } }, sesamyAfter())).toMatch(/^returned a record without an id/);
    expect(violation({ row: [created] }, sesamyAfter())).toMatch(/not one record$/);
    expect(violation('hung', sesamyAfter())).toBe(`perform did not settle within ${HANG_MS} ms`);
  });

  it.each([
    ['a malformed email', post({ ...GRANT, email: 'ada@@example.com' }), /^POST .*: the body does not match Sesamy’s type at email/],
    ['a date without a zone', post({ ...GRANT, endsAt: '2026-12-31T23:59:00' }), /at endsAt/],
    ['a flat address key', post({ ...GRANT, deliveryAddressStreet: 'Storgatan 1' }), /at the top: Unrecognized key/],
    ['a source that is not the path’s list', post(GRANT, 'list_b2b'), /the body's source "list_shop" is not the path's "list_b2b"$/],
    [
      'a PATCH that changes the email',
      { method: 'PATCH', path: '/management/users/user_ada', contentType: json, body: { email: 'new@example.com' } },
      /at the top/,
    ],
    [
      'metadata sent as JSON',
      { method: 'PUT', path: '/management/users/user_ada/user_metadata/crmId', contentType: json, body: { value: 1 } },
      /not text\/plain$/,
    ],
    ['a delete', { method: 'DELETE', path: '/management/access-lists/list_shop/grants/g1' }, /no such endpoint/],
    ['an empty id in the path', { method: 'PATCH', path: '/management/users/', contentType: json, body: {} }, /no such endpoint/],
  ] as const)('catches a write with %s, even when the run then succeeds', (_, write, expected) => {
    expect(violation({ row: created }, sesamyAfter(write))).toMatch(expected);
  });

  it('reports a perform that never settles as hung', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const hanging = outcomeOf(() => new Promise(() => undefined));
      await jest.advanceTimersByTimeAsync(HANG_MS + 1);
      expect(await hanging).toBe('hung');
    } finally {
      jest.useRealTimers();
    }
  });
});
