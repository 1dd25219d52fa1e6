import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { onTheFakeAccountsToday, runCreate } from '../support/harness.ts';

onTheFakeAccountsToday();

describe('Set User Metadata', () => {
  it('PUTs the value as text/plain and returns the reader with it', async () => {
    const sesamy = serveSesamy();

    const row = await runCreate('set_user_metadata', { userId: 'user_grace', key: 'crmId', value: 1001 });

    expect(sesamy.writes()).toEqual([
      { method: 'PUT', path: '/management/users/user_grace/user_metadata/crmId', contentType: 'text/plain', body: '1001' },
    ]);
    expect(row).toMatchObject({ id: 'user_grace', user_metadata: { crmId: '1001' } });
  });

  it('puts an odd key into one path segment', async () => {
    const sesamy = serveSesamy();

    await runCreate('set_user_metadata', { userId: 'user_grace', key: 'a/b?c', value: 'x' });

    expect(sesamy.writes()[0]?.path).toBe('/management/users/user_grace/user_metadata/a%2Fb%3Fc');
  });
});
