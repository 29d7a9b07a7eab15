// TC_001_CS and TC_002_CS state the Heartbeat tolerance as one: a step's title names the limit the step
// waits for (its expectation, "Heartbeat within 90 s"), and the case's decisions say the rule, since the
// document gives none.
import { describe, expect, it } from 'vitest';
import { bootCases } from '../../../../src/main/conformance/octt16/boot';
import type { CaseContext } from '../../../../src/main/conformance/context';

/** The steps a case asks of the charger (action, title, waited for), on a stand-in that answers every step at once. */
async function expectations(id: string, heartbeatIntervalS: number) {
  const asked: Array<{ action: string; title?: string; within?: number }> = [];
  let n = 0;
  const call = () => ({ ts: new Date(Date.UTC(2026, 11, 6, 16) + n++ * heartbeatIntervalS * 1000).toISOString(), payload: {} });
  const t = new Proxy(
    { data: { heartbeatIntervalS, meterValueIntervalS: 10 }, pics: { connectors: 1, readOnly: [] } },
    {
      get(target, prop) {
        if (prop in target) return target[prop as keyof typeof target];
        if (prop === 'expect') return async (action: string, opts: { title?: string; within?: number } = {}) => (asked.push({ action, ...opts }), call());
        if (prop === 'expectAll') return async () => [call()];
        return async () => call();
      },
    },
  ) as unknown as CaseContext;
  const c = bootCases.find((b) => b.id === id)!;
  await c.run(t);
  return { heartbeats: asked.filter((a) => a.action === 'Heartbeat'), decisions: c.decisions ?? [] };
}

describe.each(['TC_001_CS', 'TC_002_CS'])('%s Heartbeats', (id) => {
  it('titles each Heartbeat step with the limit it waits for (interval 60 s: up to 90 s), and says the rule', async () => {
    const { heartbeats, decisions } = await expectations(id, 60);
    expect(heartbeats).toHaveLength(2);
    for (const h of heartbeats) {
      expect(h.within).toBe(90);
      expect(h.title).toContain('90 s');
    }
    expect(heartbeats[0]!.title).toBe('Charger sends Heartbeat within the interval (60 s, up to half an interval late: 90 s)');
    expect(decisions.some((d) => d.includes('half an interval late') && d.includes('1.5 times the interval'))).toBe(true);
  });
});
