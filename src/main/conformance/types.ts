// The conformance engine's vocabulary: a test case, the test data and capabilities (PICS) it runs with,
// and the verdicts, steps and observations a run produces. Shared with the faces through the JSON report.
import type { ActionProfile, FeatureProfile } from '../../shared/ocpp16';
import type { TestData } from './test-data';
import type { CaseContext } from './context';

export type Verdict = 'pass' | 'fail' | 'notApplicable' | 'inconclusive' | 'error' | 'notSupported';

export type StepActor = 'charger' | 'tool' | 'operator' | 'bench';

export interface StepResult {
  /** 1-based order within the case. */
  n: number;
  by: StepActor;
  /** What the step does, in words ("Charger sends StatusNotification (status Preparing)"). */
  title: string;
  status: 'passed' | 'failed' | 'skipped' | 'error';
  startedAt: string;
  /** Duration on the run's clock (fake time in a virtual run). */
  ms: number;
  /** What was expected, and what arrived, for a failed step. */
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
  startedAt: string;
  ms: number;
}

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
  /** A back-up power source that lets the charger stop its transactions before it goes down (declared; off unless said). */
  backupPower: boolean;
  /** Configuration keys and values as read at the start of the run (null: key not reported). */
  config: Record<string, string | null>;
  /** Keys the charger reports as read-only. */
  readOnly: string[];
}

export interface CaseDefinition {
  id: string;
  title: string;
  profile: ActionProfile;
  /** The document's section, e.g. "2.2.1". */
  section: string;
  /** Why the case does not apply to this charger, or null when it does. */
  appliesTo?: (pics: Pics, data: TestData) => string | null;
  /** Why the bench cannot run the case yet (security cases needing TLS), when it cannot. */
  notSupported?: string;
  /** Decisions taken where the document is ambiguous, shown in every report. */
  decisions?: string[];
  run(t: CaseContext): Promise<void>;
}

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
  startedAt: string;
  finishedAt: string | null;
  /** Duration on the run's clock, and on the wall clock (a virtual run uses fake time). */
  ms: number;
  wallMs: number;
  benchVersion: string;
  data: TestData;
  pics: Pics | null;
  cases: CaseResult[];
  summary: RunSummary;
  state: 'running' | 'finished' | 'stopped';
}

export class StepFailure extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`Expected ${expected}; ${actual}`);
  }
}

export class NotApplicable extends Error {}
export class Inconclusive extends Error {}
