// Words in the Zap editor: every instant trigger names Sesamy's own name for its event, the
// polling ones say where their rows come from and how often Zapier checks, the checkout
// trigger says when it fires, and output labels are clear and distinct.
import { EVENTS } from '../../events.ts';
import {
  App,
  type CreateKey,
  createOperation,
  hookOperation,
  instantKeys,
  type PollingKey,
  pollingKeys,
  pollingOperation,
  type SearchKey,
  searchOperation,
} from '../support/harness.ts';

describe('words in the Zap editor', () => {
  it.each(EVENTS.map((spec) => [spec.key, spec] as const))('%s’s description names Sesamy’s own name for the event', (key, spec) => {
    expect(App.triggers[key].display.description).toBe(`${spec.description} Sesamy calls this event “${spec.sesamyEvent}”.`);
  });

  it.each(pollingKeys)(
    '%s’s description says the rows come from Sesamy’s transactions, not its events, and how often Zapier checks',
    (key) => {
      expect(App.triggers[key].display.description).toMatch(
        /^Triggers when a reader (pays|is refunded) in Sesamy[^.]*\. These come from Sesamy's transactions, not its events: Zapier checks for new ones every 1 to 15 minutes, depending on your Zapier plan, and each check reads Sesamy's newest 100 transactions\.$/,
      );
    },
  );

  it('the checkout trigger’s label says that it fires when a checkout completes; its key stays', () => {
    expect(App.triggers.contract_purchased.key).toBe('contract_purchased');
    expect(App.triggers.contract_purchased.display.label).toBe('Checkout Completed');
  });

  const outputLabelsOf = (key: string): string[] => {
    const operation =
      key in App.searches
        ? searchOperation(key as SearchKey)
        : key in App.creates
          ? createOperation(key as CreateKey)
          : (pollingKeys as string[]).includes(key)
            ? pollingOperation(key as PollingKey)
            : hookOperation(key as (typeof instantKeys)[number]);
    return operation.outputFields.map((field) => String(field.label));
  };
  const stepKeys = [...Object.keys(App.searches), ...Object.keys(App.creates)];

  it.each([...instantKeys, ...pollingKeys, ...stepKeys])(
    '%s: no two output labels are alike (one is never another with a word put in front), none reads as a sentence',
    (key) => {
      const labels = outputLabelsOf(key);

      expect(labels.length).toBe(new Set(labels).size);
      const prefixed = labels.filter((label) =>
        labels.some((other) => other !== label && label.endsWith(` ${other}`) && !label.slice(0, -other.length - 1).includes(' ')),
      );
      expect(prefixed).toEqual([]);
      // The labels that read as sentences before: "Event User ID" beside "User ID", "User Canceled Subscriptions", "Will Cancel At"…
      const sentences = [
        'Event User ID',
        'Event Time as Sent by Sesamy',
        'User Signed Up At',
        'Will Cancel At',
        'Has Access',
        'Is Active',
        'User Canceled Subscriptions',
        'User Active Subscriptions',
      ];
      expect(labels.filter((label) => sentences.includes(label))).toEqual([]);
    },
  );
});
