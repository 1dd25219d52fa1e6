// Grant Access, as a publisher's Zap meets it: the first grant, the replay after a
// failure, the same purchase twice, an email typed by a person, two runs at once, and
// bad input stopped before anything reaches Sesamy.
import nock from 'nock';
import { API } from '../../scripts/fake-sesamy/account.ts';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { createOperation, errors, messageOf, rejectionOf, runCreate } from '../support/harness.ts';

const BASE = { accessListId: 'list_shop', email: 'ada@example.com', sku: 'premium-digital', poId: 'po-monthly' };

const emptyAddress = { street: null, co: null, zip: null, city: null, country: null };

describe('Grant Access', () => {
  it('posts a CreateGrant with status ACTIVE and the list as source, and returns the grant', async () => {
    const sesamy = serveSesamy();

    const row = await runCreate('grant_access', {
      ...BASE,
      startsAt: '2026-12-01',
      endsAt: '2027-12-01T10:00:00+01:00',
      firstName: ' Ada ',
      lastName: 'Lovelace',
      publisherPurchaseId: 'order-1001',
      extraFields: { channel: 'partner-shop', empty: '' },
      deliveryAddressStreet: 'Storgatan 1',
      deliveryAddressCity: 'Stockholm',
      deliveryAddressCountry: 'SE',
      billingAddressZip: 11122,
    });

    const sent = {
      email: 'ada@example.com',
      sku: 'premium-digital',
      poId: 'po-monthly',
      status: 'ACTIVE',
      source: 'list_shop',
      startsAt: '2026-12-01T00:00:00.000Z',
      endsAt: '2027-12-01T09:00:00.000Z',
      firstName: 'Ada',
      lastName: 'Lovelace',
      publisherPurchaseId: 'order-1001',
      extraFields: { channel: 'partner-shop' },
      deliveryAddress: { street: 'Storgatan 1', city: 'Stockholm', country: 'SE' },
      billingAddress: { zip: '11122' },
    };
    expect(sesamy.requests).toEqual([
      { method: 'GET', path: '/management/access-lists/list_shop/grants' },
      { method: 'POST', path: '/management/access-lists/list_shop/grants', contentType: 'application/json; charset=utf-8', body: sent },
    ]);
    expect(row).toEqual({
      id: 'grant_1',
      source: 'list_shop',
      status: 'ACTIVE',
      email: 'ada@example.com',
      userId: null,
      publisherUserId: null,
      sku: 'premium-digital',
      poId: 'po-monthly',
      startsAt: '2026-12-01T00:00:00.000Z',
      endsAt: '2027-12-01T09:00:00.000Z',
      firstName: 'Ada',
      lastName: 'Lovelace',
      phone: null,
      publisherPurchaseId: 'order-1001',
      notes: null,
      deliveryAddress: { ...emptyAddress, street: 'Storgatan 1', city: 'Stockholm', country: 'SE' },
      billingAddress: { ...emptyAddress, zip: '11122' },
      extraFields: { channel: 'partner-shop' },
    });
    expect(Object.keys(row).sort()).toEqual(Object.keys(createOperation('grant_access').sample).sort());
  });

  it('replayed after Sesamy saved the grant but its answer was lost, returns that grant and adds none', async () => {
    const sesamy = serveSesamy();
    sesamy.loseNextAnswer = true;

    const failure = await rejectionOf(runCreate('grant_access', BASE));
    const replay = await runCreate('grant_access', BASE);

    expect(failure).toBeInstanceOf(errors.ThrottledError); // Zapier retries the step
    expect(replay).toMatchObject({ id: 'grant_1', email: 'ada@example.com', sku: 'premium-digital', poId: 'po-monthly', status: 'ACTIVE' });
    expect(sesamy.grants.get('list_shop')?.filter((grant) => grant.email === 'ada@example.com')).toHaveLength(1);
    expect(sesamy.writes().map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /management/access-lists/list_shop/grants',
    ]);
  });

  it('run twice with the same values, returns the same grant twice', async () => {
    const sesamy = serveSesamy();

    const first = await runCreate('grant_access', BASE);
    const second = await runCreate('grant_access', BASE);

    expect(second).toEqual(first);
    expect(sesamy.writes()).toHaveLength(1);
  });

  it('gives the same purchase one grant, and a new purchase of the same product a new one', async () => {
    const sesamy = serveSesamy();
    const grace = { accessListId: 'list_shop', email: 'grace@example.com', sku: 'weekend-print', poId: 'po-yearly' };

    const same = await runCreate('grant_access', { ...grace, publisherPurchaseId: 'order-900' });
    const renewal = await runCreate('grant_access', { ...grace, publisherPurchaseId: 'order-901' });

    expect(same.id).toBe('grant_grace_active');
    expect(renewal).toMatchObject({ id: 'grant_1', publisherPurchaseId: 'order-901', status: 'ACTIVE' });
    expect(sesamy.writes()).toHaveLength(1);
  });

  it('without a purchase id, finds the active grant by email typed with capitals and spaces, product and option', async () => {
    const sesamy = serveSesamy();

    const row = await runCreate('grant_access', {
      accessListId: 'list_shop',
      email: '  Grace@Example.COM ',
      sku: 'weekend-print',
      poId: 'po-yearly',
    });

    expect(row).toMatchObject({ id: 'grant_grace_active', email: 'grace@example.com', status: 'ACTIVE' });
    expect(sesamy.writes()).toEqual([]);
  });

  it('does not reuse a canceled grant: the same purchase id after a revoke gives access again', async () => {
    const sesamy = serveSesamy();

    const row = await runCreate('grant_access', { ...BASE, sku: 'archive-pass', poId: 'po-once', publisherPurchaseId: 'order-800' });

    expect(row).toMatchObject({ id: 'grant_1', status: 'ACTIVE', publisherPurchaseId: 'order-800' });
    expect(sesamy.writes()).toHaveLength(1);
  });

  it('a different purchase option of the same product is a new grant', async () => {
    const sesamy = serveSesamy();
    await runCreate('grant_access', BASE);

    const yearly = await runCreate('grant_access', { ...BASE, poId: 'po-yearly' });

    expect(yearly).toMatchObject({ id: 'grant_2', poId: 'po-yearly' });
    expect(sesamy.writes()).toHaveLength(2);
  });

  it('declares a lock keyed by list and email, so two concurrent runs cannot both miss the grant', () => {
    expect(createOperation('grant_access').lock).toEqual({
      key: 'grant_access:{{bundle.inputData.accessListId}}:{{bundle.inputData.email}}',
      scope: ['auth'],
      timeout: 60,
    });
  });

  it.each([
    [
      'a malformed email',
      { email: 'ada at example.com' },
      'Email “ada at example.com” is not an email address. Map a field that holds one email, like reader@example.com.',
    ],
    [
      'two emails in one field',
      { email: 'ada@example.com, grace@example.com' },
      'Email “ada@example.com, grace@example.com” is not an email address.',
    ],
    ['an empty email', { email: '   ' }, 'Email is empty. Fill it in, or map a field that always has a value.'],
    [
      'a date that is no date',
      { startsAt: 'next tuesday' },
      'Starts At “next tuesday” is not a date. Use a date like 2026-12-31 or 2026-12-31T23:59:00Z.',
    ],
    [
      'an end before the start',
      { startsAt: '2027-01-01', endsAt: '2026-01-01' },
      'Ends At (2026-01-01T00:00:00.000Z) is not after Starts At (2027-01-01T00:00:00.000Z).',
    ],
    ['no purchase option', { poId: '' }, 'Purchase Option is empty.'],
  ])('refuses %s with a clear error and sends nothing', async (_case, change, message) => {
    const sesamy = serveSesamy();

    const error = await rejectionOf(runCreate('grant_access', { ...BASE, ...change }));

    expect(error).toBeInstanceOf(errors.Error);
    expect(JSON.parse(error.message)).toMatchObject({ code: 'InvalidInput' });
    expect(messageOf(error)).toContain(message);
    expect(sesamy.requests).toEqual([]);
  });

  it.each([
    [
      422,
      'Sesamy did not accept the values sent to grant access in access list “list_shop” (422 Unprocessable Entity, INVALID). Check the email, the product, the purchase option and the dates, and that the access list accepts grants (a list of type HOOK, MANUAL or BASIC_API).',
      'InvalidRequest',
    ],
    [
      409,
      'Sesamy refused to grant access in access list “list_shop” because it conflicts with existing data (409 Conflict, INVALID). The record may already exist: look it up with a Find step, or replay this run, which reuses a record it finds.',
      'Conflict',
    ],
  ])('says what to do when Sesamy refuses the grant with a %i', async (status, message, code) => {
    nock(API)
      .post('/management/access-lists/list_shop/grants')
      .reply(status, { error: { code: 'INVALID', message: 'no' } });
    serveSesamy();

    const error = await rejectionOf(runCreate('grant_access', BASE));

    expect(JSON.parse(error.message)).toMatchObject({ code });
    expect(messageOf(error)).toBe(message);
  });

  it('says what to do when the access list is gone', async () => {
    serveSesamy();

    const error = await rejectionOf(runCreate('grant_access', { ...BASE, accessListId: 'list_gone' }));

    expect(JSON.parse(error.message)).toMatchObject({ code: 'NotFound' });
    expect(messageOf(error)).toBe(
      'Sesamy could not find what is needed to list the grants of access list “list_gone” (404 Not Found, NOT_FOUND). Choose an access list from the dropdown; the one in this step may have been deleted.',
    );
  });
});
