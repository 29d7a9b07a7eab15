// `chargebench test` on a charger with a session running: the run ends it before its first case
// (RemoteStopTransaction), and the end of the run names it on the terminal, and its HTML and JUnit reports
// too, with its transaction, connector, idTag and when it ended.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../src/main/core/bench';
import { FakeClock } from '../../src/main/clock';
import { virtualTarget, type VirtualTarget } from '../../src/main/conformance/virtual';
import { octt16Cases } from '../../src/main/conformance/octt16';
import { defaultTestData } from '../../src/main/conformance/test-data';
import { Interrupt } from '../../src/main/cli/interrupt';
import { runOnCharger, waitForConnection, type OpenRun } from '../../src/main/cli/run-on-charger';
import type { RunResult } from '../../src/shared/api/test-runs';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('chargebench test on a charger with a session running', () => {
  let bench: Bench;
  let dataDir: string;
  let out: string;
  let target: VirtualTarget;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'chargebench-cli-setup-ended-'));
    out = mkdtempSync(join(tmpdir(), 'chargebench-cli-setup-ended-out-'));
    bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
    target = await virtualTarget(bench, 'ENDED-1', 1);
  }, 60_000);
  afterAll(async () => {
    await bench.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('names the session it ended before the first case at the end of the run and in its reports', async () => {
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

    const logs: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((m: string) => void logs.push(String(m)));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const interrupt = new Interrupt('test', { process: false, exit: () => undefined });
    const open: OpenRun = {
      bench,
      chargerId: target.id,
      target,
      interrupt,
      ask: async () => 'skip',
      connected: async (timeoutS) => ((await waitForConnection(bench, target.id, timeoutS, interrupt.signal)) === 'connected' ? null : interrupt.status),
      close: async () => interrupt.dispose(),
    };
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
