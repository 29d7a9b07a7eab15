// The heartbeat interval a charger was working to, as the bench last knew it: the interval of the bench's
// answer to its boot (the bench's setting at that boot), unless a configuration change the charger
// accepted, or a configuration read, came after it; the bench's setting now when the record tells none of
// these. And whether a connection's end was abnormal (no close frame, the bench's ping unanswered): only
// then can a silence before it say the heartbeat was overdue (a charger that closed cleanly said goodbye).
import { useEffect, useMemo, useState } from 'react';
import { useClient } from '../api/context';
import type { BenchClient } from '../api/client';
import type { ChargerView, MessageView } from '../../../shared/api/views';
import { CONFIG_ACTIONS, configKeyOf, wholeSeconds, type KnownConfigValue } from './configKey';
import { benchNow } from './benchClock';

/** A heartbeat interval (s), where it comes from and when (the bench's clock; null for the setting). */
export interface KnownInterval {
  seconds: number;
  how: 'boot' | 'read' | 'set' | 'setting';
  at: string | null;
  /**
   * The setting stands in for an interval the charger was given at an accepted boot that the bench did not
   * track: a boot recorded by an earlier version (the record upgraded), tracked again from its next boot.
   */
  untracked?: boolean;
}

/**
 * Whether the interval a charger was given is 0: it was told to send no heartbeats (OCPP 1.6 gives
 * HeartbeatInterval 0 no other meaning), so no heartbeat is expected of it and its silence is never
 * "heartbeat overdue" (reach.ts silenceOf, refusals.ts silentBeforeDrop, chargerFields.tsx).
 */
export const noHeartbeatAsked = (k: Pick<KnownInterval, 'seconds'> | null | undefined): boolean => k?.seconds === 0;

/** Boot answers looked at (the newest Accepted one counts); configuration reads and changes looked at. */
export const BOOT_LOOK_BACK = 5;
export const CONFIG_LOOK_BACK = 20;

/**
 * Whether a connection's end (its reason in the Connect screen's words) was abnormal: no close frame
 * (1006: the network dropped, the charger died, or the bench's ping went unanswered). A clean close (1000,
 * 1001) or any other code is not, nor an end whose reason is not known.
 */
export function closedAbnormally(reason: string | null | undefined): boolean {
  return !!reason && (/\(1006\b/.test(reason) || /no close frame/i.test(reason) || /stopped answering (websocket )?pings/i.test(reason));
}

/** The interval of a BootNotification answer the bench sent (a CALLRESULT frame; 0: no heartbeats), when it accepted the charger; null otherwise. */
export function bootAnswerInterval(frame: Pick<MessageView, 'raw' | 'ts' | 'kind' | 'direction'>): { seconds: number; at: string } | null {
  if (frame.kind !== 'CALLRESULT' || frame.direction !== 'out') return null;
  try {
    const parsed: unknown = JSON.parse(frame.raw);
    const payload = Array.isArray(parsed) ? (parsed[2] as { status?: unknown; interval?: unknown } | null) : null;
    const seconds = payload?.interval;
    return payload?.status === 'Accepted' && typeof seconds === 'number' && Number.isInteger(seconds) && seconds >= 0 ? { seconds, at: frame.ts } : null;
  } catch {
    return null;
  }
}

/**
 * The interval as last known by `until` (ISO): the newer of the boot answer's and a configuration read or
 * change of HeartbeatInterval (`config`, configKeyOf); the bench's setting now (`settingS`) when neither is
 * known. Null when nothing is. An interval of 0 (the charger told to send no heartbeats) is one like any
 * other here: noHeartbeatAsked tells it.
 */
export function heartbeatIntervalOf(boot: { seconds: number; at: string } | null, config: KnownConfigValue | null, settingS: number | null | undefined): KnownInterval | null {
  const configured = config ? wholeSeconds(config.value) : null;
  const fromConfig = config && configured !== null && Number.isSafeInteger(configured) ? { seconds: configured, how: config.how, at: config.at } : null;
  if (boot && fromConfig) return Date.parse(fromConfig.at) > Date.parse(boot.at) ? fromConfig : { ...boot, how: 'boot' };
  if (boot) return { ...boot, how: 'boot' };
  if (fromConfig) return fromConfig;
  return settingS && settingS > 0 ? { seconds: settingS, how: 'setting', at: null } : null;
}

/** A charger as givenInterval reads it: its boot (when the view carries it) tells whether an interval was given that the view does not hold. */
type GivenOf = Pick<ChargerView, 'heartbeatGiven'> & Partial<Pick<ChargerView, 'registrationStatus' | 'lastBoot'>>;

const tracked = (charger: GivenOf | undefined): boolean => {
  const given = charger?.heartbeatGiven;
  return !!given && Number.isInteger(given.seconds) && given.seconds >= 0;
};

/** Whether the charger was accepted at a boot whose interval its view does not hold (recorded by an earlier version). */
const untrackedBoot = (charger: GivenOf | undefined): boolean => !!charger && !tracked(charger) && charger.registrationStatus === 'Accepted' && !!charger.lastBoot;

/**
 * The interval a charger works to now, from its view: the one the bench tracked as it gave it (its boot
 * answer's, or a later accepted change or read of HeartbeatInterval: `heartbeatGiven`), else the bench's
 * setting now (`settingS`; `untracked` when the charger was accepted at a boot whose interval the view
 * does not hold); null when neither is known. For an online charger: nothing is read per charger.
 */
export function givenInterval(charger: GivenOf | undefined, settingS: number | null | undefined): KnownInterval | null {
  const given = charger?.heartbeatGiven;
  if (given && tracked(charger)) return { seconds: given.seconds, how: given.how, at: given.at };
  if (!settingS || !(settingS > 0)) return null;
  return untrackedBoot(charger) ? { seconds: settingS, how: 'setting', at: null, untracked: true } : { seconds: settingS, how: 'setting', at: null };
}

/**
 * On a charger's page (which reads its frames anyway): the charger as its view gives it, with the interval
 * it was given read from the record (its boot answer, or a later configuration change or read of it:
 * useHeartbeatIntervalAt) when the view holds none though it was accepted at a boot (a boot recorded by an
 * earlier version), so every notice on the page judges by the same, real interval. As given otherwise,
 * while it is read, and when the record tells none.
 */
export function useHeartbeatGivenRead<C extends GivenOf & Pick<ChargerView, 'id'>>(charger: C | undefined): C | undefined {
  // Anything the bench gives the charger from now on is in its view: the record up to now tells the rest.
  const [until] = useState(() => new Date(benchNow()).toISOString());
  const read = untrackedBoot(charger);
  const { known } = useHeartbeatIntervalAt(read ? charger!.id : null, read ? until : null, null);
  const seconds = known?.seconds;
  const how = known?.how;
  const at = known?.at ?? null;
  return useMemo(() => {
    if (!charger || !read || seconds === undefined || how === undefined || how === 'setting' || at === null) return charger;
    return { ...charger, heartbeatGiven: { seconds, how, at } };
  }, [charger, read, seconds, how, at]);
}

/**
 * The interval a charger was given as of `at` (ISO) as its view tells it (`heartbeatGiven`, given by then):
 * for a drop of an offline charger, the interval it was working to when it was lost, nothing read. Null
 * when the view tells none (a record from before the bench tracked it: read it, useHeartbeatIntervalAt).
 */
export function givenBy(charger: Pick<ChargerView, 'heartbeatGiven'> | undefined, at: string): KnownInterval | null {
  const given = givenInterval(charger, null);
  return given && given.at !== null && !(Date.parse(given.at) > Date.parse(at)) ? given : null;
}

/** What the record tells of a charger's interval by a time: its newest boot answers and configuration reads and changes. */
interface Told {
  boot: { seconds: number; at: string } | null;
  config: KnownConfigValue | null;
}

/** What was told by `until`, per charger and time: nothing the record holds up to then changes (the charger is offline since). */
const told = new Map<string, Told>();
const TOLD_KEPT = 2000;

async function readTold(client: BenchClient, chargerId: string, until: string): Promise<Told> {
  const [answers, ops] = await Promise.all([
    client.call('messages:page', { chargerId, actions: ['BootNotification'], direction: 'out', kinds: ['CALLRESULT'], to: until, limit: BOOT_LOOK_BACK }),
    client.call('operations:list', { chargerId, actions: [...CONFIG_ACTIONS], limit: CONFIG_LOOK_BACK }),
  ]);
  let boot: Told['boot'] = null;
  for (const a of answers) if ((boot = bootAnswerInterval(a))) break;
  return { boot, config: configKeyOf(ops, 'HeartbeatInterval', until) };
}

/**
 * A charger's heartbeat interval as known by `until` (null: nothing asked), read from the record once per
 * charger and time. `known` is null while it is read, and when it could not be (`failed`).
 */
export function useHeartbeatIntervalAt(chargerId: string | null, until: string | null, settingS: number | null | undefined): { known: KnownInterval | null; loading: boolean; failed: boolean } {
  const client = useClient();
  const key = chargerId === null || until === null ? null : `${chargerId}|${until}`;
  const [state, setState] = useState<{ key: string; told: Told | null; failed: boolean } | null>(null);
  useEffect(() => {
    if (key === null || chargerId === null || until === null) return;
    const cached = told.get(key);
    if (cached) return setState({ key, told: cached, failed: false });
    let live = true;
    readTold(client, chargerId, until).then(
      (t) => {
        if (told.size >= TOLD_KEPT) told.clear();
        told.set(key, t);
        if (live) setState({ key, told: t, failed: false });
      },
      () => live && setState({ key, told: null, failed: true }),
    );
    return () => void (live = false);
  }, [client, key, chargerId, until]);
  const mine = state?.key === key ? state : null;
  if (key === null) return { known: null, loading: false, failed: false };
  const t = mine?.told ?? (key !== null ? (told.get(key) ?? null) : null);
  if (!t) return { known: null, loading: !mine?.failed, failed: !!mine?.failed };
  return { known: heartbeatIntervalOf(t.boot, t.config, settingS), loading: false, failed: false };
}

/**
 * The interval and where it comes from, in words: "3600 s, as set on it (ChangeConfiguration accepted) at
 * …"; "0 s (no heartbeats asked for), as set on it …" for a charger told to send none.
 */
export function intervalWords(k: KnownInterval, time: (iso: string) => string): string {
  if (k.how === 'setting')
    return k.untracked
      ? `${k.seconds} s, the bench's setting (the interval its last boot was given is not tracked for this charger: that boot was recorded by an earlier version of the bench; it is tracked from its next boot)`
      : `${k.seconds} s, the bench's setting (the record holds no boot answer or configuration of it)`;
  const source =
    k.how === 'boot'
      ? `from the bench's answer to its boot at ${time(k.at!)}`
      : k.how === 'read'
        ? `as read from it (GetConfiguration) at ${time(k.at!)}`
        : `as set on it (ChangeConfiguration accepted) at ${time(k.at!)}`;
  return noHeartbeatAsked(k) ? `0 s (no heartbeats asked for: the charger was told to send none), ${source}` : `${k.seconds} s, ${source}`;
}

/** Cached reads are dropped (tests; a record cleared). */
export function forgetHeartbeatIntervals(): void {
  told.clear();
}
