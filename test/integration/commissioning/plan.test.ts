// The commissioning plan against the built-in virtual charger on fake time: it passes as the charger is,
// and each of the virtual charger's fault switches makes the step that exists to catch it fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { runConformance } from '../../../src/main/conformance/runner';
import { virtualTarget, type VirtualTarget } from '../../../src/main/conformance/virtual';
import { defaultTestData } from '../../../src/main/conformance/test-data';
import { commissioningPlan } from '../../../src/main/commissioning/plan';
import { builtInTemplates, CommissioningTemplate } from '../../../src/shared/api/commissioning';
import type { Operator, OperatorPrompt } from '../../../src/main/conformance/operator';

let bench: Bench;
let dataDir: string;
let target: VirtualTarget;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-commission-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
  target = await virtualTarget(bench, 'SITE-VCP', 2);
});
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const run = (template = builtInTemplates[0]!) =>
  runConformance(bench, { chargerId: target.id, cases: commissioningPlan(template), data: defaultTestData(), operator: target.operator, busy: target.busy, virtual: true });

describe('commissioning plan', () => {
  it('passes every step on a good charger, with what it measured', async () => {
    const r = await run();
    for (const c of r.cases) if (c.verdict !== 'pass' && c.id !== 'C10_LOAD_LIMIT') console.log(c.id, c.verdict, c.reason, c.steps.map((s) => `${s.n} ${s.status} ${s.title}`).join(' | '));
    // Without a load limit in the template its step does not apply.
    expect(r.cases.map((c) => [c.id, c.verdict])).toEqual(commissioningPlan(builtInTemplates[0]!).map((s) => [s.id, s.id === 'C10_LOAD_LIMIT' ? 'notApplicable' : 'pass']));
    const m = (id: string, label: string) => r.cases.find((c) => c.id === id)!.measurements.find((x) => x.label === label);
    expect(m('C3_IDENTITY', 'Vendor')).toMatchObject({ value: 'ChargeBench' });
    // On fake time the virtual charger's first heartbeat of its own is not due yet.
    expect(m('C3_IDENTITY', 'Last Heartbeat before this step')).toMatchObject({ value: 'none recorded yet', ok: null });
    expect(m('C6_READER', 'Card as sent by the charger')).toMatchObject({ value: 'COMMISSION-1', ok: true });
    expect(m('C7_OFFLINE', 'When the back office is unreachable')).toMatchObject({ ok: true });
    expect(m('C8_SESSION', 'Energy register')).toMatchObject({ ok: true });
    console.log(`Commissioning plan on the virtual charger: ${Math.round(r.ms / 1000)} s of charger time in ${(r.wallMs / 1000).toFixed(1)} s`);
  }, 120_000);

  it("starts the test session with the template's test card, and reports how long the session really ran", async () => {
    // 70 s planned: readings every 60 s make it run two intervals.
    const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Seventy', testIdTag: 'SITE-CARD-7', sessionSeconds: 70 });
    const r = await run(template);
    const session = r.cases.find((c) => c.id === 'C8_SESSION')!;
    expect(session.verdict).toBe('pass');
    const start = session.frames.find((f) => f.direction === 'out' && f.action === 'RemoteStartTransaction' && f.kind === 'CALL')!;
    expect(JSON.parse(start.raw)[3]).toMatchObject({ idTag: 'SITE-CARD-7' });
    const length = session.measurements.find((x) => x.label === 'Session length (s)')!;
    expect(Number(length.value)).toBeGreaterThanOrEqual(120);
    expect(length.wanted).toBe('70 s planned; 300 s (5 minutes) recommended, shorter is noted in the report');
  }, 120_000);

  const twins: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['auth failure', { authFailure: true }, 'C6_READER', /Preparing/],
    ['slow charging', { slowCharging: true }, 'C8_SESSION', /^The session drew at most \d+ W, less than the \d+ W wanted while charging: check the supply/],
    ['stuck connector', { stuckConnector: true }, 'C9_UNLOCK', /unlock/],
  ];
  for (const [name, faults, stepId, reason] of twins) {
    it(`fails at ${stepId} with ${name}`, async () => {
      const vcp = bench.virtualChargers.charger(target.id);
      vcp.setFaults(faults as never);
      try {
        const r = await run();
        const result = r.cases.find((c) => c.id === stepId)!;
        expect([result.verdict, result.reason]).toEqual(['fail', expect.stringMatching(reason)]);
      } finally {
        vcp.setFaults(Object.fromEntries(Object.keys(faults).map((k) => [k, false])) as never);
      }
    }, 120_000);
  }

  const identityOnly = () =>
    runConformance(bench, {
      chargerId: target.id,
      cases: commissioningPlan(builtInTemplates[0]!).filter((c) => c.id === 'C3_IDENTITY'),
      data: defaultTestData(),
      operator: target.operator,
      busy: target.busy,
      virtual: true,
    });

  it('names when the last Heartbeat came, against the interval', async () => {
    // The step's own Heartbeat (asked for) is the last one the next time it runs.
    expect((await identityOnly()).cases[0]!.verdict).toBe('pass');
    await bench.record.settled();
    const again = (await identityOnly()).cases[0]!;
    expect(again.measurements.find((x) => x.label === 'Last Heartbeat before this step')).toMatchObject({
      value: expect.stringMatching(/^\d+ s ago$/),
      ok: null,
      wanted: expect.stringMatching(/^every \d+ s/),
    });
  }, 120_000);

  it('fails the identity step when the charger will not send a Heartbeat', async () => {
    const vcp = bench.virtualChargers.charger(target.id);
    vcp.connection.misbehaviours.set([{ kind: 'answer', action: 'TriggerMessage', where: { requestedMessage: 'Heartbeat' }, patch: { status: 'Rejected' } }]);
    try {
      const identity = (await identityOnly()).cases[0]!;
      // What to do in plain words, and what happened; the protocol detail stays with the deciding step.
      expect([identity.verdict, identity.reason]).toEqual([
        'fail',
        expect.stringMatching(/Then Run again\. What happened: at “Bench asks the charger for a Heartbeat”, the charger answered Rejected\.$/),
      ]);
      expect(identity.reason).not.toMatch(/Expected|[{}"]/);
      expect(identity.steps.find((s) => s.n === identity.decidingStep)).toMatchObject({
        status: 'failed',
        title: 'Bench asks the charger for a Heartbeat',
        actual: expect.stringMatching(/Rejected/),
      });
    } finally {
      vcp.connection.misbehaviours.set([]);
    }
  }, 120_000);

  it('fails the baseline where the charger refuses a key, naming it', async () => {
    const vcp = bench.virtualChargers.charger(target.id);
    vcp.connection.misbehaviours.set([{ kind: 'answer', action: 'ChangeConfiguration', where: { key: 'HeartbeatInterval' }, patch: { status: 'Rejected' } }]);
    try {
      const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'test', keys: { HeartbeatInterval: '123' } });
      const r = await run(template);
      const baseline = r.cases.find((c) => c.id === 'C5_BASELINE')!;
      expect([baseline.verdict, baseline.reason]).toEqual(['fail', expect.stringContaining('HeartbeatInterval (Rejected)')]);
      expect(baseline.measurements.find((m) => m.label === 'HeartbeatInterval')).toMatchObject({ ok: false, wanted: '123' });
    } finally {
      vcp.connection.misbehaviours.set([]);
    }
  }, 120_000);
});

describe('chargebench commission', () => {
  it('commissions a virtual charger from the CLI and writes the report and the bundle; exit 0 when every step passes', async () => {
    const { execFile } = await import('node:child_process');
    const { readFileSync } = await import('node:fs');
    const { unzipSync, strFromU8 } = await import('fflate');
    const out = mkdtempSync(join(tmpdir(), 'chargebench-commission-cli-'));
    try {
      const args = [
        join(process.cwd(), 'bin', 'chargebench.mjs'),
        'commission',
        '--virtual',
        '--session-seconds',
        '60',
        '--site',
        'Depot Nord',
        '--installer',
        'A. Person',
        '--html',
        join(out, 'r.html'),
        '--bundle',
        join(out, 'b.zip'),
      ];
      const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((done) => {
        const child = execFile(process.execPath, args, (_e, stdout) => done({ code: child.exitCode, stdout }));
      });
      expect(stdout).toMatch(/PASS\s+C8_SESSION\s+Test session/);
      expect(stdout).toContain('10 steps: 9 passed, 0 failed, 1 not applicable');
      expect(code).toBe(0);
      const html = readFileSync(join(out, 'r.html'), 'utf8');
      expect(html).toContain('<h1>Commissioning report</h1>');
      expect(html).toContain('Depot Nord');
      // A session shorter than five minutes is noted, not hidden.
      expect(html).toMatch(/Session length \(s\)<\/td><td><code>60<\/code>/);
      const zip = unzipSync(new Uint8Array(readFileSync(join(out, 'b.zip'))));
      expect(Object.keys(zip)).toEqual(expect.arrayContaining(['report.html', 'frames.jsonl', 'config-before.json', 'config-after.json', 'identity.json', 'commissioning.json', 'SHA256SUMS']));
      expect(JSON.parse(strFromU8(zip['config-after.json']!))).toMatchObject({ MeterValueSampleInterval: '60' });
      // The same report as the UI's: the commissioning's, with its evidence's SHA-256.
      expect(strFromU8(zip['report.html']!)).toBe(html);
      expect(html).toMatch(/SHA-256 of the evidence.*<code>[0-9a-f]{64}<\/code>/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('a charger a person acts on, which keeps the card presented at its reader', () => {
  /** The person at the charger, doing what each prompt says on a charger the bench does not drive itself. */
  const person = (id: string, prompts: OperatorPrompt[]): Operator => ({
    automatic: false,
    async perform(p) {
      prompts.push(p);
      const cp = bench.virtualChargers.charger(id);
      const a = p.action;
      if (a.kind === 'presentIdTag') void cp.presentIdTag(a.connectorId, a.idTag).catch(() => undefined);
      else if (a.kind === 'plug') cp.plug(a.connectorId);
      else if (a.kind === 'unplug') cp.unplug(a.connectorId);
      return 'done';
    },
  });

  it('takes the session the charger starts itself on plug-in with the card from the reader step, and measures it', async () => {
    const attended = await virtualTarget(bench, 'SITE-ATTENDED', 1);
    // The card stays accepted across the steps in between (as on a real charger within its timeout).
    bench.virtualChargers.charger(attended.id).config.change('ConnectionTimeOut', '3600');
    const prompts: OperatorPrompt[] = [];
    const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Sixty', sessionSeconds: 60 });
    const r = await runConformance(bench, {
      chargerId: attended.id,
      cases: commissioningPlan(template).filter((c) => ['C6_READER', 'C7_OFFLINE', 'C8_SESSION'].includes(c.id)),
      data: defaultTestData(),
      operator: person(attended.id, prompts),
      busy: attended.busy,
      virtual: false,
    });
    expect(r.cases.find((c) => c.id === 'C6_READER')!.verdict).toBe('pass');
    const session = r.cases.find((c) => c.id === 'C8_SESSION')!;
    expect([session.verdict, session.reason]).toEqual(['pass', null]);
    // The charger's own start with the accepted card is the session: no second start is asked for.
    expect(session.frames.filter((f) => f.direction === 'out' && f.kind === 'CALL' && f.action === 'RemoteStartTransaction')).toEqual([]);
    const start = session.frames.find((f) => f.direction === 'in' && f.kind === 'CALL' && f.action === 'StartTransaction')!;
    expect(JSON.parse(start.raw)[3]).toMatchObject({ idTag: 'COMMISSION-1' });
    // One meter value in 60 s: meterStart counts as the register's first reading, so "never goes down" is judged on two.
    expect(session.measurements.find((m) => m.label === 'Energy register')).toMatchObject({ ok: true, value: expect.stringMatching(/^\d+ → \d+ Wh \(meterStart and 1 meter value\)$/) });
    expect(Number(session.measurements.find((m) => m.label === 'Energy delivered (Wh)')?.value)).toBeGreaterThan(0);
    // The session measured is kept with the result by the transaction its StartTransaction was given.
    const answer = session.frames.find((f) => f.direction === 'out' && f.kind === 'CALLRESULT' && f.messageId === start.messageId)!;
    expect(session.transactionId).toBe(JSON.parse(answer.raw)[2].transactionId);
    // A note the checks step and the report show with the step (not a protocol detail they leave out).
    expect(session.observations.filter((o) => o.note).map((o) => o.text)).toEqual([
      'The charger started the session itself on plug-in, with the test card COMMISSION-1 it had already accepted: it is measured as the test session',
    ]);
  }, 120_000);

  it('does not take a session the charger starts itself with another card: it says to present the test card', async () => {
    const other = await virtualTarget(bench, 'SITE-OTHER-CARD', 1);
    bench.virtualChargers.charger(other.id).config.change('ConnectionTimeOut', '3600');
    const prompts: OperatorPrompt[] = [];
    const acts = person(other.id, prompts);
    // At the reader step the person presents another card the charger accepts (the bench's valid test-data card).
    const operator: Operator = {
      automatic: false,
      perform: (p) => acts.perform(p.action.kind === 'presentIdTag' ? { ...p, action: { ...p.action, idTag: 'OCTT-VALID' } } : p),
    };
    const r = await runConformance(bench, {
      chargerId: other.id,
      cases: commissioningPlan(builtInTemplates[0]!).filter((c) => ['C6_READER', 'C8_SESSION'].includes(c.id)),
      data: defaultTestData(),
      operator,
      busy: other.busy,
      virtual: false,
    });
    const session = r.cases.find((c) => c.id === 'C8_SESSION')!;
    // The charger started the session itself, with the other card.
    const start = session.frames.find((f) => f.direction === 'in' && f.kind === 'CALL' && f.action === 'StartTransaction')!;
    expect(JSON.parse(start.raw)[3]).toMatchObject({ idTag: 'OCTT-VALID' });
    expect([session.verdict, session.reason]).toEqual([
      'fail',
      'The charger started a session with the card OCTT-VALID, not the test card COMMISSION-1: present the test card (COMMISSION-1) at the reader before plugging in, or plug in with no card presented, then Run again.',
    ]);
    // Not said to be the test session, and none is kept with the result.
    expect(session.observations.map((o) => o.text).join('\n')).not.toContain('measured as the test session');
    expect(session.transactionId).toBeUndefined();
  }, 120_000);

  it('says what to do in plain words when the charger will not start the session', async () => {
    const vcp = bench.virtualChargers.charger(target.id);
    vcp.connection.misbehaviours.set([{ kind: 'answer', action: 'RemoteStartTransaction', patch: { status: 'Rejected' } }]);
    try {
      const r = await runConformance(bench, {
        chargerId: target.id,
        cases: commissioningPlan(builtInTemplates[0]!).filter((c) => c.id === 'C8_SESSION'),
        data: defaultTestData(),
        operator: target.operator,
        busy: target.busy,
        virtual: true,
      });
      const session = r.cases[0]!;
      expect(session.verdict).toBe('fail');
      expect(session.reason).toMatch(
        /^Check that the cable is fully plugged in, the EV is ready to charge .*Run again.* What happened: at “Bench starts the test session with the card COMMISSION-1 \(RemoteStartTransaction\)”, the charger answered Rejected\.$/,
      );
      expect(session.reason).not.toMatch(/Expected|[{}"]/);
    } finally {
      vcp.connection.misbehaviours.set([]);
    }
  }, 120_000);
});
