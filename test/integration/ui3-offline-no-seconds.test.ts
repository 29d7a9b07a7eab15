// POST /api/virtual-chargers/{id}/faults/offline with {"on": true} and no seconds: the charger stays offline until
// switched off, not for the seconds of an earlier switch (which would bring it back by itself).
import { describe, expect, it } from 'vitest';
import { useTestBench, waitFor } from '../helpers/bench';
import { FakeClock } from '../../src/main/clock';

const clock = new FakeClock(Date.now());
const tb = useTestBench({ virtualClock: clock });

const api = (method: string, path: string, body?: unknown) => tb.request(method, path, body);
const fault = async (id: string, body: unknown) => {
  const r = await api('POST', `/api/virtual-chargers/${id}/faults/offline`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const connected = async (id: string) => (await api('GET', `/api/chargers/${id}`)).body.connected === true;

describe('the Offline switch through the API', () => {
  it('switched on with no seconds stays offline until switched off, whatever seconds it had before', async () => {
    expect((await api('POST', '/api/virtual-chargers', { id: 'U3-OFF', connectors: 1 })).status).toBe(201);
    await waitFor(async () => (await api('GET', '/api/virtual-chargers/U3-OFF')).body.registration === 'Accepted');
    await fault('U3-OFF', { on: true, seconds: 20 });
    await fault('U3-OFF', { on: false });
    await waitFor(() => connected('U3-OFF'));

    await fault('U3-OFF', { on: true });
    const faults = (await api('GET', '/api/virtual-chargers/U3-OFF/faults')).body;
    expect(faults).toMatchObject({ offline: true, offlineSeconds: 0 });
    await waitFor(async () => !(await connected('U3-OFF')));
    await clock.advance(120_000);
    await new Promise((r) => setTimeout(r, 200));
    expect((await api('GET', '/api/virtual-chargers/U3-OFF/faults')).body.offline).toBe(true);
    expect(await connected('U3-OFF')).toBe(false);

    // Switched off (no seconds either): it comes back, and the seconds are left as they are.
    await fault('U3-OFF', { on: false });
    await waitFor(() => connected('U3-OFF'));
    expect((await api('GET', '/api/virtual-chargers/U3-OFF/faults')).body).toMatchObject({ offline: false, offlineSeconds: 0 });
  });
});
