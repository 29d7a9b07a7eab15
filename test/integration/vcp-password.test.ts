// A built-in virtual charger made without a password on a bench that requires one: refused with words
// that name what really fixes it (its own password, on its card), and given a password later, by
// `POST .../actions/set-password`, it and the bench get the same one and it connects with it at once;
// `{"password": null}` removes it from both, for good (a restart does not bring it back).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestBench, useTestBench, waitFor } from '../helpers/bench';

const tb = useTestBench();

const lastRefusal = async (id: string) => {
  const attempts = (await tb.request('GET', '/api/connection-attempts')).body as Array<{ chargerId: string | null; outcome: string; reason: string }>;
  return attempts.find((a) => a.chargerId === id && a.outcome === 'refused')?.reason;
};

describe('a virtual charger on a bench that requires passwords', () => {
  it('is told to get a password on its card, and connects once it has one', async () => {
    await tb.request('PATCH', '/api/settings', { requirePassword: true });
    try {
      expect((await tb.request('POST', '/api/virtual-chargers', { id: 'VCP-A', connectors: 1 })).status).toBe(201);
      const reason = await waitFor(() => lastRefusal('VCP-A'));
      expect(reason).toMatch(/^No password set: VCP-A is one of this bench's virtual chargers/);
      expect(reason).toContain("Set it on the virtual charger's card (Virtual chargers screen, Set password…");

      // A password set for it on the bench alone is not the charger's: the refusal says where it belongs.
      await tb.request('PATCH', '/api/chargers/VCP-A', { password: 'bench-only-password-1' });
      await waitFor(async () => (await lastRefusal('VCP-A'))?.startsWith('Password missing'), 5000);
      expect(await lastRefusal('VCP-A')).toContain("A password set on the Chargers screen is the bench's only");

      const set = await tb.request('POST', '/api/virtual-chargers/VCP-A/actions/set-password', { password: 'correct-horse-battery-staple' });
      expect(set.status).toBe(200);
      expect(set.body.charger.definition.hasPassword).toBe(true);
      await waitFor(async () => (await tb.request('GET', '/api/chargers/VCP-A')).body?.connected === true, 5000);
      expect((await tb.request('GET', '/api/chargers/VCP-A')).body.hasPassword).toBe(true);

      const bad = await tb.request('POST', '/api/virtual-chargers/VCP-A/actions/set-password', { password: 'short' });
      expect(bad.status).toBe(400);
    } finally {
      await tb.request('PATCH', '/api/settings', { requirePassword: false });
    }
  });
});

describe("removing a virtual charger's password", () => {
  it('clears it on the charger and the bench: a bench that requires passwords then refuses it', async () => {
    await tb.request('PATCH', '/api/settings', { requirePassword: true });
    try {
      expect((await tb.request('POST', '/api/virtual-chargers', { id: 'VCP-R', connectors: 1, password: 'correct-horse-battery-staple' })).status).toBe(201);
      await waitFor(async () => (await tb.request('GET', '/api/chargers/VCP-R')).body?.connected === true, 5000);

      const removed = await tb.request('POST', '/api/virtual-chargers/VCP-R/actions/set-password', { password: null });
      expect(removed.status).toBe(200);
      expect(removed.body.charger.definition.hasPassword).toBe(false);
      expect((await tb.request('GET', '/api/chargers/VCP-R')).body.hasPassword).toBe(false);
      // It reconnects without one at once, and is refused as a charger without a password.
      expect(await waitFor(() => lastRefusal('VCP-R'), 5000)).toMatch(/^No password set: VCP-R/);
      expect((await tb.request('GET', '/api/chargers/VCP-R')).body.connected).toBe(false);
    } finally {
      await tb.request('PATCH', '/api/settings', { requirePassword: false });
    }
  });

  it('stays removed after the bench restarts (the password it was made with does not come back)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-vcp-password-'));
    try {
      let bench = await startTestBench({ dataDir });
      try {
        await bench.request('POST', '/api/virtual-chargers', { id: 'VCP-S', connectors: 1, password: 'correct-horse-battery-staple' });
        await waitFor(async () => (await bench.request('GET', '/api/chargers/VCP-S')).body?.connected === true, 5000);
        expect((await bench.request('POST', '/api/virtual-chargers/VCP-S/actions/set-password', { password: null })).status).toBe(200);
      } finally {
        await bench.stop();
      }
      bench = await startTestBench({ dataDir });
      try {
        expect((await bench.request('GET', '/api/virtual-chargers/VCP-S')).body.definition.hasPassword).toBe(false);
        // Let in without a password (the bench does not require one) and none checked for it.
        await waitFor(async () => (await bench.request('GET', '/api/chargers/VCP-S')).body?.connected === true, 5000);
        expect((await bench.request('GET', '/api/chargers/VCP-S')).body.hasPassword).toBe(false);
      } finally {
        await bench.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
