// The app definition as Zapier sees it: schema-valid, and every visible trigger
// declares a documented sample whose every field has a labelled output field.
import { createRequire } from 'node:module';
import { EVENTS } from '../events';
import { SHAPES } from '../payloads';
import { App, hookOperation } from './support/app';
import { sortedKeyPaths } from './support/shape';

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

  it('has an instant trigger for each row of the event table, and the vendor dropdown', () => {
    expect(Object.keys(App.triggers).sort()).toEqual([...EVENTS.map((spec) => spec.key), 'vendor_list'].sort());
  });
});

describe.each(EVENTS)('$key sample and output fields', (spec) => {
  const operation = hookOperation(spec.key);
  const dicts = operation.outputFields.filter((field) => field.dict).map((field) => field.key);

  it('documents every field of the sample with a schema-valid value', () => {
    const result = SHAPES[spec.shape].safeParse(spec.sample);
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('gives every field of the sample a labelled output field, and no field that the sample lacks', () => {
    const declared = operation.outputFields.map((field) => field.key).sort();
    expect(declared).toEqual(sortedKeyPaths(operation.sample, dicts));
    for (const field of operation.outputFields) {
      expect(field.label).toMatch(/^[A-Z0-9]/);
    }
  });

  it('asks for the vendor with the vendor_list dropdown', () => {
    expect(operation.inputFields[0]).toEqual(
      expect.objectContaining({ key: 'vendorId', label: 'Vendor', required: true, dynamic: 'vendor_list.id.name' }),
    );
  });
});
