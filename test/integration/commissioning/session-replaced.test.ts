// A charger that reconnects before the bench has noticed its old connection dead: the new connection with
// the same identity replaces the old one, and the charger never shows as disconnected. The test session's
// connection watch (outages.ts) notes it all the same, against a real central system with a fake charger
// connecting twice: an outage from its last message on the old connection to the new connection; or, when
// no message came on the old one while watched, that it reconnected (its old connection replaced), when.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/main/clock';
import { ChargerFrames } from '../../../src/main/conformance/frames';
import type { CaseContext } from '../../../src/main/conformance/context';
import { noteOutages, watchConnection, type SessionPhase } from '../../../src/main/commissioning/outages';
import { formatDateTimeWithZone } from '../../../src/shared/format/time';

/** A time in a note: as the report writes it, with its zone, on this run's fake (simulated) clock. */
const noteTime = (ms: number) => `${formatDateTimeWithZone(ms)} (simulated clock)`;
import { rawCharger, startTestBench, waitFor, type TestBench } from '../../helpers/bench';

let tb: TestBench | null = null;
const sockets: Array<{ ws: { terminate: () => void } }> = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.ws.terminate();
  await tb?.stop();
  tb = null;
});

/** A bench on a fake clock, a fake charger connected to it, and the test session's watch on its connection (in the phase `phase`). */
async function watched(id: string) {
  const clock = new FakeClock('2026-03-02T09:00:00.000Z');
  tb = await startTestBench({ clock } as never);
  const bench = tb.bench;
  const first = await rawCharger(tb.wsUrl(id));
  sockets.push(first);
  await waitFor(() => bench.centralSystem.isConnected(id));
  const frames = new ChargerFrames(bench.bus, id, true);
  let phase: SessionPhase = 'before';
  const t = { host: { frames }, clock, observations: [] } as unknown as CaseContext;
  const watch = watchConnection(t, () => phase);
  return {
    clock,
    first,
    frames,
    t,
    watch,
    setPhase: (p: SessionPhase) => (phase = p),
    /** The same charger connecting again while its first connection is still open. */
    async reconnect() {
      const second = await rawCharger(tb!.wsUrl(id));
      sockets.push(second);
      await waitFor(() => frames.connections === 1);
      expect(frames.connected).toBe(true);
    },
  };
}

describe('a charger whose new connection replaces an old one not yet noticed dead, during the test session', () => {
  it('is an outage from its last message on the old connection to the new connection, noted in words', async () => {
    const w = await watched('RPL-1');
    w.setPhase('session');
    // Its last message on the old connection: a Heartbeat, at 09:00:00.
    w.first.send([2, 'hb-1', 'Heartbeat', {}]);
    await w.first.reply('hb-1');
    const lastMessage = w.clock.now();
    // 95 s later it connects again; the old connection is still open.
    await w.clock.advance(95_000);
    await w.reconnect();
    const outages = w.watch.stop();
    expect(outages).toEqual([{ from: lastMessage, to: lastMessage + 95_000, phase: 'session', replaced: true }]);
    noteOutages(w.t, outages, w.clock.now());
    expect(w.t.observations.map((o) => o.text)).toEqual([
      `The charger was offline for 1 min 35 s during the session (${noteTime(lastMessage)}, its last message on the old connection, to ${noteTime(lastMessage + 95_000)}, when it reconnected and the new connection replaced the old one, not yet noticed dead); meter values from that time may be missing.`,
    ]);
  }, 30_000);

  it('says it reconnected (its old connection replaced), and when, where no message on the old connection measures a gap', async () => {
    const w = await watched('RPL-2');
    await w.clock.advance(30_000);
    const at = w.clock.now();
    await w.reconnect();
    const outages = w.watch.stop();
    expect(outages).toEqual([{ from: at, to: at, phase: 'before', replaced: true }]);
    noteOutages(w.t, outages, w.clock.now());
    expect(w.t.observations.map((o) => o.text)).toEqual([
      `The charger reconnected (its old connection replaced) at ${noteTime(at)}, during the test session step, before the session started: the bench had not noticed the old connection drop, and no message came on it during the step to tell since when it was gone.`,
    ]);
  }, 30_000);
});
