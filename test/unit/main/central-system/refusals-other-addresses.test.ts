// Past 1,000 addresses turned away in one window, their refusals of a kind are counted together under
// "other addresses": every one of them, the first included, so the record has one line with their whole
// count, and its reason names none of their addresses (it is not any one address's line).
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../../src/main/clock';
import { OTHER_ADDRESSES, RefusalTally, type TurnedAway } from '../../../../src/main/central-system/refusals';
import { tlsRefusal } from '../../../../src/main/central-system/server';

function tally() {
  const recorded: TurnedAway[] = [];
  const t = new RefusalTally((r) => void recorded.push(r), new FakeClock('2026-04-01T08:00:00.000Z'));
  for (let i = 0; i < 1000; i++) t.note(`10.0.${i >> 8}.${i & 255}`, 'tls', tlsRefusal(`10.0.${i >> 8}.${i & 255}`));
  recorded.length = 0;
  return { t, recorded };
}

describe('refusals past the addresses tallied', () => {
  it('are all on the one line of other addresses, the first too, with a reason that names no address', () => {
    const { t, recorded } = tally();
    const late = ['1.2.3.4', '::ffff:5.6.7.8', '9.9.9.9'];
    for (const a of late) t.note(a, 'tls', tlsRefusal(a));
    t.flush();
    const others = recorded.filter((r) => r.address === OTHER_ADDRESSES);
    expect(others).toHaveLength(recorded.filter((r) => late.includes(r.address) || r.address === OTHER_ADDRESSES).length);
    expect(others.reduce((n, r) => n + r.count, 0)).toBe(3);
    // One reason for them all: the record counts them on one line of its address and reason.
    expect(new Set(others.map((r) => r.reason)).size).toBe(1);
    for (const r of others) {
      for (const text of [r.reason, r.words]) for (const ip of ['1.2.3.4', '5.6.7.8', '9.9.9.9']) expect(text).not.toContain(ip);
    }
    expect(others[0]!.reason).toMatch(/^TLS handshake from one of many addresses: this bench has no TLS/);
  });

  it('leaves the addresses already tallied on their own lines', () => {
    const { t, recorded } = tally();
    t.note('10.0.0.7', 'tls', tlsRefusal('10.0.0.7'));
    t.flush();
    expect(recorded.map((r) => [r.address, r.count])).toEqual([['10.0.0.7', 1]]);
    expect(recorded[0]!.reason).toContain('10.0.0.7');
  });
});
