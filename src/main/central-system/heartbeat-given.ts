// The heartbeat interval a charger is given, as the bench sees it happen: the interval of its answer to a
// BootNotification that accepted the charger (as sent: a bench behaviour may have changed it), a
// ChangeConfiguration of HeartbeatInterval the charger accepted, or a GetConfiguration answer that reported
// it. Kept per charger in the record (chargers.heartbeatGiven), so "heartbeat overdue" is judged against
// what the charger was told, not the bench's setting now. An interval of 0 is kept as given too: OCPP 1.6
// defines HeartbeatInterval as the inactivity after which the charger sends a Heartbeat.req and gives 0 no
// other meaning (only for a boot answer other than Accepted, where 0 lets the charger pick its retry wait),
// so a charger told 0 was told to send no heartbeats: nothing is expected of it, and its silence is never
// "heartbeat overdue" (the renderer's heartbeatInterval.ts). Dropping it would leave an older interval
// standing, and a healthy charger said silent.
import type { HeartbeatGiven } from '../store/repositories/chargers';

/** A value of whole seconds, 0 or more ("60", " 3600 ", "0": no heartbeats; a number as a charger may wrongly send), else null. */
function wholeSeconds(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

const isHeartbeatKey = (key: unknown): boolean => typeof key === 'string' && key.trim().toLowerCase() === 'heartbeatinterval';

/** The interval of a BootNotification answer (the CALLRESULT frame's text) when it accepted the charger; null otherwise. */
export function bootAnswerInterval(raw: string): number | null {
  try {
    const frame: unknown = JSON.parse(raw);
    const payload = Array.isArray(frame) ? (frame[2] as { status?: unknown; interval?: unknown } | null | undefined) : null;
    return payload?.status === 'Accepted' && typeof payload.interval === 'number' ? wholeSeconds(payload.interval) : null;
  } catch {
    return null;
  }
}

/**
 * The heartbeat interval an operation's completed answer tells: a ChangeConfiguration of HeartbeatInterval
 * the charger accepted ('set'; not RebootRequired: not in force until it reboots, and its boot answer then
 * gives the interval), or a GetConfiguration answer reporting it ('read'); null for anything else.
 */
export function configuredInterval(action: string, request: unknown, response: unknown, at: string): HeartbeatGiven | null {
  if (action === 'ChangeConfiguration') {
    const req = request as { key?: unknown; value?: unknown } | null;
    const accepted = (response as { status?: unknown } | null)?.status === 'Accepted';
    const seconds = accepted && isHeartbeatKey(req?.key) ? wholeSeconds(req?.value) : null;
    return seconds === null ? null : { seconds, how: 'set', at };
  }
  if (action === 'GetConfiguration') {
    const keys = (response as { configurationKey?: unknown } | null)?.configurationKey;
    const found = Array.isArray(keys) ? (keys as Array<{ key?: unknown; value?: unknown } | null>).find((k) => isHeartbeatKey(k?.key)) : undefined;
    const seconds = found ? wholeSeconds(found.value) : null;
    return seconds === null ? null : { seconds, how: 'read', at };
  }
  return null;
}
