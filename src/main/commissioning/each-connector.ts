// The commissioning steps that check every connector of the charger, each connector its own measured row:
// Unlock (UnlockConnector) and Availability (ChangeAvailability Inoperative, then Operative). They are quick,
// and an installer hands over every socket, not only the one the test session ran on. A connector a session
// runs on (someone charging) is left alone: unlocking it would end that session, so the step says it was
// not checked and Run again checks it once it is free. A session only the record holds open (a charger that
// lost it without StopTransaction: not seen in this run, its connector not charging) does not keep the
// connector from being checked; a note says to close it in the record. Without NumberOfConnectors the
// connectors are those its StatusNotifications named in this run or since its last boot (a status recorded
// before it, e.g. of a unit swapped under the same id, does not make a connector). A connector Preparing or
// Finishing without a session (a cable in, nothing charging) is checked as any other: unlocking a connector
// with a cable in is exactly what the Unlock check is for, and nothing is charging to be ended.
import type { CaseContext } from '../conformance/context';
import { Inconclusive, StepFailure } from '../conformance/types';
import { offlineActual } from './prompts';

/** The charger's NumberOfConnectors as it reported it, or null when it did not. */
const reportedCount = (t: CaseContext): number | null => {
  const n = Number(t.pics.config.NumberOfConnectors);
  return Number.isInteger(n) && n >= 1 ? n : null;
};

/** Connector ids probed for a status the bench holds from before the run (the record), when the count is not reported. */
const PROBED = 64;

/** Connector ids the record holds a status of from before the run: since the charger's last boot only. */
const recordedSinceBoot = (t: CaseContext, c: number): boolean => t.host.connectorStatus(c) !== null && (t.host.connectorsSinceBoot?.().includes(c) ?? true);

/**
 * The charger's connectors, 1 to its count: NumberOfConnectors as reported, else the highest connector its
 * StatusNotifications named (in this run, or before it since its last boot, as recorded), at least the count the run took.
 */
export const connectorsOf = (t: CaseContext): number[] => {
  let n = reportedCount(t);
  if (n === null) {
    n = Math.max(1, t.pics.connectors, ...[...t.host.frames.statuses.keys()].filter((c) => Number.isInteger(c) && c > 0));
    for (let c = PROBED; c > n; c--)
      if (recordedSinceBoot(t, c)) {
        n = c;
        break;
      }
  }
  return Array.from({ length: Math.max(0, n) }, (_, i) => i + 1);
};

/** The note of a step that took its connectors from the statuses (NumberOfConnectors not reported). */
const countNote = (t: CaseContext, ids: number[]): void => {
  if (reportedCount(t) === null) t.note(`NumberOfConnectors not reported: connectors 1..${ids.length} as seen in its statuses`);
};

const list = (ids: number[]) => (ids.length === 1 ? `connector ${ids[0]}` : `connectors ${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`);

/** Statuses of a connector charging (or paused in a session): a session runs on it, known or not. */
export const CHARGING = new Set(['Charging', 'SuspendedEV', 'SuspendedEVSE']);
/** Statuses of a connector with a session on it only when a transaction is known (else a cable in, no session). */
export const AROUND_SESSION = new Set(['Preparing', 'Finishing']);

/**
 * What keeps the connector from being checked, in words (a session runs on it: its transaction, or its status
 * when no transaction is known), else null. A transaction only the record holds open, its connector neither
 * charging nor seen with a session in this run, is `stale`.
 */
function busy(t: CaseContext, connectorId: number): { why: string | null; stale: number | null } {
  const tx = t.transactionOn(connectorId);
  const seen = [...t.host.frames.transactions].find(([, s]) => s.connectorId === connectorId)?.[0] ?? null;
  if (seen !== null) return { why: `a session runs on it (transaction ${seen})`, stale: null };
  const status = t.host.connectorStatus(connectorId);
  if (status !== null && CHARGING.has(status))
    return { why: `the connector is ${status}: a session runs on it${tx !== null ? ` (transaction ${tx})` : ' (no transaction the bench knows of)'}`, stale: null };
  if (status !== null && AROUND_SESSION.has(status) && tx !== null) return { why: `a session runs on it (transaction ${tx}, the connector ${status})`, stale: null };
  return { why: null, stale: tx };
}

/** What a failed exchange was, short, for a connector's row. */
const failedWords = (e: StepFailure): string => (e.actual.startsWith('nothing came') ? `${e.expected.replace(/ within \d+ s$/, '')}: nothing came` : e.actual);

/**
 * Runs each connector's part: a StepFailure of one connector (no answer, a refusal) is its row and the others
 * are still checked; the first such failure then ends the step (its words name what the charger did).
 */
async function eachConnector(t: CaseContext, wanted: string, part: (connectorId: number) => Promise<void>): Promise<{ skipped: number[] }> {
  let first: StepFailure | null = null;
  const skipped: number[] = [];
  const ids = connectorsOf(t);
  countNote(t, ids);
  for (const c of ids) {
    const { why, stale } = busy(t, c);
    if (why !== null) {
      skipped.push(c);
      t.measure(`Connector ${c}`, `not checked: ${why}`, null, wanted);
      continue;
    }
    if (stale !== null) t.note(`the record holds transaction ${stale} open on connector ${c}; close it in the record (Transactions) if it no longer runs`);
    const status = t.host.connectorStatus(c);
    if (status !== null && AROUND_SESSION.has(status)) t.note(`connector ${c} is ${status}: a cable is in, no session; checked as any other`);
    try {
      await part(c);
    } catch (e) {
      if (!(e instanceof StepFailure)) throw e;
      // The charger's own answer (a refusal) decides the step over a connector it could not be asked about
      // (offline then): a real failure is not left inconclusive by an outage on another connector.
      if (!first || (offlineActual.test(first.actual) && !offlineActual.test(e.actual))) first = e;
      t.measure(`Connector ${c}`, failedWords(e), false, wanted);
    }
  }
  if (first) throw first;
  return { skipped };
}

const notChecked = (skipped: number[]) =>
  new Inconclusive(
    `${list(skipped)} ${skipped.length === 1 ? 'was' : 'were'} not checked: a session runs on ${skipped.length === 1 ? 'it' : 'them'} (checking would end it); Run again when ${skipped.length === 1 ? 'it is' : 'they are'} free.`,
  );

/**
 * UnlockConnector on every connector. Without a cable in it a socket's lock answers Unlocked (the actuator
 * opens); UnlockFailed is a lock that did not open; NotSupported is a connector without a lock (a fixed cable):
 * not applicable to it, and to the step when no connector has one.
 */
export async function unlockEach(t: CaseContext): Promise<void> {
  if (t.pics.fixedCable) t.notApplicable('The charger has a fixed cable');
  const answers = new Map<number, string>();
  // A connector the bench could not ask (offline then) does not hide another's real refusal: that is judged first.
  let unasked: unknown = null;
  const { skipped } = await eachConnector(t, 'Unlocked', async (c) => {
    const r = await t.send('UnlockConnector', { connectorId: c }, { title: `Bench unlocks connector ${c} (UnlockConnector)`, callErrors: 'any' });
    const status = r.callError !== undefined ? `CALLERROR ${String(r.callError)}` : String(r.status);
    answers.set(c, status);
    t.measure(
      `Connector ${c}`,
      status,
      status === 'Unlocked' ? true : status === 'NotSupported' ? null : false,
      status === 'NotSupported' ? 'Unlocked (NotSupported: no lock on this connector, e.g. a fixed cable)' : 'Unlocked',
    );
  }).catch((e: unknown) => {
    unasked = e;
    return { skipped: [] as number[] };
  });
  const failed = [...answers].filter(([, s]) => s !== 'Unlocked' && s !== 'NotSupported');
  const which = failed.length > 1 ? 'each socket' : 'that socket';
  t.check(failed.length === 0, 'every connector to unlock', failed.map(([c, s]) => `connector ${c} answered ${s}`).join(', ') + `: check the lock actuator of ${which} (nothing may hold the plug)`);
  if (unasked) throw unasked;
  if (skipped.length) throw notChecked(skipped);
  if (answers.size > 0 && [...answers.values()].every((s) => s === 'NotSupported')) t.notApplicable('The charger answers NotSupported on every connector (a fixed cable, or no lock)');
  const none = [...answers].filter(([, s]) => s === 'NotSupported').map(([c]) => c);
  if (none.length) t.note(`${list(none)} answered NotSupported: no lock to unlock there (a fixed cable, or no lock)`);
}

/** ChangeAvailability on every connector: Inoperative (it reports Unavailable), then Operative (Available again). */
export async function availabilityEach(t: CaseContext): Promise<void> {
  t.touched.availability = true;
  const wanted = 'Unavailable, then Available';
  const { skipped } = await eachConnector(t, wanted, async (c) => {
    await t.send(
      'ChangeAvailability',
      { connectorId: c, type: 'Inoperative' },
      { checks: { status: 'Accepted' }, title: `Bench takes connector ${c} out of service (ChangeAvailability Inoperative)` },
    );
    await t.expect('StatusNotification', { where: { connectorId: c, status: 'Unavailable' }, title: `Connector ${c} reports Unavailable` });
    await t.send('ChangeAvailability', { connectorId: c, type: 'Operative' }, { checks: { status: 'Accepted' }, title: `Bench puts connector ${c} back in service (ChangeAvailability Operative)` });
    await t.expect('StatusNotification', { where: { connectorId: c, status: 'Available' }, title: `Connector ${c} reports Available` });
    t.measure(`Connector ${c}`, wanted, true, wanted);
  });
  if (skipped.length) throw notChecked(skipped);
}
