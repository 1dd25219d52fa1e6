import nock from 'nock';
import { API } from '../../scripts/fake-sesamy/account.ts';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { addressRow, messageOf, onTheFakeAccountsToday, rejectionOf, runCreate } from '../support/harness.ts';

onTheFakeAccountsToday();

describe('Update User', () => {
  it('sends a PATCH with exactly the fields filled in', async () => {
    const sesamy = serveSesamy();

    const row = await runCreate('update_user', {
      userId: 'user_grace',
      lastName: 'Brewster Hopper',
      mobilePhone: '+1 555 0100',
      locale: '',
      billingAddressCity: 'Arlington',
    });

    expect(sesamy.writes()).toEqual([
      {
        method: 'PATCH',
        path: '/management/users/user_grace',
        contentType: 'application/json; charset=utf-8',
        body: { lastName: 'Brewster Hopper', mobilePhone: '+1 555 0100', billingAddress: { city: 'Arlington' } },
      },
    ]);
    expect(row).toMatchObject({
      id: 'user_grace',
      firstName: 'Grace',
      lastName: 'Brewster Hopper',
      mobilePhone: '+1 555 0100',
      billingAddress: addressRow({ city: 'Arlington' }),
    });
  });

  it('changes the email through change-login-identifier, not the PATCH', async () => {
    const sesamy = serveSesamy();

    const row = await runCreate('update_user', { userId: 'user_grace', email: ' Grace.Hopper@Example.com ', firstName: 'Amazing Grace' });

    expect(sesamy.writes()).toEqual([
      {
        method: 'POST',
        path: '/management/users/user_grace/change-login-identifier',
        contentType: 'application/json; charset=utf-8',
        body: { email: 'grace.hopper@example.com' },
      },
      {
        method: 'PATCH',
        path: '/management/users/user_grace',
        contentType: 'application/json; charset=utf-8',
        body: { firstName: 'Amazing Grace' },
      },
    ]);
    expect(row).toMatchObject({ email: 'grace.hopper@example.com', firstName: 'Amazing Grace' });
  });

  it('replayed after the email changed, sends no second change-login-identifier', async () => {
    const sesamy = serveSesamy();
    await runCreate('update_user', { userId: 'user_grace', email: 'grace.hopper@example.com' });

    await runCreate('update_user', { userId: 'user_grace', email: 'Grace.Hopper@example.com' });

    expect(sesamy.writes().map((request) => request.path)).toEqual(['/management/users/user_grace/change-login-identifier']);
  });

  it('says what happened and what to do when Sesamy refuses the new email with a 409, and changes nothing else', async () => {
    nock(API)
      .post('/management/users/user_grace/change-login-identifier')
      .reply(409, { error: { code: 'CONFLICT', message: 'conflict' } });
    const sesamy = serveSesamy();

    const error = await rejectionOf(
      runCreate('update_user', { userId: 'user_grace', email: 'ada@example.com', firstName: 'Amazing Grace' }),
    );

    expect(JSON.parse(error.message)).toMatchObject({ code: 'Conflict', status: 409 });
    expect(messageOf(error)).toBe(
      'Sesamy refused to change the email of user “user_grace” because it conflicts with existing data (409 Conflict, CONFLICT). Most likely another reader already signs in with “ada@example.com”, so replaying this run would fail the same way. Look that email up with Find User: update that reader instead, or use a different email.',
    );
    expect(sesamy.writes()).toEqual([]);
  });

  it('with one address field, sends the whole address: that part over the address as read, so no other part is erased', async () => {
    const sesamy = serveSesamy();

    const row = await runCreate('update_user', { userId: 'user_ada', deliveryAddressCity: 'Uppsala' });

    expect(sesamy.requests.slice(0, 2)).toEqual([
      { method: 'GET', path: '/management/users/user_ada' },
      {
        method: 'PATCH',
        path: '/management/users/user_ada',
        contentType: 'application/json; charset=utf-8',
        body: {
          deliveryAddress: { street: 'Storgatan 1', zip: '11122', city: 'Uppsala', country: 'SE', firstName: 'Ada', lastName: 'Lovelace' },
        },
      },
    ]);
    expect(sesamy.writes()).toHaveLength(1);
    expect(row.deliveryAddress).toEqual(
      addressRow({ firstName: 'Ada', lastName: 'Lovelace', addressLineOne: 'Storgatan 1', zip: '11122', city: 'Uppsala', country: 'SE' }),
    );
    expect(row.billingAddress).toMatchObject({ addressLineTwo: 'c/o Byron', city: 'Stockholm' });
  });

  it('with one address part, keeps every part the profile holds, under the names it holds them (addressLineOne, addressLineTwo)', async () => {
    const sesamy = serveSesamy();
    const grace = sesamy.profiles.get('user_grace');
    const address = { addressLineOne: 'Kungsgatan 2', addressLineTwo: 'lgh 1101', zip: '11143', city: 'Stockholm', country: 'SE' };
    if (grace) sesamy.profiles.set('user_grace', { ...grace, deliveryAddress: address });

    const row = await runCreate('update_user', { userId: 'user_grace', deliveryAddressZip: '11144' });

    expect(sesamy.writes()).toEqual([
      {
        method: 'PATCH',
        path: '/management/users/user_grace',
        contentType: 'application/json; charset=utf-8',
        body: { deliveryAddress: { ...address, zip: '11144' } },
      },
    ]);
    expect(row.deliveryAddress).toEqual(addressRow({ ...address, zip: '11144' }));
  });

  it('with a new street, on a profile that names it addressLineOne, sets it under both names, so the row shows the new street', async () => {
    const sesamy = serveSesamy();
    const grace = sesamy.profiles.get('user_grace');
    const address = { addressLineOne: 'Kungsgatan 2', addressLineTwo: 'lgh 1101', zip: '11143', city: 'Stockholm' };
    if (grace) sesamy.profiles.set('user_grace', { ...grace, deliveryAddress: address });

    const row = await runCreate('update_user', {
      userId: 'user_grace',
      deliveryAddressStreet: 'Drottninggatan 5',
      deliveryAddressCo: 'c/o Lind',
    });

    expect(sesamy.writes()[0]?.body).toEqual({
      deliveryAddress: {
        addressLineOne: 'Drottninggatan 5',
        addressLineTwo: 'c/o Lind',
        street: 'Drottninggatan 5',
        co: 'c/o Lind',
        zip: '11143',
        city: 'Stockholm',
      },
    });
    expect(row.deliveryAddress).toEqual(
      addressRow({ addressLineOne: 'Drottninggatan 5', addressLineTwo: 'c/o Lind', zip: '11143', city: 'Stockholm' }),
    );
  });

  it('with a new email and an address part, reads the profile once for both', async () => {
    const sesamy = serveSesamy();

    await runCreate('update_user', { userId: 'user_ada', email: 'ada.lovelace@example.com', billingAddressZip: '11123' });

    expect(sesamy.requests.slice(0, 3).map((request) => [request.method, request.path, request.body])).toEqual([
      ['GET', '/management/users/user_ada', undefined],
      ['POST', '/management/users/user_ada/change-login-identifier', { email: 'ada.lovelace@example.com' }],
      [
        'PATCH',
        '/management/users/user_ada',
        {
          billingAddress: {
            street: 'Storgatan 1',
            co: 'c/o Byron',
            zip: '11123',
            city: 'Stockholm',
            country: 'SE',
            firstName: 'Ada',
            lastName: 'Lovelace',
          },
        },
      ],
    ]);
    expect(sesamy.requests.filter((request) => request.path === '/management/users/user_ada')).toHaveLength(3); // GET, PATCH, the row's GET
  });

  it('with no address filled in, reads no profile before the PATCH', async () => {
    const sesamy = serveSesamy();

    await runCreate('update_user', { userId: 'user_grace', firstName: 'Amazing Grace' });

    expect(sesamy.requests[0]).toMatchObject({ method: 'PATCH', path: '/management/users/user_grace' });
  });

  it('refuses an update with nothing filled in, and sends nothing', async () => {
    const sesamy = serveSesamy();

    const error = await rejectionOf(runCreate('update_user', { userId: 'user_grace', firstName: ' ' }));

    expect(messageOf(error)).toBe('Fill in at least one field to change; empty fields are left as they are.');
    expect(sesamy.requests).toEqual([]);
  });

  it('says what to do when the user is gone', async () => {
    serveSesamy();

    const error = await rejectionOf(runCreate('update_user', { userId: 'user_gone', firstName: 'X' }));

    expect(JSON.parse(error.message)).toMatchObject({ code: 'NotFound' });
    expect(messageOf(error)).toBe(
      'Sesamy could not find what is needed to update user “user_gone” (404 Not Found, NOT_FOUND). Choose a user from the dropdown or find one with Find User; the one in this step may have been deleted.',
    );
  });
});
