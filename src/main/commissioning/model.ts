// A commissioning as the bench keeps it, and what follows from it: its view (the verdict and what is left
// open, in words), its list item, the test session's samples from the meter values, and the check that a
// photo's bytes are the image they claim to be.
import { BenchError } from '../errors';
import { version } from '../version';
import {
  checklistItems,
  type ChecklistEntry,
  type CommissioningListItem,
  type CommissioningState,
  type CommissioningStep,
  type CommissioningVerdict,
  type CommissioningView,
  type PhotoView,
  type SessionSample,
  type SiteJob,
} from '../../shared/api/commissioning';
import type { MeterValueRecord } from '../../shared/records';
import type { Pics } from '../conformance/types';

/** A commissioning in the record: the view's own facts (the verdict, what is open and the photos are worked out), and when it ran. */
export interface StoredCommissioning extends Omit<CommissioningView, 'state' | 'running' | 'photos' | 'verdict' | 'open' | 'benchVersion'> {
  state: Exclude<CommissioningState, 'running'>;
  /** When each run of the plan (or of some steps) ran: the frames of the bundle are theirs. */
  runs: Array<{ startedAt: string; finishedAt: string | null }>;
  /** The capabilities read at the latest run. */
  pics: Pics | null;
  /** Why the latest run could not go on, if it could not. */
  runError: string | null;
  /** What the latest run could not put right before its first step (a cable left in, a session that would not stop). */
  setupProblems?: string[];
}

const stepWords = (s: CommissioningStep): string | null => {
  const r = s.result;
  if (!r) return `${s.title}: not run yet`;
  switch (r.verdict) {
    case 'fail':
      return `${s.title} failed${r.reason ? `: ${r.reason}` : ''}`;
    case 'error':
      return `${s.title}: the bench could not run it${r.reason ? ` (${r.reason})` : ''}; run it again`;
    case 'inconclusive':
      return `${s.title} was not finished${r.reason ? ` (${r.reason})` : ''}: run it again`;
    default:
      return null;
  }
};

/** The verdict: incomplete until every step has a result and every check an answer; then fail or pass. */
export function verdictOf(c: Pick<StoredCommissioning, 'steps' | 'checklist'>): CommissioningVerdict {
  const done = c.steps.every((s) => s.result && s.result.verdict !== 'inconclusive') && c.checklist.every((e) => e.result !== null);
  if (!done) return 'incomplete';
  const failed = c.steps.some((s) => s.result!.verdict === 'fail' || s.result!.verdict === 'error') || c.checklist.some((e) => e.result === 'notConform');
  return failed ? 'fail' : 'pass';
}

export const labelOf = (id: string) => checklistItems.find((i) => i.id === id)?.label ?? id;

/** What is left before a pass, in words. */
export function openOf(c: Pick<StoredCommissioning, 'steps' | 'checklist' | 'runError' | 'setupProblems'>): string[] {
  const open: string[] = [];
  if (c.runError) open.push(`The last run could not go on: ${c.runError}`);
  for (const p of c.setupProblems ?? []) open.push(`Before the first step of the last run, not put right: ${p}`);
  for (const s of c.steps) {
    const words = stepWords(s);
    if (words) open.push(words);
  }
  for (const e of c.checklist) {
    if (e.result === null) open.push(`${labelOf(e.id)} not checked`);
    else if (e.result === 'notConform') open.push(`${labelOf(e.id)} not conform${e.note ? `: ${e.note}` : ''}`);
  }
  return open;
}

export function viewOf(c: StoredCommissioning, photos: PhotoView[], running: CommissioningView['running']): CommissioningView {
  const { runs: _runs, pics: _pics, runError: _error, setupProblems: _setup, ...own } = c;
  return { ...own, state: running ? 'running' : c.state, running, photos, verdict: verdictOf(c), open: openOf(c), benchVersion: version };
}

export function listItemOf(c: { id: string; chargerId: string; job: SiteJob; createdAt: string; updatedAt: string }, state: CommissioningState, verdict: CommissioningVerdict): CommissioningListItem {
  return { id: c.id, chargerId: c.chargerId, site: c.job.site, location: c.job.location, state, verdict, createdAt: c.createdAt, updatedAt: c.updatedAt };
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
