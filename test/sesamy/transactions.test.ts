import { amountOf, listOrderOf, newestTransactionFirst, signedAmountOf } from '../../sesamy/transactions.ts';

const at = (id: string, createdAt: string | null) => ({ id, createdAt });

describe('what Sesamy’s transactions mean', () => {
  it('reads the list’s order from its dated records: oldest first only when more neighbours go up in time than down', () => {
    expect(listOrderOf([at('a', '2026-11-01T00:00:00Z'), at('b', '2026-11-02T00:00:00Z')])).toBe('oldest first');
    expect(listOrderOf([at('b', '2026-11-02T00:00:00Z'), at('a', '2026-11-01T00:00:00Z')])).toBe('newest first');
    expect(listOrderOf([at('a', '2026-11-01T00:00:00Z'), at('b', '2026-11-01T00:00:00Z')])).toBe('newest first');
    // A record without a date is left out of the comparison.
    expect(listOrderOf([at('x', null), at('b', '2026-11-02T00:00:00Z'), at('a', '2026-11-01T00:00:00Z')])).toBe('newest first');
    expect(listOrderOf([at('a', '2026-11-01T00:00:00Z'), at('b', '2026-11-02T00:00:00Z'), at('x', 'not a date')])).toBe('oldest first');
    expect(listOrderOf([at('a', 'not a date'), at('b', null)])).toBe('newest first');
    expect(listOrderOf([at('a', '2026-11-01T00:00:00Z')])).toBe('newest first');
    expect(listOrderOf([])).toBe('newest first');
  });

  it('reads the order from most neighbouring records: one older record at the top of a list kept newest first does not turn it round', () => {
    const newestFirst = Array.from({ length: 99 }, (_, index) =>
      at(`t_${index}`, new Date(Date.parse('2026-11-28T12:00:00Z') - index * 60_000).toISOString()),
    );
    const changedOnTop = at('t_old', '2026-11-01T00:00:00Z');

    expect(listOrderOf([changedOnTop, ...newestFirst])).toBe('newest first');
    expect(listOrderOf([...newestFirst].reverse())).toBe('oldest first');
    expect(listOrderOf([...[...newestFirst].reverse(), changedOnTop])).toBe('oldest first');
  });

  it('sorts newest first by creation, a tie by the greater id, the undated last', () => {
    const sorted = [at('a', '2026-11-01T00:00:00Z'), at('c', null), at('b', '2026-11-02T00:00:00Z'), at('z', '2026-11-01T00:00:00Z')].sort(
      newestTransactionFirst,
    );
    expect(sorted.map((transaction) => transaction.id)).toEqual(['b', 'z', 'a', 'c']);
    // Ties by code point, not by locale: 'a' (0x61) is greater than 'B' (0x42).
    const tie = [at('B', '2026-11-01T00:00:00Z'), at('a', '2026-11-01T00:00:00Z')].sort(newestTransactionFirst);
    expect(tie.map((transaction) => transaction.id)).toEqual(['a', 'B']);
  });

  it('keeps an amount as Sesamy sends it, in the currency’s units; the text of a number is that number; anything else is null', () => {
    expect([99, 99.5, 0, -49].map(amountOf)).toEqual([99, 99.5, 0, -49]);
    expect(['99', ' 99.50 ', '-49'].map(amountOf)).toEqual([99, 99.5, -49]);
    expect([Number.NaN, Number.POSITIVE_INFINITY, '1,000', '99,50', '1e3', '', 'lots', null, undefined, {}].map(amountOf)).toEqual(
      Array.from({ length: 10 }, () => null),
    );
  });

  it('gives a ledger a refund as negative whatever the sign sent, and a payment with the sign Sesamy sent', () => {
    expect([signedAmountOf(49, true), signedAmountOf(-49, true), signedAmountOf(99, false), signedAmountOf(-99, false)]).toEqual([
      -49, -49, 99, -99,
    ]);
    expect(signedAmountOf(null, true)).toBeNull();
  });
});
