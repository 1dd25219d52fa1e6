// The hook runner (`npm start`, scripts/runner/main.ts): run in-process on the app
// definition, against nock for --live, plus one smoke run of the real command on dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { EVENTS } from '../../events.ts';
import { ACCESS_TOKEN, API, CLIENT_ID, CLIENT_SECRET, serveAccount, TOKEN_HOST, users, VENDOR } from '../../scripts/fake-sesamy/account.ts';
import { flattenRow, labelFor, renderFields, truncate } from '../../scripts/runner/fields.ts';
import { App, deliveryOf, hookOperation, instantKeys, specOf } from '../support/harness.ts';
import { ROOT, type Run, runnerIn, scratchFolder } from '../support/runner.ts';

const scratch = scratchFolder('hook-runner-');
const run = runnerIn(scratch);

const file = (name: string, content: string): string => {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
};

/** A project root whose .env holds the test connection, as `zapier-platform invoke` reads it. */
const liveRoot = (): string => {
  const root = mkdtempSync(join(scratch, 'live-'));
  writeFileSync(
    join(root, '.env'),
    `authData_clientId=${CLIENT_ID}\nauthData_clientSecret="${CLIENT_SECRET}"\nauthData_environment=production\n`,
  );
  return root;
};

const serveToken = () => nock(TOKEN_HOST).post('/oauth/token').reply(200, { access_token: ACCESS_TOKEN, token_type: 'Bearer' });

const expectOneLine = (text: string) => expect(text.trimEnd().split('\n')).toHaveLength(1);

const expectNoSecrets = ({ stdout, stderr }: Run) => {
  for (const secret of [CLIENT_SECRET, ACCESS_TOKEN, 'Bearer', 'uthorization']) {
    expect(stdout).not.toContain(secret);
    expect(stderr).not.toContain(secret);
  }
};

describe('the hook runner, offline on the documented samples', () => {
  it('prints every instant trigger with the fields its sample gives a Zap, labelled and flattened', async () => {
    const result = await run([]);

    expect(result).toMatchObject({ code: 0, stderr: '' });
    for (const spec of EVENTS) expect(result.stdout).toContain(`${spec.label} (${spec.key})`);
    expect(result.stdout).toMatch(/^ {2}User Email +user__email +zapier@sesamy\.com$/m);
    expect(result.stdout).toMatch(/^ {2}Product SKU +products\[\]sku +123-xyz$/m);
    expect(result.stdout).toMatch(/^ {2}Newsletters newsletterX +newsletters__newsletterX +true$/m);
    expect(result.stdout).toMatch(/^ {2}Vendor ID +vendorId +vendor_123$/m);
  });

  it('--json gives, for each of the nine visible triggers, the rows its real perform returns: the static sample but for the arrival time', async () => {
    const result = await run(['--json']);

    expect(result).toMatchObject({ code: 0, stderr: '' });
    const parsed = JSON.parse(result.stdout) as {
      mode: string;
      triggers: Record<string, { rows: Record<string, unknown>[]; logs: string[] }>;
    };
    expect(parsed.mode).toBe('samples');
    const visibleHooks = Object.entries(App.triggers)
      .filter(([, trigger]) => trigger.operation.type === 'hook' && !trigger.display.hidden)
      .map(([key]) => key);
    expect(visibleHooks).toHaveLength(9);
    expect(Object.keys(parsed.triggers).sort()).toEqual([...visibleHooks].sort());
    for (const key of instantKeys) {
      const { rows, logs } = parsed.triggers[key] ?? { rows: [], logs: [] };
      expect(logs).toEqual([]);
      expect(rows).toHaveLength(1);
      const { occurredAt, ...row } = rows[0] ?? {};
      const { occurredAt: sampleOccurredAt, ...sample } = hookOperation(key).sample;
      expect(row).toEqual(sample);
      expect(typeof occurredAt).toBe(typeof sampleOccurredAt);
    }
  });

  it('runs only the trigger named, for the vendor given', async () => {
    const result = await run(['contract_purchased', '--vendor', VENDOR]);

    expect(result.code).toBe(0);
    expect(result.stdout.match(/^\S.*\(\w+\)$/gm)).toEqual(['Checkout Completed (contract_purchased)']);
    expect(result.stdout).toMatch(/^ {2}Vendor ID +vendorId +acme-news$/m);
  });

  it('prints --help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm start/);
    expect(result.stdout).toContain('--subscribe URL');
  });
});

describe('the hook runner with a payload', () => {
  it('runs a rich delivery, for the vendor it names, and shows the app’s z.console lines with its trigger', async () => {
    const spec = specOf('subscription_created');
    const ours = { ...deliveryOf(spec), eventType: 'contract.1#purchased', vendorId: VENDOR };
    const otherVendors = { ...deliveryOf(spec), eventType: 'contract.1#purchased', vendorId: 'acme-sport' };
    const path = file('rich.json', JSON.stringify([ours, otherVendors]));

    const result = await run(['subscription_created', '--payload', path]);

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('vendor acme-news · payload → perform · 1 row');
    expect(result.stdout).toMatch(/^ {2}log {3}Skipped a Sesamy event for vendor “acme-sport”: this Zap is for vendor “acme-news”\.$/m);
  });

  it('reads the delivery from stdin with --payload - and prints rows as JSON', async () => {
    const result = await run(['user_signed_up', '--payload', '-', '--json'], {
      stdin: JSON.stringify(deliveryOf(specOf('user_signed_up'))),
    });

    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as { mode: string; triggers: { user_signed_up: { rows: { user: { email: string } }[] } } };
    expect(parsed.mode).toBe('payload');
    expect(parsed.triggers.user_signed_up.rows[0]?.user.email).toBe('zapier@sesamy.com');
  });

  it('prints a Zapier error thrown by perform in one line, exit 1', async () => {
    const result = await run(['user_signed_up', '--payload', file('number.json', '42')]);

    expect(result.code).toBe(1);
    expectOneLine(result.stderr);
    expect(result.stderr).toBe(
      'hook-runner: user_signed_up: HaltedError: Sesamy sent something that is not an event (expected a JSON object or a list of them), so this Zap did not run.\n',
    );
    expect(result.stdout).toContain('✗ HaltedError');
  });

  it('refuses thin events offline, in one line: they need --live', async () => {
    const thin = file('thin.json', JSON.stringify({ eventType: 'contract.1#purchased', vendorId: VENDOR, contractId: 'contract_101' }));
    const result = await run(['--payload', thin]);

    expect(result).toMatchObject({ code: 2, stdout: '' });
    expectOneLine(result.stderr);
    expect(result.stderr).toContain('has thin events');
    expect(result.stderr).toContain('--live');
  });
});

describe('the hook runner’s one-line errors', () => {
  it.each([
    [
      'an unknown trigger key',
      ['subscription'],
      2,
      /unknown trigger "subscription"; valid keys: subscription_created, .*entitlement_updated/,
    ],
    ['an unknown option', ['--verbose'], 2, /unknown option "--verbose"/],
    ['an option without its value', ['--vendor'], 2, /--vendor needs a value/],
    ['--subscribe without --live', ['--subscribe', 'https://hooks.zapier.com/x', 'subscription_created'], 2, /--subscribe needs --live/],
    [
      '--subscribe without one trigger',
      ['--live', '--subscribe', 'https://hooks.zapier.com/x', '--vendor', VENDOR],
      2,
      /exactly one TRIGGER_KEY/,
    ],
    [
      '--subscribe to something not a URL',
      ['--live', '--subscribe', 'hooks', 'subscription_created', '--vendor', VENDOR],
      2,
      /http\(s\) URL/,
    ],
    [
      'a payload file that does not exist',
      ['--payload', join(scratch, 'nothing.json')],
      1,
      /cannot read the payload .*nothing\.json: no such file$/,
    ],
    ['a payload that is not JSON', ['--payload', join(scratch, 'bad.json')], 1, /the payload .*bad\.json is not JSON: /],
    ['--live without a .env', ['--live'], 1, /--live reads the Sesamy credentials from .*\.env, which cannot be read/],
  ])('%s', async (_, argv, code, message) => {
    file('bad.json', '{"user": {"email": "a@b.c"},\n');
    const result = await run(argv);

    expect(result).toMatchObject({ code, stdout: '' });
    expectOneLine(result.stderr);
    expect(result.stderr).toMatch(/^hook-runner: /);
    expect(result.stderr.trimEnd()).toMatch(message);
  });

  it('--live with a .env that lacks the secret', async () => {
    const root = mkdtempSync(join(scratch, 'env-'));
    writeFileSync(join(root, '.env'), `authData_clientId=${CLIENT_ID}\n`);
    const result = await run(['--live'], { root });

    expect(result.code).toBe(1);
    expectOneLine(result.stderr);
    expect(result.stderr).toContain('has no authData_clientSecret');
  });
});

describe('the hook runner --live (Sesamy served by nock)', () => {
  it('exchanges the credentials, runs performList and prints each HTTP exchange, never a secret', async () => {
    serveToken();
    serveAccount();

    const result = await run(['--live', 'subscription_created', '--vendor', VENDOR], { root: liveRoot() });

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`Session (production, client ${CLIENT_ID})`);
    expect(result.stdout).toContain('http  POST https://token.sesamy.com/oauth/token → 200 OK');
    expect(result.stdout).toContain(`http  GET ${API}/management/contracts?limit=25 → 200 OK`);
    expect(result.stdout).toContain('Sesamy API → performList');
    expect(result.stdout).toMatch(new RegExp(`^ {2}User Email +user__email +${users.user_ada.email}$`, 'm'));
    expectNoSecrets(result);
  });

  it('without --vendor, asks for one when the connection has several (exit 2)', async () => {
    serveToken();
    serveAccount();

    const result = await run(['--live', 'user_signed_up'], { root: liveRoot() });

    expect(result.code).toBe(2);
    expectOneLine(result.stderr);
    expect(result.stderr).toContain('choose one with --vendor ID: acme-news, acme-sport');
    expectNoSecrets(result);
  });

  it('hydrates a thin payload from the API', async () => {
    serveToken();
    serveAccount();
    const thin = file(
      'thin-live.json',
      JSON.stringify({ eventType: 'contract.1#purchased', vendorId: VENDOR, contractId: 'contract_101', userId: 'user_ada' }),
    );

    const result = await run(['--live', 'subscription_created', '--payload', thin, '--json'], { root: liveRoot() });

    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as {
      triggers: { subscription_created: { rows: { user: { email: string } }[]; http: unknown[] } };
    };
    expect(parsed.triggers.subscription_created.rows[0]?.user.email).toBe(users.user_ada.email);
    expect(parsed.triggers.subscription_created.http).toContainEqual({
      method: 'GET',
      url: `${API}/management/contracts/contract_101`,
      status: 200,
    });
    expectNoSecrets(result);
  });

  it('--subscribe runs the subscribe and unsubscribe round trip for the hook URL', async () => {
    serveToken();
    const hookUrl = 'https://hooks.zapier.com/hooks/standard/1/abc/';
    const subscribe = nock(API)
      .post('/management/webhooks', (body: { url?: string }) => body.url === hookUrl)
      .reply(201, { id: 'wh_1', secret: 'whsec_never-shown' });
    const unsubscribe = nock(API).delete('/management/webhooks/wh_1').reply(204);

    const result = await run(['--live', '--subscribe', hookUrl, 'subscription_ended', '--vendor', VENDOR], { root: liveRoot() });

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(subscribe.isDone() && unsubscribe.isDone()).toBe(true);
    expect(result.stdout).toContain(
      [
        '  subscribe',
        `    http  POST ${API}/management/webhooks → 201 Created`,
        '    subscription id wh_1',
        '  unsubscribe',
        `    http  DELETE ${API}/management/webhooks/wh_1 → 204 No Content`,
        '    unsubscribed',
      ].join('\n'),
    );
    expect(result.stdout).not.toContain('whsec_');
    expectNoSecrets(result);
  });

  it('a refused token is one line, exit 1, with the exchange shown and no secret', async () => {
    nock(TOKEN_HOST)
      .post('/oauth/token')
      .reply(401, { error: 'invalid_client', error_description: `bad secret ${CLIENT_SECRET}` });

    const result = await run(['--live', '--subscribe', 'https://hooks.zapier.com/x', 'subscription_created', '--vendor', VENDOR], {
      root: liveRoot(),
    });

    expect(result.code).toBe(1);
    expectOneLine(result.stderr);
    expect(result.stderr).toMatch(
      /^hook-runner: the session exchange failed: Sesamy did not accept this connection's credentials \(401 Unauthorized\)\. Reconnect/,
    );
    expect(result.stdout).toContain(
      'http  POST https://token.sesamy.com/oauth/token → no answer reached the app (a connection failure, or a 401',
    );
    expectNoSecrets(result);
  });
});

describe('fields as a Zap shows them', () => {
  it('flattens nested objects with __, arrays of objects as line items, and labels dict keys', () => {
    const fields = flattenRow({
      user: { email: 'a@b.c', tags: ['x', 'y'] },
      products: [{ sku: 'a', price: { amount: 1 } }, { sku: 'b' }],
      empty: {},
    });
    expect(fields).toEqual([
      { key: 'user__email', value: 'a@b.c' },
      { key: 'user__tags', value: ['x', 'y'] },
      { key: 'products[]sku', value: ['a', 'b'] },
      { key: 'products[]price__amount', value: [1] },
      { key: 'empty', value: { emptyObject: true } },
    ]);
    expect(labelFor('newsletters__weekly', [{ key: 'newsletters', label: 'Newsletters', dict: true }])).toBe('Newsletters weekly');
    expect(labelFor('unknown', [])).toBeUndefined();
  });

  it('truncates long values to the width, saying how much was left out', () => {
    expect(truncate('short', 10)).toBe('short');
    const cut = truncate('x'.repeat(200), 40);
    expect([...cut].length).toBeLessThanOrEqual(40);
    expect(cut).toMatch(/^x+… \(\+\d+ chars\)$/);
    const [line] = renderFields(
      [{ key: 'tags', value: Array.from({ length: 30 }, (_, index) => `tag_${index}`) }],
      [{ key: 'tags', label: 'Tags' }],
      {
        dim: (text) => text,
        columns: 60,
      },
    );
    expect(line).toMatch(/^ {2}Tags {2}tags {2}tag_0, tag_1, .*, … \(\+\d+ more\)$/);
    expect([...(line ?? '')].length).toBeLessThanOrEqual(60);
  });
});

describe('npm start (smoke: the real command on dist/index.js)', () => {
  it('prints a trigger’s sample fields, and nothing from core', () => {
    const dist = join(ROOT, 'dist', 'index.js');
    if (!existsSync(dist)) throw new Error('dist/index.js is missing: run npm run build (npm test does) before this test');
    const env = { ...process.env };
    delete env.NODE_ENV;
    delete env.NODE_OPTIONS;

    const child = spawnSync(process.execPath, [join(ROOT, 'scripts', 'start.ts'), 'user_signed_up'], { cwd: ROOT, env, encoding: 'utf8' });

    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(child.stdout).toMatch(/^New User Sign-Up \(user_signed_up\)\n/);
    expect(child.stdout).toMatch(/^ {2}User Email +user__email +zapier@sesamy\.com$/m);
    expect(child.stdout).not.toMatch(/RSSMEM|ZID/);
  });
});
