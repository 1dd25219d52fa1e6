import nock from 'nock';
import { API, serveAccount } from '../../scripts/fake-sesamy/account.ts';
import { appTester, bundleWith, hookOperation } from '../support/harness.ts';

beforeEach(() => {
  serveAccount(); // interceptors a test registers first answer before it
});

describe('the subscription Zapier keeps', () => {
  it('subscribeData holds only the subscription id, never a signing secret from Sesamy’s answer', async () => {
    nock(API)
      .post('/management/webhooks')
      .reply(201, { id: 'wh_9', secret: 'whsec_do-not-keep', signingKey: 'sk_do-not-keep', url: 'https://hooks.zapier.com/x' });

    const subscribeData = await appTester(
      hookOperation('user_signed_up').performSubscribe,
      bundleWith({ targetUrl: 'https://hooks.zapier.com/x' }),
    );

    expect(subscribeData).toEqual({ id: 'wh_9' });
  });
});
