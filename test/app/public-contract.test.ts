// The public contract: once a version is pushed, Zaps depend on its trigger keys, input
// keys, input choices and sample keys, and Zapier forbids removing them. Every other
// test derives its keys from events.ts and the samples, so a rename would pass them all;
// this one compares against the record in public-contract.json.
//
// A key that disappeared fails: restore it (a renamed key is a removed key).
// A new key fails until it is recorded, so that adding one is a decision:
//   UPDATE_PUBLIC_CONTRACT=1 npm run jest -- test/app/public-contract.test.ts
// adds new keys to the record and never removes one.
import { readFileSync, writeFileSync } from 'node:fs';
import { sortedKeysOf } from '../../output-fields/flat-keys.ts';
import { App } from '../support/harness.ts';

const RECORD = new URL('./public-contract.json', import.meta.url);

interface Field {
  readonly key: string;
  readonly choices?: readonly { readonly value: string }[] | Record<string, string>;
}

const choiceValues = (choices: Field['choices']): string[] =>
  choices === undefined ? [] : Array.isArray(choices) ? choices.map((choice) => choice.value) : Object.keys(choices);

interface Step {
  readonly key: string;
  readonly operation: { inputFields?: Field[]; sample?: unknown };
}

/** One step's keys: "trigger t", "t input k", "t input k choice c", "t sample a__b"; searches and actions alike. */
const stepKeysOf = (kind: 'trigger' | 'search' | 'create', step: Step): string[] => {
  const { key, operation } = step;
  const inputs = (operation.inputFields ?? []).flatMap((field) => [
    `${key} input ${field.key}`,
    ...choiceValues(field.choices).map((value) => `${key} input ${field.key} choice ${value}`),
  ]);
  const sample = sortedKeysOf(operation.sample).map((path) => `${key} sample ${path}`);
  return [`${kind} ${key}`, ...inputs, ...sample];
};

const stepsOf = (steps: Record<string, unknown> | undefined): Step[] => Object.values(steps ?? {}) as Step[];

/** Every public key of the app: each trigger, search and action's keys, and each searchOrCreate's key. */
const publicKeysOf = (app: typeof App): string[] => [
  ...stepsOf(app.triggers).flatMap((step) => stepKeysOf('trigger', step)),
  ...stepsOf(app.searches).flatMap((step) => stepKeysOf('search', step)),
  ...stepsOf(app.creates).flatMap((step) => stepKeysOf('create', step)),
  ...Object.keys(app.searchOrCreates ?? {}).map((key) => `searchOrCreate ${key}`),
];

const recorded = (): string[] => (JSON.parse(readFileSync(RECORD, 'utf8')) as { keys: string[] }).keys;

describe('the public contract', () => {
  const current = publicKeysOf(App);

  if (process.env.UPDATE_PUBLIC_CONTRACT) {
    const keys = [...new Set([...recorded(), ...current])].sort();
    writeFileSync(RECORD, `${JSON.stringify({ keys }, null, 2)}\n`);
  }

  it('keeps every published key: trigger, search and action keys, input keys and choices, sample keys', () => {
    const missing = recorded().filter((key) => !current.includes(key));
    expect({ 'published, now missing (never remove or rename one)': missing }).toEqual({
      'published, now missing (never remove or rename one)': [],
    });
  });

  it('records every key before it is published', () => {
    const known = new Set(recorded());
    const unrecorded = current.filter((key) => !known.has(key));
    expect({ 'new, not yet in test/app/public-contract.json (UPDATE_PUBLIC_CONTRACT=1 records them)': unrecorded }).toEqual({
      'new, not yet in test/app/public-contract.json (UPDATE_PUBLIC_CONTRACT=1 records them)': [],
    });
  });

  it('can tell a rename', () => {
    const renamed = {
      ...App,
      triggers: { ...App.triggers, cancellation_requested: { ...App.triggers.cancellation_requested, key: 'cancel_requested' } },
    };

    const keys = publicKeysOf(renamed as typeof App);

    expect(keys).toContain('trigger cancel_requested');
    expect(keys).not.toContain('trigger cancellation_requested');
    expect(recorded()).toContain('trigger cancellation_requested');
  });
});
