// What Set charging profile and Clear charging profile say before they change the power of sessions
// running now: which sessions a profile reaches (connector 0: every connector of the charger; connector N:
// its own), and, in plain words, what installing or clearing it does to them and from when. What runs is
// the one rule of components/running (isRunning): a session not running, or not confirmed and not counted,
// is never a reason to ask.
import type { ChargingProfilePurposeType } from '../../../../../shared/ocpp16';
import { benchNow } from '../../../components/benchClock';
import { formatWhen } from '../../../components/format';
import { isRunning, plural, type RunningTransaction } from '../../../components/running';

/** The running sessions a profile on `connectorId` reaches: every one on connector 0 (the charger as a whole), else those on it. */
export function reachedBy<T extends Pick<RunningTransaction, 'connectorId' | 'connectorSays' | 'supersededBy' | 'unconfirmedSince' | 'mayStillRun'>>(
  connectorId: number | undefined,
  held: readonly T[],
): T[] {
  return held.filter((t) => isRunning(t) && (!connectorId || t.connectorId === connectorId));
}

const sessionsRun = (n: number) => `${plural(n, 'session')} ${n === 1 ? 'runs' : 'run'}`;
const theSessions = (n: number) => (n === 1 ? 'the session running now' : 'the sessions running now');
/** The words that refer back to "the session(s) running now", agreeing with how many: one "does" and is "it", several "do" and are "they". */
const agree = (n: number) => (n === 1 ? { they: 'it', do: 'does', their: 'its', them: 'it' } : { they: 'they', do: 'do', their: 'their', them: 'them' });

/** "CP001" (connector 0: the whole charger) or "connector 2 of CP001". */
const where = (chargerId: string, connectorId: number) => (connectorId === 0 ? chargerId : `connector ${connectorId} of ${chargerId}`);

/** What a profile sent needs to be said: its purpose, the transaction it names, when it starts to apply. */
export interface ProfileSent {
  chargingProfilePurpose?: unknown;
  transactionId?: unknown;
  chargingProfileKind?: unknown;
  validFrom?: unknown;
  chargingSchedule?: { startSchedule?: unknown };
}

/**
 * From when the profile applies, in words: "from 10:02 (its schedule's start)" or "from 10:05 (when it becomes
 * valid)" when that is still ahead, else "at once".
 */
export function fromWhen(profile: ProfileSent, now = benchNow()): string {
  const at = (v: unknown) => (typeof v === 'string' && Number.isFinite(Date.parse(v)) ? Date.parse(v) : null);
  const start = profile.chargingProfileKind === 'Relative' ? null : at(profile.chargingSchedule?.startSchedule);
  const valid = at(profile.validFrom);
  const ahead = [
    { t: start, why: "its schedule's start" },
    { t: valid, why: 'when it becomes valid' },
  ].filter((c): c is { t: number; why: string } => c.t !== null && c.t > now);
  if (!ahead.length) return 'at once';
  const last = ahead.reduce((a, b) => (b.t > a.t ? b : a));
  return `from ${formatWhen(last.t, now)} (${last.why})`;
}

/** The running transaction a TxProfile on this connector is for, when one runs there. */
export function txProfileFor(purpose: ChargingProfilePurposeType, connectorId: number, running: readonly RunningTransaction[]): RunningTransaction | undefined {
  return purpose === 'TxProfile' && connectorId > 0 ? running.find((t) => t.connectorId === connectorId) : undefined;
}

/** The title of the confirmation: "Install a TxDefaultProfile on CP001 while 2 sessions run?"; a TxProfile names its transaction. */
export function installTitle(purpose: ChargingProfilePurposeType, chargerId: string, connectorId: number, sessions: number, tx?: Pick<RunningTransaction, 'transactionId' | 'idTag'>): string {
  if (tx) return `Install a TxProfile for transaction ${tx.transactionId} (${tx.idTag}) on ${where(chargerId, connectorId)}?`;
  return `Install a ${purpose} on ${where(chargerId, connectorId)} while ${sessionsRun(sessions)}?`;
}

/**
 * What installing it does to the sessions running there (`running`, as the confirmation lists them above it;
 * `untracked`: connectors there reporting a session the bench holds no transaction for, listed too).
 */
export function installConsequence(profile: ProfileSent, connectorId: number, running: readonly RunningTransaction[], untracked = 0, now = benchNow()): string {
  const when = fromWhen(profile, now);
  const purpose = profile.chargingProfilePurpose;
  const n = running.length + untracked;
  const them = theSessions(n);
  const w = agree(n);
  if (purpose === 'TxProfile') {
    const tx = running.find((t) => t.connectorId === connectorId);
    if (!tx) return `It is for a running transaction, and the bench knows of none running on connector ${connectorId}: the charger should reject it.`;
    const named = typeof profile.transactionId === 'number' ? profile.transactionId : undefined;
    if (named !== undefined && named !== tx.transactionId)
      return `It names transaction ${named}, not the one running here (${tx.transactionId}, ${tx.idTag}): the charger should reject it. Should it take it, it limits the charging power of transaction ${tx.transactionId} ${when}.`;
    return `It limits the charging power of transaction ${tx.transactionId} (${tx.idTag}) ${when}, until that transaction ends: it may charge slower than it does now.`;
  }
  if (purpose === 'ChargePointMaxProfile') return `It caps what the whole charger may draw ${when}: ${them} (listed above) may charge slower than ${w.they} ${w.do} now, without being told.`;
  const reach = connectorId === 0 ? 'on every connector' : `on connector ${connectorId}`;
  return `It may change the charging power of ${them} (listed above) ${when}, ${reach}, where no TxProfile of ${w.their} own applies; sessions that start later follow it too.`;
}

/** The title of Clear's confirmation; while sessions run where it clears, it says how many. */
export function clearTitle(criteria: string, chargerId: string, sessions: number): string {
  const what = criteria ? `Clear the charging profiles of ${chargerId} matching ${criteria}` : `Clear every charging profile of ${chargerId}`;
  // A comma ends the criteria ("…matching connector 1, purpose TxProfile, while 1 session runs?").
  return sessions ? `${what}${criteria ? ',' : ''} while ${sessionsRun(sessions)}?` : `${what}?`;
}

/** What clearing does: the profiles go, and what their limits going does to the `sessions` running where it clears. */
export function clearConsequence(criteria: string, sessions: number): string {
  const gone = criteria ? `Profiles matching ${criteria} are removed.` : 'Every charging profile on the charger is removed.';
  if (!sessions) return `${gone} No session runs there now; sessions that start later charge without their limits.`;
  const w = agree(sessions);
  return `${gone} Their limits stop applying at once: ${theSessions(sessions)} (listed above) may draw more power than ${w.they} ${w.do} now, even above a site's limit these profiles kept ${w.them} under.`;
}
