// What the bench's record says of a charger, for the panels that show the charger's state rather than
// what was sent from the panel while it was open: its operations of some actions (reservations made and
// cancelled, local lists sent, firmware updates asked for) and the progress it reported (firmware and
// diagnostics status, each with the time it arrived). Read once when a panel opens (and again after the
// link to the bench was lost), then kept current from the pushed events.
import { useCallback, useEffect, useState } from 'react';
import { useClient } from '../../../api/context';
import { formatClock, formatTime } from '../../../components/format';
import { useBench } from '../../../stores/bench';
import type { OperationView } from '../../../../../shared/api/views';
import type { OperationAction } from '../kit/actions';
import { benchNow } from '../../../components/benchClock';

/**
 * Read back from the record: a panel's operations (of its actions only, however many of others came
 * since) and the charger's events, enough for the panels' history without reading a busy charger's whole past.
 */
export const LOOK_BACK = 1000;

export interface Recorded<T> {
  /** Newest first. */
  list: T[];
  /** The record has been read (an empty list then means there is none). */
  loaded: boolean;
}

export interface RecordedOperations extends Recorded<OperationView> {
  /** `list` holds `limit` of them: older ones may be left out. */
  full: boolean;
  /** Reads the record again (after a send of the panel's own, should its event be missed). */
  reload: () => void;
}

/** `list` with `items` in it (replacing those with their ids), newest (highest id) first, the newest `limit` of them. */
function merged<T extends { id: number }>(list: T[], items: T[], limit: number): T[] {
  const ids = new Set(items.map((i) => i.id));
  return [...items, ...list.filter((x) => !ids.has(x.id))].sort((a, b) => b.id - a.id).slice(0, limit);
}

/**
 * The charger's operations of `actions` in the bench's record (sent from any face), newest first, kept
 * current: the newest `limit` of them (fewer for actions whose answers are large, e.g. GetConfiguration's).
 */
export function useRecordedOperations(chargerId: string, actions: readonly OperationAction[], limit = LOOK_BACK): RecordedOperations {
  const client = useClient();
  const snapshots = useBench((s) => s.snapshots);
  const [state, setState] = useState<Recorded<OperationView>>({ list: [], loaded: false });
  const [asked, setAsked] = useState(0);
  const reload = useCallback(() => setAsked((n) => n + 1), []);
  const key = actions.join(',');
  useEffect(() => {
    let live = true;
    const wanted = new Set<string>(key.split(','));
    const off = client.subscribe((events) => {
      const finished = events.flatMap((e) => (e.type === 'operationFinished' && e.operation.chargerId === chargerId && wanted.has(e.operation.action) ? [e.operation] : []));
      if (finished.length) setState((s) => ({ ...s, list: merged(s.list, finished, limit) }));
    });
    client.call('operations:list', { chargerId, actions: key.split(',') as OperationAction[], limit }).then(
      (ops) => live && setState((s) => ({ list: merged(ops, s.list, limit), loaded: true })),
      () => live && setState((s) => ({ ...s, loaded: true })),
    );
    return () => {
      live = false;
      off();
    };
  }, [client, chargerId, key, limit, snapshots, asked]);
  return { ...state, full: state.list.length >= limit, reload };
}

// The charger's newest firmware or diagnostics status, with when it came: the one source, which the
// confirmations read too.
export { useProgressReport, type StatusReport } from '../../../components/running';

/**
 * The newest request among `ops` (newest first) that may have reached the charger: every recorded one was
 * sent (answered, malformed, unanswered, dropped with the connection, or still waiting); a refusal
 * (CALLERROR) started nothing.
 */
export function latestRequest(ops: readonly OperationView[]): { sentAt: string } | null {
  const op = ops.find((o) => o.outcome !== 'callError');
  return op ? { sentAt: op.sentAt } : null;
}

/** A time as a panel's line says it: the clock alone today, with the date otherwise. */
export function shownTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toDateString() === new Date(benchNow()).toDateString() ? formatClock(iso) : formatTime(iso);
}
