// A StopTransaction for a transaction the bench never started is recorded as a charger event that names
// its frame in the message log (data.frameId, found by the CALL's message id), so the screens' "see it in
// the message log" opens that very frame, also once the page reads the record again.
import { describe, expect, it } from 'vitest';
import { strictCharger, useTestBench } from '../helpers/bench';
import { unknownStopOfEvent } from '../../src/shared/api/stray-stop';

const tb = useTestBench();
const now = () => new Date().toISOString();

describe('a stray StopTransaction in the record', () => {
  it("records its frame's id beside the warning, also with other frames between", async () => {
    const cp = await strictCharger(tb.wsUrl(), 'STRAY-FRAME');
    const other = await strictCharger(tb.wsUrl(), 'STRAY-OTHER');
    await cp.connect();
    await other.connect();
    await cp.client.call('StopTransaction', { transactionId: 1003, meterStop: 5000, timestamp: now() });
    await other.client.call('Heartbeat', {});
    await cp.client.call('StopTransaction', { transactionId: 1004, meterStop: 6000, timestamp: now() });
    await tb.bench.record.settled();

    const frames = (await tb.request('GET', '/api/messages?chargerId=STRAY-FRAME&action=StopTransaction')).body as Array<{
      id: number;
      kind: string;
      direction: string;
      raw: string;
      messageId: string;
    }>;
    const callOf = (id: number) => frames.find((m) => m.kind === 'CALL' && m.direction === 'in' && JSON.parse(m.raw)[3].transactionId === id)!;
    const events = (await tb.request('GET', '/api/charger-events?chargerId=STRAY-FRAME&action=StopTransaction&warning=true')).body as Array<{
      chargerId: string;
      ts: string;
      action: string;
      data: any;
    }>;
    expect(events.map((e) => [e.data.request.transactionId, e.data.frameId, e.data.messageId])).toEqual([
      [1004, callOf(1004).id, callOf(1004).messageId],
      [1003, callOf(1003).id, callOf(1003).messageId],
    ]);
    // The stop the screens read from it carries the frame's id, for the link.
    expect(unknownStopOfEvent(events[1]!)).toMatchObject({ transactionId: 1003, frameId: callOf(1003).id });
    await cp.client.close();
    await other.client.close();
  });
});
