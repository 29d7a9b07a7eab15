// Conformance runs for the faces (UI, API): start a run on a charger, follow it through the bench's
// events, answer its operator prompts, stop it, and find past runs in the record. A built-in virtual
// charger's operator steps are done for it; a real charger's are asked of the person at it.
import type { Bench } from '../core/bench';
import { BenchError } from '../errors';
import { version } from '../version';
import { caseEffectsData } from '../../shared/api/case-effects.data';
import type { CaseInfo, InjectedFaults, OperatorAnswer, OperatorPrompt, RunListItem, RunResult, StepWait, TestDataInput } from '../../shared/api/test-runs';
import type { ActionProfile } from '../../shared/ocpp16';
import { octt16Cases } from './octt16';
import { runOperator, type RunOperator } from './attended';
import type { PicsDeclaration } from './pics';
import { runConformance, type RunEvent } from './runner';
import { notYetSupported, notYetSupportedOf, withNotYetSupported } from './not-yet-supported';
import { checkRunRequest, defined } from './run-request';
import { noOperator } from './unattended';
import { virtualDeclaration } from './virtual';
import { followInjectedFaults } from './injected-faults';
import { StopWhenBack } from './come-back';
import { htmlReport } from './reports/html';
import { junitReport } from './reports/junit';
import { evidencePack } from './reports/evidence';
import { FakeClock } from '../clock';
import { stopOf, type StopAsked, type StopTook } from './run-stop';
import type { RunStopBy } from '../../shared/api/run-stop';
import { benchPassword, ConfigLeft, cutShortStop, readCutShort, withShutDownWords, type CutShort } from './shutdown-put-back';

export type ReportKind = 'html' | 'json' | 'junit' | 'pdf' | 'evidence';

export interface Report {
  body: string | Uint8Array;
  contentType: string;
  fileName: string;
}

export interface StartRun {
  chargerId: string;
  /** Case ids; every case when left out. */
  cases?: string[];
  profile?: ActionProfile;
  /** Only the cases that failed or erred in this earlier run. */
  rerunFailedOf?: string;
  data?: TestDataInput;
  declared?: PicsDeclaration;
  /** Why nobody can be asked at the charger (a CLI run without a terminal): its cases' operator steps end them inconclusive, saying so. */
  noOperator?: string;
}

interface Active {
  run: RunResult;
  abort: AbortController;
  caseId: string | null;
  step: string | null;
  /** Whether a case is in progress (from its start to its end): caseId and step stay on the last case between cases, for the run's page. */
  inCase: boolean;
  /** What the bench does while no case is in progress (putting the charger back after the cases), or null. */
  outside: string | null;
  /** When the case in progress began (the bench's clock). */
  caseStartedAt?: string;
  operator: RunOperator | null;
  /** Resolves with the run once it has ended and is recorded. */
  done?: Promise<RunResult>;
  /** The run's saves, one after the other: a later one never lands before an earlier one. */
  saved: Promise<void>;
  /** Its Stop (UI, API), made to wait for the charger when the run just reset it or it dropped a moment ago. */
  stopper: StopWhenBack;
  /** How long the step in progress waits at most, and until when. */
  stepWait?: StepWait | null;
  /** Who asked for the run's stop and when; what was in progress when it took effect (the report says both). */
  asked?: StopAsked;
  took?: StopTook;
  /** The instant a stop is being asked, while it is: one that takes effect then did not wait (its reports say one time). */
  asking?: string;
  /** The configuration keys the run changed, as the charger accepted them (what a shutdown cut short left). */
  left: ConfigLeft;
  /** Why it was not put back, once the shutdown's wait ran out on it (its own later end says so too). */
  late?: CutShort;
  /** The run has ended (put back, or not): its own record of that is being saved, never overwritten by the shutdown's. */
  over?: boolean;
}

export class ConformanceService {
  private readonly active = new Map<string, Active>();

  constructor(private readonly bench: Bench) {}

  cases(): CaseInfo[] {
    return octt16Cases.map((c) => ({
      id: c.id,
      title: c.title,
      profile: c.profile,
      section: c.section,
      decisions: c.decisions ?? [],
      notSupported: c.notSupported ?? null,
      effects: caseEffectsData[c.id] ?? null,
    }));
  }

  /**
   * The test run running on a charger now, if any. A run that has ended while its record is still being
   * written is not (it is shown ended: a new run on the charger may start).
   */
  runningOn(chargerId: string): string | null {
    for (const a of this.active.values()) if (a.run.chargerId === chargerId && a.run.state === 'running') return a.run.id;
    return null;
  }

  /** Starts a run; resolves with its id once it has begun (the run goes on in the background). */
  start(args: StartRun): { runId: string } {
    const { bench } = this;
    bench.centralSystem.registry.mustKnow(args.chargerId);
    // The request is checked first: a wrong one is a 400 whether or not the charger is busy.
    const { cases, data, declared, rerunOf } = checkRunRequest(bench, args, octt16Cases, args.rerunFailedOf ? this.get(args.rerunFailedOf) : null);
    if (this.runningOn(args.chargerId)) throw new BenchError(409, `A test run is already running on ${args.chargerId}: stop it first`, { field: 'chargerId' });
    const commissioning = bench.commissioning.runningOn(args.chargerId);
    if (commissioning) throw new BenchError(409, `${args.chargerId} is being commissioned (${commissioning}): wait for it, or stop it first`, { field: 'chargerId' });
    const virtual = bench.virtualChargers.has(args.chargerId);
    const abort = new AbortController();
    const ts = () => new Date(bench.clock.now()).toISOString();
    const runId = `run-${ts().replace(/[:.]/g, '-')}-${args.chargerId}`;
    // A built-in virtual charger's fault switches on now, and any switched while the run runs: kept with the run.
    // Each switch recorded is told at once (the run's page tells the run's own switches from injected ones by it).
    const faults = followInjectedFaults(bench, args.chargerId, (record) => publish(record));
    // The run is known (listed, fetched, one per charger) from the moment it is started, before its first event.
    const placeholder: RunResult = {
      id: runId,
      chargerId: args.chargerId,
      charger: { vendor: null, model: null, firmware: null, serial: null },
      virtual,
      startedAt: ts(),
      finishedAt: null,
      wallStartedAt: new Date().toISOString(),
      ms: 0,
      wallMs: 0,
      benchVersion: version,
      data,
      ...(declared && { declared }),
      ...(rerunOf && { rerunOf }),
      pics: null,
      cases: [],
      planned: cases.map((c) => c.id),
      summary: { pass: 0, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 },
      state: 'running',
      notYetSupported: notYetSupported(octt16Cases, cases),
      ...(faults && { faults: faults.record }),
    };
    const stopper = new StopWhenBack(bench, args.chargerId, () => publish());
    const left = new ConfigLeft(benchPassword(bench, args.chargerId));
    const entry: Active = { run: placeholder, abort, caseId: null, step: null, inCase: false, outside: null, operator: null, saved: Promise.resolve(), stopper, left };
    this.active.set(runId, entry);
    // What the stop cut short, as it takes effect (after a wait for the charger, maybe): a case that has ended
    // (a waiting Stop takes effect once it has) is not; then no case was in progress, and what the bench did is said.
    const tookEffect = () => {
      const cut = entry.inCase ? { caseId: entry.caseId, step: entry.step } : { caseId: null, step: entry.outside };
      entry.took = { at: entry.asking ?? new Date().toISOString(), ...cut };
    };
    abort.signal.addEventListener('abort', tookEffect, { once: true });
    // A run that ended stopped says how (its reports do).
    const withStop = (run: RunResult) => (run.state === 'stopped' && entry.took ? Object.assign(run, { stop: withShutDownWords(stopOf(run, entry.asked, entry.took), entry.late, left.left()) }) : run);
    // Each save in turn, of the run as it is then; a save that fails leaves the next one to try.
    const save = (): Promise<void> => {
      const run = entry.run;
      entry.saved = entry.saved.then(() => bench.record.testRuns.save(run)).catch((e) => console.error(`chargebench: the test run ${runId} could not be recorded: ${(e as Error).message}`));
      return entry.saved;
    };
    // Recorded as running from the start: a bench that stops before the run can record its end (its grace
    // cut short, a crash) still lists it, as stopped.
    void save();
    // With the run's record of fault switches (a copy, as it is now) when a switch was just recorded.
    const publish = (switched?: InjectedFaults) => {
      const withFaults = switched && { faults: { atStart: [...switched.atStart], switched: [...switched.switched] } };
      bench.bus.publish({
        type: 'testRunChanged',
        run: {
          ...listItem(entry.run),
          caseId: entry.caseId,
          step: entry.step,
          caseStartedAt: entry.caseId ? (entry.caseStartedAt ?? null) : null,
          stepWait: entry.stepWait ?? null,
          stopWaiting: stopper.waiting(),
          stopWouldWait: stopper.wouldWait(),
          ...withFaults,
        },
        ts: ts(),
      });
    };
    const attended = runOperator(bench, args.chargerId, abort.signal, (prompt) => bench.bus.publish({ type: 'testPrompt', runId, prompt, ts: ts() }));
    entry.operator = attended;
    const onEvent = (e: RunEvent) => {
      faults?.seen(e);
      if (e.type === 'runStarted') {
        if (faults) e.run.faults = faults.record;
        // What the person declared and the run it re-runs, kept with the run (its reports name them).
        entry.run = Object.assign(e.run, { ...(declared && { declared }), ...(rerunOf && { rerunOf }) });
        this.active.set(runId, entry);
        publish();
        void save();
      } else if (e.type === 'caseStarted') {
        entry.caseId = e.caseId;
        [entry.inCase, entry.outside] = [true, null];
        entry.caseStartedAt = ts();
        entry.step = null;
        entry.stepWait = null;
        publish();
      } else if (e.type === 'stepStarted') {
        entry.step = e.step;
        if (!entry.inCase) entry.outside = e.step;
        // Its limit, and (in real time) when it runs out: the run's page counts it down.
        entry.stepWait = e.withinS === undefined ? null : { withinS: e.withinS, deadline: bench.clock instanceof FakeClock ? null : new Date(bench.clock.now() + e.withinS * 1000).toISOString() };
        publish();
      } else if (e.type === 'caseFinished') {
        // Ended before what follows is told (the CLI stops the run from the case's end).
        [entry.inCase, entry.outside] = [false, null];
        bench.bus.publish({ type: 'testCaseFinished', runId, result: e.result, ts: ts() });
        // A Stop waiting for the charger takes effect once the case it stopped has ended, before the next begins.
        stopper.moveOn();
        void save();
      }
    };
    entry.done = runConformance(bench, {
      id: runId,
      chargerId: args.chargerId,
      cases,
      data,
      // A built-in virtual charger's fixed cable and back-up power are known; what the person declares goes over them.
      declared: defined(declared ?? {}),
      ...(virtual && { own: virtualDeclaration(bench, args.chargerId) }),
      operator: args.noOperator && !virtual ? noOperator(args.noOperator) : attended.operator,
      busy: attended.busy,
      virtual,
      onEvent,
      onCall: (action, payload) => left.call(action, payload),
      // A Stop waiting for the charger (in the run's setup) takes effect before the first case, which then does not begin.
      beforeCase: () => stopper.moveOn(),
      signal: abort.signal,
      suite: octt16Cases,
    })
      .then(async (run) => {
        entry.over = true;
        entry.run = withStop(run);
        await save();
      })
      .catch(async (e) => {
        entry.over = true;
        // A run the bench could not carry out (the charger never connected, its configuration unreadable) is kept
        // too, as such (not as stopped: nobody stopped it), with why; one stopped meanwhile is stopped.
        entry.run.state = abort.signal.aborted ? 'stopped' : 'error';
        entry.run.error = (e as Error).message;
        entry.run.notYetSupported = notYetSupportedOf(entry.run, octt16Cases);
        withStop(entry.run);
        await save();
      })
      .finally(() => {
        faults?.stop();
        stopper.dispose();
        entry.caseId = null;
        publish();
        this.active.delete(runId);
      })
      .then(() => entry.run);
    return { runId };
  }

  /** Resolves with the run once it has ended and is kept in the record (a face that waits for it: the CLI). */
  settled(runId: string): Promise<RunResult> {
    return this.active.get(runId)?.done ?? Promise.resolve(this.get(runId));
  }

  /**
   * Stops a run: at once, or, while its charger is away because the run just reset it or it dropped a moment
   * ago, once it is back (at most COME_BACK_S; the view's stopWaiting says so meanwhile), so that it is put
   * back. A second stop ends the wait, the charger left as it is. `atOnce`: no wait (a face that waited itself: the CLI,
   * which gives `requestedAt`, when it heard the signal: the reports say the stop waited from then).
   */
  stop(runId: string, o: { atOnce?: boolean; by?: RunStopBy; signal?: string; requestedAt?: string } = {}): void {
    const a = this.active.get(runId);
    // An unknown run is a 404 (get throws it); one that has ended, a 409.
    if (!a && this.get(runId)) throw new BenchError(409, `Test run ${runId} has already ended`, { field: 'runId' });
    // Already stopped (the CLI's stop, the bench shutting down): nothing more to stop, nothing to wait for.
    if (a!.abort.signal.aborted) return;
    // The first stop asked is the one the reports name (a second only ends its wait for the charger).
    const now = new Date().toISOString();
    a!.asked ??= { by: o.by ?? 'stop', ...(o.signal && { signal: o.signal }), requestedAt: o.requestedAt ?? now };
    a!.asking = now;
    try {
      if (!o.atOnce) return a!.stopper.request(() => a!.abort.abort());
      a!.stopper.stoppedAtOnce();
      a!.abort.abort();
    } finally {
      a!.asking = undefined;
    }
  }

  answer(runId: string, answer: OperatorAnswer): void {
    // An unknown run is a 404 (get throws it); a known one that waits on nobody, a 409.
    if (!this.active.has(runId)) this.get(runId);
    if (!this.active.get(runId)?.operator?.answer(answer)) throw new BenchError(409, `Test run ${runId} is not waiting for the operator`, { field: 'runId' });
  }

  /** The prompt a run waits on, if any (a page opened mid-run shows it). */
  prompt(runId: string): OperatorPrompt | null {
    return this.active.get(runId)?.operator?.prompt() ?? null;
  }

  list(chargerId?: string): RunListItem[] {
    // A running run says its case in progress and step (a page opened mid-run shows them).
    const running = [...this.active.values()].filter((a) => !chargerId || a.run.chargerId === chargerId).map((a) => ({ ...listItem(a.run), ...current(a) }));
    // A run recorded as running that is not running (the bench stopped before it could record its end) was stopped.
    // One that could not be carried out says why and how many cases it was started with: the record's list has
    // them (from the summary column; no result is parsed for it).
    const stored = this.bench.record.testRuns
      .list({ chargerId })
      .filter((r) => !this.active.has(r.id))
      .map((r) => (r.state === 'running' ? { ...r, state: 'stopped', ...plannedOf(this.bench.record.testRuns.get(r.id) as RunResult | null) } : r)) as unknown as RunListItem[];
    return [...running, ...stored];
  }

  get(runId: string): RunResult {
    const a = this.active.get(runId);
    if (a) return { ...a.run, ...current(a) };
    const stored = this.bench.record.testRuns.get(runId) as RunResult | null;
    if (!stored) throw new BenchError(404, `No test run ${runId}`, { field: 'runId' });
    // A stopped run kept before it listed the cases the bench cannot run yet that it never came to lists them.
    return withNotYetSupported(stored.state === 'running' ? { ...stored, state: 'stopped' } : stored, octt16Cases);
  }

  /** A report of a run in one of its forms; the evidence pack holds them all with every frame. */
  report(runId: string, kind: ReportKind): Promise<Report> {
    return this.reportOf(this.get(runId), kind);
  }

  /** A report of a run at hand (one that just ended: the CLI writes its reports even when the record could not keep it). */
  async reportOf(run: RunResult, kind: ReportKind): Promise<Report> {
    const base = `octt16-${run.chargerId}-${run.startedAt.replace(/[:.]/g, '-')}`.replace(/[^A-Za-z0-9_.-]/g, '_');
    switch (kind) {
      case 'html':
        return { body: htmlReport(run), contentType: 'text/html; charset=utf-8', fileName: `${base}.html` };
      case 'json':
        return { body: `${JSON.stringify(run, null, 2)}\n`, contentType: 'application/json; charset=utf-8', fileName: `${base}.json` };
      case 'junit':
        return { body: junitReport(run), contentType: 'application/xml; charset=utf-8', fileName: `${base}.junit.xml` };
      case 'pdf': {
        const printed = await this.bench.printPdf(htmlReport(run));
        if (!printed.pdf) throw new BenchError(501, printed.reason);
        return { body: printed.pdf, contentType: 'application/pdf', fileName: `${base}.pdf` };
      }
      case 'evidence': {
        const printed = await this.bench.printPdf(htmlReport(run)).catch(() => ({ pdf: null }));
        return { body: evidencePack({ run, framesJsonl: await this.framesJsonl(run), pdf: printed.pdf }), contentType: 'application/zip', fileName: `${base}.evidence.zip` };
      }
    }
  }

  /** Every frame of the charger while the run ran (or while each of several runs ran), from the record, one JSON object per line. */
  async framesJsonl(run: { chargerId: string; startedAt: string; finishedAt: string | null }, more: Array<{ startedAt: string; finishedAt: string | null }> = []): Promise<string> {
    await this.bench.record.settled();
    const lines: string[] = [];
    for (const window of [run, ...more]) {
      const filter = { chargerId: run.chargerId, from: window.startedAt, ...(window.finishedAt ? { to: window.finishedAt } : {}) };
      for await (const batch of this.bench.record.messages.batches(filter as never)) for (const m of batch) lines.push(JSON.stringify(m));
    }
    return lines.length ? `${lines.join('\n')}\n` : '';
  }

  /** Stops every run (the bench is stopping); resolves once each has recorded how it ended. */
  stopAll(): Promise<void> {
    for (const a of this.active.values()) {
      a.asking = new Date().toISOString();
      a.asked ??= { by: 'shutdown', requestedAt: a.asking };
      a.stopper.stoppedAtOnce();
      a.abort.abort();
      a.asking = undefined;
    }
    return Promise.all([...this.active.values()].map((a) => a.done?.catch(() => undefined))).then(() => undefined);
  }

  /**
   * The bench's shutdown waited `withinMs` for its runs (stopAll): each still going is recorded as stopped by it,
   * not put back, with the configuration keys it left changed (nothing to put back: none, before the first case).
   * One that has ended meanwhile records its own end: its save is awaited, not overwritten.
   */
  cutShort(withinMs: number): Promise<void> {
    for (const a of this.active.values()) {
      if (a.over || !a.took) continue;
      const after = a.took.caseId ?? a.run.cases.at(-1)?.id ?? null;
      a.late = { withinMs, after };
      const at = new Date(this.bench.clock.now()).toISOString();
      const run: RunResult = { ...a.run, state: 'stopped', finishedAt: a.run.finishedAt ?? at };
      // After its cases: what the bench does then (putting MinimumStatusDuration back, reading the configuration).
      const cut = cutShortStop(withinMs, { asked: a.asked, took: a.took, after, afterCases: !a.inCase && a.outside !== null }, a.left);
      run.stop = cut.stop;
      if (cut.readCut) run.configAtEndProblem = readCutShort(withinMs);
      a.saved = a.saved.then(() => this.bench.record.testRuns.save(run)).catch((e) => console.error(`chargebench: the test run ${run.id} could not be recorded: ${(e as Error).message}`));
    }
    return Promise.all([...this.active.values()].map((a) => a.saved)).then(() => undefined);
  }
}

/** The case in progress and its step, while the run runs (a page opened mid-run starts from them). */
const current = (a: Active): Pick<RunResult, 'caseId' | 'step' | 'caseStartedAt' | 'stopWaiting' | 'stopWouldWait' | 'stepWait'> =>
  a.run.state === 'running'
    ? {
        caseId: a.caseId,
        step: a.step,
        caseStartedAt: a.caseId ? (a.caseStartedAt ?? null) : null,
        stepWait: a.stepWait ?? null,
        stopWaiting: a.stopper.waiting(),
        stopWouldWait: a.stopper.wouldWait(),
      }
    : {};

/** How many cases a run recorded as running was started with (the list shows how many of them it ended). */
const plannedOf = (run: RunResult | null): { planned?: number } => (run?.planned ? { planned: run.planned.length } : {});

function listItem(run: RunResult): RunListItem {
  return {
    id: run.id,
    chargerId: run.chargerId,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    state: run.state,
    summary: run.summary,
    ...(run.state !== 'finished' && run.planned && { planned: run.planned.length }),
    ...(run.state === 'error' && run.error && { error: run.error }),
    wallMs: run.wallMs,
    ...(run.wallStartedAt !== undefined && { wallStartedAt: run.wallStartedAt }),
  };
}
