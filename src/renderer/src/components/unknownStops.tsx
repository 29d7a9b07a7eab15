// The StopTransactions chargers sent for a transaction the bench never started (shared/api/stray-stop),
// for the screens that show the session the bench held open then: read from the charger events the record
// holds when mounted (again after the bench's snapshot changes), and taken from each flagged frame pushed
// since (those forgotten when the charger or the snapshot changes: the record read again holds them). And
// the note a session's card and page give of such a stop, naming every session the record held open on that
// charger then (StopTransaction names no connector). A charger's page reads them once for all its cards.
import { useEffect, useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Link from '@mui/material/Link';
import Tooltip from '@mui/material/Tooltip';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { Link as RouterLink } from 'react-router';
import { paths } from '../app/routes';
import { useBench } from '../stores/bench';
import { useClient } from '../api/context';
import { formatWhen } from './format';
import {
  idList,
  unknownStopClause,
  unknownStopDuring,
  unknownStopNote,
  unknownStopOfEvent,
  unknownStopOfFrame,
  type StopDuring,
  type SeenStop,
  type StopSession,
  type UnknownStop,
} from '../../../shared/api/stray-stop';

/** How many of the stray stops are read back (only those: the store filters, so other events do not crowd them out). */
const LOOK_BACK = 1000;

/** The same stop, from its frame and from its recorded event (received within this of each other). */
const SAME_STOP_MS = 60_000;

const sameStop = (a: UnknownStop, b: UnknownStop) => a.chargerId === b.chargerId && a.transactionId === b.transactionId && Math.abs(Date.parse(a.at) - Date.parse(b.at)) < SAME_STOP_MS;

/**
 * The unknown stops of a charger (of every charger without `chargerId`): the StopTransactions the bench noted
 * a warning on, received at or after `from` when given (the bench's clock), read back as such from the record.
 */
export function useUnknownStops(chargerId?: string, from?: string): UnknownStop[] {
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
    const range = { action: 'StopTransaction', warning: true, limit: LOOK_BACK, ...(from !== undefined && { from }) };
    client.call('chargerEvents:list', chargerId === undefined ? range : { chargerId, ...range }).then(
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
  }, [client, chargerId, from, snapshots]);
  return useMemo(() => [...recorded, ...pushed.filter((p) => !recorded.some((r) => sameStop(r, p)))], [recorded, pushed]);
}

/** When the bench recorded the start of the earliest session it holds open (on `chargerId` when given); undefined: none has it. */
function earliestStart(open: readonly StopSession[], chargerId?: string): string | undefined {
  let earliest: string | undefined;
  for (const tx of open) {
    if (!tx.active || tx.receivedAt === undefined || (chargerId !== undefined && tx.chargerId !== chargerId)) continue;
    if (earliest === undefined || Date.parse(tx.receivedAt) < Date.parse(earliest)) earliest = tx.receivedAt;
  }
  return earliest;
}

/** The rule for a session of `chargerId` (of every charger without it): the unknown stop that came on its charger while the record holds it open (null: none), with the sessions open there then. */
export type StopDuringOf = (tx: StopSession) => StopDuring | null;

/** The unknown stops of a charger (every charger without `chargerId`), read once, as the rule a session's card, row and page apply. */
export function useUnknownStopRule(chargerId?: string): StopDuringOf {
  const active = useBench((s) => s.activeTransactions);
  // Only a stop after a session's start (the bench's clock) is named beside it: none before the earliest open one's is read.
  const from = useMemo(() => earliestStart(Object.values(active), chargerId), [active, chargerId]);
  const stops = useUnknownStops(chargerId, from);
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

/** The note a session's card and page give when a stop with an unknown transactionId came while it was open, linking its frame in the message log. */
export function UnknownStopNote({ tx, stop }: { tx: StopSession; stop: StopDuring | null }) {
  if (!stop) return null;
  return (
    <Alert severity="warning" aria-label={`Stop with unknown transaction id during session ${tx.transactionId}`} sx={{ mb: 1.5 }}>
      {unknownStopNote(stop, tx, formatWhen)}{' '}
      <Link component={RouterLink} to={unknownStopInLog(stop)}>
        See it in the message log
      </Link>
      .
    </Alert>
  );
}

/**
 * The warning icon a list row gives beside its state when such a stop came while the session was open: `note`
 * (unknownStopNote) on hover, and a link to the stop's frame in the message log (a click on it opens the log,
 * not the row's session).
 */
export function UnknownStopIcon({ stop, note }: { stop: UnknownStop; note: string }) {
  const label = `${note} See it in the message log.`;
  return (
    <Tooltip title={label}>
      <Link component={RouterLink} to={unknownStopInLog(stop)} aria-label={label} onClick={(e) => e.stopPropagation()} sx={{ display: 'inline-flex' }}>
        <WarningAmberIcon fontSize="small" color="warning" />
      </Link>
    </Tooltip>
  );
}

/** The message log on the stop's frame: its charger's flagged StopTransactions received about when it came, and its frame open when known. */
export function unknownStopInLog(s: UnknownStop): string {
  const at = Date.parse(s.at);
  const around = (ms: number) => new Date(at + ms).toISOString();
  const frame = s.frameId !== undefined ? { frame: s.frameId } : {};
  return paths.log({ charger: s.chargerId, actions: ['StopTransaction'], errorsOnly: true, from: around(-SAME_STOP_MS), to: around(SAME_STOP_MS), ...frame });
}

/**
 * What a session's "not running" words say of its stop, where none came with its transactionId: `stop`, a
 * StopTransaction for a transaction the bench never started that its charger sent after the session started
 * (unknownStopDuring), may be this session's own, sent with a wrong id; linked in the message log. With
 * several sessions open there then (`stop.openThen`), it is pinned on none: which one was meant is not known.
 */
export function UnknownStopCame({ stop }: { stop: SeenStop }) {
  const open = stop.openThen ?? [];
  const why =
    open.length > 1
      ? `, while sessions ${idList(open)} were open there (the bench applied it to none of them; it may be the stop of one of them, sent with a wrong transactionId, but which one the charger meant is not known: `
      : " (the bench did not apply it; it may be this session's stop, sent with a wrong transactionId: ";
  return (
    <>
      {`${unknownStopClause(stop, formatWhen)} after it started${why}`}
      <Link component={RouterLink} to={unknownStopInLog(stop)}>
        see it in the message log
      </Link>
      )
    </>
  );
}
