// Grant Access, as a publisher's Zap meets it: the first grant, the replay after a
// failure, the same purchase twice, an email typed by a person, two runs at once, and
// bad input stopped before anything reaches Sesamy.
import nock from 'nock';
import { ACCESS_TOKEN, API, CLIENT_SECRET } from '../../scripts/fake-sesamy/account.ts';
import { ADA_LAST_YEAR_GRANT, type FakeSesamy, serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import type { Grant } from '../../scripts/fake-sesamy/sdk.ts';
import { createOperation, errors, messageOf, onTheFakeAccountsToday, rejectionOf, runCreate } from '../support/harness.ts';

const BASE = { accessListId: 'list_shop', email: 'ada@example.com', sku: 'premium-digital', poId: 'po-monthly' };
const GRANTS = '/management/access-lists/list_shop/grants';
const JSON_BODY = 'application/json; charset=utf-8';

/** What Grant Access posts for these values: a CreateGrant, ACTIVE, with the list as source. */
const posted = (body: Record<string, unknown>) => ({
  method: 'POST',
  path: GRANTS,
  contentType: JSON_BODY,
  body: { email: 'ada@example.com', sku: 'premium-digital', poId: 'po-monthly', status: 'ACTIVE', source: 'list_shop', ...body },
});
const READ_GRANTS = { method: 'GET', path: GRANTS };

onTheFakeAccountsToday();

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

  it('a Product and a Purchase Option typed in other capitals are the repeat of the grant for them', async () => {
    const sesamy = serveSesamy();
    const first = await runCreate('grant_access', BASE);

    const replay = await runCreate('grant_access', { ...BASE, sku: 'Premium-Digital', poId: 'PO-Monthly ' });

    expect(replay).toEqual(first);
    expect(sesamy.writes()).toEqual([posted({})]);
  });

  it('a different purchase option of the same product is a new grant', async () => {
    const sesamy = serveSesamy();
    await runCreate('grant_access', BASE);

    const yearly = await runCreate('grant_access', { ...BASE, poId: 'po-yearly' });

    expect(yearly).toMatchObject({ id: 'grant_2', poId: 'po-yearly' });
    expect(sesamy.writes()).toHaveLength(2);
  });

  it('declares a lock keyed by the access list alone, not by any value as typed, so two concurrent runs for one grant cannot both miss it', () => {
    expect(createOperation('grant_access').lock).toEqual({
      key: 'grant_access:{{bundle.inputData.accessListId}}',
      scope: ['auth'],
      timeout: 60,
    });
  });

  /** The lock key Zapier would fill in for these inputs, as typed. */
  const keyOf = (inputData: Record<string, string>) =>
    (createOperation('grant_access').lock?.key ?? '').replace(
      /\{\{bundle\.inputData\.(\w+)\}\}/g,
      (_, key: string) => inputData[key] ?? '',
    );

  it('runs for one reader whose email is typed with other capitals and spaces share the lock, and the second finds the first’s grant', async () => {
    const sesamy = serveSesamy();
    const typed = { ...BASE, email: 'Ada@Example.com', publisherPurchaseId: 'order-7' };
    const retyped = { ...BASE, email: 'ada@example.com ', publisherPurchaseId: 'order-7' };

    const first = await runCreate('grant_access', typed);
    const second = await runCreate('grant_access', retyped);

    expect(keyOf(retyped)).toBe(keyOf(typed));
    expect(second).toEqual(first);
    expect(sesamy.writes()).toHaveLength(1);
  });

  it('runs for one grant whose Product and Purchase Option are typed in other capitals share the lock, and the second finds the first’s grant', async () => {
    const sesamy = serveSesamy();
    const typed = { ...BASE, sku: 'Premium-Digital', poId: 'PO-Monthly' };

    const first = await runCreate('grant_access', typed);
    const second = await runCreate('grant_access', BASE);

    expect(keyOf(typed)).toBe(keyOf(BASE));
    expect(keyOf(BASE)).toBe('grant_access:list_shop');
    expect(second).toEqual(first);
    expect(sesamy.writes()).toEqual([posted({ sku: 'Premium-Digital', poId: 'PO-Monthly' })]);
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
      'Sesamy did not accept the values sent to grant access in access list “list_shop” (422 Unprocessable Entity, INVALID). Check the email, the product, the purchase option and the dates, and that the access list accepts grants (a list of type HOOK, MANUAL or BASIC_API). Sesamy said: “no”.',
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

  const REFUSED =
    'Sesamy did not accept the values sent to grant access in access list “list_shop” (422 Unprocessable Entity). Check the email, the product, the purchase option and the dates, and that the access list accepts grants (a list of type HOOK, MANUAL or BASIC_API).';
  const LONG = `The purchase option ${'is not valid for this product '.repeat(10)}`;

  it.each([
    [
      'Sesamy’s own error message',
      { error: { message: 'Purchase option “po-x” does not belong to product premium-digital' } },
      `${REFUSED} Sesamy said: “Purchase option “po-x” does not belong to product premium-digital”.`,
    ],
    ['a top-level message', { message: 'Email is not valid' }, `${REFUSED} Sesamy said: “Email is not valid”.`],
    [
      'a message that repeats secrets, tokens and credentials over two lines',
      { message: `bad ${CLIENT_SECRET} and ${ACCESS_TOKEN} and eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl and Bearer abc.def\nnext line` },
      `${REFUSED} Sesamy said: “bad :censored: and :censored: and :censored: and :censored: next line”.`,
    ],
    ['a message longer than 200 characters', { message: LONG }, `${REFUSED} Sesamy said: “${LONG.slice(0, 199).trimEnd()}…”.`],
    [
      'a long message cut where an emoji stands, kept whole',
      { message: `${'x'.repeat(198)}😀 and more words after the cut` },
      `${REFUSED} Sesamy said: “${'x'.repeat(198)}😀…”.`,
    ],
    ['a message with half an emoji', { message: 'bad \uD83D value' }, `${REFUSED} Sesamy said: “bad \uFFFD value”.`],
    [
      'a message with markup inside it, and a tag left open at its end',
      { message: 'Invalid value <img src=x onerror=alert(1)> for <b>poId</b> <script src=x' },
      `${REFUSED} Sesamy said: “Invalid value for poId”.`,
    ],
    ['an error code alone', { error: 'INVALID_GRANT' }, `${REFUSED.replace('Entity)', 'Entity, INVALID_GRANT)')}`],
    ['issues without a message', { success: false, error: { issues: [{ path: ['poId'], message: 'Required' }] } }, REFUSED],
    ['a message that is JSON', { message: '{"field":"poId"}' }, REFUSED],
    ['a message without words', { message: '500 / 422' }, REFUSED],
  ])('passes on %s from a 422, cleaned, after the app’s own words, and nothing else of the body', async (_case, body, message) => {
    nock(API).post('/management/access-lists/list_shop/grants').reply(422, body);
    serveSesamy();

    const error = await rejectionOf(runCreate('grant_access', BASE));

    expect(JSON.parse(error.message)).toMatchObject({ code: 'InvalidRequest' });
    expect(messageOf(error)).toBe(message);
    expect(messageOf(error)).not.toMatch(/\p{Cs}/u);
  });

  it('passes on nothing from an HTML 422, nor from a 400 or a 409', async () => {
    nock(API).post('/management/access-lists/list_shop/grants').reply(422, '<html>Unprocessable</html>', { 'Content-Type': 'text/html' });
    serveSesamy();
    const html = await rejectionOf(runCreate('grant_access', BASE));
    nock.cleanAll();
    nock(API)
      .post('/management/access-lists/list_shop/grants')
      .reply(400, { error: { message: 'Bad purchase option' } });
    serveSesamy();
    const badRequest = await rejectionOf(runCreate('grant_access', BASE));

    expect(messageOf(html)).toBe(REFUSED);
    expect(messageOf(badRequest)).toBe(REFUSED.replace('422 Unprocessable Entity', '400 Bad Request'));
  });

  it('quotes a long id cut on whole characters, never inside an emoji', async () => {
    serveSesamy();
    const id = `${'x'.repeat(59)}😀tail`;

    const error = await rejectionOf(runCreate('grant_access', { ...BASE, accessListId: id }));

    expect(messageOf(error)).toBe(
      `Sesamy could not find what is needed to list the grants of access list “${'x'.repeat(59)}…” (404 Not Found, NOT_FOUND). Choose an access list from the dropdown; the one in this step may have been deleted.`,
    );
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

describe('Grant Access for an order of several lines, or a gift to several readers, under one purchase id', () => {
  it('grants each line of a two-line order (looped), and a replay of each line returns that line’s grant', async () => {
    const sesamy = serveSesamy();
    const line1 = { ...BASE, publisherPurchaseId: 'order-2001' };
    const line2 = { ...BASE, sku: 'weekend-print', poId: 'po-yearly', publisherPurchaseId: 'order-2001' };

    const first = await runCreate('grant_access', line1);
    const second = await runCreate('grant_access', line2);
    const replays = [await runCreate('grant_access', line1), await runCreate('grant_access', line2)];

    expect(sesamy.requests.slice(0, 4)).toEqual([
      READ_GRANTS,
      posted({ publisherPurchaseId: 'order-2001' }),
      READ_GRANTS,
      posted({ sku: 'weekend-print', poId: 'po-yearly', publisherPurchaseId: 'order-2001' }),
    ]);
    expect([first, second].map((row) => [row.id, row.sku, row.poId])).toEqual([
      ['grant_1', 'premium-digital', 'po-monthly'],
      ['grant_2', 'weekend-print', 'po-yearly'],
    ]);
    expect(replays).toEqual([first, second]);
    expect(sesamy.writes()).toHaveLength(2);
  });

  it('gives each reader of a gift their own grant', async () => {
    const sesamy = serveSesamy();

    const ada = await runCreate('grant_access', { ...BASE, publisherPurchaseId: 'gift-1' });
    const grace = await runCreate('grant_access', { ...BASE, email: 'grace@example.com', publisherPurchaseId: 'gift-1' });

    expect(ada).toMatchObject({ id: 'grant_1', email: 'ada@example.com', publisherPurchaseId: 'gift-1' });
    expect(grace).toMatchObject({ id: 'grant_2', email: 'grace@example.com', publisherPurchaseId: 'gift-1' });
    expect(sesamy.writes()).toEqual([
      posted({ publisherPurchaseId: 'gift-1' }),
      posted({ email: 'grace@example.com', publisherPurchaseId: 'gift-1' }),
    ]);
  });
});

describe('Grant Access for a new period', () => {
  /** Ada's yearly grant for 2025–26: its Ends At has passed, but Sesamy still lists it ACTIVE. */
  const lastYear = (sesamy: FakeSesamy, period: Partial<Grant> = {}): void => {
    sesamy.grants.get('list_shop')?.push({ ...ADA_LAST_YEAR_GRANT, ...period });
  };
  const YEARLY = { ...BASE, poId: 'po-yearly' };

  it('a renewal after the earlier grant ended is a new grant, though the earlier one still says ACTIVE; its replay is a repeat', async () => {
    const sesamy = serveSesamy();
    lastYear(sesamy);
    const renewal = { ...YEARLY, startsAt: '2026-11-28', endsAt: '2027-11-28' };

    const row = await runCreate('grant_access', renewal);
    const replay = await runCreate('grant_access', renewal);

    expect(sesamy.requests.slice(0, 2)).toEqual([
      READ_GRANTS,
      posted({ poId: 'po-yearly', startsAt: '2026-11-28T00:00:00.000Z', endsAt: '2027-11-28T00:00:00.000Z' }),
    ]);
    expect(row).toMatchObject({ id: 'grant_1', startsAt: '2026-11-28T00:00:00.000Z', endsAt: '2027-11-28T00:00:00.000Z' });
    expect(replay).toEqual(row);
    expect(sesamy.writes()).toHaveLength(1);
  });

  it('without dates, a grant whose end has passed gives no access now, so the step grants anew', async () => {
    const sesamy = serveSesamy();
    lastYear(sesamy);

    const row = await runCreate('grant_access', YEARLY);

    expect(row).toMatchObject({ id: 'grant_1', endsAt: null });
    expect(sesamy.writes()).toEqual([posted({ poId: 'po-yearly' })]);
  });

  it('a period the grant already covers is a repeat; one that reaches past its end (an early renewal) is a new grant', async () => {
    const sesamy = serveSesamy();
    lastYear(sesamy, { startsAt: '2026-01-01T00:00:00.000Z', endsAt: '2027-01-01T00:00:00.000Z' });

    const covered = await runCreate('grant_access', { ...YEARLY, endsAt: '2026-12-31' });
    const beyond = await runCreate('grant_access', { ...YEARLY, endsAt: '2027-12-01' });

    expect(covered.id).toBe('grant_ada_2025');
    expect(beyond).toMatchObject({ id: 'grant_1', endsAt: '2027-12-01T00:00:00.000Z' });
    expect(sesamy.writes()).toEqual([posted({ poId: 'po-yearly', endsAt: '2027-12-01T00:00:00.000Z' })]);
  });

  /** A trial grant of Ada's that ends in two days, as a shop's trial or a gift might. */
  const trialEndingSoon = (sesamy: FakeSesamy, grant: Partial<Grant> = {}): void => {
    sesamy.grants.get('list_shop')?.push({
      id: 'grant_trial',
      source: 'list_shop',
      email: 'ada@example.com',
      sku: 'premium-digital',
      poId: 'po-monthly',
      status: 'ACTIVE',
      startsAt: '2026-11-01T00:00:00.000Z',
      endsAt: '2026-11-30T00:00:00.000Z',
      ...grant,
    });
  };

  it('without an Ends At (“until it is revoked”), a grant that ends in two days is no repeat: an open-ended grant is posted', async () => {
    const sesamy = serveSesamy();
    trialEndingSoon(sesamy);

    const row = await runCreate('grant_access', BASE);

    expect(sesamy.requests).toEqual([READ_GRANTS, posted({})]);
    expect(row).toMatchObject({ id: 'grant_1', startsAt: null, endsAt: null });
  });

  it('an early renewal “until revoked” under the purchase id of a grant that ends in two days is a new grant', async () => {
    const sesamy = serveSesamy();
    trialEndingSoon(sesamy, { publisherPurchaseId: 'sub-77' });

    const row = await runCreate('grant_access', { ...BASE, publisherPurchaseId: 'sub-77', startsAt: '2026-11-28' });

    expect(sesamy.requests).toEqual([READ_GRANTS, posted({ publisherPurchaseId: 'sub-77', startsAt: '2026-11-28T00:00:00.000Z' })]);
    expect(row).toMatchObject({ id: 'grant_1', publisherPurchaseId: 'sub-77', endsAt: null });
  });

  it('replayed without Starts At, finds the grant Sesamy stamped to begin a few seconds after Zapier’s now (clocks that differ)', async () => {
    const sesamy = serveSesamy();
    sesamy.misbehave = ({ method, url }, answer) => {
      const reply = answer(url);
      const grant = reply[1] as Partial<Grant>;
      if (method === 'POST' && url.pathname === GRANTS) grant.startsAt ??= '2026-11-28T12:00:05.000Z';
      return reply;
    };

    const first = await runCreate('grant_access', BASE);
    const replay = await runCreate('grant_access', BASE);

    expect(first).toMatchObject({ id: 'grant_1', startsAt: '2026-11-28T12:00:05.000Z' });
    expect(replay).toEqual(first);
    expect(sesamy.writes()).toEqual([posted({})]);
  });

  it('without Starts At, a grant booked to begin more than five minutes after now is no repeat', async () => {
    const sesamy = serveSesamy();
    lastYear(sesamy, { poId: 'po-monthly', startsAt: '2026-11-28T12:05:01.000Z', endsAt: undefined });

    const row = await runCreate('grant_access', BASE);

    expect(row.id).toBe('grant_1');
    expect(sesamy.writes()).toEqual([posted({})]);
  });

  it('a grant booked to start later gives no access now: a grant from now is new', async () => {
    const sesamy = serveSesamy();
    lastYear(sesamy, { startsAt: '2027-01-01T00:00:00.000Z', endsAt: undefined });

    const row = await runCreate('grant_access', YEARLY);

    expect(row.id).toBe('grant_1');
    expect(sesamy.writes()).toHaveLength(1);
  });
});

describe('Grant Access with a list where one value belongs', () => {
  it.each([
    ['Product', { sku: 's1,s2' }, '“s1,s2”'],
    // A line break in a quoted value is written out, so the message stays on one line.
    ['Product', { sku: 'premium-digital\nweekend-print' }, '“premium-digital\\u000aweekend-print”'],
    ['Purchase Option', { poId: 'po-monthly,po-yearly' }, '“po-monthly,po-yearly”'],
    ['Product', { sku: ['premium-digital', 'weekend-print'] }, '“premium-digital,weekend-print”'],
    ['Purchase Option', { poId: ['po-monthly', ' po-yearly '] }, '“po-monthly,po-yearly”'],
  ])(
    'refuses a %s mapped from an order’s line items at once (as text or as a list), saying to loop, and sends nothing',
    async (label, change, quoted) => {
      const sesamy = serveSesamy();

      const error = await rejectionOf(runCreate('grant_access', { ...BASE, ...change }));

      expect(JSON.parse(error.message)).toMatchObject({ code: 'InvalidInput' });
      expect(messageOf(error)).toBe(
        `${label} ${quoted} holds several values, as when an order's line items are mapped at once. Grant Access gives one product per run: add Looping by Zapier before this step and map each line's own product and purchase option.`,
      );
      expect(sesamy.requests).toEqual([]);
    },
  );
  it('reads a Product and a Purchase Option mapped as a list of one value as that value', async () => {
    const sesamy = serveSesamy();

    const row = await runCreate('grant_access', { ...BASE, sku: ['premium-digital'], poId: ['po-monthly', ''] });

    expect(row).toMatchObject({ id: 'grant_1', sku: 'premium-digital', poId: 'po-monthly' });
    expect(sesamy.writes()).toEqual([posted({})]);
  });
});

describe('Grant Access with a purchase option chosen beside other products’ options', () => {
  it('posts the option’s own id when it was chosen for this product (product::option)', async () => {
    const sesamy = serveSesamy();

    const row = await runCreate('grant_access', { ...BASE, poId: 'premium-digital::po-yearly' });

    expect(row).toMatchObject({ id: 'grant_1', sku: 'premium-digital', poId: 'po-yearly' });
    expect(sesamy.writes()).toEqual([posted({ poId: 'po-yearly' })]);
  });

  it('posts a plain option id as it is, unchecked against the paywalls, even one that only another product offers', async () => {
    const sesamy = serveSesamy();

    const row = await runCreate('grant_access', { ...BASE, sku: 'weekend-print', poId: 'po-monthly' });

    expect(sesamy.requests).toEqual([READ_GRANTS, posted({ sku: 'weekend-print', poId: 'po-monthly' })]);
    expect(row).toMatchObject({ id: 'grant_1', sku: 'weekend-print', poId: 'po-monthly' });
  });

  it('refuses one chosen for another product, as after the Product changed, and sends nothing', async () => {
    const sesamy = serveSesamy();

    const error = await rejectionOf(runCreate('grant_access', { ...BASE, sku: 'weekend-print', poId: 'premium-digital::po-yearly' }));

    expect(JSON.parse(error.message)).toMatchObject({ code: 'InvalidInput' });
    expect(messageOf(error)).toBe(
      'Purchase Option “po-yearly” was chosen for product “premium-digital”, but the Product is “weekend-print”. Choose the purchase option again for this product, or, where the Product is mapped, map the purchase option too.',
    );
    expect(sesamy.requests).toEqual([]);
  });
});
