// Whether a composite schedule read from a charger still stands: it is the charger's answer at the time it
// was read, and a charging profile installed or cleared since (from any panel of this window, or any face
// of the bench as its record holds it), a boot of the charger since, or the charger out of reach now each
// make it something else than "the schedule the charger will follow".
import type { OperationSlot } from '../../../stores/operations';
import type { OperationResult, OperationView } from '../../../../../shared/api/views';
import { formatClock } from '../../../components/format';
import { asLastKnown } from '../../../components/lastKnownNote';
import type { Tone } from '../kit/meanings';

/** The actions that change what a charger's composite schedule is: a RemoteStartTransaction only when it carries a TxProfile. */
export const PROFILE_ACTIONS = ['SetChargingProfile', 'ClearChargingProfile', 'RemoteStartTransaction'] as const;
const changing = new Set<string>(PROFILE_ACTIONS);

/** The read the schedule came from: when it was asked for and answered (the bench's clock), and its row in the bench's record when known. */
export interface ScheduleRead {
  requestedAt: string;
  settledAt: string;
  operationId: number | null;
}

/** A send that may have changed the charger's profiles: what, when, and how it stands ("Accepted", "still waiting for its answer"). */
export interface ProfileChange {
  action: string;
  at: string;
  how: string;
}

const carriesProfile = (action: string, request: unknown): boolean =>
  action !== 'RemoteStartTransaction' || (typeof request === 'object' && request !== null && 'chargingProfile' in request && (request as { chargingProfile?: unknown }).chargingProfile !== undefined);

/**
 * How an outcome leaves the charger's profiles: null when they are surely as they were (refused, nothing
 * removed, never sent), else in words. A send whose answer never came may have changed them.
 */
function outcomeHow(outcome: string | null, response: unknown, sent = true): string | null {
  switch (outcome) {
    case null:
      return 'still waiting for its answer';
    case 'completed':
      return (response as { status?: unknown } | null)?.status === 'Accepted' ? 'Accepted' : null;
    case 'callError':
      return null;
    case 'offline':
      return sent ? 'its connection dropped before an answer' : null;
    case 'timeout':
      return 'no answer in time';
    default:
      return 'an invalid answer';
  }
}

const resultHow = (r: OperationResult): string | null => outcomeHow(r.outcome, r.outcome === 'completed' ? r.response : null, r.outcome !== 'offline' || !!r.sent);

/** A send of this window's (a panel's slot) that may have changed the profiles after the read; null otherwise. */
function slotChange(s: OperationSlot, read: ScheduleRead): ProfileChange | null {
  if (!s.action || !changing.has(s.action) || !s.requestedAt || !carriesProfile(s.action, s.request)) return null;
  const id = (s.result?.operationId ?? s.recorded?.operationId) || null;
  const after = read.operationId !== null && id !== null ? id > read.operationId : Date.parse(s.requestedAt) > Date.parse(read.requestedAt);
  if (!after) return null;
  if (s.pending) return { action: s.action, at: s.requestedAt, how: 'still waiting for its answer' };
  // The bench refused it (4xx): nothing was sent.
  if (s.failure) return s.failure.status !== undefined && s.failure.status >= 400 && s.failure.status < 500 ? null : { action: s.action, at: s.requestedAt, how: 'its outcome unknown' };
  const how = s.result ? resultHow(s.result) : null;
  return how ? { action: s.action, at: s.settledAt ?? s.requestedAt, how } : null;
}

/** One in the bench's record (sent from any face) that may have changed the profiles after the read; null otherwise. */
function recordChange(o: OperationView, read: ScheduleRead): ProfileChange | null {
  if (!changing.has(o.action) || !carriesProfile(o.action, o.request)) return null;
  const after = read.operationId !== null ? o.id > read.operationId : Date.parse(o.sentAt) > Date.parse(read.requestedAt);
  const how = after ? outcomeHow(o.outcome, o.response) : null;
  return how ? { action: o.action, at: o.finishedAt ?? o.sentAt, how } : null;
}

/** The first send since the read that may have changed the charger's profiles, from this window's slots and the bench's record; null when none. */
export function firstChangeSince(read: ScheduleRead, slots: Record<string, OperationSlot> | undefined, record: readonly OperationView[]): ProfileChange | null {
  const all = [...Object.values(slots ?? {}).map((s) => slotChange(s, read)), ...record.map((o) => recordChange(o, read))].filter((c): c is ProfileChange => c !== null);
  return all.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0] ?? null;
}

/** What a schedule read says now, in the result's words: its tone and meaning. */
export interface ScheduleStanding {
  tone: Tone;
  meaning: string;
  /** Read before a profile change or a boot since: it may no longer be the schedule. */
  outdated: boolean;
  /** The charger is not live: the schedule is the last known. */
  lastKnown: boolean;
}

/**
 * The words of an Accepted schedule read: "as read at 10:02:13"; read before a profile change or a boot of
 * the charger since (`lastBoot`, the bench's clock): that it may no longer be the schedule, and to get it
 * again; while the charger is not live (`lastKnown`: lastKnownNote's), as the last known.
 */
export function scheduleStanding(chargerId: string, read: ScheduleRead, change: ProfileChange | null, lastBoot: string | null | undefined, lastKnown: string | null): ScheduleStanding {
  const readAt = formatClock(read.settledAt);
  const rebooted = lastBoot && Date.parse(lastBoot) > Date.parse(read.settledAt) ? lastBoot : null;
  const since = [
    change && `before the profiles were changed at ${formatClock(change.at)} (${change.action}, ${change.how})`,
    rebooted && `before ${chargerId} rebooted at ${formatClock(rebooted)}`,
  ].filter(Boolean);
  if (since.length) {
    const words = (read: string) => `${read} at ${readAt}, ${since.join(' and ')}: it may no longer be the schedule the charger follows. Get it again.`;
    return { tone: 'warning', meaning: asLastKnown(lastKnown, words('Read'), words('read')), outdated: true, lastKnown: lastKnown !== null };
  }
  return {
    tone: lastKnown === null ? 'success' : 'info',
    meaning: asLastKnown(
      lastKnown,
      `This is the schedule the charger will follow, all its profiles combined, as read at ${readAt}.`,
      `the schedule the charger would follow, all its profiles combined, as read at ${readAt}.`,
    ),
    outdated: false,
    lastKnown: lastKnown !== null,
  };
}
