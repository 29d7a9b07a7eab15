// The StopTransactions chargers sent for a transaction the bench never started (shared/api/stray-stop),
// for the screens that show the session the bench held open then: read from the charger events the record
// holds when mounted (again after the bench's snapshot changes), and taken from each flagged frame pushed
// since (the record read again then, for the id of its frame in the log, which the push cannot carry; those
// pushed are forgotten when the charger or the snapshot changes: the record read again holds them). And
// the note a session's card and page give of such a stop, naming every session the record held open on that
// charger then (StopTransaction names no connector). A charger's page, its cards and its confirmations share
// one read (unknownStopsRead), read again once per burst of pushed stops.
import { useMemo } from 'react';
import Alert from '@mui/material/Alert';
import Link from '@mui/material/Link';
import Tooltip from '@mui/material/Tooltip';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { Link as RouterLink } from 'react-router';
import { paths } from '../app/routes';
import { SAME_STOP_MS, useStopsRead, useStopsReadError, type StopsRead } from './unknownStopsRead';
import { useBench } from '../stores/bench';
import { useClient } from '../api/context';
import { formatWhen } from './format';
import { idList, unknownStopClause, unknownStopDuring, unknownStopNote, type StopDuring, type SeenStop, type StopSession, type UnknownStop } from '../../../shared/api/stray-stop';

/**
 * The unknown stops of a charger (of every charger without `chargerId`): the StopTransactions the bench noted
 * a warning on, received at or after `from` when given (the bench's clock), read back as such from the record
 * (one read shared by every reader of the same: unknownStopsRead); none read while `read` is false.
 */
export function useUnknownStops(chargerId?: string, from?: string, read = true): readonly UnknownStop[] {
  return useStopsRead(useClient(), useReads(chargerId, from, read));
}

function useReads(chargerId: string | undefined, from: string | undefined, read: boolean): readonly StopsRead[] {
  const snapshot = useBench((s) => s.snapshots);
  return useMemo(() => (read ? [{ chargerId, from, snapshot }] : []), [read, chargerId, from, snapshot]);
}

/** A charger's last boot, by id (null: none known). */
type LastBootOf = (chargerId: string) => string | null | undefined;

/** Its charger booted after the session started (the bench's clock): a stray stop may leave it not confirmed (session-state's unconfirmedSince). */
function bootedSince(tx: StopSession, lastBootOf: LastBootOf): boolean {
  const boot = lastBootOf(tx.chargerId);
  return !!boot && Date.parse(boot) > Date.parse(tx.receivedAt ?? tx.startTime);
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

/**
 * The unknown stops of a charger (every charger without `chargerId`), read once, as the rule a session's card,
 * row and page apply. `lostOnly` (what runs, for the confirmations): read only while a session its charger
 * booted after (the only ones a stray stop leaves not confirmed) is held open, from the same time as the
 * card's and page's read, so that all of them share one.
 */
export function useUnknownStopRule(chargerId?: string, lostOnly = false): StopDuringOf {
  const active = useBench((s) => s.activeTransactions);
  const stops = useUnknownStops(chargerId, ...useRuleRead(chargerId, lostOnly));
  return useMemo(() => {
    const open = Object.values(active);
    return (tx) => unknownStopDuring(tx, stops, open);
  }, [stops, active]);
}

/** Why useUnknownStopRule's read (the same, shared) failed, tried again meanwhile; null: it did not. */
export function useUnknownStopReadError(chargerId?: string, lostOnly = false): string | null {
  return useStopsReadError(useClient(), useReads(chargerId, ...useRuleRead(chargerId, lostOnly)));
}

/** What useUnknownStopRule reads: from when, and whether at all. */
function useRuleRead(chargerId: string | undefined, lostOnly: boolean): [from: string | undefined, read: boolean] {
  const active = useBench((s) => s.activeTransactions);
  const chargers = useBench((s) => (lostOnly ? s.chargers : undefined));
  const lastBootOf = useMemo(() => (chargers ? (id: string) => chargers[id]?.lastBoot : undefined), [chargers]);
  // Only a stop after a session's start (the bench's clock) is named beside it: none before the earliest open one's is read.
  const from = useMemo(() => earliestStart(Object.values(active), chargerId), [active, chargerId]);
  const read = useMemo(
    () => !lastBootOf || Object.values(active).some((tx) => tx.active && (chargerId === undefined || tx.chargerId === chargerId) && bootedSince(tx, lastBootOf)),
    [active, chargerId, lastBootOf],
  );
  return [from, read];
}

/**
 * The rule for the sessions of `chargerIds` (what runs on them, for a confirmation over several): read per
 * charger, only for those with a session held open that the charger booted after (as useUnknownStopRule's
 * `lostOnly`, sharing its read); none for an empty list (a closed dialog).
 */
export function useUnknownStopRuleOf(chargerIds: readonly string[]): StopDuringOf {
  const client = useClient();
  const snapshot = useBench((s) => s.snapshots);
  const active = useBench((s) => s.activeTransactions);
  const chargers = useBench((s) => s.chargers);
  const key = chargerIds.join('\n');
  const reads = useMemo(() => {
    if (!chargerIds.length) return [];
    const wanted = new Set(chargerIds);
    const open = Object.values(active).filter((tx) => tx.active && wanted.has(tx.chargerId));
    const lastBootOf = (id: string) => chargers[id]?.lastBoot;
    const lost = new Set(open.filter((tx) => bootedSince(tx, lastBootOf)).map((tx) => tx.chargerId));
    return [...lost].sort().map((id): StopsRead => ({ chargerId: id, from: earliestStart(open, id), snapshot }));
  }, [active, chargers, snapshot, key]); // eslint-disable-line react-hooks/exhaustive-deps
  const stops = useStopsRead(client, reads);
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

/** What a card says while the stray stops could not be read (`error`, from useUnknownStopReadError): Not confirmed by one is not known. */
export function StopsReadFailed({ error }: { error: string | null }) {
  if (error === null) return null;
  return (
    <Alert severity="warning" data-testid="stray-stops-unread" sx={{ mb: 1.5 }}>
      Stray StopTransactions could not be read: {error}; retrying.
    </Alert>
  );
}
