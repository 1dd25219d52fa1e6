// npm run bench: what the app costs Zapier's runtime beyond zapier-platform-core itself.
// Prints each figure with its target, and how it was measured; exits 1 if one is
// missed. docs/performance.md explains each figure and target. Every figure is a ratio
// of two things measured side by side, so load from other processes hits both alike.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { zipApp } from './zip.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIST = pathToFileURL(path.join(ROOT, 'dist/index.js')).href;
const COLD_RUNS = 41; // fresh processes
const EVENTS_PER_SIDE = 2_000;
const WARMUP = 200;
/** Deliveries of this many thin events, each in a fresh process (its peak memory is its own); 100 is the cap. */
const SCALE_SIZES = [1, 10, 100];
const SCALE_RUNS = 5; // timed runs per size, after SCALE_WARMUP
const SCALE_WARMUP = 2;
/** How long the fake Sesamy and the fake z.cache take to answer each call: enough that calls overlap. */
const SESAMY_LATENCY_MS = 20;
const CACHE_LATENCY_MS = 5;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// ---- Cold start: the app's own import, as a share of core's, in the same fresh process.

const COLD_METHOD =
  `${COLD_RUNS} fresh Node processes each import zapier-platform-core, then dist/index.js (which finds core loaded): ` +
  "the app's import time over core's, median of the per-process shares";

/** One fresh process: milliseconds to import core, then the app on top of it. */
const coldRun = () =>
  JSON.parse(
    execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const t0 = performance.now(); await import('zapier-platform-core'); const t1 = performance.now(); await import(${JSON.stringify(DIST)}); ` +
          'console.log(JSON.stringify({ core: t1 - t0, app: performance.now() - t1 }))',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    ),
  );

/**
 * Both imports run back to back in one process, so whatever load the machine has at that
 * moment slows both alike, and the share holds where two separately timed processes
 * would drift apart. Core's time is what any app pays; the share is what this one adds.
 */
const coldStart = () => {
  const runs = Array.from({ length: COLD_RUNS }, coldRun);
  return {
    share: median(runs.map(({ app, core }) => app / core)),
    app: median(runs.map((run) => run.app)),
    core: median(runs.map((run) => run.core)),
  };
};

// ---- In a child process (NODE_ENV=test silences core's per-call RSSMEM line): per-event cost and request counts.

const eventsChild = async () => {
  const { default: zapier } = await import('zapier-platform-core');
  const { default: App } = await import(DIST);
  const { EVENTS } = await import('../events.ts');
  const fake = await import('./fake-sesamy/account.ts');
  const appTester = zapier.createAppTester(App);

  // The least a hook trigger can do: hand the delivery back. Run in the app's own
  // definition (same triggers, samples and fields, so core's per-call work on the
  // definition is the same) and in a one-trigger app (what that work costs).
  const barePerform = (_z, bundle) => [bundle.cleanedRequest];
  const sameDefinition = {
    ...App,
    triggers: Object.fromEntries(
      Object.entries(App.triggers).map(([key, trigger]) => [
        key,
        trigger.operation.type === 'hook' ? { ...trigger, operation: { ...trigger.operation, perform: barePerform } } : trigger,
      ]),
    ),
  };
  const minimal = {
    version: '1.0.0',
    platformVersion: zapier.version,
    triggers: {
      hook: {
        key: 'hook',
        noun: 'Event',
        display: { label: 'New Event', description: 'Triggers on an event.' },
        operation: { type: 'hook', perform: barePerform, sample: { id: '1' } },
      },
    },
  };

  // A rich delivery: the documented sample of each trigger, as Sesamy posts it.
  // No connection: the app's own work, without the reader's two list reads (counted below, not timed).
  const rich = (spec) => ({ inputData: { vendorId: 'vendor_123' }, cleanedRequest: structuredClone(spec.sample) });
  const sideOf = (app, key) => {
    const tester = zapier.createAppTester(app);
    return async (spec) => {
      const rows = await tester(app.triggers[key(spec)].operation.perform, rich(spec));
      if (rows.length !== 1) throw new Error(`${spec.key}: a rich delivery gave ${rows.length} rows, not 1`);
    };
  };
  const sides = {
    app: sideOf(App, (spec) => spec.key),
    bare: sideOf(sameDefinition, (spec) => spec.key),
    minimal: sideOf(minimal, () => 'hook'),
  };
  const names = Object.keys(sides);
  const times = Object.fromEntries(names.map((name) => [name, []]));
  for (let i = 0; i < WARMUP + EVENTS_PER_SIDE; i++) {
    const spec = EVENTS[i % EVENTS.length];
    // Rotate the order, so no side always follows another's garbage.
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length];
      const t = performance.now();
      await sides[name](spec);
      if (i >= WARMUP) times[name].push(performance.now() - t);
    }
  }
  const perEvent = Object.fromEntries(names.map((name) => [name, median(times[name])]));

  // Request counts, against the tests' fake Sesamy (nock; any other host fails). The
  // connection already holds its token (authData.sessionKey), as on Zapier.
  const { default: nock } = await import('nock');
  nock.disableNetConnect();
  const count = async (spec, delivery, inputData) => {
    nock.cleanAll();
    const seen = fake.serveAccount();
    const rows = await appTester(App.triggers[spec.key].operation.perform, {
      authData: fake.authData,
      inputData,
      cleanedRequest: delivery,
    });
    if (rows.length !== 1) throw new Error(`${spec.key}: a delivery gave ${rows.length} rows, not 1`);
    return seen.length;
  };
  const IDS = {
    subscription: { contractId: 'contract_101' },
    checkout: { contractId: 'contract_101', checkoutId: 'checkout_1' },
    entitlement: { entitlementId: 'ent_201' },
    user: {},
  };
  const counts = [];
  for (const eventType of [...new Set(EVENTS.flatMap((spec) => spec.eventTypes))]) {
    const spec = EVENTS.find((candidate) => candidate.eventTypes.includes(eventType));
    const thin = { eventType, vendorId: fake.VENDOR, userId: 'user_ada', ...IDS[spec.shape], occured_at: '2026-11-20T10:00:00Z' };
    counts.push({
      name: `thin ${eventType} (${spec.shape})`,
      shape: spec.shape,
      requests: await count(spec, thin, { vendorId: fake.VENDOR }),
    });
  }
  let richRequests = 0;
  for (const spec of EVENTS) richRequests += await count(spec, structuredClone(spec.sample), { vendorId: 'vendor_123' });
  counts.push({ name: 'rich deliveries (all triggers)', shape: 'rich', requests: richRequests });

  // New Payment's checks, one Zap on the stateful fake (its memory kept between checks, as z.cache keeps it):
  // the first check, one with nothing new, one with one new payment, one after a thousand, and Test trigger.
  const { serveSesamy } = await import('./fake-sesamy/api.ts');
  nock.cleanAll();
  const sesamy = serveSesamy();
  const perform = App.triggers.payment_received.operation.perform;
  const check = async (name, target, meta = {}) => {
    sesamy.requests.length = 0;
    await appTester(perform, { authData: fake.authData, inputData: {}, meta: { zap: { id: 'zap_bench' }, ...meta } });
    polls.push({ name, target, requests: sesamy.requests.length });
  };
  const payment = (id, secondsAgo, userId = 'user_ada') => {
    const at = new Date(Date.now() - secondsAgo * 1000).toISOString();
    sesamy.bills.set(`bill_${id}`, { ...fake.bills.bill_5001, id: `bill_${id}` });
    return {
      id,
      amount: 99,
      currency: 'SEK',
      contractId: 'contract_101',
      isRefund: false,
      userId,
      billId: `bill_${id}`,
      createdAt: at,
      updatedAt: at,
    };
  };
  const polls = [];
  await check('the first check after the Zap is turned on', 1, { isPopulatingDedupe: true });
  await check('a check with nothing new', 1);
  sesamy.transactions.push(payment('bench_1', 60));
  await check('a check with one new payment', 4);
  for (let index = 0; index < 1000; index += 1)
    sesamy.transactions.push(payment(`burst_${index}`, 30 - index / 100, index % 2 ? 'user_ada' : 'user_grace'));
  await check('a check after a thousand new payments (2 readers)', 1 + 25 * 3);
  await check('Test trigger', 1 + 12 * 3, { isLoadingSample: true });

  console.log(JSON.stringify({ perEvent, counts, polls }));
};

// ---- Scale, in a child process per size: a delivery of N thin subscription events of N
// distinct readers (4 reads each) against a fake Sesamy that answers any id after a delay,
// with z.cache going to (a fake of) Zapier's RPC, as on Zapier. Per-event time, the heap a
// delivery takes at its peak (sampled every 2 ms from a collected heap), and the most
// calls (HTTP and z.cache) open at once.

const scaleChild = async (size) => {
  const { default: zapier } = await import('zapier-platform-core');
  const { default: App } = await import(DIST);
  const { default: nock } = await import('nock');
  const fake = await import('./fake-sesamy/account.ts');
  const scale = await import('./fake-sesamy/scale.ts');
  nock.disableNetConnect();
  process.env.ZAPIER_DEPLOY_KEY = 'bench'; // z.cache through core's RPC client, not the app tester's in-memory stand-in
  const appTester = zapier.createAppTester(App);
  appTester.zcacheTestObj = undefined;
  const perform = App.triggers.subscription_created.operation.perform;
  const delivery = (run) =>
    Array.from({ length: size }, (_, index) => ({
      eventType: 'contract.1#purchased',
      vendorId: fake.VENDOR,
      userId: `reader_${run}_${index}`,
      contractId: `contract_${run}_${index}`,
      occured_at: '2026-11-20T10:00:00Z',
    }));
  const once = async (run) => {
    nock.cleanAll();
    const traffic = scale.newTraffic();
    scale.serveAnyReader(traffic, SESAMY_LATENCY_MS);
    scale.serveZapierCache(traffic, { delayMs: CACHE_LATENCY_MS });
    const cleanedRequest = delivery(run);
    global.gc();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const sampler = setInterval(() => {
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }, 2);
    const started = performance.now();
    const rows = await appTester(perform, {
      authData: fake.authData,
      inputData: { vendorId: fake.VENDOR },
      meta: { zap: { id: `bench_${run}` } },
      cleanedRequest,
    });
    const ms = performance.now() - started;
    clearInterval(sampler);
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    if (rows.length !== size) throw new Error(`a delivery of ${size} events gave ${rows.length} rows`);
    return {
      ms,
      heapMb: (heapPeak - heapBefore) / 2 ** 20,
      peak: traffic.peak,
      requests: traffic.seen.length,
      cacheCalls: traffic.rpc.length,
    };
  };
  for (let run = 0; run < SCALE_WARMUP; run++) await once(`warmup${run}`);
  const runs = [];
  for (let run = 0; run < SCALE_RUNS; run++) runs.push(await once(`run${run}`));
  console.log(
    JSON.stringify({
      size,
      perEventMs: median(runs.map((run) => run.ms)) / size,
      heapMb: median(runs.map((run) => run.heapMb)),
      peakInFlight: Math.max(...runs.map((run) => run.peak)),
      requests: runs[0].requests,
      cacheCalls: runs[0].cacheCalls,
    }),
  );
};

/** Above the cap: the delivery halts before any call; how long that takes. */
const overCapChild = async () => {
  const { default: zapier } = await import('zapier-platform-core');
  const { default: App } = await import(DIST);
  const fake = await import('./fake-sesamy/account.ts');
  const appTester = zapier.createAppTester(App);
  const perform = App.triggers.subscription_created.operation.perform;
  const results = [];
  for (const size of [101, 1_000, 10_000]) {
    const cleanedRequest = Array.from({ length: size }, (_, index) => ({
      eventType: 'contract.1#purchased',
      vendorId: fake.VENDOR,
      userId: `u${index}`,
    }));
    const started = performance.now();
    const halted = await appTester(perform, { authData: fake.authData, inputData: { vendorId: fake.VENDOR }, cleanedRequest }).then(
      () => false,
      (error) => error.name === 'HaltedError',
    );
    results.push({ size, ms: performance.now() - started, halted });
  }
  console.log(JSON.stringify(results));
};

/** A measurement in a child process of its own (NODE_ENV=test, gc exposed for the heap figures): the JSON its last line prints. */
const childJson = (args) =>
  JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', import.meta.filename, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'test' },
    })
      .trim()
      .split('\n')
      .at(-1),
  );

// ---- Size: build.zip of the app vs of a bare app with only zapier-platform-core, same routine.

export const bareAppDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bare-app-'));
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const write = (file, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write(
    'package.json',
    JSON.stringify({
      name: 'bare-app',
      version: '1.0.0',
      private: true,
      type: 'module',
      exports: './dist/index.js',
      dependencies: { 'zapier-platform-core': pkg.dependencies['zapier-platform-core'] },
    }),
  );
  write(
    'dist/index.js',
    `import zapier from 'zapier-platform-core';
export default {
  version: '1.0.0',
  platformVersion: zapier.version,
  triggers: {
    hook: {
      key: 'hook', noun: 'Event', display: { label: 'New Event', description: 'Triggers on an event.' },
      operation: { type: 'hook', perform: (z, bundle) => [bundle.cleanedRequest], sample: { id: '1' } },
    },
  },
};
`,
  );
  for (const file of ['.zapierapprc', '.gitignore', 'package-lock.json']) fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
  // Prune the app's lockfile to core's tree, so both zips hold the same versions.
  execFileSync(
    'npm',
    ['install', '--package-lock-only', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
    {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return dir;
};

const sizes = async () => {
  const [appZip] = await zipApp(ROOT, { quiet: true });
  const bare = bareAppDir();
  try {
    const [bareZip] = await zipApp(bare, { quiet: true });
    return { app: fs.statSync(appZip).size, bare: fs.statSync(bareZip).size };
  } finally {
    fs.rmSync(bare, { recursive: true, force: true });
  }
};

// ---- Report

const main = async () => {
  const started = Date.now();
  console.log(
    `bench: ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.availableParallelism()} cores, ${os.cpus()[0]?.model}`,
  );
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const rows = [];
  const info = [];
  const figure = (name, value, target, detail) => rows.push({ name, value, target, detail, ok: value <= target });

  const cold = coldStart();
  figure(
    "cold start (the app's import as a share of core's)",
    cold.share,
    0.05,
    `app ${cold.app.toFixed(1)} ms on top of core ${cold.core.toFixed(0)} ms (medians)`,
  );
  info.push(`cold start measured so: ${COLD_METHOD}`);

  const child = childJson(['--events']);
  const { app, bare, minimal } = child.perEvent;
  figure(
    'per-event cost (rich delivery, ratio of medians)',
    app / bare,
    1.25,
    `app ${app.toFixed(2)} ms vs bare perform ${bare.toFixed(2)} ms, ${EVENTS_PER_SIDE} events each`,
  );
  // No target: core re-compiles the whole definition on every call; see docs/performance.md.
  info.push(`per-event cost vs a one-trigger app: ${(app / minimal).toFixed(2)} (app ${app.toFixed(2)} ms vs ${minimal.toFixed(2)} ms)`);
  // The fewest reads each payload shape needs, plus the reader's contracts and entitlements for
  // their tags where hydration does not read them already (docs/performance.md says why).
  const MIN_REQUESTS = { subscription: 4, checkout: 2 + 2, entitlement: 2 + 1, user: 1 + 2, rich: 9 * 2 };
  for (const { name, shape, requests } of child.counts) figure(`HTTP requests: ${name}`, requests, MIN_REQUESTS[shape], '');
  // A check of New Payment reads the list once and each new row's reader, contract and bill once, at most 25 rows (docs/performance.md).
  for (const { name, target, requests } of child.polls) figure(`HTTP requests, New Payment: ${name}`, requests, target, '');

  const { IN_FLIGHT } = await import('../api/invocation.ts');
  const { MAX_EVENTS_PER_DELIVERY } = await import('../triggers/delivery.ts');
  const scaled = SCALE_SIZES.map((size) => childJson(['--scale', String(size)]));
  const at = (size) => scaled.find((row) => row.size === size);
  figure(
    `per-event cost at the cap (${MAX_EVENTS_PER_DELIVERY} events) over at 10`,
    at(MAX_EVENTS_PER_DELIVERY).perEventMs / at(10).perEventMs,
    1.5,
    `${at(MAX_EVENTS_PER_DELIVERY).perEventMs.toFixed(2)} ms vs ${at(10).perEventMs.toFixed(2)} ms per event, median of ${SCALE_RUNS}`,
  );
  for (const row of scaled) {
    figure(
      `most calls in flight, ${row.size} event${row.size === 1 ? '' : 's'} (Sesamy and z.cache)`,
      row.peakInFlight,
      IN_FLIGHT,
      `${row.requests} requests and ${row.cacheCalls} z.cache calls each answered after ${SESAMY_LATENCY_MS} / ${CACHE_LATENCY_MS} ms`,
    );
  }
  // At 10 events and more the limit must be reached, or the figure above proves nothing.
  const unused = scaled.filter((row) => row.size >= 10 && row.peakInFlight !== IN_FLIGHT);
  if (unused.length > 0)
    rows.push({
      name: 'the limit is used (in flight reaches it at 10 events and more)',
      value: unused.length,
      target: 0,
      detail: '',
      ok: false,
    });
  const scaleTable = [
    '| events | per event | peak heap of the delivery | per event | most in flight | requests | z.cache calls |',
    '|---|---|---|---|---|---|---|',
    ...scaled.map(
      (row) =>
        `| ${row.size} | ${row.perEventMs.toFixed(2)} ms | ${row.heapMb.toFixed(1)} MB | ${((row.heapMb * 1024) / row.size).toFixed(0)} KB | ${row.peakInFlight} | ${row.requests} | ${row.cacheCalls} |`,
    ),
  ];
  for (const { size, ms, halted } of childJson(['--over-cap'])) {
    info.push(`a delivery of ${size} events: ${halted ? 'HaltedError' : 'NOT HALTED'} before any call, in ${ms.toFixed(1)} ms`);
    if (!halted) rows.push({ name: `a delivery of ${size} events halts`, value: 1, target: 0, detail: '', ok: false });
  }

  const size = await sizes();
  figure('size (build.zip, ratio)', size.app / size.bare, 1.25, `app ${size.app} bytes vs bare core app ${size.bare} bytes`);

  for (const { name, value, target, detail, ok } of rows) {
    const shown = Number.isInteger(value) ? String(value) : value.toFixed(3);
    console.log(`${ok ? 'ok  ' : 'MISS'} ${name}: ${shown} (target ≤ ${target})${detail ? `  [${detail}]` : ''}`);
  }
  for (const line of info) console.log(`info ${line}`);
  console.log('scale (thin subscription events of distinct readers):');
  for (const line of scaleTable) console.log(`  ${line}`);
  console.log(`bench: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const missed = rows.filter((row) => !row.ok).length;
  if (missed) throw new Error(`${missed} figure(s) missed their target`);
};

if (process.argv[1] === import.meta.filename) {
  const child = process.argv.indexOf('--scale');
  const run = process.argv.includes('--events')
    ? eventsChild
    : child > 0
      ? () => scaleChild(Number(process.argv[child + 1]))
      : process.argv.includes('--over-cap')
        ? overCapChild
        : main;
  run().catch((error) => {
    console.error(`bench failed: ${String(error?.message ?? error).split('\n')[0]}`);
    process.exit(1);
  });
}
