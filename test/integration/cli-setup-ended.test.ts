// `chargebench test` on a charger with a session running: the run ends it before its first case
// (RemoteStopTransaction), and the end of the run names it on the terminal, and its HTML and JUnit reports
// too, with its transaction, connector, idTag and when it ended.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { octt16Cases } from '../../src/main/conformance/octt16';
import { defaultTestData } from '../../src/main/conformance/test-data';
import { runOnCharger } from '../../src/main/cli/run-on-charger';
import type { RunResult } from '../../src/shared/api/test-runs';
import { startVirtualRunBench, type VirtualRunBench } from '../helpers/virtual-run';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('chargebench test on a charger with a session running', () => {
  let vb: VirtualRunBench;
  beforeAll(async () => {
    vb = await startVirtualRunBench('cli-setup-ended', { chargerId: 'ENDED-1', connectors: 1, ftpPort: 0 });
  }, 60_000);
  afterAll(() => vb.stop());

  it('names the session it ended before the first case at the end of the run and in its reports', async () => {
    const { bench, target, out } = vb;
    const vcp = bench.virtualChargers.charger(target.id);
    vcp.plug(1);
    expect((await vcp.presentIdTag(1, 'CUSTOMER-7')).accepted).toBe(true);
    let running: Array<{ transactionId: number }> = [];
    for (let i = 0; i < 200 && !running.length; i++) {
      await bench.record.settled();
      running = bench.record.transactions.list({ chargerId: target.id, active: true });
      if (!running.length) await new Promise((r) => setTimeout(r, 20));
    }
    expect(running).toHaveLength(1);
    const tx = running[0]!.transactionId;

    const { open, logs } = vb.cli();
    const [json, html, xml] = ['run.json', 'run.html', 'run.xml'].map((f) => join(out, f)) as [string, string, string];
    await runOnCharger({ command: 'test', opts: { virtual: true, json, html }, cases: octt16Cases.filter((c) => c.id === 'TC_003_CS'), data: defaultTestData(), junit: xml, open });

    const run = JSON.parse(readFileSync(json, 'utf8')) as RunResult;
    expect(run.setupEnded).toEqual([{ transactionId: tx, connectorId: 1, idTag: 'CUSTOMER-7', endedAt: expect.any(String) }]);
    const head = 'Before the first case the run ended 1 session running on the charger (RemoteStopTransaction)';
    const item = `transaction ${tx} on connector 1 (idTag CUSTOMER-7), ended at `;
    expect(logs.filter((l) => l.startsWith(`${head}: ${item}`))).toHaveLength(1);
    expect(readFileSync(html, 'utf8')).toContain(`<li>${item}`);
    expect(readFileSync(xml, 'utf8')).toContain(`<system-err>${head}: ${item}`);
  }, 120_000);
});
