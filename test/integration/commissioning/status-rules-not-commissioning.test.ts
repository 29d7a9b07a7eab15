// The OCTT cases' rules on statuses outside the script are theirs: a commissioning step keeps a status of
// another connector an observation; and a charger that keeps its MinimumStatusDuration is a note of the
// commissioning run, not something left open for the installer.
import { describe, expect, it, vi } from 'vitest';
import { builtInTemplates, CommissioningTemplate, SiteJob } from '../../../src/shared/api/commissioning';
import { useCommissioningBench } from '../../helpers/commissioning-bench';

const ID = 'STATUS-RULES-1';
const tb = useCommissioningBench('status-rules', ID, { connectors: 2 });
const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'X', sessionSeconds: 180 });
const job = SiteJob.parse({ site: 'S', address: 'A', location: 'L', installer: 'I', company: '', customer: '' });

describe('a commissioning keeps statuses outside its steps as observations', () => {
  it('a fault on connector 2 during the test session on connector 1 does not fail the session step', async () => {
    const vcp = tb.bench.virtualChargers.charger(ID);
    vcp.connection.misbehaviours.set([
      { kind: 'insert', action: 'MeterValues', times: 1, send: { action: 'StatusNotification', payload: { connectorId: 2, status: 'Faulted', errorCode: 'GroundFailure' } } },
    ]);
    try {
      const c = await tb.bench.commissioning.create({ chargerId: ID, job, template });
      tb.bench.commissioning.run(c.id, ['C8_SESSION']);
      await tb.bench.commissioning.settled(c.id);
      const r = tb.bench.commissioning.get(c.id).steps.find((s) => s.id === 'C8_SESSION')!.result!;
      expect(r.verdict).toBe('pass');
      expect(r.observations.some((o) => /Faulted on connector 2/.test(o.text))).toBe(true);
    } finally {
      vcp.connection.misbehaviours.set([]);
    }
  }, 120_000);

  it('a charger refusing MinimumStatusDuration 0 leaves nothing open for the installer (a note of the run instead)', async () => {
    const vcp = tb.bench.virtualChargers.charger(ID);
    await tb.bench.operations.operateByName(ID, 'ChangeConfiguration', { key: 'MinimumStatusDuration', value: '5' }, {});
    const config = vcp.config;
    const change = config.change.bind(config);
    const spy = vi.spyOn(config, 'change').mockImplementation((key, value) => (key === 'MinimumStatusDuration' && value === '0' ? ({ status: 'Rejected' } as never) : change(key, value)));
    try {
      const c = await tb.bench.commissioning.create({ chargerId: ID, job, template });
      tb.bench.commissioning.run(c.id, ['C8_SESSION']);
      await tb.bench.commissioning.settled(c.id);
      const view = tb.bench.commissioning.get(c.id);
      expect(view.open.filter((o) => /MinimumStatusDuration/.test(o))).toEqual([]);
      const notes = view.steps.find((s) => s.id === 'C8_SESSION')!.result!.observations.filter((o) => o.note && /MinimumStatusDuration/.test(o.text));
      expect(notes.map((n) => n.text)).toEqual([expect.stringMatching(/nothing to put right/)]);
      expect(notes[0]!.text).not.toMatch(/a case/);
    } finally {
      spy.mockRestore();
      await tb.bench.operations.operateByName(ID, 'ChangeConfiguration', { key: 'MinimumStatusDuration', value: '0' }, {});
    }
  }, 120_000);
});
