// A commissioning as the bench keeps it, and what follows from it: its view (the verdict and what is left
// open, in words), its list item, the test session's samples from the meter values, and the check that a
// photo's bytes are the image they claim to be.
import { BenchError } from '../errors';
import { version } from '../version';
import {
  ChecklistEntry,
  checklistItems,
  type CommissioningLastRun,
  type CommissioningListItem,
  type CommissioningRunOutcome,
  type CommissioningState,
  type CommissioningStepCounts,
  type CommissioningStep,
  type CommissioningVerdict,
  type CommissioningView,
  type HeldOpen,
  type PhotoView,
  type RunShutDown,
  type SessionEndedAtStart,
  type SessionSample,
  type SiteJob,
  shutDownWords,
} from '../../shared/api/commissioning';
import { formatDateTimeWithZone } from '../../shared/format/time';
import { partialCutShort, partialCutShortOpenWords } from '../../shared/api/commissioning-cut-short';
import type { MeterValueRecord } from '../../shared/records';
import type { Pics } from '../conformance/types';
import { judgedSteps, type ConfigAtEnd } from './config-end';
import { withoutRunAgain } from '../../shared/api/commissioning-final-words';
import { sessionsEndedOf } from './sessions-ended';
import { heldIdsOf, heldOpenNote, setupOpenOf, withoutHeld } from './held-open';
import { interruptedOf, type RunHeard } from './run-end';
import type { RunStop } from '../../shared/api/run-stop';
import { commissioningPutBackWords, commissioningStopWords, interruptedWords, type RunInterrupted } from '../../shared/api/commissioning-run-end';
export { endedAtStart } from './sessions-ended';

/** A commissioning in the record: the view's own facts (the verdict, what is open and the photos are worked out), and when it ran. */
export interface StoredCommissioning extends Omit<CommissioningView, 'state' | 'running' | 'photos' | 'verdict' | 'open' | 'benchVersion'> {
  state: Exclude<CommissioningState, 'running'>;
  /**
   * When each run of the plan (or of some steps) ran: the frames of the bundle are theirs; and how it went,
   * the steps it was asked to run and the step a Stop cut short (absent in runs recorded before); when the
   * bench's shutdown cut it short; the transactions its preparation found held open in the record only.
   */
  runs: Array<{
    startedAt: string;
    finishedAt: string | null;
    outcome?: CommissioningRunOutcome;
    steps?: string[];
    stoppedIn?: string | null;
    sessionsEnded?: SessionEndedAtStart[];
    shutDown?: RunShutDown;
    heldOpen?: HeldOpen[];
    /** Its progress as last recorded, its stop (stopped, or cut short by the shutdown), or, once read back after the bench stopped without shutting down, where that left it (run-end.ts). */
    heard?: RunHeard;
    stop?: RunStop;
    interrupted?: RunInterrupted;
  }>;
  /** The capabilities read at the latest run. */
  pics: Pics | null;
  /** Why the latest run could not go on, if it could not. */
  runError: string | null;
  /** What the latest run could not put right before its first step (a cable left in, a session that would not stop). */
  setupProblems?: string[];
}

const lastRunWords: Record<NonNullable<CommissioningStep['result']>['verdict'], string> = {
  pass: 'passed',
  fail: 'failed',
  error: 'the bench could not run it',
  inconclusive: 'inconclusive',
  notApplicable: 'not applicable',
  notSupported: 'does not apply',
};

/**
 * Where a step stands in the run in progress: the step running now (with an earlier result or none) is
 * running, not "not run yet" nor its last result as if final; a step the run has yet to reach whose result
 * is of an earlier run waits, its last result said as the last run's. After Stop the running step is
 * stopping, and the steps it will not reach stand by their results.
 */
type InRun = { running: NonNullable<CommissioningView['running']>; startedAt: string; steps: string[] | null };

const earlierRun = (s: CommissioningStep, startedAt: string): boolean => {
  const at = Date.parse(s.result?.startedAt ?? '');
  const from = Date.parse(startedAt);
  return Number.isFinite(at) && Number.isFinite(from) && at < from;
};

const inRunWords = (s: CommissioningStep, run: InRun | null): string | null => {
  if (!run) return null;
  const last = s.result && earlierRun(s, run.startedAt) ? ` (last run: ${lastRunWords[s.result.verdict]})` : '';
  if (s.id === run.running.stepId) return `${s.title}: ${run.running.stopping ? 'stopping' : 'running'}${last}`;
  if (run.running.stopping || !(run.steps ?? []).includes(s.id)) return null;
  return s.result && !last ? null : `${s.title}: waiting in this run${last}`;
};

const stepWords = (s: CommissioningStep, run: InRun | null = null): string | null => {
  const now = inRunWords(s, run);
  if (now) return now;
  const r = s.result;
  if (!r) return `${s.title}: not run yet`;
  switch (r.verdict) {
    case 'fail':
      return `${s.title} failed${r.reason ? `: ${r.reason}` : ''}`;
    case 'error':
      return `${s.title}: the bench could not run it${r.reason ? ` (${r.reason})` : ''}; run it again`;
    case 'inconclusive':
      // Ended without a verdict (stopped, the charger offline, not judged against the load limit): a step that
      // finished may be inconclusive too. A reason that says what repeats it ("Run again repeats it", "Run
      // “Test session” again after …") is not told so twice.
      return `${s.title} is inconclusive${r.reason ? `: ${r.reason}` : ''}${/\brun\b[^.]*\bagain\b/i.test(r.reason ?? '') ? '' : '; run it again'}`;
    default:
      return null;
  }
};

/**
 * The verdict: fail as soon as a step failed or a check is not conform, whatever else is still open (a
 * charger known faulty is not shown as merely unfinished); otherwise incomplete until every step has a result
 * and every check an answer; then fail (a step the bench could not run) or pass. The steps as judged by the
 * configuration at the end (config-end.ts): a baseline key not kept fails.
 */
export function verdictOf(c: Pick<StoredCommissioning, 'checklist'> & ConfigAtEnd): CommissioningVerdict {
  const steps = judgedSteps(c);
  if (steps.some((s) => s.result?.verdict === 'fail') || c.checklist.some((e) => e.result === 'notConform')) return 'fail';
  const done = steps.every((s) => s.result && s.result.verdict !== 'inconclusive') && c.checklist.every((e) => e.result !== null && !readingMissing(e));
  if (!done) return 'incomplete';
  return steps.some((s) => s.result!.verdict === 'error') ? 'fail' : 'pass';
}

/**
 * The verdict wherever a commissioning is shown (its page, the commissionings list, the site summary): a
 * signed one's as signed; another's as its steps are judged now, so a record saved before a rule of judging
 * existed (the configuration at the end) is judged by it as its page judges it, not by the verdict saved.
 */
export function shownVerdict(c: Pick<StoredCommissioning, 'checklist' | 'handover'> & ConfigAtEnd): CommissioningVerdict {
  return c.handover?.verdict ?? verdictOf(c);
}

/**
 * The rule of judging (verdictOf, judgedSteps) a verdict saved with a commissioning was worked out by, kept
 * beside it in the record: raise it whenever the judging changes, and the lists judge each unsigned record
 * saved by an older rule again, once (1: the configuration at the end judges the baseline; 2: a measured item
 * answered without a reading is not done; 3: a failed step or a check not conform fails, even with items open).
 */
export const JUDGING_RULE = 3;

export const labelOf = (id: string) => checklistItems.find((i) => i.id === id)?.label ?? id;

/**
 * A measured item (one whose definition asks for a value) answered Conform or Not conform without a reading
 * the checklist takes (none, or one its schema refuses, as a record written before the schema checked it):
 * not done, whatever its answer, so a report never says "Conform" with its Measured column empty.
 */
export function readingMissing(e: Pick<ChecklistEntry, 'id' | 'result' | 'value'>): boolean {
  if (e.result !== 'conform' && e.result !== 'notConform') return false;
  if (!checklistItems.find((i) => i.id === e.id)?.unit) return false;
  return e.value.trim() === '' || !ChecklistEntry.safeParse({ id: e.id, value: e.value }).success;
}

/** What is open about a measured item answered without a reading. */
export const readingMissingWords = (id: string) => `${labelOf(id)}: its measured value is missing or was not accepted`;

/** What is left before a pass, in words (the steps as judged by the configuration at the end). */
export function openOf(
  c: Pick<StoredCommissioning, 'checklist' | 'runError' | 'setupProblems'> & ConfigAtEnd & { runs?: StoredCommissioning['runs']; handover?: StoredCommissioning['handover'] },
  running: CommissioningView['running'] = null,
): string[] {
  // Once handed over the record is final: an item still open is listed without the advice to run it again.
  const open = openNow(c, running);
  return c.handover ? open.map(withoutRunAgain) : open;
}

function openNow(c: Parameters<typeof openOf>[0], running: CommissioningView['running']): string[] {
  const open: string[] = [];
  const current = running ? c.runs?.at(-1) : undefined;
  const run: InRun | null = running ? { running, startedAt: current?.startedAt ?? '', steps: current ? (current.steps ?? c.steps.map((s) => s.id)) : null } : null;
  if (c.runError) open.push(`The last run could not go on: ${c.runError}`);
  const last = c.runs?.at(-1);
  // A run of only some steps cut short is counted by its own steps, never as having cost the plan's others.
  const partial = c.runs ? partialCutShort(c.steps, lastRunOf({ ...c, runs: c.runs }, !!running), formatDateTimeWithZone) : null;
  if (partial) open.push(partialCutShortOpenWords(partial));
  else if (last?.outcome === 'stopped') {
    const notRun = c.steps.filter((s) => !s.result).length;
    // Who stopped it, when, during which step (a run recorded before its stop was kept: "stopped").
    const how = last.stop ? ` (${commissioningStopWords(last.stop, (id) => c.steps.find((s) => s.id === id)?.title ?? id, formatDateTimeWithZone)})` : '';
    open.push(`The last run was stopped${how}${notRun ? `: ${notRun} step${notRun === 1 ? '' : 's'} not run yet` : ''}`);
  } else if (last?.outcome === 'interrupted') {
    // Nobody pressed Stop and the bench did not shut down: it was killed, crashed or lost power while the run went on.
    const notRun = c.steps.filter((s) => !s.result).length;
    open.push(`The last run was cut short: ${interruptedWords(interruptedOf(last, c.steps), formatDateTimeWithZone)}${notRun ? `; ${notRun} step${notRun === 1 ? '' : 's'} not run yet` : ''}`);
  } else if (last?.outcome === 'shutDown') {
    // Nobody pressed Stop: the bench's app (or serve) was closed while the run went on.
    const notRun = c.steps.filter((s) => !s.result).length;
    const when = last.shutDown ? `: ${shutDownWords(last.shutDown, formatDateTimeWithZone)}` : ': the bench shut down';
    const back = last.stop ? `; ${commissioningPutBackWords(last.stop)}` : ''; // what putting the charger back came to
    open.push(`The last run was cut short${when}${back}${notRun ? `; ${notRun} step${notRun === 1 ? '' : 's'} not run yet` : ''}`);
  }
  // A transaction the last run found held open in the bench's record only is the installer's note (benchNotes), not something open on the charger.
  for (const p of setupOpenOf(c.setupProblems, c.runs?.at(-1)?.heldOpen)) open.push(`Before the first step of the last run, not put right: ${p}`);
  for (const s of judgedSteps(c)) {
    const words = stepWords(s, run);
    if (words) open.push(words);
  }
  for (const e of c.checklist) {
    if (e.result === null) open.push(`${labelOf(e.id)} not checked`);
    else if (e.result === 'notConform') open.push(`${labelOf(e.id)} not conform${e.note ? `: ${e.note}` : ''}`);
    if (readingMissing(e)) open.push(readingMissingWords(e.id));
  }
  return open;
}

/**
 * The view; `heldOpen`: the transactions the runs found held open in the bench's record only that it still
 * holds open (held-open.ts heldOpenNow), the installer's notes.
 */
export function viewOf(stored: StoredCommissioning, photos: PhotoView[], running: CommissioningView['running'], heldOpen: HeldOpen[] = []): CommissioningView {
  const c = running ? stored : { ...stored, runs: stored.runs.map((r, i) => (i === stored.runs.length - 1 ? ended(r) : r)) };
  const { runs: _runs, pics: _pics, runError: _error, setupProblems: _setup, ...own } = c;
  const lastRun = lastRunOf(c, !!running);
  // The baseline step as the configuration at the end judges it, wherever the view is read (UI, API, reports, CLI);
  // a put-back's words about a transaction held open in the record only are not the step's (it did not start it).
  const held = heldIdsOf(c);
  const steps = judgedSteps(c).map((s) => withoutHeld(s, held));
  return {
    ...own,
    steps,
    state: running ? 'running' : stateOf(c),
    running,
    photos,
    verdict: shownVerdict(c),
    open: openOf(c, running),
    benchVersion: version,
    ...(lastRun ? { lastRun } : {}),
    stepCounts: stepCountsOf(steps),
    // The sessions its runs ended at their start (a customer's too).
    ...sessionsEndedOf(c.runs),
    ...(heldOpen.length ? { heldOpen, benchNotes: heldOpen.map(heldOpenNote) } : {}),
  };
}

/**
 * A commissioning's state as every face says it when it is not running: one that has run is not "ready" (Not
 * started), though the record of an earlier version kept it so through its first run until that run ended
 * (and a run the bench's unexpected stop cut short never ended).
 */
export const stateOf = (c: Pick<StoredCommissioning, 'state' | 'runs'>): StoredCommissioning['state'] => (c.state === 'ready' && c.runs.length > 0 ? 'finished' : c.state);

/**
 * A run recorded as running that is not running (the bench stopped before it could record its end): cut short
 * by the shutdown when the bench recorded that it was shutting down (it did not record the end in time);
 * otherwise interrupted: the bench stopped without shutting down (killed, crashed, lost power), nobody's Stop.
 * (A run recorded before outcomes were kept, with no finish, likewise.)
 */
const ended = (r: StoredCommissioning['runs'][number]): StoredCommissioning['runs'][number] =>
  r.outcome === 'running' || (!r.outcome && r.finishedAt === null) ? { ...r, outcome: r.shutDown ? 'shutDown' : 'interrupted' } : r;

/**
 * The runs as signed (none is running): one the record held as running is kept as interrupted, with where it
 * was (never as ended by the signing, nor as a person's Stop); each run's frames end at the signing at the latest.
 */
export const endedAtSigning = (c: Pick<StoredCommissioning, 'runs' | 'steps'>, at: string): StoredCommissioning['runs'] =>
  c.runs.map((r) => {
    const e = ended(r);
    return { ...e, finishedAt: e.finishedAt ?? at, ...(e.outcome === 'interrupted' ? { interrupted: interruptedOf(e, c.steps) } : {}) };
  });

/**
 * The latest run as the faces read it (a run recorded before outcomes were kept: finished, or broken with
 * an error); one recorded as running while it is not `active` is stopped.
 */
export function lastRunOf(c: Pick<StoredCommissioning, 'runs' | 'runError' | 'steps'>, active = false): CommissioningLastRun | undefined {
  const last = c.runs.at(-1);
  if (!last) return undefined;
  const r = active ? last : ended(last);
  const outcome: CommissioningRunOutcome = r.outcome ?? (r.finishedAt === null ? 'running' : c.runError ? 'broken' : 'finished');
  // An interrupted run never recorded its end (a finish a handover gave it for its frames is not one).
  const interrupted = outcome === 'interrupted' ? { interrupted: interruptedOf(r, c.steps) } : {};
  return {
    outcome,
    startedAt: r.startedAt,
    finishedAt: outcome === 'interrupted' ? null : r.finishedAt,
    steps: r.steps ?? c.steps.map((s) => s.id),
    stoppedIn: r.stoppedIn ?? null,
    ...(r.shutDown ? { shutDown: r.shutDown } : {}),
    ...interrupted,
    ...(r.stop && (outcome === 'stopped' || outcome === 'shutDown') ? { stop: r.stop } : {}),
  };
}

/** The steps by their latest result. */
export function stepCountsOf(steps: CommissioningStep[]): CommissioningStepCounts {
  const n: CommissioningStepCounts = { pass: 0, fail: 0, error: 0, inconclusive: 0, notApplicable: 0, notRun: 0 };
  for (const s of steps) {
    const v = s.result?.verdict;
    if (!v) n.notRun++;
    else if (v === 'notSupported') n.notApplicable++;
    else n[v]++;
  }
  return n;
}

export function listItemOf(
  c: { id: string; chargerId: string; job: SiteJob; createdAt: string; updatedAt: string },
  state: CommissioningState,
  verdict: CommissioningVerdict,
  lastRun?: CommissioningLastRun,
): CommissioningListItem {
  return { id: c.id, chargerId: c.chargerId, site: c.job.site, location: c.job.location, state, verdict, createdAt: c.createdAt, updatedAt: c.updatedAt, ...(lastRun ? { lastRun } : {}) };
}

/** The charger's identity as its BootNotification gave it (`boot`: the record's; absent: none yet). */
export function identityOf(
  boot: { chargePointVendor?: string | null; chargePointModel?: string | null; firmwareVersion?: string | null; chargePointSerialNumber?: string | null } | null | undefined,
): StoredCommissioning['identity'] {
  return { vendor: boot?.chargePointVendor ?? null, model: boot?.chargePointModel ?? null, firmware: boot?.firmwareVersion ?? null, serial: boot?.chargePointSerialNumber ?? null };
}

/** The empty checklist: every item, none answered. */
export const emptyChecklist = (): ChecklistEntry[] => checklistItems.map((i) => ({ id: i.id, result: null, value: '', note: '' }));

/** The session's readings for the chart: the energy register (Wh) and the power (W) per time, oldest first. */
export function sessionSamples(values: MeterValueRecord[]): SessionSample[] {
  const byTs = new Map<string, SessionSample>();
  for (const v of values) {
    if (v.phase) continue;
    const scale = v.unit === 'kWh' || v.unit === 'kW' ? 1000 : 1;
    const n = Number(v.value) * scale;
    if (!Number.isFinite(n)) continue;
    const sample = byTs.get(v.timestamp) ?? { ts: v.timestamp, energyWh: null, powerW: null };
    if (v.measurand === 'Energy.Active.Import.Register') sample.energyWh = n;
    else if (v.measurand === 'Power.Active.Import') sample.powerW = n;
    else continue;
    byTs.set(v.timestamp, sample);
  }
  return [...byTs.values()].sort((a, b) => a.ts.localeCompare(b.ts));
}

/** A register reading of the session's start or end (StartTransaction's meterStart, StopTransaction's meterStop). */
export interface RegisterAt {
  ts: string;
  wh: number;
}

/**
 * The test session as kept with the commissioning: the meter values' samples with the register at the
 * start (meterStart) and the end (meterStop) added, so a session that ran is kept even with few or no
 * meter values; and the energy delivered (meterStop, or the last reading, minus meterStart).
 */
export function sessionOf(
  values: MeterValueRecord[],
  o: { transactionId: number | null; start: RegisterAt | null; stop: RegisterAt | null; limitW: number | null },
): NonNullable<CommissioningView['session']> {
  const samples = sessionSamples(values);
  for (const r of [o.start, o.stop]) {
    if (!r || !Number.isFinite(r.wh) || Number.isNaN(Date.parse(r.ts))) continue;
    const same = samples.find((s) => s.ts === r.ts);
    if (same) same.energyWh ??= r.wh;
    else samples.push({ ts: r.ts, energyWh: r.wh, powerW: null });
  }
  samples.sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts));
  const lastWh = o.stop?.wh ?? samples.filter((s) => s.energyWh !== null).at(-1)?.energyWh ?? null;
  const energyWh = o.start && lastWh !== null && Number.isFinite(o.start.wh) ? lastWh - o.start.wh : null;
  return { samples, limitW: o.limitW, transactionId: o.transactionId, meterStartWh: o.start?.wh ?? null, meterStopWh: o.stop?.wh ?? null, energyWh };
}

const magic: Array<{ type: PhotoView['contentType']; test: (b: Uint8Array) => boolean }> = [
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', test: (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x) },
  { type: 'image/webp', test: (b) => String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP' },
];

/** A photo's base64 decoded, its size and its image type checked by its first bytes; a 400 naming the field otherwise. */
export function photoBytes(dataBase64: string, contentType: PhotoView['contentType'], maxBytes: number): Uint8Array {
  const text = dataBase64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 === 1)
    throw new BenchError(400, 'Invalid field "dataBase64": it is not base64 (send the file\'s bytes base64-encoded, without a data: prefix)', { field: 'dataBase64' });
  const bytes = new Uint8Array(Buffer.from(text, 'base64'));
  if (bytes.length === 0) throw new BenchError(400, 'Invalid field "dataBase64": the file is empty', { field: 'dataBase64' });
  if (bytes.length > maxBytes) throw new BenchError(400, `Invalid field "dataBase64": the photo has ${bytes.length} bytes, more than ${maxBytes} (make it smaller)`, { field: 'dataBase64' });
  const found = magic.find((m) => m.test(bytes))?.type;
  if (!found) throw new BenchError(400, 'Invalid field "dataBase64": the file is not a JPEG, PNG or WebP image', { field: 'dataBase64' });
  if (found !== contentType) throw new BenchError(400, `Invalid field "contentType": the file is ${found}, not ${contentType}`, { field: 'contentType' });
  return bytes;
}
