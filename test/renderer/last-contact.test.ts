// A charger's "last seen" is its last contact with the bench: a drop noticed later (a silent network loss
// is noticed by the ping a minute on) does not move it; the charger's frames do.
import { describe, expect, it } from 'vitest';
import { initialBenchState, reduceEvents, SEEN_STEP_MS, type BenchState } from '../../src/renderer/src/stores/bench';
import type { BenchEvent, ChargerView } from '../../src/shared/api/views';
import { aCharger } from './fake-client';

const charger = (lastSeen: string): ChargerView => aCharger('CP-1', { firstSeen: lastSeen, lastSeen, remoteAddress: null });
const state = (lastSeen: string): BenchState => ({ ...initialBenchState, chargers: { 'CP-1': charger(lastSeen) } });
const frame = (ts: string, direction: 'in' | 'out'): BenchEvent =>
  ({ type: 'frameLogged', message: { ts, chargerId: 'CP-1', direction, kind: 'CALL', messageId: '1', action: 'Heartbeat', raw: '[]', error: null } }) as BenchEvent;

describe("a charger's last contact", () => {
  it('is not moved to when a drop was noticed', () => {
    const s = reduceEvents(state('2026-12-05T09:02:32.000Z'), [{ type: 'chargerDisconnected', chargerId: 'CP-1', reason: 'No answer to ping', ts: '2026-12-05T09:03:10.000Z' }]);
    expect(s.chargers['CP-1'].connected).toBe(false);
    expect(s.chargers['CP-1'].lastSeen).toBe('2026-12-05T09:02:32.000Z');
  });

  it("takes the charger's last contact when the drop carries it", () => {
    const drop = { type: 'chargerDisconnected', chargerId: 'CP-1', reason: 'No answer to ping', ts: '2026-12-05T09:03:10.000Z', lastSeen: '2026-12-05T09:02:40.000Z' } as BenchEvent;
    expect(reduceEvents(state('2026-12-05T09:02:32.000Z'), [drop]).chargers['CP-1'].lastSeen).toBe('2026-12-05T09:02:40.000Z');
  });

  it("moves with the charger's own frames, not the bench's", () => {
    const t0 = Date.parse('2026-12-05T09:00:00.000Z');
    const at = (ms: number) => new Date(t0 + ms).toISOString();
    let s = reduceEvents(state(at(0)), [frame(at(SEEN_STEP_MS + 500), 'in')]);
    expect(s.chargers['CP-1'].lastSeen).toBe(at(SEEN_STEP_MS + 500));
    s = reduceEvents(s, [frame(at(60_000), 'out')]);
    expect(s.chargers['CP-1'].lastSeen).toBe(at(SEEN_STEP_MS + 500));
    // An unknown charger is not made up from a frame.
    expect(reduceEvents(initialBenchState, [frame(at(1), 'in')]).chargers).toEqual({});
  });
});
