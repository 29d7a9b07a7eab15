// A connector's last card outcome is kept with the charger's non-volatile state: after a restart of the
// bench the connector panel still says what became of the card (and an unconfirmed one still follows the
// later word on its StartTransaction); a state saved by an older version, without them, reads as none.
import { describe, expect, it } from 'vitest';
import { fakeWire } from '../../../../helpers/vcp-model';

const noAnswer = () => ({ outcome: 'timeout' as const, error: { description: 'No answer to StartTransaction within 30 s' } });

/** The state as the record keeps it (JSON). */
const stored = (state: unknown) => JSON.parse(JSON.stringify(state));

describe("a connector's last card outcome across a restart", () => {
  it('an unconfirmed outcome is still shown after a restart, and follows the answer its queued StartTransaction gets then', async () => {
    const w = fakeWire({ connectors: 2 });
    w.answers.StartTransaction = noAnswer;
    w.cp.plug(2);
    const outcome = await w.cp.presentIdTag(2, 'KEPT-1');
    expect(outcome).toMatchObject({ confirmed: false, transactionId: null });
    const before = w.cp.view().connectors[1].cardOutcome;
    expect(before).toMatchObject({ idTag: 'KEPT-1', confirmed: false, message: outcome.message });

    const restarted = fakeWire({ connectors: 2 }, { state: stored(w.cp.persistentState()) });
    expect(restarted.cp.view().connectors[1].cardOutcome).toEqual(before);
    expect(restarted.cp.view().connectors[0].cardOutcome).toBeNull();

    // Its StartTransaction is still queued: answered now, the card's outcome says so.
    restarted.cp.transactions.pump();
    for (let i = 0; i < 4; i++) await restarted.settle();
    expect(restarted.cp.view().connectors[1].cardOutcome).toMatchObject({
      idTag: 'KEPT-1',
      confirmed: true,
      revised: true,
      transactionId: 100,
      presentedAt: before!.presentedAt,
      message: 'Transaction 100 started on connector 2 (the session has ended since)',
    });
  });

  it('only the latest per connector is kept', async () => {
    const w = fakeWire({ connectors: 1 });
    w.cp.plug(1);
    await w.cp.presentIdTag(1, 'FIRST');
    await w.cp.presentIdTag(1, 'FIRST');
    await w.cp.presentIdTag(1, 'SECOND');
    const saved = w.cp.persistentState().cardOutcomes;
    expect(saved).toHaveLength(1);
    expect(saved![0]).toMatchObject({ connectorId: 1, view: { idTag: 'SECOND', transactionId: 101 } });
  });

  it('a state saved without them (an older version) reads as none; one this version cannot read, or of a connector the charger lacks, is left out', async () => {
    const w = fakeWire({ connectors: 1 });
    w.cp.plug(1);
    await w.cp.presentIdTag(1, 'OLD');
    const { cardOutcomes, ...older } = stored(w.cp.persistentState());
    expect(fakeWire({ connectors: 1 }, { state: older }).cp.view().connectors[0].cardOutcome).toBeNull();

    const odd = [{ ...cardOutcomes[0], connectorId: 3 }, { connectorId: 1, localTx: 1, view: { idTag: 'X' } }, 'garbage'];
    expect(fakeWire({ connectors: 1 }, { state: { ...older, cardOutcomes: odd } }).cp.view().connectors[0].cardOutcome).toBeNull();
    expect(fakeWire({ connectors: 1 }, { state: { ...older, cardOutcomes: 'garbage' } }).cp.view().connectors[0].cardOutcome).toBeNull();
  });
});
