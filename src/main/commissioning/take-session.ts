// The commissioning's test session, taken from the record once its step has ended.
import type { Bench } from '../core/bench';
import type { CaseResult } from '../conformance/types';
import { defaultTestData } from '../conformance/test-data';
import { sessionOf, type StoredCommissioning } from './model';
import { loadLimitW } from './plan';
import { sessionTransaction } from './session';

/**
 * The test session from the record, by the transaction its StartTransaction answer gave (whoever started
 * it, and whatever the step's verdict): its meter values with meterStart and meterStop, so a session that
 * ran is kept even when the step failed or few readings came. `save` records the commissioning.
 */
export async function takeSession(bench: Bench, c: StoredCommissioning, result: Pick<CaseResult, 'frames' | 'transactionId'>, save: () => Promise<void>): Promise<void> {
  const transactionId = sessionTransaction(result, defaultTestData().connectorId);
  await bench.record.settled();
  const values = transactionId === null ? [] : bench.record.meterValues.of({ chargerId: c.chargerId, transactionId, limit: 100_000 });
  const tx = transactionId === null ? null : bench.record.transactions.get(transactionId);
  const mine = tx && tx.chargerId === c.chargerId ? tx : null;
  c.session = sessionOf(values, {
    transactionId,
    start: mine ? { ts: mine.startTime, wh: mine.meterStart } : null,
    stop: mine && mine.meterStop !== null && mine.stopTime ? { ts: mine.stopTime, wh: mine.meterStop } : null,
    limitW: loadLimitW(c.template),
  });
  await save().catch(() => undefined);
}
