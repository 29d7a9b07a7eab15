// Conformance runs as every face sees them: the test data of a run, the capabilities (PICS) it ran with,
// the verdicts, steps and observations it produced, and the operator's prompts. The engine is in
// src/main/conformance; these are its results and inputs.
import { z } from 'zod';
import type { ActionProfile, ChargePointErrorCode, FeatureProfile } from '../ocpp16';
import { featureProfiles } from '../ocpp16/actions';
import type { TestData } from './test-data';
import type { CaseEffects } from './case-effects';
import type { StopWaiting, StopWouldWait } from './stop-waiting';

// The test data of a run: its own module (the schema and the rule that its idTag roles name distinct cards).
export { EarlierTestData, TestData, TestDataGiven, defaultTestData, idTagCollisions, idTagRoles, type IdTagCollision, type IdTagRole, type TestDataInput } from './test-data';

/** The reports of a run as files: the HTML page, JUnit XML, the whole result as JSON, the PDF, and the evidence pack. */
export const reportFiles = ['report.html', 'junit.xml', 'report.json', 'report.pdf', 'evidence.zip'] as const;
export type ReportFile = (typeof reportFiles)[number];

export type Verdict = 'pass' | 'fail' | 'notApplicable' | 'inconclusive' | 'error' | 'notSupported';

/**
 * Who acts in a step (an API value, kept stable): the charger; `tool`, the bench sending an operation as the
 * central system; `bench`, the bench's own wait or check; the operator (the person at the charger). The UI
 * and the HTML report show `tool` and `bench` both as "Bench".
 */
export type StepActor = 'charger' | 'tool' | 'operator' | 'bench';

export interface StepResult {
  /** 1-based order within the case. */
  n: number;
  by: StepActor;
  /** What the step does, in words ("Charger sends StatusNotification (status Preparing)"). */
  title: string;
  /**
   * skipped: the person pressed Skip; stopped: the run's Stop cut the step short; operatorCouldNot: the
   * person at the charger said they cannot do it ("Cannot do"); timedOut: nobody acted on the request
   * within the test data's operatorTimeoutS; notJudged: the bench could not judge the step (the charger
   * was not connected all through a window in which it must send nothing, nobody could be asked, the step
   * did not apply): the reason (`actual`) says why. The case is Inconclusive for all of these. Records from
   * before timedOut and notJudged (and stopped) say skipped for them.
   */
  status: 'passed' | 'failed' | 'skipped' | 'stopped' | 'operatorCouldNot' | 'timedOut' | 'notJudged' | 'error';
  startedAt: string;
  /** Duration on the run's clock (fake time in a virtual run). */
  ms: number;
  /** What was expected (a failed step, and a step the run was stopped during), and what arrived. */
  expected?: string;
  actual?: string;
  /** OCPP message ids of the frames the step sent or consumed. */
  messageIds: string[];
}

/** Something the charger did outside the script that the policy tolerates (a Heartbeat, an extra StatusNotification). */
export interface Observation {
  at: string;
  text: string;
  messageId: string | null;
  /**
   * A note for whoever reads the step's result, in plain words (a commissioning shows these with the step on
   * its checks and in its report, e.g. the charger offline during the test session); absent: a protocol detail.
   */
  note?: true;
}

/** A value a step measured or read, and whether it is within what is wanted (null: for information). */
export interface Measurement {
  label: string;
  value: string;
  ok: boolean | null;
  /** What it should be, when there is a wanted value. */
  wanted?: string;
}

/** One frame as a case's evidence keeps it. */
export interface CaseFrame {
  ts: string;
  direction: 'in' | 'out';
  kind: 'CALL' | 'CALLRESULT' | 'CALLERROR' | 'INVALID';
  messageId: string | null;
  action: string | null;
  raw: string;
  error: string | null;
}

export interface CaseResult {
  id: string;
  title: string;
  profile: ActionProfile;
  section: string;
  verdict: Verdict;
  /** Why, in one sentence (the failed step's expectation, the reason it does not apply, the error). */
  reason: string | null;
  /** The step that decided a non-pass verdict. */
  decidingStep: number | null;
  steps: StepResult[];
  observations: Observation[];
  /** Decisions the bench took where the test-case document is ambiguous. */
  decisions: string[];
  /** What the case could not restore afterwards (the next case may be affected). */
  cleanupProblems: string[];
  /**
   * The charger was not put back after the case before it that ran (`after`, its id): what that case could
   * not restore (its cleanupProblems). This case began with it, and may have failed because of it.
   */
  notPutBack?: { after: string; problems: string[] };
  /** Values measured on the way (a commissioning step's findings: identity, clock skew, power, a configuration diff). */
  measurements: Measurement[];
  /** The session the case measured, by its transaction id (a commissioning's test session); absent when none. */
  transactionId?: number;
  /** The frames of the case, in order (payloads clipped to 2 KB): the evidence and the sequence diagram. */
  frames: CaseFrame[];
  startedAt: string;
  ms: number;
}

/**
 * What a person declares of the charger for a run (the UI's form, the API, the CLI's options): what no
 * charger reports, and the feature profiles it supports when they differ from what it reports
 * (SupportedFeatureProfiles). What is left out is read from the charger, or its default.
 */
export const PicsDeclaration = z.strictObject({
  profiles: z.array(z.enum(featureProfiles)).min(1).optional(),
  fixedCable: z.boolean().optional(),
  connectorLock: z.boolean().optional(),
  reader: z.boolean().optional(),
  backupPower: z.boolean().optional(),
});
export type PicsDeclaration = z.infer<typeof PicsDeclaration>;

/** What a charger supports (protocol implementation conformance statement), read and confirmed per run. */
export interface Pics {
  profiles: FeatureProfile[];
  connectors: number;
  /** A fixed cable (no socket to unplug at the charger). */
  fixedCable: boolean;
  /** The socket locks the cable (UnlockConnector applies). */
  connectorLock: boolean;
  /** An RFID reader or other means to present an idTag. */
  reader: boolean;
  /** Back-up power: the charger can stop its transactions before it goes down on a power failure (declared). */
  backupPower: boolean;
  /** Configuration keys and values as read at the start of the run (null: key not reported). */
  config: Record<string, string | null>;
  /** Keys the charger reports as read-only. */
  readOnly: string[];
  /** The bench checks an HTTP Basic password for the charger (security profile 1 or 2). */
  basicAuth: boolean;
  /**
   * Where `profiles` came from: declared for the run (the UI's form, the API, --profiles), reported by the
   * charger (SupportedFeatureProfiles), or Core assumed (neither). Absent in runs kept before it was recorded.
   */
  profilesFrom?: 'declared' | 'charger' | 'assumed';
  /** The feature profiles the charger reports (SupportedFeatureProfiles), whatever was declared; null when it reports none. */
  reportedProfiles?: FeatureProfile[] | null;
  /**
   * Where each of fixedCable, connectorLock, reader and backupPower came from: declared for the run (the UI's
   * form, the API, the CLI's switches), the built-in virtual charger's own definition, or the bench's default
   * (neither). Absent in runs kept before it was recorded.
   */
  capabilitiesFrom?: Partial<Record<Capability, CapabilitySource>>;
}

/** What a charger has that no charger reports, declared for a run. */
export type Capability = 'fixedCable' | 'connectorLock' | 'reader' | 'backupPower';
export const capabilities: readonly Capability[] = ['fixedCable', 'connectorLock', 'reader', 'backupPower'];
/** Where a capability of a run came from: declared by the person, the virtual charger's definition, or the default. */
export type CapabilitySource = 'declared' | 'virtual' | 'default';

export interface RunSummary {
  pass: number;
  fail: number;
  notApplicable: number;
  inconclusive: number;
  error: number;
  notSupported: number;
}

export interface RunResult {
  id: string;
  chargerId: string;
  /** The charger's identity as its BootNotification gave it. */
  charger: { vendor: string | null; model: string | null; firmware: string | null; serial: string | null };
  virtual: boolean;
  /** When the run started and finished on the run's clock (the charger's time: a fake clock in a virtual run; steps and frames are stamped on it). */
  startedAt: string;
  finishedAt: string | null;
  /** When the run started and finished on the wall clock (finished = started + wallMs); absent in runs kept before they were recorded. */
  wallStartedAt?: string;
  wallFinishedAt?: string | null;
  /** Duration on the run's clock, and on the wall clock (a virtual run uses fake time). */
  ms: number;
  wallMs: number;
  /** The run's timed waits ran on a fake clock (`chargebench test --virtual`); absent or false: in real time (see ranOnFakeTime). */
  fakeTime?: boolean;
  /** What could not be put right before the first case (a session that would not stop, a cable left in): the first cases may be affected. */
  setupProblems?: string[];
  /** The sessions running when the run began that it ended before its first case (RemoteStopTransaction); absent: none. */
  setupEnded?: import('./setup-ended').SessionEndedInSetup[];
  benchVersion: string;
  data: TestData;
  /** What the person declared of the charger for the run (a re-run of its failed cases declares it again); absent: nothing, or a run kept before it was recorded. */
  declared?: PicsDeclaration;
  pics: Pics | null;
  /** The ids of the cases the run was started with, in order (a face shows those still to come). */
  planned?: string[];
  cases: CaseResult[];
  summary: RunSummary;
  /**
   * `error`: the bench could not carry the run out (the charger never connected, its configuration could not
   * be read, the test data's connector is not on it): `error` says why; the planned cases without a verdict
   * were not run. `stopped`: someone stopped it (Stop, Ctrl-C, the bench stopping).
   */
  state: 'running' | 'finished' | 'stopped' | 'error';
  /** A commissioning run's job: site, location, installer, company, customer, template (shown at the top of the report). */
  job?: Record<string, string>;
  /** The charger's configuration as read at the end of the run (the start's is in pics.config). */
  configAtEnd?: Record<string, string | null>;
  /** Why configAtEnd is absent: the configuration could not be read at the end (e.g. "the charger did not answer GetConfiguration within 30 s"). */
  configAtEndProblem?: string;
  /** Why the run ended early, when the bench could not go on (state `error`: the charger never connected, its capabilities could not be read). */
  error?: string;
  /**
   * The suite's cases the bench cannot run yet that have no verdict in the run (it did not include them, or a
   * stopped run never came to them), with why: every report lists them (with summary.notSupported, every such
   * case of the suite), counted neither as passed nor as failed.
   */
  notYetSupported?: NotYetSupported[];
  /**
   * While the run runs, as the bench read it for this answer: the case in progress (null: none, before the
   * first case or after the last) and its step (null: none started yet). Absent in a run that has ended, and
   * from a bench that does not say it.
   */
  caseId?: string | null;
  step?: string | null;
  /** When the case in progress began (the bench's clock): where its frames so far start. */
  caseStartedAt?: string | null;
  /** While the run runs: its Stop waits for the charger to come back (the run just reset it, or it dropped a moment ago) before it takes effect; null or absent: it does not. */
  stopWaiting?: StopWaiting | null;
  /** While the run runs and no Stop was asked: a Stop pressed now would first wait for the charger to come back, and why (its confirmation says so); null or absent: it would take effect at once. */
  stopWouldWait?: StopWouldWait | null;
  /**
   * A built-in virtual charger's fault switches during the run (injected misbehaviour, not the firmware's):
   * those on when it started and each switched while it ran. Absent: a charger that is not the bench's own,
   * or a run kept before they were recorded.
   */
  faults?: InjectedFaults;
  /**
   * The charger's firmware at the end of the run, from its last BootNotification during the run (the one at
   * the start, charger.firmware, when it sent none). Absent in a run that is running or was kept before it was recorded.
   */
  firmwareAtEnd?: string | null;
  /** The case whose UpdateFirmware installed the firmware the run ended with (the test's file), and the file's location. */
  firmwareReplacedBy?: { caseId: string; location: string };
  /** What the run leaves changed on the charger at its end that the bench does not put back (the firmware a case installed), in words. */
  notPutBackAtEnd?: string[];
  /** A stopped run's stop: when, by what, what it cut short and the put-back's result; absent: not stopped, or kept before it was recorded. */
  stop?: import('./run-stop').RunStop;
  /** While a step waits (for the charger, an answer, a person): how long it waits at most and until when; null or absent: none. */
  stepWait?: StepWait | null;
  /** The earlier run whose failed, erred or inconclusive cases this run re-runs (rerun-words.ts words it); absent: not a re-run. */
  rerunOf?: RerunOf;
}

/** The run a re-run repeats the failed cases of: its id, when it started (wall clock), and the charger's firmware at its start. */
export interface RerunOf {
  id: string;
  startedAt: string;
  firmware: string | null;
}

/**
 * The charger's firmware as a run's header says it: the one at the start, and the one at the end when it
 * differs ("1.0.0 at the start; chargebench-octt-1.0.1 at the end (replaced by TC_044_1_CS's file, not restored)").
 */
export function firmwareWords(run: Pick<RunResult, 'charger' | 'firmwareAtEnd' | 'firmwareReplacedBy'>): string {
  const start = run.charger.firmware ?? 'unknown';
  if (run.firmwareAtEnd === undefined || run.firmwareAtEnd === run.charger.firmware) return start;
  const by = run.firmwareReplacedBy ? `replaced by ${run.firmwareReplacedBy.caseId}'s file, not restored` : 'changed during the run, not put back';
  return `${start} at the start; ${run.firmwareAtEnd ?? 'unknown'} at the end (${by})`;
}

/** The fault switches of a built-in virtual charger during a run, in the words of its summaries ("CancelReservation: reject"). */
export interface InjectedFaults {
  /** The switches on when the run started. */
  atStart: string[];
  /** Each change while the run ran, in order: through the bench (UI, API, CLI), a timed switch ending, or the run's own steps (by: 'run'). */
  switched: FaultSwitched[];
}

export interface FaultSwitched {
  /** When, on the run's clock (as its steps and frames). */
  at: string;
  /** The case in progress then; null: none (before the first case, between cases, after the last). */
  caseId: string | null;
  /** What was switched on and off (a setting changed is its old words off and its new words on). */
  on: string[];
  off: string[];
  /** Who: 'run', the run's own steps (a case's simulated physical steps, not injected misbehaviour); 'itself', a timed
   * switch ending (Offline "back after N s"); absent, a person through the bench (older records read as before). */
  by?: 'run' | 'itself';
}

/** The switches that were injected misbehaviour: all but the run's own steps (by: 'run'). */
export const injectedSwitches = (switched: readonly FaultSwitched[] | undefined): FaultSwitched[] => (switched ?? []).filter((s) => s.by !== 'run');
/** Every fault switch that was on at some time during the run, in order of first seen (not the run's own steps); none for a run without faults. */
export function faultsDuringRun(run: Pick<RunResult, 'faults'>): string[] {
  const f = run.faults;
  if (!f) return [];
  return [...new Set([...f.atStart, ...injectedSwitches(f.switched).flatMap((s) => s.on)])];
}

/**
 * "Faults injected: …" as every face and report says it: the switches on at the start, and each switched
 * during the run (not by the run's own steps), with when (by `clock`: UTC in the reports, the local time of
 * day on screen) and in which case; null when none was injected. A verdict may owe to these, not the firmware.
 */
export function faultsInjectedText(run: Pick<RunResult, 'faults'>, clock: (iso: string) => string = utcClock): string | null {
  const f = run.faults;
  const switched = injectedSwitches(f?.switched);
  if (!f || (!f.atStart.length && !switched.length)) return null;
  const parts: string[] = [];
  if (f.atStart.length) parts.push(`${f.atStart.join(', ')} (on when the run started)`);
  for (const s of switched) parts.push(`${faultSwitchedWordsWith(clock)(s)}${s.caseId ? ` during ${s.caseId}` : ' outside any case'}`);
  return `Faults injected: ${parts.join('; ')}`;
}

/** A time of day as the reports write it: "10:00:05 UTC" (a report is read anywhere: it says its zone). */
export const utcClock = (iso: string): string => `${iso.slice(11, 19)} UTC`;

/** One change of the fault switches in words, its time by `clock`: the UI's local time of day, the reports' UTC (faultSwitchedWords). */
export const faultSwitchedWordsWith =
  (clock: (iso: string) => string) =>
  (s: FaultSwitched): string => {
    const what = [s.on.length ? `${s.on.join(', ')} switched on` : '', s.off.length ? `${s.off.join(', ')} switched off` : ''].filter(Boolean).join(', ');
    return `${what}${s.by === 'itself' ? ' by itself' : s.by === 'run' ? " by the run's own steps" : ''} at ${clock(s.at)}`;
  };

/** One change of the fault switches in words as the reports say it: "CancelReservation: reject switched on at 10:00:05 UTC". */
export const faultSwitchedWords = faultSwitchedWordsWith(utcClock);

/** What the case before could not put back, in the words of every report: the charger this case began with. */
export const notPutBackWords = (n: { after: string; problems: string[] }): string =>
  `The charger was not put back after ${n.after}, so this case began with it (and may have failed because of it): ${n.problems.join('; ')}`;

/** Whether a run's timed waits ran on a fake clock; a run kept before `fakeTime` was recorded tells by its charger time far past its wall time. */
export const ranOnFakeTime = (run: Pick<RunResult, 'fakeTime' | 'virtual' | 'ms' | 'wallMs'>): boolean => run.fakeTime ?? (run.virtual && run.ms > 2 * run.wallMs);

/** What a run's wall-clock times are worked out from. */
export type RunTimes = Pick<RunResult, 'startedAt' | 'finishedAt' | 'wallStartedAt' | 'wallFinishedAt' | 'wallMs' | 'ms' | 'virtual' | 'fakeTime'>;

/**
 * When a run started and finished on the wall clock (the reports, the run page, a comparison): a run on a
 * fake clock (`chargebench test --virtual`) has its startedAt and finishedAt on the charger's time, hours
 * ahead of the wall by its end; its wall-clock times are recorded beside them. A run kept before they were:
 * the start as recorded, the finish that plus wallMs on fake time. finished is null while the run runs.
 */
export function wallTimes(run: RunTimes): { started: string; finished: string | null } {
  const started = run.wallStartedAt ?? run.startedAt;
  if (run.wallFinishedAt !== undefined) return { started, finished: run.wallFinishedAt };
  if (run.finishedAt === null) return { started, finished: null };
  return { started, finished: ranOnFakeTime(run) || run.wallStartedAt ? new Date(Date.parse(started) + run.wallMs).toISOString() : run.finishedAt };
}

/** A case of the suite the bench cannot run yet, and why. */
export interface NotYetSupported {
  id: string;
  title: string;
  profile: ActionProfile;
  section: string;
  reason: string;
}

export type OperatorAction =
  | { kind: 'plug'; connectorId: number }
  /** The cable pushed in only halfway, so the connector lock cannot close (ConnectorLockFailure). */
  | { kind: 'plugHalfway'; connectorId: number }
  /** The connector's lock made unable to open (so UnlockConnector must fail). */
  | { kind: 'jamLock'; connectorId: number }
  | { kind: 'unplug'; connectorId: number }
  | { kind: 'presentIdTag'; connectorId: number; idTag: string }
  | { kind: 'suspendEv'; connectorId: number }
  | { kind: 'resumeEv'; connectorId: number }
  | { kind: 'fault'; connectorId: number; errorCode: ChargePointErrorCode }
  | { kind: 'clearFault'; connectorId: number }
  | { kind: 'powerCycle' }
  | { kind: 'powerOff' }
  | { kind: 'powerOn' }
  | { kind: 'disconnectNetwork' }
  | { kind: 'reconnectNetwork' }
  /** Something only a person can judge or do, asked as written. */
  | { kind: 'confirm'; question: string };

/** What the person at the charger did; 'timeout' when nobody answered in time, 'stopped' when the run was stopped while asking. */
export type OperatorAnswer = 'done' | 'cannot' | 'skip' | 'timeout' | 'stopped';

/** The request shown to a person: the words, the connector and idTag, and how long they have. */
export interface OperatorPrompt {
  /** This request's own id (each request a new one): an answer names it, and one for a request no longer open is refused. */
  id?: string;
  caseId: string;
  step: number;
  /** What the bench is doing, when the request is not a step of the case (putting the charger back after it, or before the first case). */
  during?: string;
  /**
   * Not a step: the bench putting the charger back after a case (or a commissioning step), or preparing it
   * before the run. Nothing is given up when nobody answers: the run goes on without it (onTimeout says what is left).
   */
  putBack?: boolean;
  action: OperatorAction;
  text: string;
  timeoutS: number;
  /** What happens without an answer within timeoutS, in words (a commissioning's: the step is given up; Run again repeats it). */
  onTimeout?: string;
  /** When the bench asked, and when the request times out (ISO, the bench's wall clock): a page opened later counts down to the deadline. */
  issuedAt?: string;
  deadline?: string;
  /**
   * The bench's wall clock as it sent this (ISO): a client whose own clock differs (a browser on another
   * machine) reads issuedAt and deadline against it, so its countdown runs on the bench's clock.
   */
  now?: string;
}

/** A case as the faces list it. */
export interface CaseInfo {
  id: string;
  title: string;
  profile: ActionProfile;
  section: string;
  decisions: string[];
  /** Why the bench cannot run it yet, when it cannot. */
  notSupported: string | null;
  /** What it does to the charger (sessions, a reset, configuration changes…, what the person there is asked to do), computed from its definition; null or absent: not known (a run of it is said to do everything). */
  effects?: CaseEffects | null;
}

/** A run in a list (the whole result is fetched by id). */
export interface RunListItem {
  id: string;
  chargerId: string;
  startedAt: string;
  finishedAt: string | null;
  state: RunResult['state'];
  summary: RunSummary;
  /** How many cases a stopped, running or could-not-run run was started with (the verdicts' sum is how many have ended); absent for a finished run, which ended them all. */
  planned?: number;
  /** Why a run could not be carried out (state `error`). */
  error?: string;
  /** How long it took on the wall clock (a fake-clock run's charger time is longer); absent for a run kept before it was listed. */
  wallMs?: number;
  /** When it started on the wall clock (a fake-clock run's startedAt is the charger's time); absent for a run kept before it was listed. */
  wallStartedAt?: string;
  /** While the run runs: the case in progress (null: none) and its step, as in RunResult. */
  caseId?: string | null;
  step?: string | null;
  /** When the case in progress began (the bench's clock): where its frames so far start. */
  caseStartedAt?: string | null;
  /** While the run runs: its Stop waits for the charger to come back, as in RunResult. */
  stopWaiting?: StopWaiting | null;
  /** While the run runs: whether a Stop pressed now would wait for the charger, as in RunResult. */
  stopWouldWait?: StopWouldWait | null;
  /** While a step waits: its limit and deadline, as in RunResult. */
  stepWait?: StepWait | null;
}

/** How long the step in progress waits at most (its "within N s"), and until when on the bench's clock (null on a fake clock: no wall-clock deadline). */
export interface StepWait {
  withinS: number;
  deadline: string | null;
}
