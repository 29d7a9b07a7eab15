// @vitest-environment jsdom
// THE duration rule of a session Not confirmed by its charger (it booted since the session started): one lost
// (its connector said no session since the boot) ran at most up to the reboot when no reading came; one that may
// still run (its connector reports Charging…, or nothing, since) ran at least up to the reboot, since no
// StopTransaction came before it, and may run on: never "≤" for it.
import { describe, expect, it } from 'vitest';
import { sessionDuration, durationShort } from '../../src/renderer/src/features/transactions/sessionDuration';

const start = '2030-01-01T10:00:00.000Z';
const reboot = '2030-01-01T10:09:00.000Z';
const facts = (unconfirmed: { readingAt: number | null; mayStillRun: boolean }) => ({
  tx: { startTime: start, stopTime: null, connectorId: 1 },
  notRunning: null,
  stale: false,
  contact: null,
  unconfirmed: { ...unconfirmed, rebootAt: reboot },
});
const now = Date.parse('2030-01-01T10:30:00.000Z');

describe('the duration of a Not confirmed session', () => {
  it('with no reading: at least up to the reboot when it may still run, at most when lost', () => {
    const may = sessionDuration(facts({ readingAt: null, mayStillRun: true }), now);
    expect([durationShort(may), may.upTo, may.running]).toEqual(['≥ 9 min 00 s', "the charger's reboot", false]);
    const lost = sessionDuration(facts({ readingAt: null, mayStillRun: false }), now);
    expect([durationShort(lost), lost.upTo]).toEqual(['≤ 9 min 00 s', "the charger's reboot"]);
  });

  it('with a reading: at least up to its last reading, whichever kind', () => {
    const readingAt = Date.parse('2030-01-01T10:05:00.000Z');
    for (const mayStillRun of [true, false]) {
      const d = sessionDuration(facts({ readingAt, mayStillRun }), now);
      expect([durationShort(d), d.upTo]).toEqual(['≥ 5 min 00 s', 'its last reading']);
    }
    // And the one that may still run is never said at most up to the reboot.
    expect(durationShort(sessionDuration(facts({ readingAt: null, mayStillRun: true }), now))).not.toMatch(/^≤/);
  });
});
