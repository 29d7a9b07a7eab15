// A RemoteStopTransaction the charger refused before the first step only says it MAY have lost the session:
// the transaction is held open in the bench's record only (the installer's note, not part of the handover)
// when the charger shows it no longer runs it (its connector reports no session since it started, or a newer
// session replaced it). A customer's card session still charging stays an open item of the preparation, and
// so does a refusal in a record saved before those were kept apart (it never vanishes).
import { describe, expect, it } from 'vitest';
import { viewOf, type StoredCommissioning } from '../../../../src/main/commissioning/model';
import { RUN_START, storedCommissioning } from '../../../helpers/stored-commissioning';
import { heldOpenNow, heldOpenOf, recordOnlyIn } from '../../../../src/main/commissioning/held-open';
import type { HeldOpen } from '../../../../src/shared/api/commissioning';
import type { ConnectorRecord, TransactionRecord } from '../../../../src/shared/records';

const LOST = 'stopping transaction 2: the charger answered Rejected: it may have lost the session (close it in the record if it no longer runs)';
const OPEN_ITEM = `Before the first step of the last run, not put right: ${LOST}`;

const tx = (transactionId: number, receivedAt: string): TransactionRecord =>
  ({ transactionId, chargerId: 'CP001', connectorId: 1, idTag: 'CUSTOMER-1', active: true, startTime: receivedAt, receivedAt }) as TransactionRecord;
const connector = (status: string, updatedAt: string) => ({ connectorId: 1, status, updatedAt }) as ConnectorRecord;

/** The bench's record as recordOnlyIn reads it: the sessions it holds open and the charger's connectors now. */
const benchWith = (open: TransactionRecord[], connectors: ConnectorRecord[]) =>
  ({ record: { transactions: { list: () => open }, chargers: { get: () => ({ connectors }) } } }) as unknown as Parameters<typeof recordOnlyIn>[0];

const stored = (heldOpen: HeldOpen[] | undefined): StoredCommissioning => storedCommissioning({ virtual: false, run: { steps: [], ...(heldOpen ? { heldOpen } : {}) }, setupProblems: [LOST] });

const viewFor = (c: StoredCommissioning) =>
  viewOf(
    c,
    [],
    null,
    heldOpenNow(c.runs, () => true),
  );

describe('a transaction whose RemoteStopTransaction the charger refused before the first step', () => {
  it('its connector still charging (a customer’s card session): an open item of the handover, no note saying it no longer runs', () => {
    const bench = benchWith([tx(2, '2026-01-01T09:00:00.000Z')], [connector('Charging', '2026-01-01T09:00:01.000Z')]);
    const held = heldOpenOf([LOST], RUN_START, recordOnlyIn(bench, 'CP001'));
    expect(held).toBeUndefined();
    const view = viewFor(stored(held));
    expect(view.open).toContain(OPEN_ITEM);
    expect(view.benchNotes).toBeUndefined();
  });

  it('its connector reporting Available since it started: held open in the record only, the note saying why', () => {
    const bench = benchWith([tx(2, '2026-01-01T09:00:00.000Z')], [connector('Available', '2026-01-01T09:30:00.000Z')]);
    const view = viewFor(stored(heldOpenOf([LOST], RUN_START, recordOnlyIn(bench, 'CP001'))));
    expect(view.open).not.toContain(OPEN_ITEM);
    expect(view.benchNotes).toEqual([expect.stringContaining('answered Rejected to its RemoteStopTransaction, and connector 1 reports Available since it started (it no longer runs that session)')]);
  });

  it('a newer session open on its connector: held open in the record only', () => {
    const bench = benchWith([tx(5, '2026-01-01T09:40:00.000Z'), tx(2, '2026-01-01T09:00:00.000Z')], [connector('Charging', '2026-01-01T09:40:01.000Z')]);
    const held = heldOpenOf([LOST], RUN_START, recordOnlyIn(bench, 'CP001'));
    expect(held).toMatchObject([{ transactionId: 2, connectorId: 1, idTag: 'CUSTOMER-1', cause: expect.stringMatching(/^a newer session \(transaction 5\) started on connector 1 at /) }]);
    expect(viewFor(stored(held)).open).not.toContain(OPEN_ITEM);
  });

  it('in a record saved before those were kept apart (no heldOpen on its run): still shown, as an open item', () => {
    expect(viewFor(stored(undefined)).open).toContain(OPEN_ITEM);
  });
});
