// A charger with two connectors: Unlock and Availability check every connector, each its own measured row
// (and frames on each connector); the test session stays on one connector, named by its step, the report and
// the faces, and the other connector is said as not tested in a session.
import { describe, expect, it } from 'vitest';
import { builtInTemplates, SiteJob, type CommissioningView } from '../../../src/shared/api/commissioning';
import type { CaseFrame } from '../../../src/shared/api/test-runs';
import { useCommissioningBench } from '../../helpers/commissioning-bench';

const CP = 'VBAD-2';
const tb = useCommissioningBench('connectors-each', CP, { connectors: 2 });

const job = SiteJob.parse({ site: 'Depot Two', installer: 'A. Person' });
const STEPS = ['C8_SESSION', 'C9_UNLOCK', 'C9_AVAILABILITY'];

async function commission(): Promise<{ view: CommissioningView; html: string }> {
  const id = (await tb.bench.commissioning.create({ chargerId: CP, job, template: builtInTemplates[0]! })).id;
  tb.bench.commissioning.run(id, STEPS);
  await tb.bench.commissioning.settled(id);
  const view = tb.bench.commissioning.get(id);
  return { view, html: String((await tb.bench.commissioning.file(id, 'report.html')).body) };
}

const result = (view: CommissioningView, id: string) => view.steps.find((s) => s.id === id)!.result!;
const rows = (view: CommissioningView, id: string) => result(view, id).measurements.map((m) => [m.label, m.value, m.ok]);
/** The connectorId of each CALL the tb.bench sent of `action`. */
const sentTo = (frames: CaseFrame[], action: string) =>
  frames.filter((f) => f.direction === 'out' && f.kind === 'CALL' && f.action === action).map((f) => (JSON.parse(f.raw) as [number, string, string, { connectorId: number }])[3].connectorId);

describe('a commissioning of a charger with two connectors', () => {
  let view: CommissioningView;
  let html: string;
  it('runs the session, unlock and availability', async () => {
    ({ view, html } = await commission());
    expect(STEPS.map((id) => [id, result(view, id).verdict])).toEqual(STEPS.map((id) => [id, 'pass']));
  }, 120_000);

  it('unlocks every connector, each its own row', () => {
    expect(sentTo(result(view, 'C9_UNLOCK').frames, 'UnlockConnector')).toEqual([1, 2]);
    expect(rows(view, 'C9_UNLOCK')).toEqual([
      ['Connector 1', 'Unlocked', true],
      ['Connector 2', 'Unlocked', true],
    ]);
  });

  it('takes every connector out of service and back, each its own row', () => {
    // The step's own four; putting the charger back after it makes every connector Operative again.
    expect(sentTo(result(view, 'C9_AVAILABILITY').frames, 'ChangeAvailability').slice(0, 4)).toEqual([1, 1, 2, 2]);
    const statuses = result(view, 'C9_AVAILABILITY')
      .frames.filter((f) => f.direction === 'in' && f.action === 'StatusNotification')
      .map((f) => (JSON.parse(f.raw) as [number, string, string, { connectorId: number; status: string }])[3])
      .map((p) => `${p.connectorId} ${p.status}`);
    expect(statuses).toEqual(expect.arrayContaining(['1 Unavailable', '1 Available', '2 Unavailable', '2 Available']));
    expect(rows(view, 'C9_AVAILABILITY')).toEqual([
      ['Connector 1', 'Unavailable, then Available', true],
      ['Connector 2', 'Unavailable, then Available', true],
    ]);
  });

  it('names the connector of the test session, and says the other was not tested in a session', () => {
    expect(rows(view, 'C8_SESSION').slice(0, 2)).toEqual([
      ['Test session on connector', '1', null],
      ['Connector 2', 'not tested in a session', null],
    ]);
    expect(html).toContain('<p class="session-connector">On connector 1 (connector 2 not tested in a session).</p>');
    const steps = html.slice(html.indexOf('<h2>Steps</h2>'), html.indexOf('<h2>Configuration</h2>'));
    expect(steps).toContain('<td>Connector 2</td><td><code>not tested in a session</code></td>');
  });

  it('with a jammed lock, fails Unlock with a failed row for each connector that did not unlock', async () => {
    const vcp = tb.bench.virtualChargers.charger(CP);
    vcp.setFaults({ stuckConnector: true } as never);
    try {
      const id = (await tb.bench.commissioning.create({ chargerId: CP, job, template: builtInTemplates[0]! })).id;
      tb.bench.commissioning.run(id, ['C9_UNLOCK']);
      await tb.bench.commissioning.settled(id);
      const v = tb.bench.commissioning.get(id);
      expect(result(v, 'C9_UNLOCK').verdict).toBe('fail');
      expect(result(v, 'C9_UNLOCK').reason).toMatch(/connector 1 answered UnlockFailed, connector 2 answered UnlockFailed/);
      expect(rows(v, 'C9_UNLOCK')).toEqual([
        ['Connector 1', 'UnlockFailed', false],
        ['Connector 2', 'UnlockFailed', false],
      ]);
    } finally {
      vcp.setFaults({ stuckConnector: false } as never);
    }
  }, 120_000);

  it('with connector 2 refusing to go out of service, still checks connector 1 and fails on connector 2', async () => {
    const vcp = tb.bench.virtualChargers.charger(CP);
    vcp.setFaults({ actions: { ChangeAvailability: { mode: 'reject' } } } as never);
    try {
      const id = (await tb.bench.commissioning.create({ chargerId: CP, job, template: builtInTemplates[0]! })).id;
      tb.bench.commissioning.run(id, ['C9_AVAILABILITY']);
      await tb.bench.commissioning.settled(id);
      const v = tb.bench.commissioning.get(id);
      expect(result(v, 'C9_AVAILABILITY').verdict).toBe('fail');
      // Every connector was asked, each failing in its own row.
      expect(sentTo(result(v, 'C9_AVAILABILITY').frames, 'ChangeAvailability').slice(0, 2)).toEqual([1, 2]);
      expect(rows(v, 'C9_AVAILABILITY').map(([label, , ok]) => [label, ok])).toEqual([
        ['Connector 1', false],
        ['Connector 2', false],
      ]);
    } finally {
      vcp.setFaults({ actions: {} } as never);
    }
  }, 120_000);
});
