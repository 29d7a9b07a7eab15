// `chargebench commission` on a charger that goes offline while the person at it is asked to present the card
// (its pieces wired as the command wires them, on a bench opened here; the terminal's answers given by the
// test): the terminal says the charger went offline, naming it and when it was last seen, and what the run
// waits for when Done is given while it is offline; the card-reader step, which the outage kept from being
// judged, ends inconclusive naming the outage (not failed); and after Ctrl-C, the baseline judged again by the
// configuration that could not be read at the end gets a line saying it is now inconclusive and why, so the
// lines and the summary's counts agree.
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
import type { OperatorAnswer, OperatorPrompt } from '../../src/shared/api/test-runs';
import { waitFor } from '../helpers/bench';

const ID = 'CLI-OFF-1';
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const c of cleanup.splice(0).reverse()) await c();
});

let bench: Bench;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-cli-commission-offline-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
}, 60_000);
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Depot AC', testIdTag: 'INSTALLER-1' });
const job = SiteJob.parse({ site: 'Depot', address: 'Ring 2', location: 'Bay 4', installer: 'A. Person', company: '', customer: '' });

describe('chargebench commission with the charger going offline while the card is asked for', () => {
  it('says the charger went offline and what Done waits for, ends the reader step inconclusive, and says the baseline is now inconclusive', async () => {
    const logs: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((m: string) => void logs.push(String(m)));
    vi.spyOn(console, 'error').mockImplementation((m: string) => void logs.push(String(m)));
    // A charger of its own: the bench sees only its connection, as it would a real one (a person is asked).
    const cp = new VirtualChargePoint({
      definition: VirtualChargerDefinition.parse({ id: ID, connectors: 1 }),
      url: `ws://127.0.0.1:${bench.centralSystem.address().port}/ocpp`,
      random: () => 0,
      callTimeoutMs: 5000,
    });
    cp.start();
    cleanup.push(() => cp.stop());
    await waitFor(() => bench.centralSystem.isConnected(ID) && cp.view().registration === 'Accepted', 20_000);

    const interrupt = new Interrupt('commission', { process: false, exit: () => undefined });
    const asked: OperatorPrompt[] = [];
    let offlineLines = 0;
    const ask = async (p: OperatorPrompt): Promise<OperatorAnswer> => {
      asked.push(p);
      if (p.action.kind !== 'presentIdTag') return 'skip';
      // The charger drops while the question is on the screen (the vcp's `switch offline on {"seconds":0}`).
      cp.setFaults({ offline: true, offlineSeconds: 0 });
      await waitFor(() => !bench.centralSystem.isConnected(ID) || null, 20_000);
      offlineLines = logs.length;
      // The person presses Enter.
      return 'done';
    };
    const open: OpenRun = {
      bench,
      chargerId: ID,
      target: null,
      interrupt,
      ask,
      connected: async (timeoutS) => ((await waitForConnection(bench, ID, timeoutS, interrupt.signal)) === 'connected' ? null : interrupt.status),
      close: async () => interrupt.dispose(),
    };
    const status = commission({ charger: ID }, template, job, open);
    // Ctrl-C once the reader step's line is printed.
    await waitFor(() => logs.some((l) => / C6_READER /.test(l)) || null, 60_000);
    interrupt.heard('SIGINT');
    expect(await status).toBe(130);

    // The line that the charger went offline names it and when it was last seen.
    expect(logs.find((l) => l.includes(`${ID} went offline`))).toMatch(
      new RegExp(`^\\n    \\(${ID} went offline, last seen at [\\d:]+(?: [AP]M)? \\(.+\\): what you do at the charger cannot reach the bench until it is back; the question stays open\\)$`),
    );
    // Done while it is offline: what the run waits for.
    expect(logs[offlineLines]).toMatch(
      new RegExp(
        `^    \\(Done noted, but ${ID} is offline \\(last seen at [\\d:]+(?: [AP]M)?\\): the step now waits for it to come back and send what the step needs \\(up to 30 s for each message\\)`,
      ),
    );

    // The reader step: inconclusive, naming the outage (not "FAIL" for a network outage).
    const reader = logs.findIndex((l) => / C6_READER /.test(l));
    expect(logs[reader]).toMatch(/ INCONCLUSIVE +C6_READER /);
    expect(logs[reader + 1]).toMatch(
      /The charger went offline at .+, while this step waited for the card, and had not come back .+ later, when the step gave up: the card reader could not be checked/,
    );

    // The baseline's line said PASS; its verdict changed at the end: a line says so, with why, before the summary.
    const baseline = logs.find((l) => / C5_BASELINE /.test(l) && !/ now /.test(l));
    expect(baseline).toMatch(/ PASS +C5_BASELINE /);
    const change = logs.findIndex((l) => /C5_BASELINE now INCONCLUSIVE/.test(l));
    expect(logs[change]).toMatch(/^[\d:]+(?: [AP]M)? {2}C5_BASELINE now INCONCLUSIVE \(its line above said PASS\): The configuration could not be read at the end of the run \(/);
    const summary = logs.findIndex((l) => /^\n\d+ steps?: /.test(l));
    expect(change).toBeGreaterThan(reader);
    expect(summary).toBeGreaterThan(change);

    // The lines and the summary agree: the last verdict said of each step is the one the summary counts.
    const last = new Map<string, string>();
    for (const l of logs) {
      const m = /^[\d:]+(?: [AP]M)? {2}(PASS|FAIL|N\/A|INCONCLUSIVE|ERROR) +(C\w+) /.exec(l) ?? /^[\d:]+(?: [AP]M)? {2}(C\w+) now (PASS|FAIL|N\/A|INCONCLUSIVE|ERROR) /.exec(l);
      if (!m) continue;
      const [verdict, step] = m[1]!.startsWith('C') ? [m[2]!, m[1]!] : [m[1]!, m[2]!];
      last.set(step, verdict);
    }
    const n = (v: string) => [...last.values()].filter((x) => x === v).length;
    expect(logs[summary]).toContain(`${last.size} steps: ${n('PASS')} passed, ${n('FAIL')} failed, `);
    expect(logs[summary]).toContain(`, ${n('INCONCLUSIVE')} inconclusive, `);
    expect(asked.some((p) => p.action.kind === 'presentIdTag')).toBe(true);
  }, 120_000);

  /** The reader step alone on a charger of its own, the person's Done given after `person` (on the bench's event). */
  async function readerStep(id: string, person: (cp: VirtualChargePoint) => Promise<void>) {
    const cp = new VirtualChargePoint({
      definition: VirtualChargerDefinition.parse({ id, connectors: 1 }),
      url: `ws://127.0.0.1:${bench.centralSystem.address().port}/ocpp`,
      random: () => 0,
      callTimeoutMs: 5000,
    });
    cp.start();
    cleanup.push(() => cp.stop());
    await waitFor(() => bench.centralSystem.isConnected(id) && cp.view().registration === 'Accepted', 20_000);
    const svc = bench.commissioning;
    const c = await svc.create({ chargerId: id, job, template });
    const off = bench.bus.subscribe((e) => {
      if (e.type === 'commissioningPrompt' && e.id === c.id && e.prompt) void person(cp).then(() => svc.answer(c.id, 'done'));
    });
    cleanup.push(off);
    svc.run(c.id, ['C6_READER']);
    await svc.settled(c.id);
    return svc.get(c.id).steps.find((s) => s.id === 'C6_READER')!.result!;
  }

  it('keeps a real failure a failure: the charger online throughout sent nothing for the card', async () => {
    const r = await readerStep('CLI-OFF-2', async () => undefined);
    expect(r.verdict).toBe('fail');
    expect(r.reason).not.toMatch(/offline/);
  }, 60_000);

  it('leaves the reader step inconclusive, naming the outage, when the charger was offline and back while it waited for the card', async () => {
    const r = await readerStep('CLI-OFF-3', async (cp) => {
      cp.setFaults({ offline: true, offlineSeconds: 0 });
      await waitFor(() => !bench.centralSystem.isConnected('CLI-OFF-3') || null, 20_000);
      // Back before the person presses Done, yet the card presented meanwhile never reached the bench.
      cp.setFaults({ offline: false });
      await waitFor(() => bench.centralSystem.isConnected('CLI-OFF-3') || null, 20_000);
    });
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toMatch(
      /^The charger was offline from .+ to .+, while this step waited for the card: the card reader could not be checked \(a card presented while the charger is offline does not reach the bench\)\. Check the charger's network connection \(and its power\), then Run again\.$/,
    );
  }, 60_000);
});
