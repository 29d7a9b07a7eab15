// The bench on a fake clock: what depends on the bench's time (an idTag's expiry, waiting for a charger)
// follows that clock, not the wall's, so tests and timed conformance runs can move it at will.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/main/clock';
import { strictCharger, useTestBench } from '../helpers/bench';

// Years ahead of the wall clock: a rule read on wall time cannot pass for one read on this clock.
const clock = new FakeClock('2040-01-01T00:00:00.000Z');
const tb = useTestBench({ clock });

describe('the bench on a fake clock', () => {
  it('expires an idTag when the bench clock passes its expiryDate (Authorize, StartTransaction)', async () => {
    const added = await tb.request('POST', '/api/id-tags', { idTag: 'FAKE-TIME', status: 'Accepted', expiryDate: '2040-01-01T01:00:00.000Z' });
    expect(added.status).toBe(201);
    const cp = await strictCharger(tb.wsUrl(), 'CP-FAKE-TIME');
    await cp.connect();
    expect(await cp.client.call('Authorize', { idTag: 'FAKE-TIME' })).toEqual({ idTagInfo: { status: 'Accepted', expiryDate: '2040-01-01T01:00:00.000Z' } });
    await clock.advance(2 * 3600_000);
    expect(await cp.client.call('Authorize', { idTag: 'FAKE-TIME' })).toEqual({ idTagInfo: { status: 'Expired', expiryDate: '2040-01-01T01:00:00.000Z' } });
    const start = await cp.client.call('StartTransaction', { connectorId: 1, idTag: 'FAKE-TIME', meterStart: 0, timestamp: '2040-01-01T02:00:00.000Z' });
    expect(start.idTagInfo.status).toBe('Expired');
    await cp.client.close();
    expect(cp.violations).toEqual([]);
  });

  it('waits for a charger by the bench clock: connected at once, or refused when that clock passes the deadline', async () => {
    const cp = await strictCharger(tb.wsUrl(), 'CP-WAITED');
    const waiting = tb.bench.waitForCharger('CP-WAITED', 60_000);
    await cp.connect();
    await expect(waiting).resolves.toBeUndefined();
    await expect(tb.bench.waitForCharger('CP-WAITED', 1)).resolves.toBeUndefined();
    await cp.client.close();

    let outcome = 'pending';
    const never = tb.bench.waitForCharger('CP-NEVER', 60_000).then(
      () => (outcome = 'connected'),
      (e: Error) => (outcome = e.message),
    );
    // Real time passing does not end the wait; the bench's does.
    await new Promise((r) => setTimeout(r, 50));
    expect(outcome).toBe('pending');
    await clock.advance(60_000);
    await never;
    expect(outcome).toBe('CP-NEVER did not connect within 60 s');
  });
});
