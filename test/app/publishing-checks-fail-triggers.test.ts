// Each of Zapier's checks (test/support/checks.ts) must be able to fail, or a passing
// publishing-checks.test.ts proves nothing: a broken copy of the real definition (or Zapier's own
// ✘ example from the integration checks reference) gives the violation, and the ✔
// example passes. The checks of searches, creates and searchOrCreates are shown failing
// on a synthetic app in publishing-checks-fail-steps.test.ts.

import {
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
  d010,
  d011,
  d012,
  d016d017,
  d018,
  d021,
  d023,
  d024,
  d025,
  type Field,
  hookTriggersOf,
  type Placed,
  pollingTriggersOf,
  serializedDefinition,
  type Trigger,
  t002,
  t004,
  titleCase,
} from '../support/checks.ts';
import { App } from '../support/harness.ts';

const APP_TITLE = 'Sesamy';
const definition = serializedDefinition(App);
const hooks = hookTriggersOf(definition);

describe('each check fails on a broken definition', () => {
  const [hook] = hooks;
  if (!hook) throw new Error('no hook trigger to break');
  const withOperation = (operation: Partial<Trigger['operation']>): Trigger => ({
    ...hook,
    operation: { ...hook.operation, ...operation },
  });
  const withDisplay = (display: Partial<Trigger['display']>): Trigger => ({ ...hook, display: { ...hook.display, ...display } });
  const field = (item: Field, where = 'triggers.x.inputFields.f'): Placed<Field> => ({ where, item });
  const text = (item: string): Placed<string> => ({ where: 'triggers.x.display.description', item });

  it('D002 flags an auth field without a link, and passes the reference’s correct example', () => {
    expect(d002(field({ key: 'apiKey', label: 'API Key', helpText: 'API key is found on the "API Details" page in settings' }))).toEqual([
      expect.stringMatching(/^D002 .* no Markdown link to where the API Key is found\.$/),
    ]);
    expect(d002(field({ key: 'apiKey', helpText: 'Go to the [API Details](https://my.site.com/manage/api-details) screen.' }))).toEqual([]);
  });

  it('D003 flags a missing label, a label that is just the app name, and one shared by two accounts', () => {
    expect(d003Set({ ...definition, authentication: { type: 'session' } })).toEqual([expect.stringMatching(/^D003 /)]);
    expect(d003Label('Sesamy', 'Sesamy', APP_TITLE)).toEqual([
      expect.stringMatching(/^D003 .*“Sesamy” is just the app's name\.$/),
      expect.stringMatching(/^D003 .*“Sesamy” is the same for two different accounts\.$/),
    ]);
    expect(d003Label('', 'x', APP_TITLE)).toEqual([expect.stringMatching(/^D003 .* is empty/)]);
  });

  it('D004 flags an ID field without a dynamic dropdown', () => {
    expect(d004(field({ key: 'vendorId', label: 'Vendor' }))).toEqual([
      expect.stringMatching(/^D004 .*: triggers\.x\.inputFields\.f asks for an ID/),
    ]);
    expect(d004(field({ key: 'contract', label: 'Contract ID' }))).toHaveLength(1);
    expect(d004(field({ key: 'minTotal', label: 'Minimum Total' }))).toEqual([]);
  });

  it('D005 flags a dropdown on a missing trigger, and a dropdown whose rows lack its label field', () => {
    expect(d005(definition, field({ key: 'vendorId', dynamic: 'vendors.id.name' }))).toEqual([
      'D005 Dynamic Dropdown Connects to a Non-Existing Trigger: triggers.x.inputFields.f dynamic “vendors.id.name” names no trigger “vendors”.',
    ]);
    expect(d005Rows('vendor_list', 'vendor_list.id.title', [{ id: 'a', name: 'A' }])).toEqual([
      'D005 vendor_list: dynamic “vendor_list.id.title” reads title, but rows of vendor_list lack it.',
    ]);
  });

  it('D006/T006 flag a hook without performList, and rows whose keys differ', () => {
    expect(d006PerformList(withOperation({ performList: undefined }))).toEqual([expect.stringMatching(/^D006 .* has no performList\.$/)]);
    const live = [{ id: 1, firstName: 'Bruce', user: { email: 'b@example.com' } }];
    const polling = [{ id: 1, firstName: 'Bruce', user: { email: 'b@example.com' }, friends: [2, 3] }];
    expect(d006t006(hook, { sample: { id: 1, firstName: 'Bruce' }, live, polling })).toEqual([
      `D006 triggers.${hook.key}: the static sample lacks keys a live hook row has: user__email.`,
      `T006 triggers.${hook.key}: performList row 0 has keys a live hook row lacks: friends.`,
    ]);
    expect(d006t006(hook, { sample: live[0], live, polling: [] })).toEqual([expect.stringMatching(/^D006 .* performList gave no row/)]);
  });

  it('D007 flags an http URL', () => {
    expect(d007(text('See http://example.com/messages/subscribe'))).toEqual([
      expect.stringMatching(/^D007 .*“http:\/\/example\.com\/messages\/subscribe”/),
    ]);
    expect(d007(text('https://example.com/messages/subscribe'))).toEqual([]);
  });

  it('D008 flags the reference’s incorrect links, and passes its correct ones', () => {
    expect(d008(text('See [Google(https://google.com)'))).toEqual([expect.stringMatching(/^D008 .* malformed link/)]);
    expect(d008(text('See https://google.com'))).toEqual([expect.stringMatching(/^D008 .* bare URL “https:\/\/google\.com”/)]);
    expect(d008(text('See [Google] (https://google.com)'))).toEqual([expect.stringMatching(/^D008 .* malformed link/)]);
    expect(d008(text('See [Google](https://google.com)'))).toEqual([]);
    expect(d008(text('See `https://google.com`'))).toEqual([]);
  });

  it('D011 flags help text that repeats the label', () => {
    expect(d011(field({ key: 'subdomain', label: 'Subdomain', helpText: 'subdomain' }))).toEqual([expect.stringMatching(/^D011 /)]);
    expect(
      d011(
        field({ key: 'subdomain', label: 'Subdomain', helpText: 'Where you access your forms, e.g. `https://<SUBDOMAIN>.typeform.com`' }),
      ),
    ).toEqual([]);
  });

  it('D012 flags a visible trigger without a sample, and exempts a hidden one', () => {
    expect(d012(withOperation({ sample: undefined }))).toEqual([expect.stringMatching(/^D012 /)]);
    expect(d012(withOperation({ sample: {} }))).toHaveLength(1);
    expect(d012({ ...withOperation({ sample: undefined }), display: { ...hook.display, hidden: true } })).toEqual([]);
  });

  it('D016/D017 flag a hook trigger without subscribe or unsubscribe', () => {
    expect(d016d017(withOperation({ performSubscribe: undefined, performUnsubscribe: undefined }))).toHaveLength(2);
  });

  it('D018 flags a label that is not Title Case, and shows the passing version', () => {
    expect(d018(withDisplay({ label: 'new contact' }))).toEqual([
      `D018 Titlecased Label: triggers.${hook.key} label “new contact” should be “New Contact”.`,
    ]);
    expect(d018(withDisplay({ label: 'New Or Updated User' }))).toHaveLength(1);
    expect(d018(withDisplay({ label: 'New User Sign-up' }))).toHaveLength(1);
  });

  it.each([
    ['new contact', 'New Contact'],
    ['new or updated subscription', 'New or Updated Subscription'],
    ['the end of the road', 'The End of the Road'],
    ['what to sign in to', 'What to Sign in To'],
    ['new user sign-up', 'New User Sign-Up'],
    ['new VAT ID for iPhone', 'New VAT ID for iPhone'],
    ['starting over: a new hope', 'Starting Over: A New Hope'],
    ['sesamy tags (comma-separated)', 'Sesamy Tags (Comma-Separated)'],
    ['read/write access', 'Read/Write Access'],
    ['NEW CONTACT', 'New Contact'],
  ])('D018 title-cases %j as %j (Gruber’s rules)', (input, expected) => {
    expect(titleCase(input)).toBe(expected);
  });

  it('D021 flags the reference’s incorrect descriptions', () => {
    for (const description of [
      "Whenever there's a new contact, this goes?",
      "Triggers whenever there's a new contact.",
      'Triggers when a contact is new',
    ]) {
      expect(d021(withDisplay({ description }))).toEqual([expect.stringMatching(/^D021 /)]);
    }
    expect(d021(withDisplay({ description: "Triggers when there's a new contact." }))).toEqual([]);
  });

  it('D023 flags the reference’s incorrect dates and a Unix time, and passes its correct ones', () => {
    const sample = { a: '01 Aug 2023', b: { createdAt: '01 Aug 2023 06:50:30' }, c: ['2023-08-01T06:50:30'], updatedAt: 1690872630 };
    expect(d023(withOperation({ sample }))).toEqual([
      expect.stringMatching(/^D023 .* sample a is “01 Aug 2023”/),
      expect.stringMatching(/^D023 .* sample b\.createdAt is “01 Aug 2023 06:50:30”/),
      expect.stringMatching(/^D023 .* sample c\[0\] is “2023-08-01T06:50:30”/),
      expect.stringMatching(/^D023 .* sample updatedAt is the number 1690872630/),
    ]);
    const correct = { a: '2023-08-01', b: '2023-08-01T06:50:30-0500', c: '2023-09-15T09:59:59Z', zip: '41560', sku: '123-xyz', total: 10 };
    expect(d023(withOperation({ sample: correct }))).toEqual([]);
  });

  it('D024 flags the reference’s incorrect example, and passes its correct one', () => {
    const outputFields: Field[] = [
      { key: 'id', type: 'integer' },
      { key: 'email', type: 'string', required: true },
    ];
    expect(d024(withOperation({ sample: { id: '1' }, outputFields }))).toEqual([
      `D024 Static Sample Respects Output Field Definition: triggers.${hook.key}: sample id is string "1", but the field type is integer.`,
      `D024 Static Sample Respects Output Field Definition: triggers.${hook.key}: the required output field email is not in the sample.`,
    ]);
    expect(d024(withOperation({ sample: { id: 1, email: 'john@example.com' }, outputFields }))).toEqual([]);
  });

  it('D024 reads nested keys, line items, lists and dicts, and accepts null (UNVERIFIED)', () => {
    const outputFields: Field[] = [
      { key: 'user__email', type: 'string' },
      { key: 'products[]quantity', type: 'integer' },
      { key: 'tags', type: 'string', list: true },
      { key: 'newsletters', dict: true },
      { key: 'expiresAt', type: 'datetime' },
    ];
    const sample = {
      user: { email: 3 },
      products: [{ quantity: 1 }, { quantity: 1.5 }],
      tags: ['a', 2],
      newsletters: [],
      expiresAt: '2023-08-01 06:50',
    };
    expect(d024(withOperation({ sample, outputFields }))).toEqual([
      expect.stringContaining('sample user__email is number 3, but the field type is string.'),
      expect.stringContaining('sample products[]quantity is number 1.5, but the field type is integer.'),
      expect.stringContaining('sample tags has the item number 2, but the items are of type string.'),
      expect.stringContaining('sample newsletters is a list, but the field is a dict (an object).'),
      expect.stringContaining('sample expiresAt is string "2023-08-01 06:50", but the field type is datetime.'),
    ]);
    const nulls = { user: { email: null }, products: [{ quantity: null }], tags: [], newsletters: null, expiresAt: null };
    expect(d024(withOperation({ sample: nulls, outputFields }))).toEqual([]);
  });

  it('D010 flags a polling trigger’s sample without its primary key; T002 a live result without it; T004 a live result without a sample key', () => {
    const [poll] = pollingTriggersOf(definition);
    if (!poll) throw new Error('no polling trigger to break');
    const { id: _, ...withoutId } = poll.operation.sample as Record<string, unknown>;
    expect(d010({ ...poll, operation: { ...poll.operation, sample: withoutId } })).toEqual([
      `D010 Static Sample Contains Primary Key: triggers.${poll.key} sample has no “id”.`,
    ]);
    expect(t002(poll, [{ id: 'a' }, { amount: 1 }, { id: '' }])).toEqual([
      `T002 Polling Results Contain Primary Key: triggers.${poll.key} result 1 has no “id”.`,
      `T002 Polling Results Contain Primary Key: triggers.${poll.key} result 2 has no “id”.`,
    ]);
    const { bill: __, ...withoutBill } = poll.operation.sample as Record<string, unknown>;
    expect(t004(poll, [poll.operation.sample, withoutBill])).toEqual([
      `T004 Static Sample Keys Are in Live Results: triggers.${poll.key} result 1 lacks bill__receiptUrl, bill__paymentProvider, bill__paymentMethod, bill__status, bill__price.`,
    ]);
  });

  it('D025 flags a script URI', () => {
    expect(d025(text('See [docs](javascript:alert(1))'))).toEqual([expect.stringMatching(/^D025 .*“javascript:”/)]);
  });
});
