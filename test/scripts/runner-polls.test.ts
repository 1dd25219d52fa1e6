// `npm start -- payment_received` (scripts/runner/polls.ts): one check of New Payment or New
// Refund, in-process on the app definition, offline against the tests' stateful fake Sesamy,
// or --live against nock.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import { ACCESS_TOKEN, API, CLIENT_ID, CLIENT_SECRET, TOKEN_HOST } from '../../scripts/fake-sesamy/account.ts';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { type Run, runnerIn, scratchFolder } from '../support/runner.ts';

const scratch = scratchFolder('poll-runner-');
const run = runnerIn(scratch);

const liveRoot = (): string => {
  const root = mkdtempSync(join(scratch, 'live-'));
  writeFileSync(
    join(root, '.env'),
    `authData_clientId=${CLIENT_ID}\nauthData_clientSecret="${CLIENT_SECRET}"\nauthData_environment=production\n`,
  );
  return root;
};

const expectNoSecrets = ({ stdout, stderr }: Run) => {
  for (const secret of [CLIENT_SECRET, ACCESS_TOKEN, 'Bearer', 'uthorization']) {
    expect(stdout).not.toContain(secret);
    expect(stderr).not.toContain(secret);
  }
};

const LIST = `${API}/management/transactions?limit=100&offset=0`;

describe('the polling triggers offline, on the fake Sesamy', () => {
  it('runs Test trigger: the requests, then each row as the Zap gets it, labelled', async () => {
    const result = await run(['refund_issued']);

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.split('\n').slice(0, 10)).toEqual([
      'New Refund (refund_issued)',
      '  Test trigger: the newest, however old · fake Sesamy (offline) · 2 rows',
      `  http  GET ${LIST} → 200 OK`,
      `  http  GET ${API}/management/users/user_grace → 200 OK`,
      `  http  GET ${API}/management/contracts/contract_102 → 200 OK`,
      `  http  GET ${API}/management/bills/bill_5003 → 200 OK`,
      `  http  GET ${API}/management/users/user_ada → 200 OK`,
      `  http  GET ${API}/management/contracts/contract_103 → 200 OK`,
      `  http  GET ${API}/management/bills/bill_5002 → 200 OK`,
      '  ── row 1 of 2',
    ]);
    expect(result.stdout).toMatch(/^ {2}Amount \(Negative for a Refund\) +signedAmount +-49$/m);
    expect(result.stdout).toMatch(/^ {2}Contract SKU +contract__sku +weekend-print$/m);
  });

  it('--populate runs the first check after a Zap is turned on: one request, rows without reader or bill', async () => {
    const result = await run(['payment_received', '--populate', '--json']);

    expect(result).toMatchObject({ code: 0, stderr: '' });
    const { mode, polls } = JSON.parse(result.stdout) as {
      mode: string;
      polls: Record<string, { check: string; rows: Record<string, unknown>[]; http: { url: string }[] }>;
    };
    expect(mode).toBe('offline');
    expect(polls.payment_received?.check).toBe('populate');
    expect(polls.payment_received?.http.map((exchange) => exchange.url)).toEqual([LIST]);
    expect(polls.payment_received?.rows.map((row) => [row.id, row.items])).toEqual([
      ['txn_7001', []],
      ['txn_7003', []],
      ['txn_7000', []],
    ]);
  });

  it('--poll runs a scheduled check: the fake’s transactions are weeks old, so it finds nothing new', async () => {
    const result = await run(['payment_received', '--poll']);

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('  a scheduled check: the last 23 hours · fake Sesamy (offline) · 0 rows');
    expect(result.stdout).toContain('  (no rows: the Zap would not run)');
  });

  it('--input sets the trigger’s filters; a field it has not is a usage error', async () => {
    const filtered = await run(['payment_received', '--input', '{"minAmount":"100"}', '--json']);
    const stray = await run(['payment_received', '--input', '{"vendorId":"acme-news"}']);

    const { polls } = JSON.parse(filtered.stdout) as { polls: Record<string, { rows: { id: string }[] }> };
    expect(polls.payment_received?.rows.map((row) => row.id)).toEqual(['txn_7000']);
    expect(stray).toMatchObject({ code: 2, stdout: '' });
    expect(stray.stderr).toBe(
      'hook-runner: payment_received has no input field "vendorId"; input fields: skus, minAmount, maxAmount (see --help)\n',
    );
  });

  it.each([
    [['payment_received', 'find_user'], 'find_user is not a polling trigger; run polling triggers, instant triggers and steps separately'],
    [['--populate'], '--populate and --poll are for the polling triggers; name one (payment_received, refund_issued)'],
    [['payment_received', '--populate', '--poll'], '--populate and --poll are two kinds of check; choose one'],
    [['payment_received', '--vendor', 'acme-news'], '--vendor is for instant triggers, not for polling triggers'],
    [['refund_issued', '--live', '--yes'], '--yes is for actions; a polling trigger only reads'],
  ])('refuses %j in one line, exit 2', async (argv, message) => {
    const result = await run(argv);

    expect(result).toEqual({ code: 2, stdout: '', stderr: `hook-runner: ${message} (see --help)\n` });
  });

  it('--help says how to run them', async () => {
    const result = await run(['--help']);

    expect(result.stdout).toContain(
      '  npm start -- payment_received|refund_issued… [--populate | --poll] [--input JSON|FILE|-] [--json] [--live]',
    );
  });
});

describe('the polling triggers --live (Sesamy served by nock, network disabled)', () => {
  it('exchanges the credentials, runs Test trigger, and shows each amount beside its contract’s price; never a secret', async () => {
    nock(TOKEN_HOST).post('/oauth/token').reply(200, { access_token: ACCESS_TOKEN, token_type: 'Bearer' });
    serveSesamy();

    const result = await run(['payment_received', '--live'], { root: liveRoot() });

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`Session (production, client ${CLIENT_ID})`);
    expect(result.stdout).toContain('  Test trigger: the newest, however old · Sesamy API (--live) · 3 rows');
    expect(result.stdout).toContain(`  http  GET ${API}/management/contracts/contract_101 → 200 OK`);
    expect(result.stdout.split('\n').filter((line) => line.startsWith('  units '))).toEqual([
      '  units transaction “txn_7001”: amount 99 SEK; its contract “contract_101” is priced 99 SEK',
      '  units transaction “txn_7003”: amount 49 SEK; its contract “contract_102” is priced 49 SEK',
      '  units transaction “txn_7000”: amount 539 SEK; its contract “contract_103” is priced 49 SEK',
    ]);
    expectNoSecrets(result);
  });
});
