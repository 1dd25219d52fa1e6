import type { Bundle, ZObject } from 'zapier-platform-core';
import { hasProductOf, rowMaker, settleLimited } from '../../payments/hydrate.ts';
import { authData } from '../../scripts/fake-sesamy/account.ts';
import { serveSesamy } from '../../scripts/fake-sesamy/api.ts';
import { appTester, loggedBy } from '../support/harness.ts';

describe('building rows a few at a time', () => {
  it('runs at most `limit` at once, each item once, and a failure stops no other', async () => {
    let running = 0;
    let most = 0;
    const work = async (item: number) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
      if (item === 3) throw new Error('three');
      return item * 10;
    };

    const settled = await settleLimited([1, 2, 3, 4, 5, 6, 7], 3, () => true, work);

    expect(most).toBe(3);
    expect(settled).toEqual([
      { value: 10 },
      { value: 20 },
      { error: new Error('three') },
      { value: 40 },
      { value: 50 },
      { value: 60 },
      { value: 70 },
    ]);
  });

  it('starts nothing once it may not: those left are reported as never started', async () => {
    let clock = 1_000;
    const work = async (item: number) => {
      clock += 10; // each takes 10 ms
      return item;
    };

    const settled = await settleLimited([1, 2, 3, 4], 1, () => clock <= 1_015, work);

    expect(settled).toEqual([{ value: 1 }, { value: 2 }, { started: false }, { started: false }]);
  });
});

describe('a row from a transaction', () => {
  it('reads nothing for a transaction that names no reader, contract or bill: their fields are empty, and the log says why', async () => {
    const sesamy = serveSesamy();
    const bare = { id: 't_bare', isRefund: false, amount: 5, createdAt: 'yesterday' };

    const { result: row, lines } = await loggedBy(() => appTester((z: ZObject, bundle: Bundle) => rowMaker(z, bundle)(bare), { authData }));

    expect(row).toEqual({
      id: 't_bare',
      amount: 5,
      signedAmount: 5,
      currency: null,
      isRefund: false,
      status: null,
      type: null,
      createdAt: null,
      updatedAt: null,
      contractId: null,
      billId: null,
      userId: null,
      user: { email: null, firstName: null, lastName: null },
      contract: { sku: null, purchaseOptionId: null, name: null, createdAt: null },
      bill: { receiptUrl: null, paymentProvider: null, paymentMethod: null, status: null, price: null },
      items: [],
    });
    expect(sesamy.requests).toEqual([]);
    expect(lines).toEqual([
      "Sesamy's payment “t_bare” names no user; it comes without the reader's email and name.",
      "Sesamy's payment “t_bare” names no contract; it comes without its contract's product.",
      "Sesamy's payment “t_bare” names no bill; it comes without its receipt and items.",
    ]);
  });

  describe('the product a row is about', () => {
    /** A 49 SEK refund on Ada's two-line order (Weekend Print and Archive Pass, bill_5002), naming `contractId`. */
    const refundOnTwoLines = (contractId: string | undefined) => ({
      id: 't_refund',
      isRefund: true,
      amount: 49,
      userId: 'user_ada',
      billId: 'bill_5002',
      ...(contractId === undefined ? {} : { contractId }),
      createdAt: '2026-11-28T12:00:00Z',
    });
    const rowOf = (transaction: ReturnType<typeof refundOnTwoLines>) =>
      loggedBy(() => appTester((z: ZObject, bundle: Bundle) => rowMaker(z, bundle)(transaction), { authData }));

    it('a contract Sesamy cannot show, on an order of two products: the row is of neither, and the log says a Products filter does not match it', async () => {
      serveSesamy();

      const { result: row, lines } = await rowOf(refundOnTwoLines('contract_gone'));

      expect(row.items.map((item) => item.sku)).toEqual(['weekend-print', 'archive-pass']);
      expect(hasProductOf(row, ['archive-pass'])).toBe(false);
      expect(hasProductOf(row, ['weekend-print'])).toBe(false);
      expect(lines).toEqual([
        "Sesamy has no contract “contract_gone”; refund “t_refund” comes without its contract's product.",
        "Could not tell which of its order's products (“weekend-print”, “archive-pass”) Sesamy's refund “t_refund” is for; a Products filter does not match it.",
      ]);
    });

    it('its contract read: the contract’s product alone, whatever else the order holds', async () => {
      serveSesamy();

      const { result: row, lines } = await rowOf(refundOnTwoLines('contract_103'));

      expect(hasProductOf(row, ['weekend-print'])).toBe(true);
      expect(hasProductOf(row, ['archive-pass'])).toBe(false);
      expect(lines).toEqual([]);
    });

    it('a transaction that names no contract: the order’s products, all of them, as nothing else can tell', async () => {
      serveSesamy();

      const { result: row } = await rowOf(refundOnTwoLines(undefined));

      expect(hasProductOf(row, ['archive-pass'])).toBe(true);
      expect(hasProductOf(row, ['weekend-print'])).toBe(true);
    });
  });
});
