// The record's reads of the stray StopTransactions (shared/api/stray-stop), shared by every screen part that
// asks for the same ones: one read of `chargerEvents:list` per (client, charger, from, bench snapshot), however
// many connector cards, confirmations and pages use it, kept while one of them is mounted. The flagged frames
// pushed since are taken at once; the record is read again for them (the id of a frame in the log is not
// known when it is pushed), once per burst of pushes, never once per push nor per reader. A read that fails
// is said (useStopsReadError) and tried again after RETRY_MS, until one succeeds or its last reader leaves.
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { BenchClient } from '../api/client';
import { unknownStopOfEvent, unknownStopOfFrame, type UnknownStop } from '../../../shared/api/stray-stop';

/** How many of the stray stops are read back (only those: the store filters, so other events do not crowd them out). */
const LOOK_BACK = 1000;

/** The same stop, from its frame and from its recorded event (received within this of each other). */
export const SAME_STOP_MS = 60_000;

/** Pushed stops within this of the first one are read back from the record together, in one read. */
export const REREAD_AFTER_MS = 200;

/** A failed read is tried again after these (ms), then every last one, until one succeeds. */
export const RETRY_MS: readonly number[] = [5_000, 15_000, 60_000];

/** Which stops: of a charger (every charger without `chargerId`), received at or after `from` (the bench's clock), as of the bench's `snapshot`. */
export interface StopsRead {
  chargerId?: string;
  from?: string;
  snapshot: number;
}

interface Entry {
  stops: readonly UnknownStop[];
  recorded: UnknownStop[];
  pushed: UnknownStop[];
  listeners: Set<() => void>;
  off: () => void;
  reading: boolean;
  again: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Why the last read failed (null: it did not, or none came back yet); cleared by the next that succeeds. */
  error: string | null;
  failures: number;
  retry: ReturnType<typeof setTimeout> | undefined;
  closed: boolean;
}

const NONE: readonly UnknownStop[] = [];
const entries = new WeakMap<BenchClient, Map<string, Entry>>();

const keyOf = (q: StopsRead) => `${q.chargerId === undefined ? '*' : `=${q.chargerId}`}\n${q.from ?? ''}\n${q.snapshot}`;

const sameStop = (a: UnknownStop, b: UnknownStop) => a.chargerId === b.chargerId && a.transactionId === b.transactionId && Math.abs(Date.parse(a.at) - Date.parse(b.at)) < SAME_STOP_MS;

function publish(e: Entry) {
  e.stops = [...e.recorded, ...e.pushed.filter((p) => !e.recorded.some((r) => sameStop(r, p)))];
  for (const l of e.listeners) l();
}

/** One read at a time: asked again while one is on its way, the next follows it (once, however often asked). */
function read(client: BenchClient, q: StopsRead, e: Entry) {
  if (e.closed) return;
  if (e.reading) return void (e.again = true);
  e.reading = true;
  const range = { action: 'StopTransaction', warning: true, limit: LOOK_BACK, ...(q.from !== undefined && { from: q.from }) };
  client
    .call('chargerEvents:list', q.chargerId === undefined ? range : { chargerId: q.chargerId, ...range })
    .then(
      (events) => {
        if (e.closed) return;
        e.recorded = events.map(unknownStopOfEvent).filter((s): s is UnknownStop => s !== null);
        e.error = null;
        e.failures = 0;
        if (e.retry) clearTimeout(e.retry);
        e.retry = undefined;
        publish(e);
      },
      (err: unknown) => {
        if (e.closed) return;
        e.error = err instanceof Error && err.message ? err.message : 'the bench did not answer';
        e.retry ??= setTimeout(
          () => {
            e.retry = undefined;
            read(client, q, e);
          },
          RETRY_MS[Math.min(e.failures, RETRY_MS.length - 1)],
        );
        e.failures++;
        for (const l of e.listeners) l();
      },
    )
    .finally(() => {
      e.reading = false;
      if (e.again) {
        e.again = false;
        read(client, q, e);
      }
    });
}

function open(client: BenchClient, q: StopsRead): Entry {
  const e: Entry = {
    stops: NONE,
    recorded: [],
    pushed: [],
    listeners: new Set(),
    off: () => undefined,
    reading: false,
    again: false,
    timer: undefined,
    error: null,
    failures: 0,
    retry: undefined,
    closed: false,
  };
  e.off = client.subscribe((events) => {
    const stops: UnknownStop[] = [];
    for (const ev of events) {
      if (ev.type !== 'frameLogged' || (q.chargerId !== undefined && ev.message.chargerId !== q.chargerId)) continue;
      const stop = unknownStopOfFrame(ev.message);
      if (stop) stops.push(stop);
    }
    if (!stops.length) return;
    e.pushed = [...e.pushed, ...stops];
    publish(e);
    // The first of a burst sets the read back; the others of the burst ride on it.
    e.timer ??= setTimeout(() => {
      e.timer = undefined;
      read(client, q, e);
    }, REREAD_AFTER_MS);
  });
  read(client, q, e);
  return e;
}

/** Follows the stops of `q`: the first to ask reads them, the last to leave forgets them. */
function watch(client: BenchClient, q: StopsRead, listener: () => void): () => void {
  let byKey = entries.get(client);
  if (!byKey) entries.set(client, (byKey = new Map()));
  const key = keyOf(q);
  let e = byKey.get(key);
  if (!e) byKey.set(key, (e = open(client, q)));
  const entry = e;
  entry.listeners.add(listener);
  return () => {
    entry.listeners.delete(listener);
    if (entry.listeners.size) return;
    entry.closed = true;
    entry.off();
    if (entry.timer) clearTimeout(entry.timer);
    if (entry.retry) clearTimeout(entry.retry);
    if (byKey.get(key) === entry) byKey.delete(key);
  };
}

const stopsOf = (client: BenchClient, q: StopsRead) => entries.get(client)?.get(keyOf(q))?.stops ?? NONE;
const errorOf = (client: BenchClient, q: StopsRead) => entries.get(client)?.get(keyOf(q))?.error ?? null;

/** Follows each of `reads` (none for an empty list), every one shared with the other readers of the same. */
function useWatch(client: BenchClient, reads: readonly StopsRead[]) {
  const keys = reads.map(keyOf).join('\u0001');
  return useCallback(
    (listener: () => void) => {
      const offs = reads.map((q) => watch(client, q, listener));
      return () => offs.forEach((off) => off());
    },
    [client, keys], // eslint-disable-line react-hooks/exhaustive-deps
  );
}

/** The stray stops of each of `reads`, together (none read for an empty list), shared with every other reader of the same. */
export function useStopsRead(client: BenchClient, reads: readonly StopsRead[]): readonly UnknownStop[] {
  const subscribe = useWatch(client, reads);
  const held = useRef<{ parts: readonly (readonly UnknownStop[])[]; all: readonly UnknownStop[] }>({ parts: [], all: NONE });
  const snapshot = () => {
    const parts = reads.map((q) => stopsOf(client, q));
    const was = held.current;
    if (parts.length === was.parts.length && parts.every((p, i) => p === was.parts[i])) return was.all;
    held.current = { parts, all: parts.length === 1 ? parts[0]! : parts.flat() };
    return held.current.all;
  };
  return useSyncExternalStore(subscribe, snapshot);
}

/** Why the last read of one of `reads` failed (the first such), tried again meanwhile; null: none failed. */
export function useStopsReadError(client: BenchClient, reads: readonly StopsRead[]): string | null {
  const subscribe = useWatch(client, reads);
  return useSyncExternalStore(subscribe, () => reads.map((q) => errorOf(client, q)).find((e) => e !== null) ?? null);
}
