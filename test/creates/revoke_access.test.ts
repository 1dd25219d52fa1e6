import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { errors, messageOf, onTheFakeAccountsToday, rejectionOf, runCreate } from '../support/harness.ts';

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

    expect(messageOf(error)).toBe('Choose a Grant, or fill in both the Email and the Product, so the step knows which access to revoke.');
    expect(sesamy.requests).toEqual([]);
  });
});
