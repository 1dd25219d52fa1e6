// `npm start -- SEARCH_OR_ACTION_KEY` (scripts/runner/steps.ts): searches and actions run in-process
// on the app definition, offline against the tests' stateful fake Sesamy, or --live against
// nock; plus one smoke run of the real command on dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { ACCESS_TOKEN, API, CLIENT_ID, CLIENT_SECRET, TOKEN_HOST } from '../../scripts/fake-sesamy/account.ts';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { runSearch } from '../support/harness.ts';
import { ROOT, type Run, runnerIn, scratchFolder } from '../support/runner.ts';

const scratch = scratchFolder('step-runner-');
const run = runnerIn(scratch);

const linesOf = (text: string) => text.split('\n');

const liveRoot = (): string => {
  const root = mkdtempSync(join(scratch, 'live-'));
  writeFileSync(
    join(root, '.env'),
    `authData_clientId=${CLIENT_ID}\nauthData_clientSecret="${CLIENT_SECRET}"\nauthData_environment=production\n`,
  );
  return root;
};

const serveToken = () => nock(TOKEN_HOST).post('/oauth/token').reply(200, { access_token: ACCESS_TOKEN, token_type: 'Bearer' });

const expectNoSecrets = ({ stdout, stderr }: Run) => {
  for (const secret of [CLIENT_SECRET, ACCESS_TOKEN, 'Bearer', 'uthorization']) {
    expect(stdout).not.toContain(secret);
    expect(stderr).not.toContain(secret);
  }
};

const GRANT_INPUT = { accessListId: 'list_shop', email: 'ada@example.com', sku: 'premium-digital', poId: 'po-monthly' };
const GRANTS_URL = `${API}/management/access-lists/list_shop/grants`;
const STEP_KEYS =
  'searches: find_user, find_subscription, find_entitlement, find_grant, find_payments; actions: grant_access, revoke_access, create_user, update_user, set_user_metadata';

interface StepJson {
  mode: string;
  steps: {
    key: string;
    input: Record<string, unknown>;
    rows: Record<string, unknown>[];
    http: { method: string; url: string; status?: number; body?: string }[];
  }[];
}

describe('searches and actions offline, on the fake Sesamy', () => {
  it('find_user prints each request Sesamy gets and the row the Zap gets, flattened and labelled', async () => {
    const result = await run(['find_user', '--input', '{"email":" Ada@Example.com "}']);

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(linesOf(result.stdout).slice(0, 7)).toEqual([
      'Find User (find_user)',
      '  search · fake Sesamy (offline) · 1 row',
      '  input {"email":" Ada@Example.com "}',
      `  http  GET ${API}/management/users?search=ada%40example.com&limit=100 → 200 OK`,
      `  http  GET ${API}/management/users/user_ada → 200 OK`,
      `  http  GET ${API}/management/contracts?userId=user_ada&limit=100 → 200 OK`,
      `  http  GET ${API}/management/entitlements?userId=user_ada → 200 OK`,
    ]);
    expect(result.stdout).toMatch(/^ {2}User Email +email +ada@example\.com$/m);
    expect(result.stdout).toMatch(/^ {2}User Billing Address Line 2 +billingAddress__addressLineTwo +c\/o Byron$/m);
    expect(result.stdout).toMatch(/^ {2}User Metadata newsletters__weekly +user_metadata__newsletters__weekly +true$/m);
    expect(result.stdout).not.toContain('body');
  });

  it('--json gives the same row as the search run through the app tester on a fresh fake', async () => {
    const result = await run(['find_user', '--input', '{"email":"ada@example.com"}', '--json']);

    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as StepJson;
    serveSesamy();
    expect(parsed.mode).toBe('offline');
    expect(parsed.steps.map((step) => step.key)).toEqual(['find_user']);
    expect(parsed.steps[0]?.rows).toEqual(await runSearch('find_user', { email: 'ada@example.com' }));
  });

  it('grant_access twice: the first run posts the grant, the replay finds it and returns the same grant', async () => {
    const result = await run(['grant_access', 'grant_access', '--input', JSON.stringify(GRANT_INPUT)]);

    expect(result).toMatchObject({ code: 0, stderr: '' });
    const [first = '', second = ''] = result.stdout.split(/^(?=Grant Access \(grant_access\)$)/m);
    expect(linesOf(first).slice(0, 6)).toEqual([
      'Grant Access (grant_access)',
      '  action · fake Sesamy (offline) · 1 row',
      `  input ${JSON.stringify(GRANT_INPUT)}`,
      `  http  GET ${GRANTS_URL} → 200 OK`,
      `  http  POST ${GRANTS_URL} → 201 Created`,
      '  body  {"email":"ada@example.com","sku":"premium-digital","poId":"po-monthly","status":"ACTIVE","source":"list_shop"}',
    ]);
    expect(linesOf(second).slice(0, 5)).toEqual([
      'Grant Access (grant_access)',
      '  action · fake Sesamy (offline) · 1 row',
      `  input ${JSON.stringify(GRANT_INPUT)}`,
      `  http  GET ${GRANTS_URL} → 200 OK`,
      '  Grant ID                       id                        grant_1',
    ]);
    expect(first).toMatch(/^ {2}Grant ID +id +grant_1$/m);

    const json = JSON.parse(
      (await run(['grant_access', 'grant_access', '--input', JSON.stringify(GRANT_INPUT), '--json'])).stdout,
    ) as StepJson;
    const [made, replayed] = json.steps;
    expect(replayed?.rows).toEqual(made?.rows);
    expect(replayed?.http.map((exchange) => exchange.method)).toEqual(['GET']);
  });

  it('a fresh run starts from the fixture account again', async () => {
    const once = JSON.parse((await run(['grant_access', '--input', JSON.stringify(GRANT_INPUT), '--json'])).stdout) as StepJson;
    const again = JSON.parse((await run(['grant_access', '--input', JSON.stringify(GRANT_INPUT), '--json'])).stdout) as StepJson;
    expect(once.steps[0]?.http.map((exchange) => exchange.method)).toEqual(['GET', 'POST']);
    expect(again.steps[0]?.http.map((exchange) => exchange.method)).toEqual(['GET', 'POST']);
  });

  it('find_user, create_user, find_user: nothing, then the new reader, who is found after', async () => {
    const result = await run([
      'find_user',
      'create_user',
      'find_user',
      '--input',
      '{"email":"new@example.com","firstName":"Nora"}',
      '--json',
    ]);

    expect(result.code).toBe(0);
    const [before, created, after] = (JSON.parse(result.stdout) as StepJson).steps;
    expect(before?.input).toEqual({ email: 'new@example.com' });
    expect(before?.rows).toEqual([]);
    expect(created?.http.find((exchange) => exchange.method === 'POST')).toEqual({
      method: 'POST',
      url: `${API}/management/users`,
      status: 201,
      contentType: 'application/json; charset=utf-8',
      body: '{"email":"new@example.com","firstName":"Nora"}',
    });
    expect(after?.rows.map((row) => [row.id, row.email, row.firstName])).toEqual([['user_1', 'new@example.com', 'Nora']]);
    expect((await run(['find_user', '--input', '{"email":"new@example.com"}'])).stdout).toContain(
      '  (nothing found: the search returns [])',
    );
  });

  it('shows a text/plain body with its type, and masks a secret typed into an input', async () => {
    const metadata = await run(['set_user_metadata', '--input', '{"userId":"user_ada","key":"plan","value":"gold"}']);
    expect(linesOf(metadata.stdout).slice(3, 5)).toEqual([
      `  http  PUT ${API}/management/users/user_ada/user_metadata/plan → 204 No Content`,
      '  body  (text/plain) gold',
    ]);

    const leaked = await run(['grant_access', '--input', JSON.stringify({ ...GRANT_INPUT, notes: `pw ${CLIENT_SECRET}` })]);
    expect(leaked.code).toBe(0);
    expect(leaked.stdout).toContain('"notes":"pw :censored:"');
    expect(leaked.stdout).toMatch(/^ {2}Notes +notes +pw :censored:$/m);
    expectNoSecrets(leaked);
  });

  it('reads --input from a file and from stdin', async () => {
    const path = join(scratch, 'input.json');
    writeFileSync(path, '{"email":"grace@example.com"}');
    const fromFile = await run(['find_user', '--input', path]);
    const fromStdin = await run(['find_user', '--input', '-'], { stdin: '{"email":"grace@example.com"}' });

    for (const result of [fromFile, fromStdin]) {
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(/^ {2}User Email +email +grace@example\.com$/m);
    }
  });

  it('an app error (HaltedError) is one line on stderr, exit 1, and the steps after it do not run', async () => {
    const result = await run([
      'revoke_access',
      'find_user',
      '--input',
      '{"accessListId":"list_shop","email":"nobody@example.com","sku":"x"}',
    ]);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'hook-runner: revoke_access: HaltedError: Access list “list_shop” has no grant for “nobody@example.com” and product “x”, so there was no access to revoke.\n',
    );
    expect(result.stdout).toContain('  ✗ HaltedError (message on stderr)');
    expect(result.stdout).not.toContain('Find User');
  });

  it('--help describes searches and actions', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  npm start -- STEP_KEY… [--input JSON|FILE|-] [--json] [--live [--yes]]');
  });
});

describe('usage errors for searches and actions (exit 2, one line, nothing run)', () => {
  it.each([
    ['an unknown key beside --input', ['find_usr', '--input', '{}'], `unknown search or action "find_usr"; ${STEP_KEYS} (see --help)`],
    ['an unknown key among steps', ['find_user', 'grant'], `unknown search or action "grant"; ${STEP_KEYS} (see --help)`],
    [
      'an unknown key alone',
      ['find_usr'],
      /^unknown trigger "find_usr"; valid keys: subscription_created, .*, entitlement_updated, payment_received, refund_issued; searches: find_user, .*set_user_metadata \(see --help\)$/,
    ],
    [
      'malformed --input JSON',
      ['find_user', '--input', '{"email":'],
      '--input is not JSON (Unexpected end of JSON input); give an object of input fields, such as {"email":"ada@example.com"} (see --help)',
    ],
    [
      '--input that is not an object',
      ['find_user', '--input', '["ada@example.com"]'],
      '--input must be a JSON object of input fields, such as {"email":"ada@example.com"} (see --help)',
    ],
    [
      'an input field no step declares',
      ['find_user', '--input', '{"emial":"ada@example.com"}'],
      'find_user has no input field "emial"; input fields: email (see --help)',
    ],
    [
      'a trigger beside a search',
      ['find_user', 'user_signed_up'],
      'user_signed_up is a trigger; run triggers and searches or actions separately (see --help)',
    ],
    [
      '--input without a step',
      ['user_signed_up', '--input', '{}'],
      `--input and --yes are for searches and actions; name one (${STEP_KEYS}) (see --help)`,
    ],
    [
      '--payload with a search',
      ['find_user', '--payload', 'x.json'],
      '--payload is for triggers, not for searches and actions (see --help)',
    ],
    [
      '--yes offline',
      ['grant_access', '--yes'],
      '--yes lets a --live run write to Sesamy; offline, actions write to the fake and need no --yes (see --help)',
    ],
  ])('%s', async (_, argv, message) => {
    const result = await run(argv);

    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(linesOf(result.stderr.trimEnd())).toHaveLength(1);
    const line = result.stderr.trimEnd().replace(/^hook-runner: /, '');
    if (typeof message === 'string') expect(line).toBe(message);
    else expect(line).toMatch(message);
  });
});

describe('searches and actions --live (Sesamy served by nock, network disabled)', () => {
  it('refuses an action without --yes before any request, even before reading .env', async () => {
    const token = serveToken();
    const api = nock(API).post(/.*/).reply(500);

    for (const root of [liveRoot(), scratch]) {
      const result = await run(['find_user', 'grant_access', '--live', '--input', JSON.stringify(GRANT_INPUT)], { root });
      expect(result).toEqual({
        code: 2,
        stdout: '',
        stderr:
          'hook-runner: grant_access writes to the Sesamy account of .env: add --yes to run it with --live, or leave out --live to run it on the fake (see --help)\n',
      });
    }
    expect(token.isDone() || api.isDone()).toBe(false);
  });

  it('a search exchanges the credentials, then reads through the real client, never printing a secret', async () => {
    serveToken();
    const fake = serveSesamy();

    const result = await run(['find_user', '--live', '--input', '{"email":"grace@example.com"}'], { root: liveRoot() });

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(linesOf(result.stdout).slice(0, 8)).toEqual([
      `Session (production, client ${CLIENT_ID})`,
      `  http  POST ${TOKEN_HOST}/oauth/token → 200 OK`,
      '',
      'Find User (find_user)',
      '  search · Sesamy API (--live) · 1 row',
      '  input {"email":"grace@example.com"}',
      `  http  GET ${API}/management/users?search=grace%40example.com&limit=100 → 200 OK`,
      `  http  GET ${API}/management/users/user_grace → 200 OK`,
    ]);
    expect(result.stdout).toMatch(/^ {2}User Email +email +grace@example\.com$/m);
    expect(fake.writes()).toEqual([]);
    expectNoSecrets(result);
  });

  it('an action with --yes writes, and prints the body Sesamy got', async () => {
    serveToken();
    const fake = serveSesamy();

    const result = await run(
      ['grant_access', '--live', '--yes', '--input', JSON.stringify({ ...GRANT_INPUT, publisherPurchaseId: 'order-1' })],
      { root: liveRoot() },
    );

    expect(result).toMatchObject({ code: 0, stderr: '' });
    const body =
      '{"email":"ada@example.com","sku":"premium-digital","poId":"po-monthly","status":"ACTIVE","source":"list_shop","publisherPurchaseId":"order-1"}';
    expect(result.stdout).toContain([`  http  POST ${GRANTS_URL} → 201 Created`, `  body  ${body}`].join('\n'));
    expect(fake.writes()).toEqual([
      {
        method: 'POST',
        path: '/management/access-lists/list_shop/grants',
        contentType: 'application/json; charset=utf-8',
        body: JSON.parse(body),
      },
    ]);
    expect(result.stdout).toMatch(/^ {2}Grant ID +id +grant_1$/m);
    expectNoSecrets(result);
  });

  it('--json shows the session without the token request’s body, and the step with its body', async () => {
    serveToken();
    serveSesamy();

    const result = await run(['create_user', '--live', '--yes', '--json', '--input', '{"email":"new@example.com"}'], { root: liveRoot() });

    expect(result).toMatchObject({ code: 0, stderr: '' });
    const parsed = JSON.parse(result.stdout) as StepJson & { session: { http: Record<string, unknown>[] } };
    expect(parsed.mode).toBe('live');
    expect(parsed.session.http).toEqual([{ method: 'POST', url: `${TOKEN_HOST}/oauth/token`, status: 200 }]);
    expect(parsed.steps[0]?.http.find((exchange) => exchange.method === 'POST')?.body).toBe('{"email":"new@example.com"}');
    expect(result.stdout).not.toContain('client_secret');
    expectNoSecrets(result);
  });

  it('a refused token is one line, exit 1, after the session it printed', async () => {
    nock(TOKEN_HOST)
      .post('/oauth/token')
      .reply(401, { error: 'invalid_client', error_description: `bad secret ${CLIENT_SECRET}` });

    const result = await run(['find_user', '--live', '--input', '{"email":"ada@example.com"}'], { root: liveRoot() });

    expect(result.code).toBe(1);
    expect(linesOf(result.stderr.trimEnd())).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^hook-runner: the session exchange failed: Sesamy did not accept this connection's credentials \(401 Unauthorized\)\. Reconnect/,
    );
    expect(result.stdout).toMatch(/^Session \(production, client client_acme_7f3a\)$/m);
    expect(result.stdout).not.toContain('Find User');
    expectNoSecrets(result);
  });
});

describe('npm start -- find_user (smoke: the real command on dist/index.js)', () => {
  it('runs the search on the fake Sesamy, offline, and prints nothing from core', () => {
    if (!existsSync(join(ROOT, 'dist', 'index.js')))
      throw new Error('dist/index.js is missing: run npm run build (npm test does) before this test');
    const env = { ...process.env };
    delete env.NODE_ENV;
    delete env.NODE_OPTIONS;

    const child = spawnSync(process.execPath, [join(ROOT, 'scripts', 'start.ts'), 'find_user', '--input', '{"email":"ada@example.com"}'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    });

    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(child.stdout).toMatch(/^Find User \(find_user\)\n {2}search · fake Sesamy \(offline\) · 1 row\n/);
    expect(child.stdout).toContain(`  http  GET ${API}/management/users/user_ada → 200 OK`);
    expect(child.stdout).toMatch(/^ {2}User Email +email +ada@example\.com$/m);
    expect(child.stdout).not.toMatch(/RSSMEM|ZID/);
  });
});
