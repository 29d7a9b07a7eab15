// `chargebench test` as its pieces are wired (runOnCharger on a bench opened here, its signals heard through
// the Interrupt as a signal or a terminal's Ctrl-C would be): a signal once the run has ended leaves its
// verdict and exit status alone; a signal before the run is set up runs nothing (the charger is not even
// read); a stopped --virtual run does not claim a record; and a Ctrl-C at the terminal's question withdraws
// that question through the run's stop (not a time-out).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createInterface } from 'node:readline/promises';
import { Bench } from '../../src/main/core/bench';
import { FakeClock } from '../../src/main/clock';
import { virtualTarget, type VirtualTarget } from '../../src/main/conformance/virtual';
import { runConformance } from '../../src/main/conformance/runner';
import { octt16Cases } from '../../src/main/conformance/octt16';
import { defaultTestData } from '../../src/main/conformance/test-data';
import { Interrupt } from '../../src/main/cli/interrupt';
import { runOnCharger, terminalAsk, waitForConnection, type OpenRun } from '../../src/main/cli/run-on-charger';
import { VirtualChargePoint } from '../../src/main/virtual-cp/charge-point';
import { VirtualChargerDefinition } from '../../src/shared/api/virtual-chargers';
import type { OperatorAnswer } from '../../src/shared/api/test-runs';
import type { BenchEvent } from '../../src/shared/api/views';
import { waitFor } from '../helpers/bench';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** The lines printed, on stdout and stderr. */
function captured() {
  const logs: string[] = [];
  const errors: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((m: string) => void logs.push(String(m)));
  vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(String(m)));
  return { logs, errors };
}

/** An open run on `bench` as openRun makes one, its signals heard by the returned Interrupt (no process signals). */
function opened(bench: Bench, chargerId: string, target: VirtualTarget | null, ask: OpenRun['ask'] = async () => 'skip', rl?: ReturnType<typeof createInterface>) {
  const exits: number[] = [];
  const interrupt = new Interrupt('test', { process: false, exit: (s) => void exits.push(s), rl });
  const open: OpenRun = {
    bench,
    chargerId,
    target,
    interrupt,
    ask,
    connected: async (timeoutS) => ((await waitForConnection(bench, chargerId, timeoutS, interrupt.signal)) === 'connected' ? null : interrupt.status),
    close: async () => interrupt.dispose(),
  };
  return { open, interrupt, exits };
}

const cases = (ids: string[]) => octt16Cases.filter((c) => ids.includes(c.id));

describe('a bench on fake time with a built-in virtual charger', () => {
  let bench: Bench;
  let dataDir: string;
  let target: VirtualTarget;
  let out: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'chargebench-cli-wiring-'));
    out = mkdtempSync(join(tmpdir(), 'chargebench-cli-wiring-out-'));
    bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
    target = await virtualTarget(bench, 'WIRING-1', 1);
  }, 60_000);
  afterAll(async () => {
    await bench.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('keeps the verdict and its exit status when SIGTERM comes while the reports are written; a second one quits naming the reports not written', async () => {
    const { open, interrupt, exits } = opened(bench, target.id, target);
    const reportOf = bench.conformance.reportOf.bind(bench.conformance);
    const { logs, errors } = captured();
    let made = 0;
    vi.spyOn(bench.conformance, 'reportOf').mockImplementation(async (run, kind) => {
      // The CI's timeout while the reports are made (a PDF takes seconds): the run has ended. Then a
      // second signal, while the JUnit report is made.
      made++;
      interrupt.heard('SIGTERM');
      return reportOf(run, kind);
    });
    const json = join(out, 'ended.json');
    const xml = join(out, 'ended.xml');
    const code = await runOnCharger({ command: 'test', opts: { virtual: true, json }, cases: cases(['TC_003_CS']), data: defaultTestData(), junit: xml, open });
    const text = logs.join('\n');
    expect(made).toBe(2);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toMatchObject({ state: 'finished', summary: { pass: 1 } });
    // Not "stopped", not 143: the run finished and passed (the exit spy does not end the process).
    expect({ code, by: interrupt.by }).toEqual({ code: 0, by: null });
    expect(text).not.toContain('Stopped by');
    expect(text).toContain('Heard SIGTERM: the run has already ended, its result stands; writing the reports; SIGTERM again quits at once');
    // The second quits at once, saying which report is lost.
    expect(exits).toEqual([143]);
    expect(errors).toEqual([`chargebench test: stopped by SIGTERM again, quitting at once: not written: the JUnit report (--junit ${xml})`]);
  }, 60_000);

  it('says a case the stop came too late for finished before it, with its verdict (not only "ending the case in progress (inconclusive)")', async () => {
    const { open, interrupt } = opened(bench, target.id, target);
    const { logs } = captured();
    // The stop does not take effect before the case ends (it had sent its last step): the case passes all the same.
    vi.spyOn(bench.conformance, 'stop').mockImplementation(() => undefined as never);
    const off = bench.bus.subscribe((e: BenchEvent) => {
      // Once every listener heard the case begin (the command's own too).
      if (e.type === 'testRunChanged' && e.run.caseId === 'TC_003_CS' && !interrupt.by) queueMicrotask(() => interrupt.by || interrupt.heard('SIGTERM'));
    });
    cleanup.push(off);
    await runOnCharger({ command: 'test', opts: { virtual: true }, cases: cases(['TC_003_CS']), data: defaultTestData(), open });
    const text = logs.join('\n');
    expect(text).toContain('Stopped by SIGTERM: ending the case in progress (inconclusive)');
    const said = text.indexOf('TC_003_CS finished before the stop took effect: PASS');
    expect(said).toBeGreaterThan(text.indexOf('Stopped by SIGTERM'));
    expect(said).toBeLessThan(text.search(/PASS +TC_003_CS/));
  }, 60_000);

  it('runs nothing when stopped while the charger connects, even though it is connected', async () => {
    const { logs } = captured();
    const { open, interrupt } = opened(bench, target.id, target);
    const sent: string[] = [];
    const off = bench.bus.subscribe((e: BenchEvent) => {
      if (e.type === 'frameLogged' && e.message.chargerId === target.id && e.message.direction === 'out' && e.message.kind === 'CALL') sent.push(e.message.action ?? '');
    });
    cleanup.push(off);
    const before = bench.conformance.list(target.id).length;
    interrupt.heard('SIGINT');
    const code = await runOnCharger({ command: 'test', opts: { virtual: true }, cases: cases(['TC_003_CS']), data: defaultTestData(), open });
    expect(code).toBe(130);
    expect(logs.join('\n')).toContain('Stopped by Ctrl-C: nothing was run');
    // No run was started, and nothing was sent to the charger.
    expect(bench.conformance.list(target.id).length).toBe(before);
    expect(sent).toEqual([]);
  }, 60_000);

  it('neither reads nor changes the charger in a run stopped before it began', async () => {
    const sent: string[] = [];
    const off = bench.bus.subscribe((e: BenchEvent) => {
      if (e.type === 'frameLogged' && e.message.chargerId === target.id && e.message.direction === 'out' && e.message.kind === 'CALL') sent.push(e.message.action ?? '');
    });
    cleanup.push(off);
    const run = await runConformance(bench, {
      chargerId: target.id,
      cases: cases(['TC_003_CS']),
      data: defaultTestData(),
      operator: target.operator,
      busy: target.busy,
      virtual: true,
      signal: AbortSignal.abort(),
    });
    expect(run).toMatchObject({ state: 'stopped', cases: [], pics: null });
    expect(sent).toEqual([]);
  }, 60_000);

  it('says a stopped --virtual run is stopped, not that it is kept in a record (its temporary record is deleted)', async () => {
    const { logs } = captured();
    const { open, interrupt } = opened(bench, target.id, target);
    const off = bench.bus.subscribe((e: BenchEvent) => {
      if (e.type === 'testCaseFinished') interrupt.heard('SIGINT');
    });
    cleanup.push(off);
    const code = await runOnCharger({ command: 'test', opts: { virtual: true }, cases: cases(['TC_003_CS', 'TC_004_1_CS']), data: defaultTestData(), open });
    expect(code).toBe(130);
    const line = logs.find((l) => l.startsWith('Stopped by Ctrl-C: 1 of 2 cases ended'));
    expect(line).toBe('Stopped by Ctrl-C: 1 of 2 cases ended');
  }, 60_000);
});

describe('a charger a person acts on, asked on the terminal', () => {
  it('withdraws the question when Ctrl-C stops the run: the answer is "stopped", not a time-out, and the run ends at once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-cli-wiring-real-'));
    const bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0, face: 'test' } as never);
    cleanup.push(
      () => rmSync(dataDir, { recursive: true, force: true }),
      () => bench.stop(),
    );
    const cp = new VirtualChargePoint({ definition: VirtualChargerDefinition.parse({ id: 'WIRING-REAL', connectors: 1 }), url: `ws://127.0.0.1:${bench.centralSystem.address().port}/ocpp` });
    cleanup.push(() => cp.stop());
    cp.start();
    await waitFor(() => bench.connectedChargers().includes('WIRING-REAL'), 10_000);
    // A terminal as readline sees one: Ctrl-C arrives as a key.
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (d) => (shown += String(d)));
    const rl = createInterface({ input, output, terminal: true });
    cleanup.push(() => rl.close());
    const { logs } = captured();
    const answers: OperatorAnswer[] = [];
    const ask = terminalAsk(rl);
    const { open } = opened(
      bench,
      'WIRING-REAL',
      null,
      async (p, w) => {
        const a = await ask(p, w);
        answers.push(a);
        return a;
      },
      rl,
    );
    const started = Date.now();
    const done = runOnCharger({ command: 'test', opts: { charger: 'WIRING-REAL' }, cases: cases(['TC_003_CS']), data: defaultTestData(), open });
    await waitFor(() => shown.includes('>>> '), 30_000);
    input.write('\x03');
    expect(await done).toBe(130);
    // The question asked of the person (plug in: 300 s to answer) ended with the run, well before its time-out.
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(answers).toEqual(['stopped']);
    expect(logs.join('\n')).toContain('Stopped by Ctrl-C: ending the case in progress');
    expect(logs.join('\n')).not.toContain('nobody answered');
    expect(bench.conformance.list('WIRING-REAL')).toMatchObject([{ state: 'stopped' }]);
  }, 60_000);
});
