// Commissioning as every face sees it. A template is a plan's settings: what the site's back office
// requires of a charger (the configuration baseline), who may charge when it is unreachable, the
// installer's test card, how long the test session runs, what power is plausible and the site's load
// limit; built-in templates, or a user's saved as JSON. A commissioning is one charger's run of the plan
// for a site and job, with the on-site checklist, photos and the signed handover; a site summary puts the
// chargers of one site side by side.
import { z } from 'zod';
import type { CaseResult, OperatorAnswer } from './test-runs';
import type { SessionEndedInSetup } from './setup-ended';
import type { StopWaiting, StopWouldWait } from './stop-waiting';
import type { RunInterrupted } from './commissioning-run-end';
import type { RunStop } from './run-stop';
import { numericReadingUnits, readReading } from '../format/reading';
import { EarlierIdToken, IdToken } from './input-rules';

export const offlinePolicies = ['noCharging', 'localListOnly', 'knownCards', 'anyCard'] as const;
export type OfflinePolicy = (typeof offlinePolicies)[number];

export const offlinePolicyWords: Record<OfflinePolicy, string> = {
  noCharging: 'nobody can charge while the back office is unreachable',
  localListOnly: 'only cards in the local list can charge while the back office is unreachable',
  knownCards: 'cards in the local list or the cache (cards seen before) can charge while the back office is unreachable',
  anyCard: 'any card can charge while the back office is unreachable',
};

/** What a JSON value is, in words: "a number", "a list", "text". */
const foundWords = (v: unknown): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'a list'
      : typeof v === 'string'
        ? 'text'
        : typeof v === 'number'
          ? 'a number'
          : typeof v === 'boolean'
            ? 'true or false'
            : typeof v === 'object'
              ? 'an object'
              : typeof v;

export const CommissioningTemplate = z.strictObject({
  name: z.string().min(1).max(80),
  /** Configuration keys and the values the site requires. */
  keys: z
    .record(z.string().min(1).max(50), z.string({ error: (i) => (i.code === 'invalid_type' ? `must be text (a configuration value), found ${foundWords(i.input)}` : undefined) }).max(500), {
      error: (i) => (i.code === 'invalid_type' ? `must be an object of configuration key → value, found ${foundWords(i.input)}` : undefined),
    })
    .default({}),
  offlinePolicy: z.enum(offlinePolicies).default('knownCards'),
  /** The installer's test card, exactly as the charger must send it. */
  testIdTag: IdToken.default('COMMISSION-1'),
  /** How long the test session delivers meter values (s); shorter than 300 is allowed and noted. */
  sessionSeconds: z.int().min(10).max(3600).default(300),
  /** The least power (W) that counts as charging, and the charger's rating (W) it must stay under. */
  minPowerW: z.number().min(0).default(1000),
  ratedPowerW: z.number().min(1000).max(400_000).default(22_000),
  /** The largest clock difference (s) with this laptop that passes. */
  maxClockSkewS: z.int().min(0).max(3600).default(60),
  /**
   * The site's load limit (optional): set as a TxDefaultProfile, read back as a composite schedule, and the
   * test session's power must stay under it. Amperes are per phase (W = A x 230 V x phases).
   */
  loadLimit: z
    .strictObject({ limit: z.number().positive().max(400_000), unit: z.enum(['A', 'W']), phases: z.int().min(1).max(3).default(3) })
    .nullable()
    .default(null),
});
export type CommissioningTemplate = z.infer<typeof CommissioningTemplate>;

/**
 * A template as the bench saved it: a saved template's test card is read by the rule it was saved under
 * (EarlierIdToken), so one an older bench took (a card with a character the idTag rule now refuses) stays
 * listed and can be chosen and edited: the plan shows the card's problem, and saving it or starting a
 * commissioning with it gets CommissioningTemplate's rule.
 */
export const StoredCommissioningTemplate = CommissioningTemplate.extend({ testIdTag: EarlierIdToken.default('COMMISSION-1') });

/**
 * A saved template this version cannot read at all: the name it is saved (and deleted) under; `kind`:
 * `otherVersion` when it is JSON of another shape (another version saved it, and may still use it),
 * `damaged` when its record is not JSON (no version saves that); what is wrong, naming the field; and
 * `stored`, the text as it is stored, for the installer to keep before deleting it.
 */
export interface UnreadableTemplate {
  name: string;
  kind: 'damaged' | 'otherVersion';
  reason: string;
  stored: string;
}

/** The templates a face can choose from, and the saved ones this version cannot read (listed apart: they cannot be chosen, only deleted). */
export interface TemplateList {
  builtIn: CommissioningTemplate[];
  saved: CommissioningTemplate[];
  /** Absent from a bench of an earlier version, which leaves such a template out. */
  unreadable?: UnreadableTemplate[];
}

export const builtInTemplates: CommissioningTemplate[] = [
  CommissioningTemplate.parse({
    name: 'Public AC (recommended)',
    keys: {
      HeartbeatInterval: '300',
      MeterValueSampleInterval: '60',
      MeterValuesSampledData: 'Energy.Active.Import.Register,Power.Active.Import',
      StopTransactionOnEVSideDisconnect: 'true',
      LocalAuthorizeOffline: 'true',
      AuthorizationCacheEnabled: 'true',
      AllowOfflineTxForUnknownId: 'false',
    },
    offlinePolicy: 'knownCards',
  }),
  CommissioningTemplate.parse({
    name: 'Private home charger',
    keys: { HeartbeatInterval: '900', MeterValueSampleInterval: '300', MeterValuesSampledData: 'Energy.Active.Import.Register', AllowOfflineTxForUnknownId: 'true' },
    offlinePolicy: 'anyCard',
  }),
];

/**
 * What running the plan does to a charger, in words, for the confirmation before it starts (the faces
 * show these). The charger's authorization cache is not cleared: a commissioning leaves the cards cached
 * for offline charging on a live site as they are; the test card may be added to it.
 */
export function commissioningEffects(t: CommissioningTemplate): string[] {
  const keys = Object.keys(t.keys).length;
  return [
    ...(keys ? [`sets ${keys} configuration key${keys > 1 ? 's' : ''} to the baseline (a key that needs it restarts the charger)`] : []),
    ...(t.loadLimit ? ['sets the site’s load limit as the default charging profile (it stays on the charger)'] : []),
    `starts a test session with the card ${t.testIdTag}, takes meter values for at least ${t.sessionSeconds} s, then stops it (where the charger caches cards, ${t.testIdTag} joins its authorization cache; the cache is not cleared)`,
    'unlocks each connector, takes each connector out of service and back, and resets the charger',
    'sets MinimumStatusDuration to 0 while it runs, where the charger has it, and puts it back at the end',
    'before the first step, ends every session running on the charger (RemoteStopTransaction), a customer’s too',
  ];
}

/** The site and the job, remembered per site name for the next charger of the same site. */
export const SiteJob = z.strictObject({
  site: z.string().trim().min(1, 'Name the site').max(120),
  address: z.string().trim().max(300).default(''),
  /** Where the charger is on the site (e.g. parking bay 4). */
  location: z.string().trim().max(120).default(''),
  installer: z.string().trim().min(1, 'Name the installer').max(120),
  company: z.string().trim().max(120).default(''),
  customer: z.string().trim().max(120).default(''),
});
export type SiteJob = z.infer<typeof SiteJob>;
export type SiteJobInput = z.input<typeof SiteJob>;

/** The on-site checks that are not OCPP, in the order an installer does them. unit null: no measured value. */
export const checklistItems = [
  { id: 'earthResistance', label: 'Earth resistance', unit: 'Ω' },
  { id: 'rcdTripTime', label: 'RCD trip time', unit: 'ms' },
  { id: 'rcdTripCurrent', label: 'RCD trip current', unit: 'mA' },
  { id: 'insulation', label: 'Insulation resistance', unit: 'MΩ' },
  { id: 'phaseRotation', label: 'Phase rotation', unit: 'sequence' },
  { id: 'cable', label: 'Cable and connector undamaged and correctly rated', unit: null },
  { id: 'mounting', label: 'Mounting, clearances and impact protection', unit: null },
  { id: 'labelling', label: 'Labelling and circuit identified at the distribution board', unit: null },
] as const;
export type ChecklistItemId = (typeof checklistItems)[number]['id'];
const checklistIds = checklistItems.map((i) => i.id) as [ChecklistItemId, ...ChecklistItemId[]];

export const checkResults = ['conform', 'notConform', 'notApplicable'] as const;
export type CheckResult = (typeof checkResults)[number];
export const checkResultWords: Record<CheckResult, string> = { conform: 'Conform', notConform: 'Not conform', notApplicable: 'Not applicable' };

/**
 * A reading the checklist holds: a number, 0 or more, with a decimal point or comma, < or > before it for
 * under or over the instrument's range (the rule a reading was saved by before the one parser). A value
 * given anew is read by that parser (shared/format/reading.ts) where the bench saves it
 * (main/commissioning/checklist-reading.ts: "1,000" refused there, with the UI's words); one saved before
 * it, under this rule, is judged by it and given back unchanged with a new answer or note, never refused.
 */
const heldReading = /^[<>]?\s*\d+(?:[.,]\d+)?$/;

export const ChecklistEntry = z
  .strictObject({
    id: z.enum(checklistIds),
    /** null: not checked yet. */
    result: z.enum(checkResults).nullable().default(null),
    /** The measured value as read on the instrument (e.g. "0.8"), in the item's unit. */
    value: z.string().trim().max(60).default(''),
    note: z.string().max(2000).default(''),
  })
  .superRefine((e, ctx) => {
    const unit = checklistItems.find((i) => i.id === e.id)?.unit;
    if (!unit || !numericReadingUnits.includes(unit) || e.value === '' || heldReading.test(e.value)) return;
    const read = readReading(unit, e.value);
    ctx.addIssue({ code: 'custom', path: ['value'], message: read.error ?? `Enter the reading in ${unit} as a number` });
  });
export type ChecklistEntry = z.infer<typeof ChecklistEntry>;

/** Photos are kept in the record; at most this many bytes each. */
export const maxPhotoBytes = 10 * 1024 * 1024;
export const photoTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;

export const PhotoUpload = z.strictObject({
  /** The commissioning. */
  id: z.string().min(1),
  name: z.string().trim().min(1).max(200),
  contentType: z.enum(photoTypes),
  /** The file, base64 (at most maxPhotoBytes once decoded). */
  dataBase64: z
    .string()
    .min(1)
    .max(Math.ceil(maxPhotoBytes / 3) * 4),
  caption: z.string().trim().max(200).default(''),
});

export interface PhotoView {
  id: string;
  name: string;
  contentType: (typeof photoTypes)[number];
  bytes: number;
  sha256: string;
  caption: string;
  addedAt: string;
}

export const Signature = z
  .strictObject({
    name: z.string().trim().min(1, 'Type the name').max(120),
    kind: z.enum(['drawn', 'typed']),
    /** A drawn signature as a PNG data URL. */
    image: z.string().startsWith('data:image/png;base64,').max(700_000).optional(),
  })
  .refine((s) => s.kind === 'typed' || !!s.image, { message: 'Draw the signature', path: ['image'] });
export type Signature = z.infer<typeof Signature>;

export const Handover = z.strictObject({
  installer: Signature,
  customer: z.strictObject({
    name: z.string().trim().min(1, "Type the customer's name").max(120),
    /** The customer acknowledges the charger was handed over with this report. */
    acknowledged: z.literal(true, { error: 'The customer must acknowledge the handover' }),
    signature: Signature.optional(),
  }),
  notes: z.string().max(2000).default(''),
});
export type Handover = z.infer<typeof Handover>;
export type HandoverInput = z.input<typeof Handover>;

/** pass: every step passed or does not apply and every check conforms; fail: something needs a revisit; incomplete: not all done. */
export type CommissioningVerdict = 'pass' | 'fail' | 'incomplete';
export type CommissioningState = 'ready' | 'running' | 'finished' | 'handedOver';

/**
 * A commissioning's state in words, wherever it is listed (the UI's lists, the site summary page): a run that
 * ended may have been stopped before every step ran, so it is not called "checked" (its verdict says the rest).
 */
export const commissioningStateWords: Record<CommissioningState, string> = {
  ready: 'Not started',
  running: 'Running',
  finished: 'Not handed over',
  handedOver: 'Handed over',
};

/** A commissioning's verdict in words (the UI's chips, the reports). */
export const commissioningVerdictWords: Record<CommissioningVerdict, string> = { pass: 'Pass', fail: 'Needs a revisit', incomplete: 'Incomplete' };

export interface CommissioningStep {
  /** The plan's step id (C3_IDENTITY ...). */
  id: string;
  title: string;
  section: string;
  /** The latest result; null until the step has run. Re-running replaces it. */
  result: CaseResult | null;
  /** How many times the step has run. */
  attempts: number;
}

/**
 * How a run of the plan went: still running, every step asked for ran, stopped (a person pressed Stop), cut
 * short by the bench shutting down (nobody pressed Stop: the bench's app or serve was closed), interrupted (the
 * bench stopped without shutting down: killed, crashed, power cut; its record never heard the run end), or the
 * bench could not go on.
 */
export type CommissioningRunOutcome = 'running' | 'finished' | 'stopped' | 'shutDown' | 'interrupted' | 'broken';

/**
 * When the bench shut down during a run (its clock), and the step it cut short (its title; null: none was
 * going on). `after`: with no step going on, the run's step that had ended last (its title), and whether it
 * was the run's last step (the run was reading the configuration at its end); absent: before the first step.
 */
export interface RunShutDown {
  at: string;
  during: string | null;
  after?: { step: string; last: boolean };
}

/** A run the bench's shutdown cut short, in words: "the bench shut down at 10:02:13 during Card reader". `time` writes a time as the face does. */
export function shutDownWords(s: RunShutDown, time: (iso: string) => string): string {
  const where = s.during ? `during ${s.during}` : !s.after ? 'before the first step' : s.after.last ? `after the last step (${s.after.step})` : `between steps (after ${s.after.step})`;
  return `the bench shut down at ${time(s.at)} ${where}`;
}

/** The latest run of the plan (or of some of its steps). */
export interface CommissioningLastRun {
  outcome: CommissioningRunOutcome;
  startedAt: string;
  finishedAt: string | null;
  /** The steps the run was asked to run (the whole plan, or the ones named), by id. */
  steps: string[];
  /** The step the Stop (or the bench's shutdown) cut short (its result is inconclusive), if the run was stopped during one. */
  stoppedIn: string | null;
  /** outcome 'shutDown': when the bench shut down and the step it cut short. */
  shutDown?: RunShutDown;
  /** outcome 'interrupted' (the bench stopped without shutting down: killed, crashed, power cut): what the record last heard of the run. */
  interrupted?: RunInterrupted;
  /** outcome 'stopped' or 'shutDown': who asked for the stop and when, what it cut short (absent in runs recorded before it was kept). */
  stop?: RunStop;
}

/** The plan's steps by their latest result (notRun: never run yet). */
export interface CommissioningStepCounts {
  pass: number;
  fail: number;
  error: number;
  inconclusive: number;
  notApplicable: number;
  notRun: number;
}

/** One meter reading of the test session, for the chart. */
export interface SessionSample {
  ts: string;
  energyWh: number | null;
  powerW: number | null;
}

export interface CommissioningView {
  id: string;
  chargerId: string;
  virtual: boolean;
  job: SiteJob;
  template: CommissioningTemplate;
  createdAt: string;
  updatedAt: string;
  state: CommissioningState;
  /**
   * The step running now and what it is doing; after Stop, what the run still waits for before it ends ("Stopped: …");
   * before the first step (stepId ''), what the run does: "waiting for CP1 to connect before Configuration baseline; 1 step requested".
   * stopWaiting: Stop waits for the charger to come back before it takes effect (the run just reset it, or it dropped a moment ago).
   * stopWouldWait: before Stop, a Stop pressed now would wait so, and why (its confirmation says it).
   */
  running: { stepId: string; step: string | null; stopping?: string; before?: string; stopWaiting?: StopWaiting; stopWouldWait?: StopWouldWait } | null;
  steps: CommissioningStep[];
  /** The charger as its BootNotification gave it. */
  identity: { vendor: string | null; model: string | null; firmware: string | null; serial: string | null };
  /** The charger's configuration when the run began and when it last ended (null: not read yet). */
  configBefore: Record<string, string | null> | null;
  configAfter: Record<string, string | null> | null;
  /** Why the configuration could not be read at the end of the last run (absent: it was, or no run ended yet): configAfter is then older. */
  configAtEndProblem?: string;
  /** When that read failed (the last run's end); absent in records made before it was kept. */
  configAtEndProblemAt?: string;
  /**
   * Where configAfter's values come from and when they were read: the read at the end of a run, or the
   * baseline step's read-back (its keys over the read at its run's start). Absent in records made before.
   */
  configAfterFrom?: { read: 'end' | 'baseline'; at: string };
  /**
   * The test session's readings (the energy register from meterStart to meterStop, and the power), and the
   * load limit in W it had to stay under; with the transaction, its meterStart and meterStop (Wh) and the
   * energy delivered (meterStop, or the last reading, minus meterStart) when known.
   */
  session: {
    samples: SessionSample[];
    limitW: number | null;
    transactionId?: number | null;
    meterStartWh?: number | null;
    meterStopWh?: number | null;
    energyWh?: number | null;
  } | null;
  checklist: ChecklistEntry[];
  photos: PhotoView[];
  /**
   * The signed handover, with the verdict at signing and the SHA-256 of the evidence as it was then (the
   * report shows it; and says so when the record's frames no longer give it, e.g. pruned since).
   */
  handover: (Handover & { signedAt: string; verdict: CommissioningVerdict; evidenceSha256?: string }) | null;
  verdict: CommissioningVerdict;
  /** What is left before a pass, in words ("RFID reader failed", "Earth resistance not checked"). */
  open: string[];
  benchVersion: string;
  /** The latest run: how it went (a stopped run is 'stopped', whatever `state` says), when, and which steps. Absent: never run. */
  lastRun?: CommissioningLastRun;
  /** The steps by their latest result ("1 inconclusive, 6 not run"). */
  stepCounts?: CommissioningStepCounts;
  /**
   * The sessions the runs ended at their start (running on the charger when a run began: a customer's too),
   * oldest first, each with when it began as the record has it (null: not in the record). Absent: none.
   */
  sessionsEnded?: SessionEndedAtStart[];
  /**
   * Notes for the installer about the bench's own record, not items of the handover (the customer's report
   * leaves them out): a transaction the record holds open that the charger no longer runs (it answered
   * Rejected to the run's RemoteStopTransaction), to close in the record. Absent: none.
   */
  benchNotes?: string[];
  /** The transactions those notes name (held open in the bench's record only). Absent: none. */
  heldOpen?: HeldOpen[];
}

/** A transaction the bench's record holds open that the charger answered it no longer runs (a run's RemoteStopTransaction refused). */
export interface HeldOpen {
  transactionId: number;
  connectorId: number | null;
  idTag: string | null;
  /** The charger's answer to RemoteStopTransaction (Rejected), or "not asked" (its charger lost it at a reboot) or "not asked: not running" (its connector reported no session since it started, or a newer session superseded it): the run left it as it is, sending no RemoteStopTransaction. */
  answer: string;
  /** When the run that found it began. */
  foundAt: string;
  /** What shows the charger no longer runs it ("connector 1 reports Available since it started"); absent in a record saved before it was kept. */
  cause?: string;
}

/** A session a commissioning's run ended before its first step (RemoteStopTransaction). */
export interface SessionEndedAtStart extends SessionEndedInSetup {
  /** When it began (the charger's StartTransaction time, as the record has it); null: not in the record. */
  startedAt: string | null;
}

/**
 * A session the run ended, in words, for the record's faces and the report: "transaction 7 on connector 1
 * (idTag CUSTOMER-1), charging since 12:01:05, ended at 12:04:10". `time` writes a time as the face does.
 */
export function sessionEndedWords(s: SessionEndedAtStart, time: (iso: string) => string): string {
  return `transaction ${s.transactionId} on connector ${s.connectorId} (idTag ${s.idTag})${s.startedAt ? `, charging since ${time(s.startedAt)}` : ''}, ended at ${time(s.endedAt)}`;
}

/**
 * The configuration not read at the end of the last run, in words with the times, for the checks step and
 * the report ("Configuration at the end: not read at 12:04:10 (the charger did not answer GetConfiguration
 * within 30 s); the values shown are the baseline step's read-back of 12:01:05."); null when it was read.
 * `time` writes a time as the face does.
 */
export function configNotReadWords(v: Pick<CommissioningView, 'configAfter' | 'configAtEndProblem' | 'configAtEndProblemAt' | 'configAfterFrom'>, time: (iso: string) => string): string | null {
  if (!v.configAtEndProblem) return null;
  const from = v.configAfterFrom;
  const shown = !v.configAfter
    ? 'no values have been read yet'
    : !from
      ? 'the values shown are from an earlier read'
      : from.read === 'baseline'
        ? `the values shown are the baseline step's read-back of ${time(from.at)}`
        : `the values shown are from the end of an earlier run (${time(from.at)})`;
  return `Configuration at the end: not read${v.configAtEndProblemAt ? ` at ${time(v.configAtEndProblemAt)}` : ''} (${v.configAtEndProblem}); ${shown}.`;
}

export interface CommissioningListItem {
  id: string;
  chargerId: string;
  site: string;
  location: string;
  state: CommissioningState;
  verdict: CommissioningVerdict;
  createdAt: string;
  updatedAt: string;
  /** How the latest run went (absent: never run, or running now in a list read from the record; the list's state words say an unexpected stop of the bench cut it short). */
  lastRun?: CommissioningLastRun;
}

/** The chargers of one site side by side (site-summary.ts). */
export type { SiteSummary } from './site-summary';

/** The files of a commissioning: the report as HTML, PDF and JSON, and the diagnostic bundle for the charger maker. */
export const commissioningFiles = ['report.html', 'report.pdf', 'report.json', 'bundle.zip'] as const;
export type CommissioningFile = (typeof commissioningFiles)[number];

export type { OperatorAnswer };
