// The Zaps a publisher's finance team builds on New Payment and New Refund, mapped as the Zap
// editor maps them (flat keys; a line item's field into a plain field is its values joined
// by commas): a Slack message per payment, a ledger row in Google Sheets, and a refund that
// ends a partner's access with Revoke Access: the contract's product, the one refunded.
import { valuesAt } from '../../output-fields/flat-keys.ts';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import type { JsonObject } from '../../sesamy/json.ts';
import { forgetMemory, messageOf, onTheFakeAccountsToday, rejectionOf, runCreate, runPoll } from '../support/harness.ts';

onTheFakeAccountsToday();
beforeEach(forgetMemory);

/** What a Zap gets when a field at this flat key is mapped into a plain text field. */
const mapped = (row: JsonObject, key: string): string =>
  (valuesAt(row, key) ?? []).map((value) => (value === null ? '' : String(value))).join(',');

describe('a finance team’s Zaps', () => {
  it('a Slack message per payment and refund: who paid or was refunded what, for which product, with the receipt', async () => {
    serveSesamy();
    const [payment] = await runPoll('payment_received', { meta: { isLoadingSample: true } });
    const refunds = await runPoll('refund_issued', { meta: { isLoadingSample: true } });
    const refund = refunds.find((row) => row.id === 'txn_7002') ?? {};
    const say = (row: JsonObject, verb: string) =>
      `${mapped(row, 'user__firstName')} ${verb} ${mapped(row, 'amount')} ${mapped(row, 'currency')} for ${mapped(row, 'contract__name')} (${mapped(row, 'bill__receiptUrl')})`;

    expect(say(payment ?? {}, 'paid')).toBe('Ada paid 99 SEK for Premium Digital (https://receipts.example.com/bill_5001)');
    // The refund names the product refunded, not the two products of its order.
    expect(say(refund, 'was refunded')).toBe('Ada was refunded 49 SEK for Weekend Print (https://receipts.example.com/bill_5002)');
  });

  it('a ledger row per payment and refund: the signed amount, currency, time and the ids to reconcile by', async () => {
    serveSesamy();
    const payments = await runPoll('payment_received', { meta: { isLoadingSample: true } });
    const refunds = await runPoll('refund_issued', { meta: { isLoadingSample: true } });
    const columns = ['createdAt', 'id', 'signedAmount', 'currency', 'bill__price', 'billId', 'contractId', 'user__email'];

    const ledger = [...payments, ...refunds].map((row) => columns.map((key) => mapped(row, key)));

    expect(ledger).toContainEqual([
      '2026-11-15T18:20:05.000Z',
      'txn_7002',
      '-49',
      'SEK',
      '539',
      'bill_5002',
      'contract_103',
      'ada@example.com',
    ]);
    expect(ledger.flat().filter((cell) => cell === '')).toEqual([]);
  });

  it('a refund ends a partner’s access: User Email and Contract SKU into Revoke Access cancel the reader’s grant', async () => {
    const sesamy = serveSesamy();
    const refunds = await runPoll('refund_issued', { meta: { isLoadingSample: true } });
    const grace = refunds.find((row) => row.id === 'txn_7004') ?? {};

    const grant = await runCreate('revoke_access', {
      accessListId: 'list_shop',
      email: mapped(grace, 'user__email'),
      sku: mapped(grace, 'contract__sku'),
    });

    expect([mapped(grace, 'user__email'), mapped(grace, 'contract__sku')]).toEqual(['grace@example.com', 'weekend-print']);
    expect(grant).toMatchObject({ id: 'grant_grace_active', status: 'CANCELED' });
    expect(sesamy.writes().map((write) => `${write.method} ${write.path}`)).toEqual([
      'PUT /management/access-lists/list_shop/grants/grant_grace_active',
    ]);
  });

  it('a refund of part of an order ends access to the product refunded only: the contract’s, not the order’s other products', async () => {
    const sesamy = serveSesamy();
    const grant = (id: string, sku: string, poId: string) => ({
      id,
      source: 'list_shop',
      email: 'ada@example.com',
      sku,
      poId,
      status: 'ACTIVE' as const,
    });
    sesamy.grants
      .get('list_shop')
      ?.push(grant('grant_ada_print', 'weekend-print', 'po-yearly'), grant('grant_ada_archive', 'archive-pass', 'po-once'));
    const refunds = await runPoll('refund_issued', { meta: { isLoadingSample: true } });
    // Ada's Weekend Print (contract_103) refunded; its order (bill_5002) also held an Archive Pass.
    const ada = refunds.find((row) => row.id === 'txn_7002') ?? {};

    await runCreate('revoke_access', { accessListId: 'list_shop', email: mapped(ada, 'user__email'), sku: mapped(ada, 'contract__sku') });

    expect([mapped(ada, 'contract__sku'), mapped(ada, 'items[]sku')]).toEqual(['weekend-print', 'weekend-print,archive-pass']);
    const statuses = (sesamy.grants.get('list_shop') ?? []).filter((g) => g.email === 'ada@example.com').map((g) => [g.id, g.status]);
    expect(statuses).toEqual([
      ['grant_ada_print', 'CANCELED'],
      ['grant_ada_archive', 'ACTIVE'],
    ]);
  });

  it('the order’s line items mapped into one Product instead: Revoke Access refuses both SKUs and cancels nothing, saying what to do', async () => {
    const sesamy = serveSesamy();
    const refunds = await runPoll('refund_issued', { meta: { isLoadingSample: true } });
    const ada = refunds.find((row) => row.id === 'txn_7002') ?? {};

    const error = await rejectionOf(
      runCreate('revoke_access', { accessListId: 'list_shop', email: mapped(ada, 'user__email'), sku: mapped(ada, 'items[]sku') }),
    );

    expect(JSON.parse(error.message)).toMatchObject({ code: 'InvalidInput' });
    expect(messageOf(error)).toBe(
      "Product “weekend-print,archive-pass” holds several values, as when an order's line items are mapped at once. Revoke Access takes one product per run: leave the Product empty to revoke every line of the order by its Publisher Purchase ID, or add Looping by Zapier before this step and map each line's own product.",
    );
    expect(sesamy.writes()).toEqual([]);
  });
});
