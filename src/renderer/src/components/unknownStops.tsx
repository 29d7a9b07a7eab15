// The StopTransactions chargers sent for a transaction the bench never started (shared/api/stray-stop),
// for the screens that show the session the bench held open then: read from the charger events the record
// holds when mounted (again after the bench's snapshot changes), and taken from each flagged frame pushed
// since (those forgotten when the charger or the snapshot changes: the record read again holds them). And
// the note a session's card and page give of such a stop, naming every session the record held open on that
// charger then (StopTransaction names no connector). A charger's page reads them once for all its cards.
import { useEffect, useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import { useBench } from '../stores/bench';
import { useClient } from '../api/context';
import { formatWhen } from './format';
import { unknownStopDuring, unknownStopNote, unknownStopOfEvent, unknownStopOfFrame, type StopDuring, type StopSession, type UnknownStop } from '../../../shared/api/stray-stop';

/** How many charger events are read back for them. */
const LOOK_BACK = 1000;

/** The same stop, from its frame and from its recorded event (received within this of each other). */
const SAME_STOP_MS = 60_000;

const sameStop = (a: UnknownStop, b: UnknownStop) => a.chargerId === b.chargerId && a.transactionId === b.transactionId && Math.abs(Date.parse(a.at) - Date.parse(b.at)) < SAME_STOP_MS;

/** The unknown stops of a charger (of every charger without `chargerId`). */
export function useUnknownStops(chargerId?: string): UnknownStop[] {
  const client = useClient();
  const snapshots = useBench((s) => s.snapshots);
  const [recorded, setRecorded] = useState<UnknownStop[]>([]);
  const [pushed, setPushed] = useState<UnknownStop[]>([]);
  useEffect(() => {
    let live = true;
    // Another charger's, or from before the record was read again: not this list's.
    setPushed([]);
    const off = client.subscribe((events) => {
      for (const e of events) {
        if (e.type !== 'frameLogged' || (chargerId !== undefined && e.message.chargerId !== chargerId)) continue;
        const stop = unknownStopOfFrame(e.message);
        if (stop) setPushed((list) => [...list, stop]);
      }
    });
    client.call('chargerEvents:list', chargerId === undefined ? { limit: LOOK_BACK } : { chargerId, limit: LOOK_BACK }).then(
      (events) => {
        if (!live) return;
        const list: UnknownStop[] = [];
        for (const e of events) {
          const stop = unknownStopOfEvent(e);
          if (stop) list.push(stop);
        }
        setRecorded(list);
      },
      () => undefined,
    );
    return () => {
      live = false;
      off();
    };
  }, [client, chargerId, snapshots]);
  return useMemo(() => [...recorded, ...pushed.filter((p) => !recorded.some((r) => sameStop(r, p)))], [recorded, pushed]);
}

/** The rule for a session of `chargerId` (of every charger without it): the unknown stop that came on its charger while the record holds it open (null: none), with the sessions open there then. */
export type StopDuringOf = (tx: StopSession) => StopDuring | null;

/** The unknown stops of a charger (every charger without `chargerId`), read once, as the rule a session's card, row and page apply. */
export function useUnknownStopRule(chargerId?: string): StopDuringOf {
  const stops = useUnknownStops(chargerId);
  const active = useBench((s) => s.activeTransactions);
  return useMemo(() => {
    const open = Object.values(active);
    return (tx) => unknownStopDuring(tx, stops, open);
  }, [stops, active]);
}

/** The unknown stop that came on the session's charger (`chargerId`) while the record holds it open (null: none). */
export function useUnknownStopDuring(chargerId: string, tx: StopSession | undefined): StopDuring | null {
  const during = useUnknownStopRule(chargerId);
  return useMemo(() => (tx ? during(tx) : null), [tx, during]);
}

/** The note a session's card and page give when a stop with an unknown transactionId came while it was open. */
export function UnknownStopNote({ tx, stop }: { tx: StopSession; stop: StopDuring | null }) {
  if (!stop) return null;
  return (
    <Alert severity="warning" aria-label={`Stop with unknown transaction id during session ${tx.transactionId}`} sx={{ mb: 1.5 }}>
      {unknownStopNote(stop, tx, formatWhen)}
    </Alert>
  );
}
