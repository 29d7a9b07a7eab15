// The transactionId the wrong-stop-transaction-id fault sends: the given one + 1000, and + 1000 again while
// that is an id the charger holds (another session's, a queued message's), so the central system never
// stops one of the charger's own other transactions by it.
import { describe, expect, it } from 'vitest';
import { wrongTransactionId } from '../../../../../src/main/virtual-cp/services/transactions';

describe('the wrong transactionId', () => {
  it('is the given id + 1000 when the charger holds no such id', () => {
    expect(wrongTransactionId(7, [7, 8, 1009])).toBe(1007);
  });

  it('steps on by 1000 while the id is one the charger holds', () => {
    expect(wrongTransactionId(7, [7, 1007])).toBe(2007);
    expect(wrongTransactionId(7, [1007, 2007, 4007])).toBe(3007);
  });
});
