// Whether a conformance run or a commissioning is running on a charger now: what the charger's page,
// its bench behaviour and every confirmation before a disruptive operation say, since sending to a
// charger mid-check makes the check fail or leaves the charger other than the check expects.
import { useEffect, useState } from 'react';
import { useClient } from '../api/context';
import type { BenchClient } from '../api/client';
import type { BenchEvent } from '../../../shared/api/views';

export interface ChargerBusy {
  /** The id of the test run running on the charger, or null. */
  testRun: string | null;
  /** The case that test run has in progress (as last heard), or null. */
  testCase?: string | null;
  /** The commissioning running on the charger, or null. */
  commissioning: { id: string; site: string; location: string } | null;
}

/** ChargerBusy, and whether it has been read yet (a failed read counts as read: nothing more will come). */
export interface ChargerBusyRead extends ChargerBusy {
  known: boolean;
}

const idle: ChargerBusy = { testRun: null, testCase: null, commissioning: null };
/** The kinds a read answers (test run, its case, commissioning): what runs is known once each has answered. */
const KINDS = 3;

/** What the bench's events say changed on the chargers `wanted` picks: a run's or a commissioning's start or end. */
function watchBusy(client: BenchClient, wanted: (chargerId: string) => boolean, on: (chargerId: string, patch: Partial<ChargerBusy>) => void): () => void {
  return client.subscribe((events: BenchEvent[]) => {
    for (const e of events) {
      if (e.type === 'testRunChanged' && wanted(e.run.chargerId)) {
        const running = e.run.state === 'running';
        on(e.run.chargerId, { testRun: running ? e.run.id : null, testCase: running ? (e.run.caseId ?? null) : null });
      } else if (e.type === 'commissioningChanged' && wanted(e.commissioning.chargerId)) {
        const c = e.commissioning;
        on(c.chargerId, { commissioning: c.running ? { id: c.id, site: c.site, location: c.location } : null });
      }
    }
  });
}

/** Per charger and kind, how many events have come: a list asked for before one of them is older news there. */
type Seq = Map<string, number>;
const seqKey = (chargerId: string, kind: keyof ChargerBusy) => `${kind}\n${chargerId}`;
const bump = (seq: Seq, chargerId: string, patch: Partial<ChargerBusy>) => {
  for (const k of Object.keys(patch) as Array<keyof ChargerBusy>) seq.set(seqKey(chargerId, k), (seq.get(seqKey(chargerId, k)) ?? 0) + 1);
};

/**
 * Reads what runs (on one charger, or on all), then calls `apply` per kind with, for each charger `wanted`,
 * what runs there; a charger with an event newer than the read is left out (the event wins). null: the read failed.
 */
function readBusy(
  client: BenchClient,
  chargerId: string | undefined,
  wanted: Set<string>,
  seq: Seq,
  apply: <K extends keyof ChargerBusy>(kind: K, found: Map<string, ChargerBusy[K]> | null) => void,
): void {
  const asked = new Map(seq);
  const fresh = (id: string, kind: keyof ChargerBusy) => wanted.has(id) && asked.get(seqKey(id, kind)) === seq.get(seqKey(id, kind));
  const take = <K extends keyof ChargerBusy>(kind: K, running: Array<[string, ChargerBusy[K]]>) => {
    const found = new Map<string, ChargerBusy[K]>();
    for (const id of wanted) if (fresh(id, kind)) found.set(id, null as ChargerBusy[K]);
    for (const [id, v] of running) if (fresh(id, kind)) found.set(id, v);
    apply(kind, found);
  };
  client.call('tests:list', chargerId ? { chargerId } : {}).then(
    (runs) => {
      const running = runs.filter((r) => r.state === 'running');
      take(
        'testRun',
        running.map((r) => [r.chargerId, r.id]),
      );
      take(
        'testCase',
        running.map((r) => [r.chargerId, r.caseId ?? null]),
      );
    },
    () => {
      apply('testRun', null);
      apply('testCase', null);
    },
  );
  client.call('commissioning:list', chargerId ? { chargerId } : {}).then(
    (list) =>
      take(
        'commissioning',
        list.filter((c) => c.state === 'running').map((c) => [c.chargerId, { id: c.id, site: c.site, location: c.location }]),
      ),
    () => apply('commissioning', null),
  );
}

/** What runs on the charger now, kept current from the bench's events (read again when the link reopens). */
export function useChargerBusy(chargerId: string): ChargerBusyRead {
  const client = useClient();
  const [busy, setBusy] = useState<ChargerBusyRead>({ ...idle, known: false });
  useEffect(() => {
    let live = true;
    setBusy({ ...idle, known: false });
    const seq: Seq = new Map();
    const read = () => {
      const answered = new Set<keyof ChargerBusy>();
      readBusy(client, chargerId, new Set([chargerId]), seq, (kind, found) => {
        if (!live) return;
        answered.add(kind);
        const now = found?.has(chargerId) ? { [kind]: found.get(chargerId) } : {};
        setBusy((b) => ({ ...b, ...now, known: b.known || answered.size === KINDS }));
      });
    };
    const offEvents = watchBusy(
      client,
      (id) => id === chargerId,
      (id, patch) => {
        bump(seq, id, patch);
        setBusy((b) => ({ ...b, ...patch }));
      },
    );
    // Read at once (the link watch calls with the link's state as it subscribes), and again whenever the link
    // reopens: after it was lost, a start or an end may have been missed.
    let first = true;
    const offLink = client.onLink((link) => {
      if (first || link === 'open') read();
      first = false;
    });
    return () => {
      live = false;
      offEvents();
      offLink();
    };
  }, [client, chargerId]);
  return busy;
}

/** What runs on each of the chargers, read once while `active` (for a send to several), kept current from the events. */
export function useChargersBusy(chargerIds: string[], active: boolean): { busy: Record<string, ChargerBusy>; known: boolean } {
  const client = useClient();
  const [state, setState] = useState<{ busy: Record<string, ChargerBusy>; known: boolean }>({ busy: {}, known: false });
  const key = chargerIds.join('\n');
  useEffect(() => {
    setState({ busy: {}, known: false });
    if (!active) return;
    let live = true;
    const ids = new Set(key ? key.split('\n') : []);
    const seq: Seq = new Map();
    const answered = new Set<keyof ChargerBusy>();
    readBusy(client, undefined, ids, seq, (kind, found) => {
      if (!live) return;
      answered.add(kind);
      setState((s) => {
        const busy = { ...s.busy };
        for (const [id, v] of found ?? []) busy[id] = { ...idle, ...busy[id], [kind]: v };
        return { busy, known: s.known || answered.size === KINDS };
      });
    });
    const off = watchBusy(
      client,
      (id) => ids.has(id),
      (id, patch) => {
        bump(seq, id, patch);
        setState((s) => ({ ...s, busy: { ...s.busy, [id]: { ...idle, ...s.busy[id], ...patch } } }));
      },
    );
    return () => {
      live = false;
      off();
    };
  }, [client, key, active]);
  return state;
}

/** What sending to the charger now would disturb, in words; null when nothing runs on it. */
export function busyWarning(busy: ChargerBusy, chargerId: string): string | null {
  if (busy.commissioning)
    return `${chargerId} is being commissioned (${[busy.commissioning.site, busy.commissioning.location].filter(Boolean).join(', ')}): what you send can make its current check fail, or leave the charger other than the check expects.`;
  if (busy.testRun)
    return `A test run is running on ${chargerId}: what you send can make its current case${busy.testCase ? ` (${busy.testCase})` : ''} fail, or leave the charger other than the case expects.`;
  return null;
}
