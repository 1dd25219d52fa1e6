// The runner's command line: what to run, and the usage errors (exit 2) it can have.
import { usageError } from './errors.ts';

export interface Options {
  /** Trigger keys to run; empty means every instant trigger. */
  readonly keys: readonly string[];
  /** A file with a delivery, or `-` for stdin. */
  readonly payload?: string;
  readonly json: boolean;
  readonly vendor?: string;
  readonly live: boolean;
  /** A target (hook) URL for a subscribe + unsubscribe round trip. */
  readonly subscribe?: string;
  /** A search's or action's inputData: JSON, a file, or `-` for stdin (steps.ts). */
  readonly input?: string;
  /** With --live, lets an action write to the real account. */
  readonly yes: boolean;
  /** A polling trigger's check other than Test trigger: the first after the Zap is turned on, or a scheduled one (polls.ts). */
  readonly check?: 'populate' | 'poll';
  readonly help: boolean;
}

export const USAGE = `Usage: npm start -- [TRIGGER_KEY…] [options]
       npx node scripts/start.ts [TRIGGER_KEY…] [options]   (after npm run bundle; the project's Node 22)

Replays Sesamy deliveries through every instant trigger's real perform (the built app
in dist/index.js, through zapier-platform-core's app tester and the app's middleware)
and prints the fields a Zap would receive, per trigger.

Without options it runs each trigger's documented sample (events.ts): no credentials,
no network.

Arguments:
  TRIGGER_KEY           run only these triggers (default: all nine instant triggers)

Options:
  --payload FILE        run this delivery (one event or a JSON array of them) instead
                        of the samples; FILE "-" reads stdin. Rich events (with a user
                        object) run offline; thin ones (eventType + ids) need --live
  --vendor ID           the Vendor chosen on the trigger (default: the vendor of the
                        samples, or the first vendorId in the payload; with --live,
                        the connection's only vendor)
  --json                print JSON ({"triggers": {KEY: {"rows": […], …}}}) instead of tables
  --live                use the Sesamy API with the credentials in .env (format of
                        zapier-platform invoke: authData_clientId=…,
                        authData_clientSecret=…, authData_environment=production|development):
                        runs the session exchange, then performList (the Zap editor's
                        "Test trigger"), or perform for --payload
  --subscribe URL       with --live, one TRIGGER_KEY and --vendor: subscribe URL as the
                        Zap's hook URL, then unsubscribe it, printing each HTTP exchange
  -h, --help            show this help

Output goes to stdout; errors are one line on stderr. Secrets (client secret, token,
Authorization header) are never printed. With npm, add --silent before -- to keep
npm's banner out of --json output: npm start --silent -- --json

Exit codes: 0 success; 1 runtime failure (a trigger threw, a file or .env is missing
or unreadable, the payload is not JSON, Sesamy failed); 2 usage error.`;

export const POLLS_USAGE = `Polling triggers (New Payment, New Refund):
  npm start -- payment_received|refund_issued… [--populate | --poll] [--input JSON|FILE|-] [--json] [--live]

Runs one check of each named trigger through its real perform, and prints each request
Sesamy gets, the log lines and the rows the Zap gets. Without --live it runs against the
in-process fake Sesamy of the tests (its transactions are weeks old: a scheduled check
finds nothing new); with --live, against the API with the credentials in .env (a check
only reads, so it needs no --yes), and each row's amount is shown beside its contract's
price, to check the unit Sesamy's amounts are in.

  (default)             Test trigger in the Zap editor: the newest few, however old
  --populate            the first check after the Zap is turned on: fills Zapier's
                        list of seen transactions, builds no row
  --poll                a scheduled check: the rows of the last 23 hours
  --input JSON|FILE|-   the trigger's filters (inputData), such as '{"minAmount":"50"}'`;

const VALUE_OPTIONS = ['--payload', '--vendor', '--subscribe', '--input'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];
const FLAG_OPTIONS = ['--json', '--live', '--yes', '--populate', '--poll', '--help', '-h'] as const;

const isValueOption = (name: string): name is ValueOption => (VALUE_OPTIONS as readonly string[]).includes(name);
const isFlagOption = (name: string): boolean => (FLAG_OPTIONS as readonly string[]).includes(name);

export const parseArgs = (argv: readonly string[]): Options => {
  const keys: string[] = [];
  const values: Partial<Record<ValueOption, string>> = {};
  const flags = new Set<string>();
  let onlyPositionals = false;

  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (onlyPositionals || arg === '-' || !arg.startsWith('-')) {
      keys.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPositionals = true;
      continue;
    }
    const equals = arg.indexOf('=');
    const name = arg.startsWith('--') && equals > 0 ? arg.slice(0, equals) : arg;
    if (isValueOption(name)) {
      const inline = equals > 0 && name !== arg; // --input=VALUE rather than --input VALUE
      if (!inline) index += 1;
      const value = inline ? arg.slice(equals + 1) : argv[index];
      if (value === undefined || value === '' || (value.startsWith('--') && value !== '-')) {
        throw usageError(`${name} needs a value`);
      }
      if (values[name] !== undefined) throw usageError(`${name} was given twice`);
      values[name] = value;
      continue;
    }
    if (isFlagOption(name) && name === arg) {
      flags.add(name === '-h' ? '--help' : name);
      continue;
    }
    throw usageError(`unknown option ${JSON.stringify(arg)}`);
  }

  const options: Options = {
    keys,
    json: flags.has('--json'),
    live: flags.has('--live'),
    help: flags.has('--help'),
    yes: flags.has('--yes'),
    ...(flags.has('--populate') ? { check: 'populate' as const } : flags.has('--poll') ? { check: 'poll' as const } : {}),
    ...(values['--input'] !== undefined ? { input: values['--input'] } : {}),
    ...(values['--payload'] !== undefined ? { payload: values['--payload'] } : {}),
    ...(values['--vendor'] !== undefined ? { vendor: values['--vendor'].trim() } : {}),
    ...(values['--subscribe'] !== undefined ? { subscribe: values['--subscribe'] } : {}),
  };
  if (options.help) return options;

  if (options.vendor === '') throw usageError('--vendor needs a value');
  if (flags.has('--populate') && flags.has('--poll')) throw usageError('--populate and --poll are two kinds of check; choose one');
  if (options.subscribe !== undefined) {
    if (!options.live) throw usageError('--subscribe needs --live: it registers the URL with the real Sesamy API');
    if (options.keys.length !== 1) throw usageError('--subscribe needs exactly one TRIGGER_KEY');
    if (options.vendor === undefined) throw usageError('--subscribe needs --vendor ID');
    if (options.payload !== undefined) throw usageError('--subscribe and --payload cannot be combined');
    let url: URL | undefined;
    try {
      url = new URL(options.subscribe);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      throw usageError(`--subscribe needs an http(s) URL, not ${JSON.stringify(options.subscribe)}`);
    }
  }
  return options;
};

export const STEPS_USAGE = `Searches and actions:
  npm start -- STEP_KEY… [--input JSON|FILE|-] [--json] [--live [--yes]]

Runs searches and actions (STEP_KEY: a search or action key, such as find_user or
grant_access) through their real perform, one after the other with the same input,
and prints each request Sesamy gets (method, URL, body) and the rows the Zap gets.
A key given twice runs twice: the second run of grant_access shows its repeat.

Without --live they run against an in-process fake Sesamy account, the stateful fake
of the tests (scripts/fake-sesamy/api.ts: readers ada@example.com and grace@example.com,
access lists list_shop and list_b2b, products premium-digital and weekend-print): no
credentials, no network, and what an action writes stays written until the run ends.

  --input JSON|FILE|-   the step's input fields (inputData) as a JSON object, such as
                        '{"email":"ada@example.com"}', or a file holding one, or - for
                        stdin; each step gets the fields it declares. Default: {}
  --live                run against the Sesamy API with the credentials in .env
  --yes                 with --live, let actions write to that account; without it an
                        action is refused (exit 2) before any request

An unknown key, a field no step declares, or --input that is not a JSON object is a
usage error (exit 2); a step that fails (an app error such as HaltedError) prints one
line on stderr and exits 1, and the steps after it do not run.`;
