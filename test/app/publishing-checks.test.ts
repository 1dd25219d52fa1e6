// Zapier's integration checks (the "D" and "T" checks of
// docs.zapier.com/platform/publish/integration-checks-reference) that apply to this app,
// enforced locally on the definition Zapier receives: core's compiled and serialized
// app, plus what the connection label, perform and performList actually return.
// `zapier-platform validate --without-style` checks only the schema; these are the
// publishing checks Zapier's servers run, so a failure here names its check id the way
// Zapier's report would.
//
// Triggers, searches, creates and searchOrCreates are all checked; that each check can
// fail is shown in publishing-checks-fail-triggers.test.ts and publishing-checks-fail-steps.test.ts.
//
// The polling triggers (New Payment, New Refund) get the checks of their live results too:
// T002 (the primary key), T003 and T005 (D023 and D024 on a live row) and T004 (the static
// sample's keys are in it), on the rows Test trigger and a scheduled check give on the fake
// account.
//
// Not checked here, and why:
//   D001 (API key in an action field): the app asks for credentials in auth only.
//   D010 on hook triggers: hooks are not deduped (it is checked on the polling triggers,
//     searches and creates).
//   D026 (subdomain or inputFormat auth fields): a manual review; the app has none.
//   T001, Z001, S, M, U, L, A, C checks: need Zap history, live Zaps,
//     Zapier account settings or a previous public version.
import { jest } from '@jest/globals';
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { ENVIRONMENTS } from '../../api/http.ts';
import { EVENTS } from '../../events.ts';
import { authData, serveAccount } from '../../scripts/fake-sesamy/account.ts';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { isObject, type JsonObject } from '../../sesamy/json.ts';
import {
  actionsOf,
  authFieldsOf,
  createsOf,
  d002,
  d003Label,
  d003Set,
  d004,
  d005,
  d005Rows,
  d006PerformList,
  d006t006,
  d007,
  d008,
  d009,
  d010,
  d011,
  d012,
  d013,
  d014,
  d015,
  d016d017,
  d018,
  d021,
  d022,
  d023,
  d024,
  d025,
  hookTriggersOf,
  type Placed,
  placedInputFields,
  placedMarkdown,
  placedStrings,
  placeOf,
  pollingTriggersOf,
  searchesOf,
  searchOrCreatesOf,
  serializedDefinition,
  t002,
  t004,
  triggersOf,
  visibleTriggersOf,
} from '../support/checks.ts';
import { App, appTester, bundleWith, deliveryOf, forgetMemory, hookOperation, pollingKeys, runPoll } from '../support/harness.ts';

const APP_TITLE = 'Sesamy';

const definition = serializedDefinition(App);
const triggers = triggersOf(definition);
const visible = visibleTriggersOf(definition);
const hooks = hookTriggersOf(definition);
const polling = pollingTriggersOf(definition);
const fields = placedInputFields(definition);
const markdown = placedMarkdown(definition);
/** Every string of the definition, and the endpoints the app's code calls (Zapier cannot see those). */
const strings = [...placedStrings(definition), ...placedStrings(ENVIRONMENTS, 'api/http.ts ENVIRONMENTS')];
const dynamicFields = fields.filter(({ item }) => item.dynamic !== undefined);
const searches = searchesOf(definition);
const creates = createsOf(definition);
const actions = actionsOf(definition);
const visibleActions = actions.filter((action) => !action.display.hidden);
const searchOrCreates = searchOrCreatesOf(definition);
const connectorFields = fields.filter(({ item }) => item.search !== undefined);

/** The half-filled form a dependent dropdown reads: the grants of a list, the purchase options of a product. */
const DROPDOWN_FORMS: Readonly<Record<string, Record<string, string>>> = {
  grant_list: { accessListId: 'list_shop' },
  purchase_option_list: { sku: 'premium-digital' },
};

const byKey = <T extends { key: string }>(items: readonly T[]): [string, T][] => items.map((item) => [item.key, item]);
const byWhere = <T extends Parameters<typeof placeOf>[0]>(items: readonly T[]): [string, T][] => items.map((item) => [placeOf(item), item]);
const byPlace = <T>(items: readonly Placed<T>[]): [string, Placed<T>][] => items.map((placed) => [placed.where, placed]);

/**
 * it.each over the app's items. Jest refuses an empty table; an app with none of them
 * fails here by name, so no check of searches or creates passes for want of any.
 */
const eachOf = <T>(table: [string, T][], title: string, test: (key: string, item: T) => void): void => {
  if (table.length > 0) it.each(table)(title, test);
  else
    it(title.replace('%s', '(none)'), () => {
      throw new Error(`${title.replace(': %s', '')}: the app has none to check`);
    });
};

type Step<T> = (z: ZObject, bundle: Bundle) => Promise<T>;

/** A function of the app definition itself (not the serialized copy), to run it through the app tester. */
const functionAt = <T>(value: unknown, name: string): Step<T> => {
  if (typeof value !== 'function') throw new Error(`${name} is not a function in the app definition`);
  return value as Step<T>;
};

const triggerPerform = (key: string): Step<JsonObject[]> => {
  const operation: unknown = Object.entries(App.triggers).find(([name]) => name === key)?.[1].operation;
  return functionAt(isObject(operation) ? operation.perform : undefined, `triggers.${key}.operation.perform`);
};

describe('the checks cover the app', () => {
  it('sees every event trigger as a visible hook trigger, and the hidden dropdown triggers', () => {
    expect(hooks.map((trigger) => trigger.key).sort()).toEqual(EVENTS.map((spec) => spec.key).sort());
    const hidden = ['access_list_list', 'grant_list', 'product_list', 'purchase_option_list', 'user_list', 'vendor_list'];
    expect(
      triggers
        .filter((trigger) => trigger.display.hidden)
        .map((trigger) => trigger.key)
        .sort(),
    ).toEqual(hidden);
    expect(authFieldsOf(definition).map((field) => field.key)).toEqual(expect.arrayContaining(['clientId', 'clientSecret']));
  });

  it('sees the two triggers on Sesamy’s transactions as visible polling triggers', () => {
    expect(polling.map((trigger) => trigger.key).sort()).toEqual([...pollingKeys].sort());
    expect(visible.map((trigger) => trigger.key).sort()).toEqual([...hooks, ...polling].map((trigger) => trigger.key).sort());
  });

  it('sees every search, action and searchOrCreate the app defines', () => {
    expect(searches.map((search) => search.key).sort()).toEqual([
      'find_entitlement',
      'find_grant',
      'find_payments',
      'find_subscription',
      'find_user',
    ]);
    expect(creates.map((create) => create.key).sort()).toEqual([
      'create_user',
      'grant_access',
      'revoke_access',
      'set_user_metadata',
      'update_user',
    ]);
    expect(searchOrCreates.map((searchOrCreate) => [searchOrCreate.key, searchOrCreate.search, searchOrCreate.create])).toEqual([
      ['find_user', 'find_user', 'create_user'],
    ]);
    expect(connectorFields.map(({ where, item }) => [where, item.search]).sort()).toEqual(
      expect.arrayContaining([
        ['creates.revoke_access.inputFields.grantId', 'find_grant.id'],
        ['creates.update_user.inputFields.userId', 'find_user.id'],
      ]),
    );
  });
});

describe('Zapier integration checks', () => {
  it.each(byPlace(fields.filter(({ where }) => where.startsWith('authentication.'))))(
    'D002 auth field help text links to where the credential is found: %s',
    (_, field) => {
      expect(d002(field)).toEqual([]);
    },
  );

  it('D003 a connection label is set', () => {
    expect(d003Set(definition)).toEqual([]);
  });

  it('D003 the connection label identifies the account, not just the app, and tells two accounts apart', async () => {
    serveAccount();
    const test = functionAt<JsonObject>(App.authentication?.test, 'D003 Connection Label Should Be Set: authentication.test');
    const connectionLabel = functionAt<unknown>(
      App.authentication?.connectionLabel,
      'D003 Connection Label Should Be Set: authentication.connectionLabel',
    );
    const labelOf = async (auth: Record<string, string>) =>
      appTester(connectionLabel, { authData: auth, inputData: await appTester(test, { authData: auth }) });

    const label = await labelOf(authData);
    const otherAccountLabel = await labelOf({ ...authData, clientId: 'client_other_0000' });

    expect(d003Label(label, otherAccountLabel, APP_TITLE)).toEqual([]);
  });

  it.each(byPlace(fields))('D004 ID fields have dynamic dropdowns: %s', (_, field) => {
    expect(d004(field)).toEqual([]);
  });

  it.each(byPlace(dynamicFields))('D005 dynamic dropdown connects to an existing trigger: %s', (_, field) => {
    expect(d005(definition, field)).toEqual([]);
  });

  it.each([...new Set(dynamicFields.map(({ item }) => item.dynamic ?? ''))])(
    'D005 the dropdown trigger gives the id and label fields it names: %s',
    async (dynamic) => {
      serveSesamy();
      const [trigger = ''] = dynamic.split('.');
      const inputData = DROPDOWN_FORMS[trigger] ?? {};
      const rows = await appTester(triggerPerform(trigger), { authData, inputData, meta: { page: 0 } });
      expect(d005Rows(trigger, dynamic, rows)).toEqual([]);
    },
  );

  it.each(byKey(triggers))('D006 REST hook trigger has a polling fallback (performList): %s', (_, trigger) => {
    expect(d006PerformList(trigger)).toEqual([]);
  });

  describe('D006/T006', () => {
    // Every hook trigger's documented delivery through perform, and performList against
    // the fake account, run together (and settled before the first test cleans up nock);
    // each test then compares its trigger's results, or shows the error its run gave.
    type Rows = { live: JsonObject[]; polling: JsonObject[] };
    const runs = new Map<string, PromiseSettledResult<Rows>>();
    beforeAll(async () => {
      serveAccount();
      const settled = await Promise.allSettled(
        EVENTS.map(async (spec): Promise<Rows> => {
          const operation = hookOperation(spec.key);
          if (typeof operation.performList !== 'function') throw new Error(`D006 triggers.${spec.key} has no performList to run.`);
          const [live, polling] = await Promise.all([
            appTester(operation.perform, bundleWith({ cleanedRequest: deliveryOf(spec) })),
            appTester(operation.performList, bundleWith()),
          ]);
          return { live, polling };
        }),
      );
      EVENTS.forEach((spec, index) => {
        const result = settled[index];
        if (result) runs.set(spec.key, result);
      });
    });

    it.each(byKey(hooks))('D006/T006 sample, perform rows and performList rows share their keys: %s', (key, trigger) => {
      const run = runs.get(key);
      if (!run) throw new Error(`D006 triggers.${key}: no documented delivery in events.ts to compare a live row with`);
      if (run.status === 'rejected') throw run.reason;

      expect(d006t006(trigger, { sample: trigger.operation.sample, ...run.value })).toEqual([]);
    });
  });

  it.each(byPlace(strings.filter(({ item }) => item.includes('://'))))('D007 URLs use HTTPS: %s', (_, text) => {
    expect(d007(text)).toEqual([]);
  });

  it.each(byPlace(markdown))('D008 Markdown links are valid and bare URLs are in backticks: %s', (_, text) => {
    expect(d008(text)).toEqual([]);
  });

  it.each(byPlace(fields.filter(({ item }) => item.helpText !== undefined)))('D011 help text is more than the label: %s', (_, field) => {
    expect(d011(field)).toEqual([]);
  });

  it.each(byKey(visible))('D012 visible trigger has a static sample: %s', (_, trigger) => {
    expect(d012(trigger)).toEqual([]);
  });

  it.each(byKey(hooks))('D016/D017 REST hook trigger subscribes and unsubscribes (not a static webhook): %s', (_, trigger) => {
    expect(d016d017(trigger)).toEqual([]);
  });

  it.each(byKey(triggers))('D018 labels are Title Case: %s', (_, trigger) => {
    expect(d018(trigger)).toEqual([]);
  });

  it.each(byKey(triggers))('D021 description starts with “Triggers when ” and ends with “.”: %s', (_, trigger) => {
    expect(d021(trigger)).toEqual([]);
  });

  it.each(byKey(visible))('D023 dates in the static sample are ISO 8601 with a zone: %s', (_, trigger) => {
    expect(d023(trigger)).toEqual([]);
  });

  it.each(byKey(visible))('D024 static sample respects the output fields: %s', (_, trigger) => {
    expect(d024(trigger)).toEqual([]);
  });

  it('D025 no dangerous URIs anywhere in the definition', () => {
    expect(strings.flatMap(d025)).toEqual([]);
  });
});

describe('Zapier integration checks on the polling triggers', () => {
  // Each trigger's live results: Test trigger's rows on the fake account, then a scheduled
  // check's row of a payment or refund made a minute before the fake account's today.
  const live = new Map<string, { rows: JsonObject[] } | { error: unknown }>();
  beforeAll(async () => {
    jest.useFakeTimers({
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'],
      now: new Date('2026-11-28T12:00:00Z'),
    });
    for (const key of pollingKeys) {
      nock.cleanAll(); // a fresh fake account for each trigger
      forgetMemory();
      const at = '2026-11-28T11:59:00.000Z';
      const isRefund = key === 'refund_issued';
      serveSesamy().transactions.push({
        ...{ id: `txn_new_${key}`, amount: 99, currency: 'SEK', contractId: 'contract_101', isRefund },
        ...{ userId: 'user_ada', billId: 'bill_5001', createdAt: at, updatedAt: at },
      });
      try {
        live.set(key, { rows: [...(await runPoll(key, { meta: { isLoadingSample: true } })), ...(await runPoll(key))] });
      } catch (error) {
        live.set(key, { error });
      }
    }
    jest.useRealTimers();
  });
  const rowsOf = (key: string): JsonObject[] => {
    const run = live.get(key);
    if (!run) throw new Error(`T002 triggers.${key}: no live run`);
    if ('error' in run) throw run.error;
    if (run.rows.length === 0) throw new Error(`T002 triggers.${key}: the fake account gave no live result to check`);
    return run.rows;
  };
  const asSample = (trigger: (typeof polling)[number], row: JsonObject) => ({
    ...trigger,
    operation: { ...trigger.operation, sample: row },
  });

  eachOf(byKey(polling), 'D010 static sample has the primary key: %s', (_, trigger) => {
    expect(d010(trigger)).toEqual([]);
  });

  eachOf(byKey(polling), 'T002 every live result has the primary key: %s', (key, trigger) => {
    expect(t002(trigger, rowsOf(key))).toEqual([]);
  });

  eachOf(byKey(polling), 'T003 dates in the live results are ISO 8601 with a zone: %s', (key, trigger) => {
    expect(rowsOf(key).flatMap((row) => d023(asSample(trigger, row)))).toEqual([]);
  });

  eachOf(byKey(polling), 'T004 every key of the static sample is in each live result: %s', (key, trigger) => {
    expect(t004(trigger, rowsOf(key))).toEqual([]);
  });

  eachOf(byKey(polling), 'T005 live results respect the output fields: %s', (key, trigger) => {
    expect(rowsOf(key).flatMap((row) => d024(asSample(trigger, row)))).toEqual([]);
  });

  it('runs the checks on both a Test trigger row and a scheduled check’s row', () => {
    for (const key of pollingKeys) expect(rowsOf(key).map((row) => row.id)).toContain(`txn_new_${key}`);
  });
});

describe('Zapier integration checks on searches, creates and searchOrCreates', () => {
  // D004, D005, D011 on their input fields run above, with the triggers' (placedInputFields).
  eachOf(byWhere(searches), 'D009 search has at least one search field: %s', (_, search) => {
    expect(d009(search)).toEqual([]);
  });

  eachOf(byWhere(actions), 'D010 static sample has the primary key: %s', (_, action) => {
    expect(d010(action)).toEqual([]);
  });

  eachOf(byWhere(visibleActions), 'D012 visible search or create has a static sample: %s', (_, action) => {
    expect(d012(action)).toEqual([]);
  });

  eachOf(byPlace(connectorFields), 'D013 search connector names a search that exists, and a field of its result: %s', (_, field) => {
    expect(d013(definition, field)).toEqual([]);
  });

  eachOf(byPlace(connectorFields), 'D014 search connector comes with a dynamic dropdown: %s', (_, field) => {
    expect(d014(field)).toEqual([]);
  });

  eachOf(byWhere(searchOrCreates), 'D015 searchOrCreate names a search and a create that exist: %s', (_, searchOrCreate) => {
    expect(d015(definition, searchOrCreate)).toEqual([]);
  });

  eachOf(byWhere([...actions, ...searchOrCreates]), 'D018 labels are Title Case: %s', (_, action) => {
    expect(d018(action)).toEqual([]);
  });

  eachOf(byWhere(creates), 'D022 create has static input fields: %s', (_, create) => {
    expect(d022(create)).toEqual([]);
  });

  eachOf(byWhere(visibleActions), 'D023 dates in the static sample are ISO 8601 with a zone: %s', (_, action) => {
    expect(d023(action)).toEqual([]);
  });

  eachOf(byWhere(visibleActions), 'D024 static sample respects the output fields: %s', (_, action) => {
    expect(d024(action)).toEqual([]);
  });
});
