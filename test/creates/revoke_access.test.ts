import nock from 'nock';
import { API } from '../../scripts/fake-sesamy/account.ts';
import { type FakeSesamy, serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { createOperation, errors, messageOf, onTheFakeAccountsToday, rejectionOf, runCreate } from '../support/harness.ts';

onTheFakeAccountsToday();

const GRACE_GRANT = {
  id: 'grant_grace_active',
  source: 'list_shop',
  email: 'grace@example.com',
  sku: 'weekend-print',
  poId: 'po-yearly',
  publisherPurchaseId: 'order-900',
};

describe('Revoke Access', () => {
  it('cancels the chosen grant with a PUT of status CANCELED, and returns it', async () => {
    const sesamy = serveSesamy();

    const row = await runCreate('revoke_access', { accessListId: 'list_shop', grantId: 'grant_grace_active' });

    expect(sesamy.writes()).toEqual([
      {
        method: 'PUT',
        path: '/management/access-lists/list_shop/grants/grant_grace_active',
        contentType: 'application/json; charset=utf-8',
        body: { status: 'CANCELED' },
      },
    ]);
    expect(row).toMatchObject({ ...GRACE_GRANT, status: 'CANCELED' });
    expect(sesamy.grants.get('list_shop')?.find((grant) => grant.id === 'grant_grace_active')?.status).toBe('CANCELED');
  });

  it('finds the grant by an email typed with capitals and the product', async () => {
    const sesamy = serveSesamy();

    const row = await runCreate('revoke_access', { accessListId: 'list_shop', email: 'GRACE@example.com ', sku: 'weekend-print' });

    expect(row).toMatchObject({ id: 'grant_grace_active', status: 'CANCELED' });
    expect(sesamy.writes()).toHaveLength(1);
  });

  it('finds the grant by a Product typed as a custom value with other capitals, rather than halt and leave the access', async () => {
    const sesamy = serveSesamy();

    const row = await runCreate('revoke_access', { accessListId: 'list_shop', email: 'grace@example.com', sku: ' Weekend-Print' });

    expect(row).toMatchObject({ id: 'grant_grace_active', sku: 'weekend-print', status: 'CANCELED' });
    expect(sesamy.writes()).toHaveLength(1);
  });

  it('replayed, or on a grant already canceled: success, the grant unchanged, nothing sent', async () => {
    const sesamy = serveSesamy();
    const first = await runCreate('revoke_access', { accessListId: 'list_shop', grantId: 'grant_grace_active' });

    const replay = await runCreate('revoke_access', { accessListId: 'list_shop', grantId: 'grant_grace_active' });
    const canceledBefore = await runCreate('revoke_access', { accessListId: 'list_shop', email: 'ada@example.com', sku: 'archive-pass' });

    expect(replay).toEqual(first);
    expect(canceledBefore).toMatchObject({ id: 'grant_ada_canceled', status: 'CANCELED', email: 'Ada@Example.com' });
    expect(sesamy.writes()).toHaveLength(1);
  });

  it('replayed after Sesamy canceled the grant but its answer was lost: success, nothing sent again', async () => {
    const sesamy = serveSesamy();
    sesamy.loseNextAnswer = true;

    const failure = await rejectionOf(runCreate('revoke_access', { accessListId: 'list_shop', grantId: 'grant_grace_active' }));
    const replay = await runCreate('revoke_access', { accessListId: 'list_shop', grantId: 'grant_grace_active' });

    expect(failure).toBeInstanceOf(errors.ThrottledError);
    expect(replay).toMatchObject({ id: 'grant_grace_active', status: 'CANCELED' });
    expect(sesamy.writes()).toHaveLength(1);
  });

  it('cancels a grant Grant Access just made: the two actions agree', async () => {
    const sesamy = serveSesamy();
    const granted = await runCreate('grant_access', {
      accessListId: 'list_b2b',
      email: 'linus@example.com',
      sku: 'premium-digital',
      poId: 'po-yearly',
    });

    const revoked = await runCreate('revoke_access', { accessListId: 'list_b2b', email: 'linus@example.com', sku: 'premium-digital' });

    expect(revoked).toEqual({ ...granted, status: 'CANCELED' });
    expect(sesamy.grants.get('list_b2b')).toHaveLength(1);
  });

  it('passes on Sesamy’s reason when it refuses the cancel with a 422', async () => {
    nock(API)
      .put('/management/access-lists/list_shop/grants/grant_grace_active')
      .reply(422, { error: { code: 'LOCKED', message: 'Grants of a CSV list cannot be changed' } });
    serveSesamy();

    const error = await rejectionOf(runCreate('revoke_access', { accessListId: 'list_shop', grantId: 'grant_grace_active' }));

    expect(messageOf(error)).toBe(
      'Sesamy did not accept the values sent to cancel grant “grant_grace_active” in access list “list_shop” (422 Unprocessable Entity, LOCKED). Check the values mapped into this step and try again. Sesamy said: “Grants of a CSV list cannot be changed”.',
    );
  });

  it('halts, saying so, when no grant matches', async () => {
    const sesamy = serveSesamy();

    const error = await rejectionOf(
      runCreate('revoke_access', { accessListId: 'list_shop', email: 'nobody@example.com', sku: 'weekend-print' }),
    );

    expect(error).toBeInstanceOf(errors.HaltedError);
    expect(error.message).toBe(
      'Access list “list_shop” has no grant for “nobody@example.com” and product “weekend-print”, so there was no access to revoke.',
    );
    expect(sesamy.writes()).toEqual([]);
  });

  it('refuses a step with neither a grant nor an email and product, and sends nothing', async () => {
    const sesamy = serveSesamy();

    const error = await rejectionOf(runCreate('revoke_access', { accessListId: 'list_shop', email: 'grace@example.com' }));

    expect(messageOf(error)).toBe(
      'Choose a Grant, fill in the Publisher Purchase ID, or fill in both the Email and the Product, so the step knows which access to revoke.',
    );
    expect(sesamy.requests).toEqual([]);
  });
});

describe('Revoke Access for one order (a refund)', () => {
  const GRANTS = '/management/access-lists/list_shop/grants';
  const cancel = (grantId: string) => ({
    method: 'PUT',
    path: `${GRANTS}/${grantId}`,
    contentType: 'application/json; charset=utf-8',
    body: { status: 'CANCELED' },
  });
  const ADA = { accessListId: 'list_shop', email: 'ada@example.com', sku: 'premium-digital' };
  /** Two paid orders of Ada's for one product: grant_1 (order-1, monthly) and grant_2 (order-2, yearly). */
  const twoOrders = async () => {
    const sesamy = serveSesamy();
    await runCreate('grant_access', { ...ADA, poId: 'po-monthly', publisherPurchaseId: 'order-1' });
    await runCreate('grant_access', { ...ADA, poId: 'po-yearly', publisherPurchaseId: 'order-2' });
    sesamy.requests.length = 0;
    return sesamy;
  };
  const statuses = (sesamy: FakeSesamy) => sesamy.grants.get('list_shop')?.map((grant) => [grant.id, grant.status]);

  it('a refund of one of two orders cancels only that order’s grant', async () => {
    const sesamy = await twoOrders();

    const row = await runCreate('revoke_access', { ...ADA, publisherPurchaseId: 'order-2' });

    expect(sesamy.writes()).toEqual([cancel('grant_2')]);
    expect(row).toMatchObject({ id: 'grant_2', status: 'CANCELED', publisherPurchaseId: 'order-2' });
    expect(statuses(sesamy)).toEqual([
      ['grant_grace_active', 'ACTIVE'],
      ['grant_ada_canceled', 'CANCELED'],
      ['grant_1', 'ACTIVE'],
      ['grant_2', 'CANCELED'],
    ]);
  });

  it('the Publisher Purchase ID alone is enough', async () => {
    const sesamy = await twoOrders();

    await runCreate('revoke_access', { accessListId: 'list_shop', publisherPurchaseId: 'order-1' });

    expect(sesamy.writes()).toEqual([cancel('grant_1')]);
  });

  it('a refund of a two-line order cancels both lines, in the list’s order; with the Product, only that line', async () => {
    const sesamy = serveSesamy();
    await runCreate('grant_access', { ...ADA, poId: 'po-monthly', publisherPurchaseId: 'order-3' });
    await runCreate('grant_access', { ...ADA, sku: 'weekend-print', poId: 'po-yearly', publisherPurchaseId: 'order-3' });
    await runCreate('grant_access', { ...ADA, sku: 'archive-pass', poId: 'po-once', publisherPurchaseId: 'order-4' });
    await runCreate('grant_access', { ...ADA, sku: 'weekend-print', poId: 'po-yearly', publisherPurchaseId: 'order-4' });
    sesamy.requests.length = 0;

    const order3 = await runCreate('revoke_access', { accessListId: 'list_shop', publisherPurchaseId: 'order-3' });
    const line = await runCreate('revoke_access', { accessListId: 'list_shop', sku: 'weekend-print', publisherPurchaseId: 'order-4' });

    expect(order3).toMatchObject({ id: 'grant_1', status: 'CANCELED' });
    expect(line).toMatchObject({ id: 'grant_4', status: 'CANCELED' });
    expect(sesamy.writes()).toEqual([cancel('grant_1'), cancel('grant_2'), cancel('grant_4')]);
  });

  it('with a gift’s purchase id and one reader’s email, cancels only that reader’s grant', async () => {
    const sesamy = serveSesamy();
    await runCreate('grant_access', { ...ADA, poId: 'po-monthly', publisherPurchaseId: 'gift-1' });
    await runCreate('grant_access', { ...ADA, email: 'grace@example.com', poId: 'po-monthly', publisherPurchaseId: 'gift-1' });
    sesamy.requests.length = 0;

    const row = await runCreate('revoke_access', { accessListId: 'list_shop', email: 'Grace@Example.com', publisherPurchaseId: 'gift-1' });

    expect(row).toMatchObject({ id: 'grant_2', email: 'grace@example.com', status: 'CANCELED' });
    expect(sesamy.writes()).toEqual([cancel('grant_2')]);
  });

  it('an Email mapped as a list of one reader of a gift cancels only that reader’s grant; a list of several is refused, and nothing is canceled', async () => {
    const sesamy = serveSesamy();
    await runCreate('grant_access', { ...ADA, poId: 'po-monthly', publisherPurchaseId: 'gift-1' });
    await runCreate('grant_access', { ...ADA, email: 'grace@example.com', poId: 'po-monthly', publisherPurchaseId: 'gift-1' });
    sesamy.requests.length = 0;

    const several = await rejectionOf(
      runCreate('revoke_access', {
        accessListId: 'list_shop',
        email: ['ada@example.com', 'grace@example.com'],
        publisherPurchaseId: 'gift-1',
      }),
    );
    const row = await runCreate('revoke_access', {
      accessListId: 'list_shop',
      email: [' Grace@Example.com'],
      publisherPurchaseId: 'gift-1',
    });

    expect(JSON.parse(several.message)).toMatchObject({ code: 'InvalidInput' });
    expect(messageOf(several)).toBe(
      'Email “ada@example.com, grace@example.com” is not an email address. Map a field that holds one email, like reader@example.com.',
    );
    expect(row).toMatchObject({ id: 'grant_2', email: 'grace@example.com', status: 'CANCELED' });
    expect(sesamy.writes()).toEqual([cancel('grant_2')]);
  });

  it('without a purchase id, the Email and the Product cancel every order’s grant of that product, as the help text says', async () => {
    const sesamy = await twoOrders();

    const row = await runCreate('revoke_access', ADA);

    expect(row).toMatchObject({ id: 'grant_1', status: 'CANCELED' });
    expect(sesamy.writes()).toEqual([cancel('grant_1'), cancel('grant_2')]);
    expect(createOperation('revoke_access').inputFields.find((field) => field.key === 'publisherPurchaseId')?.helpText).toContain(
      'Without it and without a Grant, every active grant of the Email and the Product is canceled, other orders’ too.',
    );
  });

  it('replayed, cancels nothing more and returns the grant as canceled', async () => {
    const sesamy = await twoOrders();
    const first = await runCreate('revoke_access', { ...ADA, publisherPurchaseId: 'order-2' });

    const replay = await runCreate('revoke_access', { ...ADA, publisherPurchaseId: 'order-2' });

    expect(replay).toEqual(first);
    expect(sesamy.writes()).toEqual([cancel('grant_2')]);
  });

  it('replayed after Sesamy canceled the first of an order’s two grants and failed on the second, cancels the second only', async () => {
    nock(API).put(`${GRANTS}/grant_2`).reply(503, {}); // once, before the fake account answers
    const sesamy = serveSesamy();
    await runCreate('grant_access', { ...ADA, poId: 'po-monthly', publisherPurchaseId: 'order-5' });
    await runCreate('grant_access', { ...ADA, sku: 'weekend-print', poId: 'po-yearly', publisherPurchaseId: 'order-5' });
    sesamy.requests.length = 0;

    const failure = await rejectionOf(runCreate('revoke_access', { accessListId: 'list_shop', publisherPurchaseId: 'order-5' }));
    const replay = await runCreate('revoke_access', { accessListId: 'list_shop', publisherPurchaseId: 'order-5' });

    expect(failure).toBeInstanceOf(errors.ThrottledError);
    expect(replay).toMatchObject({ id: 'grant_2', status: 'CANCELED' });
    expect(sesamy.writes()).toEqual([cancel('grant_1'), cancel('grant_2')]);
    expect(statuses(sesamy)?.slice(2)).toEqual([
      ['grant_1', 'CANCELED'],
      ['grant_2', 'CANCELED'],
    ]);
  });

  it.each([
    ['as text', 'premium-digital,weekend-print'],
    ['as a list', ['premium-digital', 'weekend-print']],
  ])('refuses a refund whose Product is mapped from the order’s line items at once (%s), and cancels nothing', async (_case, sku) => {
    const sesamy = serveSesamy();
    await runCreate('grant_access', { ...ADA, poId: 'po-monthly', publisherPurchaseId: 'order-5' });
    await runCreate('grant_access', { ...ADA, sku: 'weekend-print', poId: 'po-yearly', publisherPurchaseId: 'order-5' });
    sesamy.requests.length = 0;

    const error = await rejectionOf(runCreate('revoke_access', { accessListId: 'list_shop', publisherPurchaseId: 'order-5', sku }));

    expect(error).toBeInstanceOf(errors.Error);
    expect(error).not.toBeInstanceOf(errors.HaltedError);
    expect(JSON.parse(error.message)).toMatchObject({ code: 'InvalidInput' });
    expect(messageOf(error)).toBe(
      "Product “premium-digital,weekend-print” holds several values, as when an order's line items are mapped at once. Revoke Access takes one product per run: leave the Product empty to revoke every line of the order by its Publisher Purchase ID, or add Looping by Zapier before this step and map each line's own product.",
    );
    expect(sesamy.requests).toEqual([]);
    expect(statuses(sesamy)?.slice(2)).toEqual([
      ['grant_1', 'ACTIVE'],
      ['grant_2', 'ACTIVE'],
    ]);
  });

  it('halts, naming the order, when it has no grant in the list', async () => {
    const sesamy = await twoOrders();

    const alone = await rejectionOf(runCreate('revoke_access', { accessListId: 'list_shop', publisherPurchaseId: 'order-9' }));
    const withEmail = await rejectionOf(
      runCreate('revoke_access', { accessListId: 'list_shop', email: 'ada@example.com', publisherPurchaseId: 'order-9' }),
    );
    const withBoth = await rejectionOf(runCreate('revoke_access', { ...ADA, publisherPurchaseId: 'order-9' }));

    expect([alone, withEmail, withBoth].map((error) => [error instanceof errors.HaltedError, error.message])).toEqual([
      [true, 'Access list “list_shop” has no grant for purchase “order-9”, so there was no access to revoke.'],
      [true, 'Access list “list_shop” has no grant for “ada@example.com” with purchase “order-9”, so there was no access to revoke.'],
      [
        true,
        'Access list “list_shop” has no grant for “ada@example.com” and product “premium-digital” with purchase “order-9”, so there was no access to revoke.',
      ],
    ]);
    expect(sesamy.writes()).toEqual([]);
  });
});
