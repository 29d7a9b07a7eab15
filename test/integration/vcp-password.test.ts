// A built-in virtual charger made without a password on a bench that requires one: refused with words
// that name what really fixes it (its own password, on its card), and given a password later, by
// `POST .../actions/set-password`, it and the bench get the same one and it connects with it at once.
import { describe, expect, it } from 'vitest';
import { useTestBench, waitFor } from '../helpers/bench';

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
