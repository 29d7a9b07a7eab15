// `chargebench commission` on a charger that never answers GetConfiguration (the vcp's `switch action on
// {"action":"GetConfiguration","mode":"ignore"}`): the run cannot go on, and the terminal says why, as
// `chargebench test` does (the reason on stderr, then "Could not run: …; N of M planned steps not run"),
// not only the reports; not "0 steps: 0 passed, …" and nothing else. Its pieces wired as the command wires
// them, on a bench opened here on a fake clock (the charger's 30 s to answer take no time).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../src/main/core/bench';
import { FakeClock } from '../../src/main/clock';
import { Interrupt } from '../../src/main/cli/interrupt';
import { waitForConnection, type OpenRun } from '../../src/main/cli/run-on-charger';
import { commission } from '../../src/main/cli/commission';
import { VirtualChargePoint } from '../../src/main/virtual-cp/charge-point';
import { VirtualChargerDefinition } from '../../src/shared/api/virtual-chargers';
import { builtInTemplates, CommissioningTemplate, SiteJob } from '../../src/shared/api/commissioning';
import { waitFor } from '../helpers/bench';

const ID = 'CLI-BROKEN-1';
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const c of cleanup.splice(0).reverse()) await c();
});

let bench: Bench;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-cli-commission-broken-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
}, 60_000);
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const template = CommissioningTemplate.parse(builtInTemplates[0]);
const job = SiteJob.parse({ site: 'Depot', address: '', location: '', installer: 'A. Person', company: '', customer: '' });

describe('chargebench commission when the run cannot go on', () => {
  it('says why on stderr and how many steps were not run, and exits 1', async () => {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((m: string) => void out.push(String(m)));
    vi.spyOn(console, 'error').mockImplementation((m: string) => void err.push(String(m)));
    const cp = new VirtualChargePoint({ definition: VirtualChargerDefinition.parse({ id: ID, connectors: 1 }), url: `ws://127.0.0.1:${bench.centralSystem.address().port}/ocpp`, random: () => 0 });
    cp.setFaults({ actions: { GetConfiguration: { mode: 'ignore', delaySeconds: 0, errorCode: 'InternalError' } } });
    cp.start();
    cleanup.push(() => cp.stop());
    await waitFor(() => bench.centralSystem.isConnected(ID) && cp.view().registration === 'Accepted', 20_000);

    const interrupt = new Interrupt('commission', { process: false, exit: () => undefined });
    const open: OpenRun = {
      bench,
      chargerId: ID,
      target: null,
      interrupt,
      ask: async () => 'skip',
      noOperator: 'the run had no terminal to ask (stdin is not a terminal)',
      connected: async (timeoutS) => ((await waitForConnection(bench, ID, timeoutS, interrupt.signal)) === 'connected' ? null : interrupt.status),
      close: async () => interrupt.dispose(),
    };
    expect(await commission({ charger: ID }, template, job, open)).toBe(1);

    // The reason, on stderr, as `chargebench test` says it.
    expect(err).toContainEqual(expect.stringMatching(/^chargebench commission: the run could not be carried out: GetConfiguration got no answer \(timeout\)/));
    // The closing line says the run could not run, why, and what it did not run; not "0 steps: 0 passed".
    const [made] = bench.commissioning.list({ chargerId: ID });
    const steps = bench.commissioning.get(made!.id).steps.length;
    expect(out.at(-1)).toMatch(
      new RegExp(`^\\nCould not run: GetConfiguration got no answer \\(timeout\\).*; ${steps} of ${steps} planned steps not run; \\d+\\.\\d s(?: \\(\\d+ s of charger time\\))?$`),
    );
    expect(out.some((l) => /\d+ steps?: \d+ passed/.test(l))).toBe(false);
  }, 60_000);
});
