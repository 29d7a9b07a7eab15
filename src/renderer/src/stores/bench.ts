// The live picture of the bench the screens read: chargers, virtual chargers, running transactions and
// recent meter samples, kept current from the pushed events. Each batch of events is one state update,
// so thousands of frames a second do not freeze the UI.
import { useEffect, useState } from 'react';
import { create } from 'zustand';
import type { BenchClient, LinkState } from '../api/client';
import type { BenchStatus } from '../../../shared/api/status';
import type { BenchEvent, BenchHealth, ChargerView, OperationProgressView, OperationView, TransactionView } from '../../../shared/api/views';
import type { VirtualChargerView } from '../../../shared/api/virtual-chargers';
import { toSamples, type MeterSample } from '../../../shared/api/meter';
import { maxStackLevelIn } from '../../../shared/api/bench-rules';
import { withProgress } from './in-flight';

/** Samples kept per connector a chart watches (an hour at one sample each 5 s). */
export const MAX_SAMPLES = 720;
/**
 * Samples kept per connector no chart watches: its newest reading (power and energy may come apart) for
 * the energy so far and the power now, plus its newest energy reading however old. Kept at MAX_SAMPLES,
 * 2,000 connectors (a fleet charging for an hour at one reading each 5 s) are 117 MB of the page's heap.
 */
export const UNWATCHED_SAMPLES = 16;

/** A live meter sample with when the bench received it (ms, the bench's clock: its meterValues event's `ts`), whatever the charger's clock says (`t`). */
export interface ReceivedSample extends MeterSample {
  receivedAt?: number;
}

/** Charts watching a charger's connector (`chargerId/connectorId`) or all of a charger's (`chargerId`). */
const watchers = new Map<string, number>();

const isWatched = (key: string): boolean => watchers.has(key) || watchers.has(key.slice(0, key.lastIndexOf('/')));

/**
 * A chart watches a connector (or, without one, all of a charger's): its samples are kept up to
 * MAX_SAMPLES until released. Released by its last chart, what it kept is cut back at once.
 */
export function watchMeter(chargerId: string, connectorId?: number): () => void {
  const key = connectorId === undefined ? chargerId : meterKey(chargerId, connectorId);
  watchers.set(key, (watchers.get(key) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const n = (watchers.get(key) ?? 1) - 1;
    if (n > 0) return void watchers.set(key, n);
    watchers.delete(key);
    useBench.setState((s) => {
      const cut = Object.entries(s.meter).filter(([k, list]) => (k === key || k.startsWith(`${key}/`)) && !isWatched(k) && list.length > UNWATCHED_SAMPLES);
      return cut.length ? { meter: { ...s.meter, ...Object.fromEntries(cut.map(([k, list]) => [k, newestOf(list, UNWATCHED_SAMPLES, true)])) } } : {};
    });
  };
}

/**
 * The newest `cap` samples of a sorted list; with `keepEnergy`, the newest energy reading among them
 * even when readings of power alone came after it (it takes the place of the oldest kept).
 */
function newestOf(list: ReceivedSample[], cap: number, keepEnergy: boolean): ReceivedSample[] {
  if (list.length <= cap) return list;
  const kept = list.slice(-cap);
  if (keepEnergy && !kept.some((m) => m.energyWh !== undefined)) {
    // Sorted: the newest energy reading dropped is older than every kept one.
    const energy = list.findLast((m) => m.energyWh !== undefined);
    if (energy) kept[0] = energy;
  }
  return kept;
}

/**
 * A connector's samples with `sample` added, sorted by time (a charger may resend queued values out of
 * order): the newest MAX_SAMPLES while a chart watches it, else the newest UNWATCHED_SAMPLES and its
 * newest energy reading.
 */
function keepSamples(old: readonly ReceivedSample[] | undefined, sample: ReceivedSample, key: string): ReceivedSample[] {
  const list = old ? [...old, sample] : [sample];
  if (list.length > 1 && list[list.length - 2].t > sample.t) list.sort((a, b) => a.t - b.t);
  const watched = isWatched(key);
  return newestOf(list, watched ? MAX_SAMPLES : UNWATCHED_SAMPLES, !watched);
}

/** What the UI knows of a charger's limits, from its latest GetConfiguration answer that reported them. */
export interface ChargerLimits {
  /** ChargeProfileMaxStackLevel. */
  maxStackLevel?: number;
  /** When the answer came (ISO), so an older one never replaces a newer. */
  at: string;
}

export interface BenchState {
  link: LinkState;
  /** Since when the link has been in its state (ISO, on the bench's clock): how long the screens have been without news. */
  linkSince: string | null;
  /**
   * How far this window's clock is ahead of the bench's (ms; negative: behind; 0 when the bench does not
   * say its time): every time shown was stamped by the bench, so "ago" is judged on its clock (benchNow).
   */
  clockSkewMs: number;
  status: BenchStatus | null;
  /** Whether the bench can record; the banner shows it when it cannot. */
  health: BenchHealth | null;
  loaded: boolean;
  /** Snapshots taken so far: one each time the link opens (events may have been missed meanwhile). */
  snapshots: number;
  chargers: Record<string, ChargerView>;
  virtualChargers: Record<string, VirtualChargerView>;
  /** Running transactions by id. */
  activeTransactions: Record<number, TransactionView>;
  /** Recent meter samples by `${chargerId}/${connectorId}`, each with when the bench received it. */
  meter: Record<string, ReceivedSample[]>;
  /** Frames logged since the UI connected, for "new frames" hints. */
  framesSeen: number;
  /** Bumped whenever transactions start or stop, so lists refetch. */
  transactionsVersion: number;
  /** Bumped on operation results and connection attempts, for screens that list them. */
  operationsVersion: number;
  connectionsVersion: number;
  limits: Record<string, ChargerLimits>;
  /**
   * Each charger's operations on their way, in the order they go out: the one sent and waiting for its
   * answer first, those queued behind it after (OCPP allows one call at a time). From the bench's
   * operationChanged events: what was sent by any face, a test run included, since this window connected.
   */
  inFlight: Record<string, OperationProgressView[]>;
}

/** A charger's frames move its "last seen" in steps of at least this (ms). */
export const SEEN_STEP_MS = 1000;

export const meterKey = (chargerId: string, connectorId: number) => `${chargerId}/${connectorId}`;

export const initialBenchState: BenchState = {
  link: 'connecting',
  linkSince: null,
  clockSkewMs: 0,
  status: null,
  health: null,
  loaded: false,
  snapshots: 0,
  chargers: {},
  virtualChargers: {},
  activeTransactions: {},
  meter: {},
  framesSeen: 0,
  transactionsVersion: 0,
  operationsVersion: 0,
  connectionsVersion: 0,
  limits: {},
  inFlight: {},
};

export const useBench = create<BenchState>(() => initialBenchState);

/** How often a screen of many rows redraws at most for what changed (a thousand chargers change all the time). */
export const LIST_REFRESH_MS = 1000;

/**
 * A part of the bench's state (`select` must not change), as a screen of many rows shows it: new at once
 * when it has been quiet, otherwise at most every `ms`, so a thousand chargers sending cost the page a
 * redraw a second, not one per batch of events. Between, the screen does not render at all.
 */
export function useThrottledBench<T>(select: (s: BenchState) => T, ms = LIST_REFRESH_MS): T {
  const [value, setValue] = useState(() => select(useBench.getState()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const show = () => {
      timer = null;
      last = Date.now();
      setValue(select(useBench.getState()));
    };
    const off = useBench.subscribe((s, prev) => {
      if (timer || select(s) === select(prev)) return;
      const wait = last + ms - Date.now();
      if (wait <= 0) show();
      else timer = setTimeout(show, wait);
    });
    // What changed between the first render and now.
    setValue(select(useBench.getState()));
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [select, ms]);
  return value;
}

/** Applies one batch of events; returns the new state (pure, for tests). */
export function reduceEvents(state: BenchState, events: BenchEvent[]): BenchState {
  let chargers = state.chargers;
  let virtualChargers = state.virtualChargers;
  let activeTransactions = state.activeTransactions;
  let meter = state.meter;
  let health = state.health;
  let status = state.status;
  let limits = state.limits;
  let inFlight = state.inFlight;
  let { framesSeen, transactionsVersion, operationsVersion, connectionsVersion } = state;
  const charger = (id: string): ChargerView => {
    if (chargers === state.chargers) chargers = { ...chargers };
    const existing = chargers[id];
    const copy = existing ? { ...existing } : newCharger(id, state.clockSkewMs || 0);
    chargers[id] = copy;
    return copy;
  };
  for (const e of events) {
    switch (e.type) {
      case 'frameLogged': {
        framesSeen++;
        // A frame from a charger is contact: kept (to the second, one copy a second at most) so "last seen"
        // and "nothing heard since" hold between the lists' refreshes.
        const m = e.message;
        const known = m.direction === 'in' ? chargers[m.chargerId] : undefined;
        if (known && Date.parse(m.ts) - Date.parse(known.lastSeen) >= SEEN_STEP_MS) charger(m.chargerId).lastSeen = m.ts;
        break;
      }
      case 'chargerConnected': {
        const c = charger(e.chargerId);
        if (c.registeredAt && c.firstSeen === c.registeredAt) c.firstSeen = e.ts; // registered ahead: first seen now, as the bench keeps it
        c.connected = true;
        c.remoteAddress = e.remoteAddress;
        c.lastSeen = e.ts;
        connectionsVersion++;
        break;
      }
      case 'chargerDisconnected': {
        const c = charger(e.chargerId);
        c.connected = false;
        // Last seen is the last contact, not when the drop was noticed (a minute later after a silent loss).
        if (e.lastSeen && !(Date.parse(e.lastSeen) <= Date.parse(c.lastSeen))) c.lastSeen = e.lastSeen;
        connectionsVersion++;
        // The dropped connection ended every call on its way (their ends are announced just after).
        if (inFlight[e.chargerId]) {
          inFlight = { ...inFlight };
          delete inFlight[e.chargerId];
        }
        break;
      }
      case 'connectionRefused':
        connectionsVersion++;
        break;
      case 'bootNotification': {
        const c = charger(e.chargerId);
        c.boot = e.boot;
        c.registrationStatus = e.status;
        c.lastBoot = e.ts;
        c.lastSeen = e.ts;
        break;
      }
      case 'statusChanged': {
        const c = charger(e.chargerId);
        const others = c.connectors.filter((x) => x.connectorId !== e.connector.connectorId);
        c.connectors = [...others, e.connector].sort((a, b) => a.connectorId - b.connectorId);
        c.lastSeen = e.ts;
        break;
      }
      case 'transactionStarted':
      case 'transactionStopped': {
        // Copied once per batch (a fleet's batch may start hundreds of sessions).
        if (activeTransactions === state.activeTransactions) activeTransactions = { ...activeTransactions };
        if (e.transaction.active) activeTransactions[e.transaction.transactionId] = e.transaction;
        else delete activeTransactions[e.transaction.transactionId];
        transactionsVersion++;
        break;
      }
      case 'meterValues': {
        const samples = toSamples(e.values);
        if (!samples.length) break;
        if (meter === state.meter) meter = { ...meter };
        // When the bench received them (its clock), not when the charger's clock says they were taken.
        const receivedAt = Date.parse(e.ts);
        for (const s of samples) {
          const key = meterKey(e.chargerId, s.connectorId);
          const { connectorId: _c, ...sample } = s;
          meter[key] = keepSamples(meter[key], Number.isFinite(receivedAt) ? { ...sample, receivedAt } : sample, key);
        }
        break;
      }
      case 'operationFinished': {
        operationsVersion++;
        const learnt = limitsFrom(e.operation);
        if (learnt && !(limits[e.operation.chargerId]?.at > learnt.at)) limits = { ...limits, [e.operation.chargerId]: learnt };
        break;
      }
      case 'operationChanged':
        inFlight = withProgress(inFlight, e.operation);
        break;
      case 'firmwareStatus': {
        const c = charger(e.chargerId);
        c.firmwareStatus = e.status;
        c.lastSeen = e.ts;
        break;
      }
      case 'diagnosticsStatus': {
        const c = charger(e.chargerId);
        c.diagnosticsStatus = e.status;
        c.lastSeen = e.ts;
        break;
      }
      case 'virtualChargerChanged':
        virtualChargers = { ...virtualChargers, [e.charger.id]: e.charger };
        break;
      case 'virtualChargerRemoved': {
        virtualChargers = { ...virtualChargers };
        delete virtualChargers[e.id];
        break;
      }
      case 'healthChanged':
        health = e.health;
        break;
      // Another window, the API or the CLI moved the FTP server: where it listens now.
      case 'ftpChanged':
        if (status) status = { ...status, ftp: e.ftp };
        break;
    }
  }
  return { ...state, status, chargers, virtualChargers, activeTransactions, meter, health, limits, inFlight, framesSeen, transactionsVersion, operationsVersion, connectionsVersion };
}

/** The limits a GetConfiguration answer reports (null: it reports none, e.g. only other keys were read). */
export function limitsFrom(op: Pick<OperationView, 'action' | 'outcome' | 'response' | 'finishedAt' | 'sentAt'>): ChargerLimits | null {
  if (op.action !== 'GetConfiguration' || op.outcome !== 'completed') return null;
  const n = maxStackLevelIn(op.response);
  return n === null ? null : { maxStackLevel: n, at: op.finishedAt ?? op.sentAt };
}

function newCharger(id: string, skewMs: number): ChargerView {
  // On the bench's clock, as every time of a charger.
  const now = new Date(Date.now() - skewMs).toISOString();
  return {
    id,
    connected: false,
    firstSeen: now,
    lastSeen: now,
    lastHeartbeat: null,
    remoteAddress: null,
    bootPolicy: null,
    registrationStatus: null,
    lastBoot: null,
    boot: null,
    firmwareStatus: null,
    diagnosticsStatus: null,
    hasPassword: false,
    registered: false,
    virtual: false,
    connectors: [],
  };
}

/** How long after a failed snapshot it is asked again. */
export const SNAPSHOT_RETRY_MS = 2000;

/** Loads everything the screens show, then keeps it current from the client's events. */
export function connectStore(client: BenchClient): () => void {
  let live = true;
  // Events that arrive while a snapshot is being read: applied at once as usual, and again on top of the
  // snapshot when it lands, or the snapshot (read before them) would undo them.
  const loading = new Set<BenchEvent[]>();
  const load = async () => {
    const missed: BenchEvent[] = [];
    loading.add(missed);
    try {
      const [status, health, chargers, virtualChargers, active] = await Promise.all([
        client.call('bench:status', {}),
        // A bench that cannot say (an older one) shows no banner rather than no screens.
        client.call('bench:health', {}).catch(() => null),
        client.call('chargers:list', {}),
        client.call('virtualChargers:list', {}),
        client.call('transactions:list', { active: true, limit: 10_000 }),
      ]);
      if (!live) return;
      useBench.setState((s) => {
        const snapshot = reduceEvents(
          {
            ...s,
            // Events may have been missed (the bench may even have restarted): what was on its way is known again from the events from now on.
            inFlight: {},
            chargers: Object.fromEntries(chargers.map((c) => [c.id, c])),
            virtualChargers: Object.fromEntries(virtualChargers.map((v) => [v.id, v])),
            activeTransactions: Object.fromEntries(active.map((t) => [t.transactionId, t])),
          },
          missed,
        );
        // Counters and meter samples already counted the missed events once; only the snapshot's parts are taken.
        return {
          status,
          health: snapshot.health && snapshot.health !== s.health ? snapshot.health : health,
          loaded: true,
          snapshots: s.snapshots + 1,
          chargers: snapshot.chargers,
          virtualChargers: snapshot.virtualChargers,
          activeTransactions: snapshot.activeTransactions,
          inFlight: snapshot.inFlight,
          transactionsVersion: s.transactionsVersion + 1,
        };
      });
    } finally {
      loading.delete(missed);
    }
  };
  const offEvents = client.subscribe((events) => {
    for (const missed of loading) for (const e of events) missed.push(e);
    useBench.setState((s) => reduceEvents(s, events));
  });
  // (Re)load whenever the link opens: after a restart of the bench, events were missed. A snapshot that
  // fails is asked again while the link stays open (screens that wait for it would wait for good).
  let retry: ReturnType<typeof setTimeout> | null = null;
  const loadWhileOpen = (): void => {
    if (retry) clearTimeout(retry);
    retry = null;
    load().catch(() => {
      if (live && useBench.getState().link === 'open') retry = setTimeout(loadWhileOpen, SNAPSHOT_RETRY_MS);
    });
  };
  // This window's clock less the bench's, as the link tells it (a transport that cannot tell: one clock).
  const offClock = client.onBenchClock?.((skew) => useBench.setState((s) => (s.clockSkewMs === skew ? {} : { clockSkewMs: skew })));
  const offLink = client.onLink((link, since = Date.now(), from) => {
    // The link's times are this window's: kept on the bench's clock, as every other time shown.
    useBench.setState((s) => (s.link === link ? {} : { link, linkSince: linkSinceAfter(s, link, since - (s.clockSkewMs || 0)) }));
    // Open again after a silence is not a reconnection: the connection stayed open and nothing was missed
    // (reading everything again in every window would load a bench that has only just caught up).
    if (link === 'open' && from !== 'silent') loadWhileOpen();
    else if (retry) clearTimeout(retry);
  });
  return () => {
    live = false;
    if (retry) clearTimeout(retry);
    offEvents();
    offLink();
    offClock?.();
  };
}

/**
 * Since when the link is in the state it goes to (`link`, at `since` ms): a link down since some time that
 * moves on to another state of down (a reconnection tried: connecting, closed again; silent, then closed)
 * is still down since then: "unreachable since" is when the link was first lost, held until it is back.
 */
export function linkSinceAfter(s: Pick<BenchState, 'link' | 'linkSince'>, link: BenchState['link'], since: number): string {
  const down = (l: BenchState['link']) => l !== 'open';
  // 'connecting' before the link was ever open (linkSince null) is not a loss: the first state's own time.
  if (down(link) && down(s.link) && s.linkSince !== null) return s.linkSince;
  return new Date(since).toISOString();
}

/** Whether two heartbeat intervals a charger was given are the same. */
const sameGiven = (a: ChargerView['heartbeatGiven'], b: ChargerView['heartbeatGiven']) => (a ?? null) === (b ?? null) || (!!a && !!b && a.seconds === b.seconds && a.how === b.how && a.at === b.at);

/** Whether two changes to how a charger is let in are the same. */
const sameChange = (a: ChargerView['admissionChange'], b: ChargerView['admissionChange']) => (a ?? null) === (b ?? null) || (!!a && !!b && a.what === b.what && a.at === b.at);

/**
 * Heartbeats are not pushed as events; refresh the chargers list now and then for "last heartbeat".
 * Only what no event carries is taken from the list (it may be older than the events already applied),
 * plus chargers not known yet; a charger gone from the list and offline was deleted.
 */
export async function refreshChargers(client: BenchClient): Promise<void> {
  const list = await client.call('chargers:list', {});
  useBench.setState((s) => {
    const listed = new Set(list.map((c) => c.id));
    let changed = false;
    const chargers: Record<string, ChargerView> = {};
    for (const [id, c] of Object.entries(s.chargers)) {
      if (listed.has(id) || c.connected) chargers[id] = c;
      else changed = true;
    }
    for (const fresh of list) {
      const c = chargers[fresh.id];
      if (!c) {
        chargers[fresh.id] = fresh;
        changed = true;
        continue;
      }
      const merged = {
        ...c,
        firstSeen: fresh.firstSeen,
        registeredAt: (fresh.registeredAt ?? null) === (c.registeredAt ?? null) ? c.registeredAt : (fresh.registeredAt ?? null),
        lastHeartbeat: fresh.lastHeartbeat,
        bootPolicy: fresh.bootPolicy,
        hasPassword: fresh.hasPassword,
        registered: fresh.registered,
        virtual: fresh.virtual,
        lastSeen: fresh.lastSeen > c.lastSeen ? fresh.lastSeen : c.lastSeen,
        // The heartbeat interval it was given (no event carries it): the same object while it is the same.
        heartbeatGiven: sameGiven(c.heartbeatGiven, fresh.heartbeatGiven) ? c.heartbeatGiven : (fresh.heartbeatGiven ?? null),
        // The newest change to how it is let in (no event carries it either): the same object while it is the same.
        admissionChange: sameChange(c.admissionChange, fresh.admissionChange) ? c.admissionChange : (fresh.admissionChange ?? null),
      };
      if ((Object.keys(merged) as Array<keyof ChargerView>).some((k) => merged[k] !== c[k])) {
        chargers[fresh.id] = merged;
        changed = true;
      }
    }
    return changed ? { chargers } : {};
  });
}
