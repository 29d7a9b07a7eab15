// What `chargebench commission` says besides its step lines: the charger the run is on going offline and back
// while a question waits (named, with when it was last seen; nothing while no question waits), what a Done
// while it is offline waits for, and a line for each step whose verdict changed after its line was printed.
import { describe, expect, it } from 'vitest';
import { chargerWhileAsked, verdictChangeLines } from '../../../../src/main/cli/commission-terminal';
import type { BenchEvent } from '../../../../src/shared/api/events';
import type { CaseResult } from '../../../../src/main/conformance/types';

/** A bus the test publishes on, and the chargers connected now. */
function fakeBench(connected: string[]) {
  const subscribers = new Set<(e: BenchEvent) => void>();
  return {
    bus: {
      subscribe: (fn: (e: BenchEvent) => void) => {
        subscribers.add(fn);
        return () => void subscribers.delete(fn);
      },
      publish: (e: BenchEvent) => subscribers.forEach((fn) => fn(e)),
    },
    connectedChargers: () => connected,
  };
}

const dropped = (chargerId: string): BenchEvent => ({
  type: 'chargerDisconnected',
  chargerId,
  reason: 'Connection lost (1006, no close frame)',
  ts: '2026-03-01T10:00:45.000Z',
  lastSeen: '2026-03-01T10:00:00.000Z',
});
const back = (chargerId: string): BenchEvent => ({ type: 'chargerConnected', chargerId, remoteAddress: '127.0.0.1', ts: '2026-03-01T10:02:00.000Z' });

describe('the charger while the person at it is asked', () => {
  it('says when it goes offline (named, last seen) and is back, only while a question waits, and what a Done while offline waits for', () => {
    const bench = fakeBench(['CP9']);
    const lines: string[] = [];
    let waiting = false;
    const w = chargerWhileAsked(
      bench as never,
      'CP9',
      () => waiting,
      30,
      (l) => void lines.push(l),
    );
    expect(w.doneWhile()).toBeNull();
    // Another charger, or no question waiting: nothing said.
    bench.bus.publish(dropped('CP7'));
    bench.bus.publish(dropped('CP9'));
    expect(lines).toEqual([]);
    bench.bus.publish(back('CP9'));
    waiting = true;
    bench.bus.publish(dropped('CP9'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\n {4}\(CP9 went offline, last seen at .+ \(Connection lost \(1006, no close frame\)\): what you do at the charger cannot reach the bench until it is back; the question stays open\)$/,
    );
    expect(w.doneWhile()).toMatch(/^ {4}\(Done noted, but CP9 is offline \(last seen at .+\): the step now waits for it to come back and send what the step needs \(up to 30 s for each message\)/);
    bench.bus.publish(back('CP9'));
    expect(lines[1]).toMatch(/^\n {4}\(CP9 is back online at .+: the question is still open\)$/);
    expect(w.doneWhile()).toBeNull();
    w.off();
    bench.bus.publish(dropped('CP9'));
    expect(lines).toHaveLength(2);
  });

  it('says so when a question is asked while the charger is offline already', () => {
    const lines: string[] = [];
    const w = chargerWhileAsked(
      fakeBench([]) as never,
      'CP9',
      () => true,
      30,
      (l) => void lines.push(l),
    );
    w.asked();
    expect(lines).toEqual(['\n    (CP9 is offline: what you do at the charger cannot reach the bench until it is back)']);
    w.off();
  });
});

describe('a step whose verdict changed after its line was printed', () => {
  const result = (id: string, verdict: CaseResult['verdict'], reason?: string) => ({ id, verdict, ...(reason && { reason }) }) as CaseResult;
  it('gets a line with its new verdict, the one its line said, and why; unchanged and unprinted steps get none', () => {
    const printed = new Map<string, CaseResult['verdict']>([
      ['C3_IDENTITY', 'pass'],
      ['C5_BASELINE', 'pass'],
    ]);
    const lines = verdictChangeLines(printed, [
      { id: 'C3_IDENTITY', result: result('C3_IDENTITY', 'pass') },
      { id: 'C5_BASELINE', result: result('C5_BASELINE', 'inconclusive', 'The configuration could not be read at the end of the run (offline).') },
      { id: 'C6_READER', result: result('C6_READER', 'fail', 'x') },
      { id: 'C7_OFFLINE', result: null },
    ]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ {2}C5_BASELINE now INCONCLUSIVE \(its line above said PASS\): The configuration could not be read at the end of the run \(offline\)\.$/);
  });
});
