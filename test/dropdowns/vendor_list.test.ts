import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { ACCESS_TOKEN, API, authData, vendors } from '../../scripts/fake-sesamy/account.ts';
import { App, appTester } from '../support/harness.ts';

const perform = (App.triggers.vendor_list.operation as { perform: unknown }).perform as (z: ZObject, bundle: Bundle) => Promise<unknown>;

describe('vendor_list (the Vendor dropdown)', () => {
  it('is hidden and referenced by every instant trigger’s Vendor field', () => {
    expect(App.triggers.vendor_list.display.hidden).toBe(true);
  });

  it.each([
    ['a bare array', vendors],
    ['a {data: [...]} envelope', { data: vendors, meta: { total: 2 } }],
  ])('lists {id, name} rows sorted by name from %s', async (_shape, body) => {
    const scope = nock(API, { reqheaders: { authorization: `Bearer ${ACCESS_TOKEN}` } })
      .get('/management/vendors')
      .reply(200, body);

    const rows = await appTester(perform, { authData, inputData: { vendorId: 'half-typed' } });

    expect(scope.isDone()).toBe(true);
    expect(rows).toEqual([
      { id: 'acme-news', name: 'Acme News' },
      { id: 'acme-sport', name: 'Acme Sport' },
    ]);
  });

  it('names a vendor without a name by its id', async () => {
    nock(API)
      .get('/management/vendors')
      .reply(200, [{ id: 'v_9' }]);

    await expect(appTester(perform, { authData })).resolves.toEqual([{ id: 'v_9', name: 'v_9' }]);
  });
});
