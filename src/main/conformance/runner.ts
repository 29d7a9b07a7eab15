// A conformance run: one charger, a list of cases, the test data and the capabilities. Each case runs as
// its script says with the bench answering as the case wants; its verdict names the step that decided it;
// after each case the charger is put back to the general preconditions. The faces (CLI, UI, API) start
// runs and follow their events.
import type { Bench } from '../core/bench';
import { FakeClock } from '../clock';
import { tellOutcome, type CallWatch } from './shutdown-put-back';
import { version } from '../version';
import type { CentralSystemAction, IdTagInfo } from '../../shared/ocpp16';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UNSUPPORTED_FIRMWARE_HEADER } from '../virtual-cp/services/firmware';
import { CaseContext, type BenchFiles, type CaseHost } from './context';
import { noop } from './host';
import { ChargerFrames } from './frames';
import type { Operator, OperatorPrompt } from './operator';
import { readPics, type PicsDeclaration } from './pics';
import { restorePreconditions, type RestoreOptions } from './restore';
import { sessionsEndedInSetup } from './setup-sessions';
import { notYetSupported, notYetSupportedOf } from './not-yet-supported';
import { afterLastCase, minimumStatusDurationNotBack } from './after-cases';
import { afterCasesPhase, minimumStatusDurationAtStart, minimumStatusDurationForCommissioning } from './min-status-duration';
import { capabilitySources } from './capabilities';
import { afterUnanswered, setupHost, stoppedInSetup } from './setup-stop';
import { firmwareAfterCase, firmwareAtRunEnd, type FirmwareAfterCase } from './firmware-end';
import { endOwnStopWatch, namingOwnStop, ownStopCheck } from './own-stop';
import type { TestData } from './test-data';
import { sessionsAtRunStart, type AtRunStart } from './running-before';
import { strayStopOf } from '../core/stray-stops';
import { Inconclusive, NotApplicable, RunStopped, StepFailure, type CaseDefinition, type CaseResult, type Pics, type RunResult, type RunSummary, type StepResult, type Verdict } from './types';

export type RunEvent =
  | { type: 'runStarted'; run: RunResult }
  | { type: 'caseStarted'; runId: string; caseId: string }
  /**
   * A step of the case began ("Step 3: Charger sends StatusNotification (status Preparing)"), or what the bench
   * does between the case's steps and its verdict ("Putting the charger back after TC_003_CS: stopping the session …"),
   * and after the last case ("After the cases: …", with the last case's id).
   */
  | { type: 'stepStarted'; runId: string; caseId: string; step: string; /** How long the step waits at most (absent: it does not say). */ withinS?: number }
  | { type: 'caseFinished'; runId: string; result: CaseResult }
  | { type: 'operatorPrompt'; runId: string; prompt: OperatorPrompt }
  | { type: 'runFinished'; run: RunResult };

export interface RunOptions {
  id?: string;
  chargerId: string;
  cases: CaseDefinition[];
  data: TestData;
  declared?: PicsDeclaration;
  /** What a built-in virtual charger has of its own (its definition): `declared` goes over it; the run records where each came from. */
  own?: PicsDeclaration;
  operator: Operator;
  virtual: boolean;
  onEvent?: (e: RunEvent) => void;
  /** Told each call the run sends to the charger (as sent, a secret too: never to be shown); what it returns is told its outcome. */
  onCall?: CallWatch;
  /** Called before each case, before the run's stop is checked: a stop held back till then (the face's, waiting for the charger) takes effect, and the case does not begin. */
  beforeCase?: (caseId: string) => void;
  /** On fake time: the charger is busy with real I/O (a WebSocket handshake), so time must not move on yet. */
  busy?: () => boolean;
  /** Stops the run: the case in progress ends at once (inconclusive) and the charger is put back. */
  signal?: AbortSignal;
  /** The whole suite the cases come from: those of its cases the bench cannot run yet are listed in the result. */
  suite?: CaseDefinition[];
  /** Leave the charger's authorization cache as it is between cases (see CaseHost). */
  keepAuthorizationCache?: boolean;
  /** A commissioning's run: its steps named by their titles in what the bench says it does, and a setup note not among its problems. */
  commissioning?: boolean;
  /** Sessions running on the charger are left running: no RemoteStopTransaction, no cable to unplug, before the first case and after each (see RestoreOptions). */
  leaveSessions?: boolean;
}

const emptySummary = (): RunSummary => ({ pass: 0, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 });

/** How long a fake-time run waits for the wire to go quiet before moving time on (wall clock). */
const QUIET_MS = 40;

export async function runConformance(bench: Bench, o: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const clock = bench.clock;
  const iso = () => new Date(clock.now()).toISOString();
  const t0 = clock.now();
  const frames = new ChargerFrames(bench.bus, o.chargerId, bench.centralSystem.isConnected(o.chargerId));
  // Sessions running when the run starts (the record, once what came before is written: see below); those
  // started since come from the frames. One its charger lost at a reboot is left as it is, yet known (and said).
  let before: AtRunStart = { held: [], running: [], left: [], leftOpen: [] };
  // Each connector's status when the run starts (the record, likewise); those reported since come from the frames.
  let statusBefore = new Map<number, string>();
  let sinceBoot: number[] = [];
  const behaviours = bench.centralSystem.behaviours;
  const host: CaseHost = {
    chargerId: o.chargerId,
    clock,
    frames,
    behaviours,
    operator: o.operator,
    operate: (action: CentralSystemAction, payload: unknown, timeoutMs: number) => {
      // On fake time, an answer gets a few real seconds before the clock may run on to the timeout.
      const release = frames.holdFor(3000);
      const watch = o.onCall?.(action, payload);
      return tellOutcome(bench.operations.operateByName(o.chargerId, action, payload, { timeoutMs, skipBenchRules: true }), watch).finally(release);
    },
    goOffline: (seconds) => bench.centralSystem.goOffline(o.chargerId, seconds),
    idTagAnswers: (overrides) => behaviours.setIdTags(o.chargerId, idTagTable(o.data, overrides)),
    openTransactions: () => {
      const seen = [...frames.transactions].map(([transactionId, t]) => ({ transactionId, ...t }));
      const atStart = before.running.filter((t) => !frames.stopped.has(t.transactionId) && !frames.transactions.has(t.transactionId));
      // Newest first: a session seen starting in this run wins over an older record.
      return [...seen.reverse(), ...atStart];
    },
    transactionsBefore: () => before.held,
    leftOpen: () => before.leftOpen.filter((t) => !frames.stopped.has(t.transactionId)),
    transactionStartedAt: (transactionId) => {
      const tx = bench.record.transactions.get(transactionId);
      return tx && tx.chargerId === o.chargerId ? tx.startTime : null;
    },
    strayStop: (transactionId) => strayStopOf(bench.record, o.chargerId, transactionId),
    connectorStatus: (connectorId) => frames.statuses.get(connectorId) ?? statusBefore.get(connectorId) ?? null,
    connectorsSinceBoot: () => sinceBoot,
    lastHeartbeat: () => bench.record.chargers.get(o.chargerId)?.lastHeartbeat ?? null,
    files: benchFiles(bench, o.chargerId),
    password: {
      get: () => {
        const p = bench.centralSystem.registry.passwordOf(o.chargerId);
        return p === 'unreadable' ? null : (p ?? null);
      },
      set: (password, other) => (password !== null && other ? bench.centralSystem.registry.letInEither(o.chargerId, password, other) : bench.centralSystem.registry.setPassword(o.chargerId, password)),
    },
    signal: o.signal,
    keepAuthorizationCache: o.keepAuthorizationCache,
  };
  // What the charger reported before the run is read once it is written (a status still on its way to the
  // record would read as the one before it).
  await bench.record.settled();
  const stored = bench.record.chargers.get(o.chargerId);
  before = sessionsAtRunStart(bench.record.transactions.list({ chargerId: o.chargerId, active: true }), stored);
  statusBefore = new Map((stored?.connectors ?? []).map((c) => [c.connectorId, c.status as string]));
  const lastBoot = Date.parse(stored?.lastBoot ?? '');
  sinceBoot = (stored?.connectors ?? []).filter((c) => !(Date.parse(c.updatedAt) < lastBoot)).map((c) => c.connectorId);
  const boot = stored?.boot ?? null;
  const run: RunResult = {
    id: o.id ?? `run-${iso().replace(/[:.]/g, '-')}`,
    chargerId: o.chargerId,
    charger: { vendor: boot?.chargePointVendor ?? null, model: boot?.chargePointModel ?? null, firmware: boot?.firmwareVersion ?? null, serial: boot?.chargePointSerialNumber ?? null },
    virtual: o.virtual,
    startedAt: iso(),
    finishedAt: null,
    wallStartedAt: new Date(started).toISOString(),
    wallFinishedAt: null,
    ms: 0,
    wallMs: 0,
    fakeTime: clock instanceof FakeClock,
    benchVersion: version,
    data: o.data,
    pics: null,
    planned: o.cases.map((c) => c.id),
    cases: [],
    summary: emptySummary(),
    state: 'running',
    ...(o.suite ? { notYetSupported: notYetSupported(o.suite, o.cases) } : {}),
  };
  o.onEvent?.({ type: 'runStarted', run });

  // Fake time moves on by itself whenever the wire is quiet: timed waits take no wall time.
  let driving = clock instanceof FakeClock;
  const driver = driving ? driveFakeClock(clock as FakeClock, frames, () => driving, o.busy) : Promise.resolve();

  let minimumStatusDuration: string | null = null;
  // The firmware the charger runs as the run goes (from its BootNotifications), and the case that installed one.
  let firmwareNow = run.charger.firmware;
  let firmwareReplaced: FirmwareAfterCase['replaced'] = null;
  const phase = (caseId: string) => (step: string) => o.onEvent?.({ type: 'stepStarted', runId: run.id, caseId, step });
  // How the run ended, made its state only once the fake-clock driver has ended and the frames are closed: a
  // run shown ended lets the next one start on the charger (runningOn), which must not share the clock with it.
  let ended: RunResult['state'] | null = null;
  let casesEnded = false;
  // A commissioning's words for what the bench does before its first step and after each step.
  const words = o.commissioning ? { setup: 'before the first step', after: '' } : undefined;
  try {
    const connected = await frames.waitFor(clock, o.data.operatorTimeoutS * 1000, () => frames.connected || null, o.signal);
    if (!connected)
      throw new Error(
        o.signal?.aborted
          ? `The run was stopped before ${o.chargerId} connected`
          : `${o.chargerId} was offline and did not connect within ${o.data.operatorTimeoutS} s (the test data's operatorTimeoutS); no case was run`,
      );
    // The setup's calls to the charger (before the first case) end at once when the run is stopped: no case starts.
    const setupCalls = setupHost(host);
    const setup = setupCalls.host;
    const orStopped = <T>(e: unknown): T => {
      if (stoppedInSetup(e, o.signal)) return null as T;
      throw e;
    };
    // Stopped before it began (while the charger connected), or while its configuration was read: the charger is
    // neither read nor changed. On fake time, the answer gets a few real seconds before the clock may run to the timeout.
    const pics = o.signal?.aborted
      ? null
      : await readPics(setup, { ...o.own, ...o.declared }, o.data.chargerTimeoutS * 1000)
          .catch(orStopped<Pics | null>)
          .finally(frames.holdFor(3000));
    if (pics) {
      pics.capabilitiesFrom = capabilitySources(o.declared, o.own);
      run.pics = pics;
      // The test data's connector, when the charger turns out not to have it: no case is run (and failed) on it.
      if (Number(pics.config.NumberOfConnectors) >= 1 && o.data.connectorId > pics.connectors)
        throw new Error(`Test data: connectorId: ${o.chargerId} has no connector ${o.data.connectorId}: it reports NumberOfConnectors ${pics.config.NumberOfConnectors}; no case was run`);
      // Declared policy: MinimumStatusDuration 0 where the charger has it, so every status is reported.
      // The charger's answer is checked: one that does not take 0 is named before the first case, and its own
      // value is neither what cases put back to nor put back at the end (it was never changed).
      const own = pics.config.MinimumStatusDuration;
      const setupNotes: string[] = [];
      let commissioningNote: string | null = null;
      if (typeof own === 'string' && own !== '0' && !o.signal?.aborted) {
        const answer = await setup.operate('ChangeConfiguration', { key: 'MinimumStatusDuration', value: '0' }, o.data.chargerTimeoutS * 1000).catch((e: Error) => e);
        // Stopped before the charger answered: it may have taken 0 (the run's end names it as maybe not put back).
        const start = stoppedInSetup(answer, o.signal) ? { changed: true, config: own, note: null } : minimumStatusDurationAtStart(answer, own, o.data.chargerTimeoutS);
        if (start.changed) minimumStatusDuration = own;
        // What a case that changes it puts back.
        pics.config.MinimumStatusDuration = start.config;
        // A commissioning hears it as a note on its first step, in its own words (not something left to put right).
        if (start.note && !o.commissioning) setupNotes.push(start.note);
        if (start.note && o.commissioning) commissioningNote = minimumStatusDurationForCommissioning(own, start);
      }
      if (setupNotes.length) run.setupProblems = setupNotes;
      frames.pending.length = 0;
      // The document's general preconditions before the first case too: what the charger was doing when the
      // run started (a session, a cable left in) is ended here, not found by the first case as its failure.
      if (!o.signal?.aborted) {
        // What a Stop left undone there is not among them (no case runs after it; see restorePreconditions).
        const [seq, open] = [frames.lastSeq, host.openTransactions()];
        const prepared = await restorePreconditions(new CaseContext('setup', setup, o.data, pics), { setup: true, words, leaveSessions: o.leaveSessions }).catch(orStopped<string[] | null>);
        // The sessions it ended (a customer's too): a commissioning's record and report name them.
        const ended = sessionsEndedInSetup(open, host.openTransactions(), frames.since(seq));
        if (ended.length) run.setupEnded = ended;
        const setupProblems = [...setupNotes, ...(o.leaveSessions ? [] : before.left), ...(prepared ?? [])];
        if (setupProblems.length) run.setupProblems = setupProblems;
      }
      // What the last case that ran could not put back: the next case that runs begins with it.
      let notPutBack: CaseResult['notPutBack'] = undefined;
      for (const def of o.cases) {
        o.beforeCase?.(def.id);
        if (o.signal?.aborted) break;
        o.onEvent?.({ type: 'caseStarted', runId: run.id, caseId: def.id });
        const seq = frames.lastSeq;
        const onStep = (step: StepResult, withinS?: number) =>
          o.onEvent?.({ type: 'stepStarted', runId: run.id, caseId: def.id, step: `Step ${step.n}: ${step.title}`, ...(withinS !== undefined && { withinS }) });
        const result = await runCase(def, host, o.data, pics, onStep, notPutBack, phase(def.id), words && { ...words, after: `the step “${def.title}”` }, o.leaveSessions);
        if (commissioningNote && !ranEarly(result)) result.observations.unshift({ at: result.startedAt, text: commissioningNote, messageId: null, note: true });
        if (!ranEarly(result)) commissioningNote = null;
        // A firmware the case installed (the test's file) is not put back: the case says so, and the next case begins with it.
        const firmware = firmwareAfterCase(def.id, frames.since(seq), firmwareNow);
        firmwareNow = firmware.now;
        if (firmware.replaced) firmwareReplaced = firmware.replaced;
        if (firmware.problem) result.cleanupProblems.push(firmware.problem);
        // A case that did not run (not applicable, not supported) left the charger as it found it.
        if (!ranEarly(result)) notPutBack = result.cleanupProblems.length ? { after: result.id, problems: result.cleanupProblems } : undefined;
        run.cases.push(result);
        run.summary[result.verdict]++;
        o.onEvent?.({ type: 'caseFinished', runId: run.id, result });
      }
      // The cases have ended: what fails from here on (the record unwritable: the disk full) does not undo them.
      casesEnded = true;
      const last = o.cases.at(-1)?.id ?? '';
      // A Stop that left a setup's call unanswered: nothing more is asked of the charger (it would queue behind it).
      const unanswered = setupCalls.unanswered();
      if (unanswered) Object.assign(run, afterUnanswered(unanswered, o.commissioning ?? false, minimumStatusDuration, phase(last)));
      else {
        phase(last)(afterCasesPhase(o.commissioning ?? false, minimumStatusDuration, !!o.signal?.aborted && !frames.connected));
        if (minimumStatusDuration !== null) {
          const back = await host.operate('ChangeConfiguration', { key: 'MinimumStatusDuration', value: minimumStatusDuration }, o.data.chargerTimeoutS * 1000).catch((e: Error) => e);
          // Not only a throw: offline (a Stop with the charger offline ends at once), a refusal, no answer leave it at 0.
          const notBack = minimumStatusDurationNotBack(back, minimumStatusDuration, o.data.chargerTimeoutS, o.signal?.aborted ?? false);
          if (notBack) run.error = notBack;
        }
        // The configuration as the run leaves it, for the evidence (next to the one read at the start).
        const end = await host.operate('GetConfiguration', {}, o.data.chargerTimeoutS * 1000).catch((e: Error) => e);
        if (!(end instanceof Error) && end.outcome === 'completed')
          run.configAtEnd = Object.fromEntries(((end.response as { configurationKey?: Array<{ key: string; value?: string }> }).configurationKey ?? []).map((k) => [k.key, k.value ?? null]));
        else run.configAtEndProblem = configAtEndProblem(end, o.data.chargerTimeoutS);
      }
    } else if (setupCalls.unanswered()) Object.assign(run, afterUnanswered(setupCalls.unanswered()!, o.commissioning ?? false, null, noop));
    ended = o.signal?.aborted ? 'stopped' : 'finished';
  } catch (e) {
    if (casesEnded) {
      // After the cases: they stand (the run finished, or was stopped), with the problem named.
      ended = o.signal?.aborted ? 'stopped' : 'finished';
      run.error ??= afterLastCase(`the bench failed: ${(e as Error).message}`);
    } else {
      // A run the bench could not carry out (the charger never connected, its configuration unreadable, a case
      // it could not run) says so and why, apart from one somebody stopped; whoever started it still hears why (commissioning).
      ended = o.signal?.aborted ? 'stopped' : 'error';
      run.error = (e as Error).message;
      throw e;
    }
  } finally {
    behaviours.setIdTags(o.chargerId, null);
    behaviours.reset(o.chargerId);
    driving = false;
    await driver;
    frames.close();
    run.finishedAt = iso();
    run.ms = clock.now() - t0;
    run.wallMs = Date.now() - started;
    run.wallFinishedAt = new Date(started + run.wallMs).toISOString();
    if (!run.configAtEnd && !run.configAtEndProblem) run.configAtEndProblem = 'the run ended before the configuration was read at its end';
    // The firmware at the end beside the one at the start, and a firmware a case installed named as not put back.
    Object.assign(run, firmwareAtRunEnd(run, frames.frames, firmwareReplaced));
    // With its finish time.
    if (ended) run.state = ended;
    // A stopped run's cases the bench cannot run yet that it never came to are listed with those it did not include.
    if (o.suite) run.notYetSupported = notYetSupportedOf(run, o.suite);
  }
  o.onEvent?.({ type: 'runFinished', run });
  return run;
}

/** Why the configuration could not be read at the end of the run, from the GetConfiguration's outcome. */
function configAtEndProblem(end: Awaited<ReturnType<CaseHost['operate']>> | Error, timeoutS: number): string {
  if (end instanceof Error) return `the bench could not send GetConfiguration: ${end.message}`;
  switch (end.outcome) {
    case 'timeout':
      return `the charger did not answer GetConfiguration within ${timeoutS} s`;
    case 'callError':
      return `the charger answered GetConfiguration with a CALLERROR ${end.error.code}${end.error.description ? ` (${end.error.description})` : ''}`;
    case 'invalidResponse':
      return `the charger's answer to GetConfiguration broke the OCPP 1.6 schema: ${end.error.description}`;
    case 'offline':
      return end.sent ? 'the connection dropped after GetConfiguration was sent at the end of the run, before an answer' : 'the charger was not connected at the end of the run';
    default:
      return 'the configuration was not read';
  }
}

/** A case that ended before it began: it does not apply, or the bench cannot run it (nothing of the charger was touched). */
const ranEarly = (c: CaseResult) => (c.verdict === 'notApplicable' || c.verdict === 'notSupported') && c.steps.length === 0 && c.frames.length === 0 && c.cleanupProblems.length === 0 && c.ms === 0;

/** What the bench hosts for a firmware case: a dummy image any charger may take, and a file no charger can install. */
const FIRMWARE = {
  valid: { name: 'chargebench-octt-1.0.1.bin', content: () => Buffer.concat([Buffer.from('ChargeBench OCTT dummy firmware image\n'), Buffer.alloc(4096, 0x5a)]) },
  unsupported: {
    name: 'chargebench-octt-unsupported.bin',
    content: () => Buffer.from(`${UNSUPPORTED_FIRMWARE_HEADER}\nThis file is not a firmware image for any charger (OCTT TC_044_3_CS: installation must fail).\n`),
  },
};

/** The bench's files for the conformance cases: firmware it hosts (written under the data directory) and upload locations. */
function benchFiles(bench: Bench, chargerId: string): BenchFiles {
  return {
    async firmware(kind, protocol) {
      const { name, content } = FIRMWARE[kind];
      const dir = join(bench.dataDir, 'conformance');
      mkdirSync(dir, { recursive: true });
      const path = join(dir, name);
      writeFileSync(path, content());
      const view = bench.hostedFileView(await bench.files.host(path, name));
      return protocol === 'ftp' && view.ftpUrl ? view.ftpUrl : view.url;
    },
    uploadLocation(protocol) {
      const location = bench.uploads.newLocation(chargerId);
      const view = bench.uploadLocationView(location);
      return {
        url: protocol === 'ftp' && view.ftp ? view.ftp : view.http,
        received: () => bench.uploads.received(location.id).map((u) => ({ name: u.name, bytes: u.bytes })),
      };
    },
  };
}

/** The run answers idTags from its test data, whatever the bench's own list says; a case may change some. */
export function idTagTable(data: TestData, overrides: Record<string, IdTagInfo> = {}) {
  const tags = new Map<string, IdTagInfo>([
    [data.validIdTag, { status: 'Accepted' }],
    [data.validIdTag2, { status: 'Accepted' }],
    [data.parentIdTag, { status: 'Accepted' }],
    [data.invalidIdTag, { status: 'Invalid' }],
    [data.blockedIdTag, { status: 'Blocked' }],
    [data.expiredIdTag, { status: 'Expired' }],
  ]);
  for (const [tag, info] of Object.entries(overrides)) tags.set(tag, info);
  return { tags, otherwise: { status: 'Invalid' as const } };
}

export async function runCase(
  def: CaseDefinition,
  host: CaseHost,
  data: TestData,
  pics: Pics,
  onStep?: (step: StepResult, withinS?: number) => void,
  /** What the case before could not put back (the charger this case begins with). */
  notPutBack?: CaseResult['notPutBack'],
  /** Told what the bench does as it puts the charger back after the case (the run's current step meanwhile). */
  onPhase?: (text: string) => void,
  /** How that names the case (a commissioning's step by its title). */
  words?: RestoreOptions['words'],
  /** Sessions running on the charger are left running by the put-back (RestoreOptions.leaveSessions). */
  leaveSessions?: boolean,
): Promise<CaseResult> {
  host.idTagAnswers();
  const clock = host.clock;
  const startedAt = new Date(clock.now()).toISOString();
  const t0 = clock.now();
  const base = { id: def.id, title: def.title, profile: def.profile, section: def.section, decisions: def.decisions ?? [], startedAt };
  const early = (verdict: Verdict, reason: string): CaseResult => ({
    ...base,
    verdict,
    reason,
    decidingStep: null,
    steps: [],
    observations: [],
    cleanupProblems: [],
    frames: [],
    measurements: [],
    ms: 0,
  });
  if (def.notSupported) return early('notSupported', def.notSupported);
  // A profile missing says where the run's profiles came from (profileMissing).
  const why = def.appliesTo?.(pics, data) ?? null;
  if (why) return early('notApplicable', why);
  const t = new CaseContext(def.id, host, data, pics, onStep);
  const firstSeq = host.frames.lastSeq;
  let verdict: Verdict = 'pass';
  let reason: string | null = null;
  try {
    await def.run(t);
    await ownStopCheck(t);
  } catch (thrown) {
    // A failure after the charger ended an accepted session on its own names that stop.
    const e = namingOwnStop(t, thrown);
    if (e instanceof RunStopped) {
      verdict = 'inconclusive';
      const step = t.steps.at(-1);
      reason =
        step?.by === 'operator'
          ? `The run was stopped while it waited for the person at the charger: ${step.title}`
          : `The run was stopped${step ? ` during step ${step.n} (${step.title})` : ''}: the case did not finish`;
    } else if (e instanceof StepFailure) {
      verdict = 'fail';
      reason = e.message;
    } else if (e instanceof NotApplicable) {
      verdict = 'notApplicable';
      reason = e.message;
    } else if (e instanceof Inconclusive) {
      verdict = 'inconclusive';
      reason = e.message;
    } else {
      verdict = 'error';
      reason = `The bench failed: ${(e as Error).message}`;
    }
  }
  endOwnStopWatch(t);
  const cleanupProblems = await restorePreconditions(t, { phase: onPhase, words, keepBootInterval: words !== undefined, leaveSessions });
  const frames = host.frames
    .since(firstSeq)
    .map((f) => ({ ts: f.ts, direction: f.direction, kind: f.kind, messageId: f.messageId, action: f.action, raw: f.raw.length > 2048 ? `${f.raw.slice(0, 2048)}…` : f.raw, error: f.error }));
  return {
    ...base,
    verdict,
    reason,
    decidingStep: verdict === 'pass' ? null : t.decidingStep,
    steps: t.steps,
    // With the connection's closing and opening during the case (the evidence of a charger that dropped), in time order.
    observations: [...t.observations, ...host.frames.linksSince(firstSeq)].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
    measurements: t.measurements,
    cleanupProblems,
    ...(notPutBack ? { notPutBack } : {}),
    ...(t.transactionId !== null ? { transactionId: t.transactionId } : {}),
    frames,
    ms: clock.now() - t0,
  };
}

/** Moves a fake clock to its next timer each time nothing has passed on the wire for QUIET_MS. */
async function driveFakeClock(clock: FakeClock, frames: ChargerFrames, going: () => boolean, busy?: () => boolean): Promise<void> {
  // Quiet is counted only in time this process got to run: on a loaded machine a tick can come late, and
  // its timer runs before the socket reads that waited meanwhile (a charger's answer on its way), so a
  // starved spell is not quiet. (Counted in wall time, a 30 s call timeout once fired on fake time before
  // a virtual charger's answer to UpdateFirmware was read.)
  let quiet = 0;
  let last = Date.now();
  let seen = frames.lastActivity;
  while (going()) {
    await new Promise((r) => setTimeout(r, 5));
    const now = Date.now();
    quiet += Math.min(now - last, 10);
    last = now;
    // Real I/O in progress counts as activity: what it leads to gets the quiet time to reach the wire.
    if (busy?.()) frames.lastActivity = now;
    if (frames.lastActivity !== seen || frames.holds > 0) {
      seen = frames.lastActivity;
      quiet = 0;
    }
    // A run that ended meanwhile moves the clock no more (a person's timed Offline is not ended early by it).
    if (quiet < QUIET_MS || !going()) continue;
    const next = clock.nextAt;
    if (next === null) continue;
    await clock.advance(Math.max(0, next - clock.now()));
  }
}
