// What the bench knows of a charger beyond its own frames: whether its recent connection attempts are
// refused (and why, in the Connect screen's words), how its last connection ended, and the settings that
// shape how it is let in and how often it must be heard from. The Chargers list and the charger's page read
// them here, so a charger the bench keeps refusing, or one dropped after going silent, never looks merely "Offline".
import { useEffect, useMemo, useState } from 'react';
import { useClient } from '../api/context';
import { useThrottledBench, type BenchState } from '../stores/bench';
import { useLoad } from './useCall';
import { closedAbnormally } from './heartbeatInterval';
import { formatWhen } from './format';
import type { AdmissionChangeView, BenchSettings, ChargerView, ConnectionAttemptView } from '../../../shared/api/views';
import { benchNow } from './benchClock';

/** How many of the newest attempts are read: enough for a fleet retrying, few enough to read every second. */
export const ATTEMPTS_READ = 1000;

/** A charger's refusals since its last accepted (or closed, or replaced) connection. */
export interface Refusal {
  chargerId: string;
  /** Refused attempts in a row, newest last. */
  count: number;
  /** The first of them (ISO). */
  since: string;
  /** The newest (ISO). */
  last: string;
  /** The newest refusal's reason, in full (what the Connect screen shows). */
  reason: string;
  /** The HTTP status the refusal was answered with; null when its reason is not one of admission's (refused before HTTP, or a reason this UI does not know). */
  status: number | null;
  /** The reason in a few words: "password missing". */
  short: string;
  /** What to do, in a few words: "set its password". */
  fix: string;
}

/** The refusal reasons' heads (the bench's admission words) with the HTTP status and the fix in a few words. */
const kinds: Array<{ head: string; status: number; fix: string }> = [
  { head: 'Password missing', status: 401, fix: 'set its password (AuthorizationKey) on the charger' },
  { head: 'Wrong password', status: 401, fix: 'set the same password on the charger and here' },
  { head: 'No password set', status: 401, fix: 'set a password for it here, or stop requiring one' },
  { head: 'Password unreadable', status: 401, fix: 'set its password here again' },
  { head: 'Wrong kind of login', status: 401, fix: "check the charger's security profile 1 login" },
  { head: 'Unreadable password', status: 401, fix: "check the charger's security profile 1 login" },
  { head: 'Wrong user', status: 401, fix: 'check the identity the charger logs in with' },
  { head: 'Unknown charger', status: 403, fix: 'register it, or let unknown chargers in (Settings)' },
  { head: 'Browser page refused', status: 403, fix: 'allow browser pages in Settings' },
  { head: 'Bench offline on purpose', status: 503, fix: 'Bench behaviour: back to normal' },
  { head: 'Wrong OCPP version', status: 400, fix: 'set the charger to OCPP 1.6J' },
  { head: 'Identity too long', status: 400, fix: 'give the charger a shorter id' },
  { head: 'Unprintable identity', status: 400, fix: 'give the charger a printable id' },
  { head: 'Invalid identity', status: 400, fix: 'give the charger an id that is not blank, without spaces at its ends' },
];

/**
 * A refusal reason's HTTP status, few words and fix: the one reading of a reason, for the Chargers list
 * and the Connect screen alike. The status is null for a reason not of admission's (a connection refused
 * before HTTP: TLS, over a cap, no handshake; or a reason this UI does not know): no status is made up.
 */
export function refusalKind(reason: string | null): { status: number | null; short: string; fix: string } {
  const head = (reason ?? '').split(':')[0].trim();
  const kind = kinds.find((k) => k.head.toLowerCase() === head.toLowerCase());
  // One of the bench's own virtual chargers: its password is set on its card (the bench gets the same one).
  if (kind?.status === 401 && /one of this bench's virtual chargers/.test(reason ?? '')) return { status: 401, short: kind.head.toLowerCase(), fix: 'set its password on its card (Virtual chargers)' };
  if (kind) return { status: kind.status, short: kind.head.toLowerCase(), fix: kind.fix };
  return { status: null, short: head ? head.toLowerCase() : 'no reason given', fix: 'see the Connect screen' };
}

/** The HTTP status a refusal was answered with (refusalKind); null for a connection refused before HTTP (TLS, over a cap, no handshake) or a reason not known here. */
export function refusalStatus(reason: string | null): number | null {
  return refusalKind(reason).status;
}

/** A refusal's chip: "Refused (401)", or plain "Refused" when no HTTP status is known. */
export const refusedLabel = (r: Pick<Refusal, 'status'>): string => (r.status === null ? 'Refused' : `Refused (${r.status})`);

/**
 * The chargers whose newest attempts (newest first, as connectionAttempts:list gives them) are refusals,
 * with how many in a row since when and the newest reason. A charger let in since is not listed.
 */
export function refusalsOf(attempts: readonly ConnectionAttemptView[]): Record<string, Refusal> {
  const out: Record<string, Refusal> = {};
  const settled = new Set<string>();
  for (const a of attempts) {
    const id = a.chargerId;
    if (id === null || settled.has(id)) continue;
    if (a.outcome !== 'refused') {
      settled.add(id);
      continue;
    }
    // A line stands for `count` identical refusals in a row, from firstTs to ts.
    const count = a.count ?? 1;
    const first = a.firstTs ?? a.ts;
    const seen = out[id];
    if (seen) {
      seen.count += count;
      if (first < seen.since) seen.since = first;
    } else out[id] = { chargerId: id, count, since: first, last: a.ts, reason: a.reason ?? '', ...refusalKind(a.reason) };
  }
  return out;
}

/**
 * The change on the bench to how the charger is let in (its password set or cleared, its registration:
 * the view's `admissionChange`) when it came after the charger's last refusal: that refusal is then not the
 * last word, the charger's next attempt meets the change. Null otherwise.
 */
export function changedSinceRefusal(refusal: Pick<Refusal, 'last'>, change: ChargerView['admissionChange']): AdmissionChangeView | null {
  if (!change) return null;
  const at = Date.parse(change.at);
  return Number.isFinite(at) && at > Date.parse(refusal.last) ? change : null;
}

const changeNames: Record<AdmissionChangeView['what'], string> = { password: 'Password changed', passwordCleared: 'Password cleared', registered: 'Registered' };

/** "Password changed at 03:12:10 PM; waiting for the charger's next attempt (the last refusal was before it)". */
export function changeWords(change: AdmissionChangeView, now = benchNow()): string {
  return `${changeNames[change.what]} at ${formatWhen(change.at, now)}; waiting for the charger's next attempt (the last refusal was before it)`;
}

/** The change in two short lines, for a list's narrow column: "password changed 03:12:10 PM", "waiting for its next attempt". */
export function changeShort(change: AdmissionChangeView, now = benchNow()): [string, string] {
  return [`${changeNames[change.what].toLowerCase()} ${formatWhen(change.at, now)}`, 'waiting for its next attempt'];
}

/** How a charger's newest connection ended: when the bench saw it close, and why. */
export interface Drop {
  /** When the connection was seen to close (ISO): after a silent loss, up to a ping interval after the last contact. */
  at: string;
  /** The close in words (the Connect screen's). */
  reason: string | null;
}

/** The chargers whose newest attempt is their connection closing (newest first, as connectionAttempts:list gives them). */
export function dropsOf(attempts: readonly ConnectionAttemptView[]): Record<string, Drop> {
  const out: Record<string, Drop> = {};
  const seen = new Set<string>();
  for (const a of attempts) {
    if (a.chargerId === null || seen.has(a.chargerId)) continue;
    seen.add(a.chargerId);
    if (a.outcome === 'closed') out[a.chargerId] = { at: a.ts, reason: a.reason };
  }
  return out;
}

/** Silence a heartbeat may take past its interval before it is overdue (a heartbeat on its way, a busy charger). */
export const HEARTBEAT_GRACE_MS = 10_000;

/**
 * How long an offline charger had been silent when its connection was lost (no close frame, or the bench's
 * ping unanswered: closedAbnormally), when that was longer than `heartbeatIntervalS` allows
 * (HEARTBEAT_GRACE_MS more): its heartbeat was overdue before the drop. Null otherwise, for a clean close
 * (1000, 1001: the charger said goodbye, a reboot), when the interval is 0 (the charger was told to send
 * no heartbeats: its silence was asked for) and when it is not known. (With a short
 * interval the bench's WebSocket ping drops a silent connection before "heartbeat overdue" shows on the
 * online charger: this says it afterwards.) The interval is the one the charger was given (its view's
 * `heartbeatGiven`: heartbeatInterval.ts givenBy), so a charger given a much shorter interval than the
 * bench's setting is judged on its own; the setting only for a first look when the view tells none.
 */
export function silentBeforeDrop(lastSeen: string | undefined, drop: Drop | undefined, heartbeatIntervalS: number | null | undefined): number | null {
  if (!lastSeen || !drop || !heartbeatIntervalS || heartbeatIntervalS <= 0 || !closedAbnormally(drop.reason)) return null;
  const silent = Date.parse(drop.at) - Date.parse(lastSeen);
  return Number.isFinite(silent) && silent > heartbeatIntervalS * 1000 + HEARTBEAT_GRACE_MS ? silent : null;
}

const selectConnectionsVersion = (s: BenchState) => s.connectionsVersion;

/** What the newest attempts say of each charger: who is being refused now, and how each offline one's connection ended. Read again (at most once a second) as attempts come. */
export function useConnectionNews(): { refusals: Record<string, Refusal>; drops: Record<string, Drop> } {
  const client = useClient();
  const version = useThrottledBench(selectConnectionsVersion);
  const attempts = useLoad(() => client.call('connectionAttempts:list', { limit: ATTEMPTS_READ }), [client, version]);
  return useMemo(() => ({ refusals: refusalsOf(attempts.data ?? []), drops: dropsOf(attempts.data ?? []) }), [attempts.data]);
}

/** The chargers being refused now (useConnectionNews). */
export function useRefusals(): Record<string, Refusal> {
  return useConnectionNews().refusals;
}

/** How often the settings are read again while a charger screen is open (a change in Settings shows within this). */
export const SETTINGS_REFRESH_MS = 10_000;

/** The bench's settings (null until read, or when they cannot be): read when a screen opens, as attempts come and every SETTINGS_REFRESH_MS. */
export function useBenchSettings(): BenchSettings | null {
  const client = useClient();
  const version = useThrottledBench(selectConnectionsVersion);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), SETTINGS_REFRESH_MS);
    return () => clearInterval(t);
  }, []);
  // Kept while read again (useLoad keeps the last data): no flicker back to "unknown".
  return useLoad(() => client.call('settings:get', {}), [client, version, tick]).data;
}
