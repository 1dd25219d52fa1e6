// The app definition as Zapier sees it: schema-valid, every visible trigger declared
// from the event table, with a sample that is exactly the row its documented delivery
// gives, and a labelled output field for every key of that sample.
import { createRequire } from 'node:module';
import { EVENTS } from '../../events.ts';
import { sortedKeysOf } from '../../output-fields/flat-keys.ts';
import { rowSchemaOf, SHAPES } from '../../payloads/event-shapes.ts';
import { rowOf, SAMPLE_CONTEXT } from '../../triggers/event-fields.ts';
import { FILTER_FIELDS } from '../../triggers/filters.ts';
import { App, dictKeysOf, hookOperation, pollingKeys } from '../support/harness.ts';

// Core's own compile and validate steps, the ones `zapier-platform validate` runs.
const require = createRequire(import.meta.url);
const schemaTools = require('zapier-platform-core/src/tools/schema') as {
  compileApp: (app: unknown) => unknown;
  validateApp: (compiled: unknown) => unknown[];
};

describe('app definition', () => {
  it('passes Zapier’s schema validation', () => {
    expect(schemaTools.validateApp(schemaTools.compileApp(App))).toEqual([]);
  });

  it('has an instant trigger for each row of the event table, the polling triggers on Sesamy’s transactions, and the hidden dropdowns', () => {
    const dropdowns = ['vendor_list', 'product_list', 'access_list_list', 'purchase_option_list', 'user_list', 'grant_list'] as const;
    expect(Object.keys(App.triggers).sort()).toEqual([...EVENTS.map((spec) => spec.key), ...pollingKeys, ...dropdowns].sort());
    for (const key of pollingKeys)
      expect([key, App.triggers[key].operation.type, App.triggers[key].display.hidden]).toEqual([key, 'polling', undefined]);
    for (const key of dropdowns) expect([key, App.triggers[key].display.hidden]).toEqual([key, true]);
  });

  it('covers all eight of Sesamy’s event types', () => {
    expect(new Set(EVENTS.flatMap((spec) => spec.eventTypes)).size).toBe(8);
  });
});

describe.each(EVENTS)('$key sample, output fields and inputs', (spec) => {
  const operation = hookOperation(spec.key);
  const dicts = dictKeysOf(operation);

  it('has a delivery sample of its payload shape, with schema-valid values', () => {
    const result = SHAPES[spec.shape].safeParse(spec.sample);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('shows as its static sample exactly the row its sample delivery gives, event fields included', () => {
    // As where the reader's lists cannot be read (the hook runner offline): the event's own tags.
    expect(operation.sample).toEqual(rowOf(spec, spec.sample, spec.sample, SAMPLE_CONTEXT, undefined));
    const result = rowSchemaOf(spec.shape).safeParse(operation.sample);
    expect(result.error?.issues ?? []).toEqual([]);
    expect(operation.sample).toMatchObject({
      eventType: spec.eventTypes.length === 1 ? spec.eventTypes[0] : null,
      vendorId: SAMPLE_CONTEXT.vendorId,
      occurredAt: SAMPLE_CONTEXT.receivedAt,
      id: expect.stringMatching(/^evt_[0-9a-f]{32}$/),
    });
  });

  it('gives every key of the sample a labelled output field, and no field that the sample lacks', () => {
    const declared = operation.outputFields.map((field) => field.key).sort();
    expect(declared).toEqual(sortedKeysOf(operation.sample, dicts));
    for (const field of operation.outputFields) {
      expect(field.label).toMatch(/^[A-Z0-9]/);
    }
  });

  it('asks for the vendor with the vendor_list dropdown, then offers exactly its optional filters', () => {
    expect(operation.inputFields.map((field) => field.key)).toEqual(['vendorId', ...spec.filters]);
    expect(operation.inputFields[0]).toEqual(
      expect.objectContaining({ key: 'vendorId', label: 'Vendor', required: true, dynamic: 'vendor_list.id.name' }),
    );
    for (const key of spec.filters) {
      expect(operation.inputFields).toContainEqual({ ...FILTER_FIELDS[key], required: false });
    }
  });
});
