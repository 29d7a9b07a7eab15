// The confirmation before a disruptive operation: names the charger and connector, shows what is
// running there right now (read here, from the one source: the charger's running transactions; the
// energy so far with the time the bench received its reading, an old one said as old), and a
// confirm button that says exactly what will happen. Cancel and Escape send nothing; while a session
// runs there the focus starts on Cancel; while the charger or the bench cannot be reached, it cannot be
// confirmed and says why. Until what runs on the charger has been read it cannot be confirmed either, and
// when a warning arrives after it opened the focus moves to Cancel (Enter then sends nothing); when it can be
// confirmed only after it opened, the focus moves to the confirm button unless the person moved it.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { formatTime } from './format';
import { Ago } from './Ago';
import { monoFont } from '../app/theme';
import { useNow, useReach } from './reach';
import { energySoFarText, isRunning, oldReadingAfterMs, readingIsOld, readingTimeText, useRunning, type RunningTransaction } from './running';
import { formatDuration } from '../../../shared/format/time';
import { notConfirmedApart, notRunningApart, notRunningLabel } from './notRunningLabel';
import { busyWarning, useChargerBusy, type ChargerBusyRead } from './busy';
import { useLastKnownNote } from './lastKnownNote';
import { useBench } from '../stores/bench';
import type { ConnectorView } from '../../../shared/api/views';

/** A text, or one computed from what runs there now. */
type FromRunning<T> = T | ((running: RunningTransaction[]) => T);
const resolve = <T,>(v: FromRunning<T>, running: RunningTransaction[]): T => (typeof v === 'function' ? (v as (r: RunningTransaction[]) => T)(running) : v);

export interface ConfirmProps {
  open: boolean;
  title: string;
  chargerId: string;
  /** The connector it acts on; absent or 0: the whole charger (every session on it is listed). */
  connectorId?: number;
  /** Only this transaction (a remote stop). */
  transactionId?: number;
  /** Where it happens, e.g. "CP001 · connector 1" or "CP001 · the whole charger". */
  target: string;
  /** What happens to the sessions and to the charger, in a sentence or two. */
  consequence: FromRunning<ReactNode>;
  /** Says exactly what will happen: "Unlock connector 1 of CP001". */
  confirmLabel: FromRunning<string>;
  /** The focus starts on Cancel, so Enter does not fire it by accident; by default while a session runs there. */
  dangerous?: FromRunning<boolean>;
  /** More to choose before confirming (shown above what runs). */
  children?: ReactNode;
  /** More to read before confirming (shown below what happens). */
  footer?: ReactNode;
  /** Why it cannot be confirmed yet (e.g. no connector chosen). */
  blocked?: string | null;
  /**
   * What it confirms starts a commissioning or a test run on this charger: once confirmed, what runs there is
   * kept as it was (else, while the dialog closes, it would warn about the very one it started).
   */
  startsBusy?: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}

export function ConfirmDialog(props: ConfirmProps) {
  return (
    <Dialog open={props.open} onClose={props.onCancel} aria-labelledby="confirm-operation-title" aria-describedby="confirm-operation-body" maxWidth="sm" fullWidth>
      <ConfirmBody {...props} />
    </Dialog>
  );
}

/** Mounted only while the dialog is open: what runs is read when it is asked. */
function ConfirmBody({ title, chargerId, connectorId, transactionId, target, consequence, confirmLabel, dangerous, children, footer, blocked, startsBusy, onCancel, onConfirm }: ConfirmProps) {
  // One click sends one call: the button stays disabled until the dialog opens again.
  const [confirmed, setConfirmed] = useState(false);
  const all = useRunning(chargerId, connectorId || undefined);
  const listed = transactionId === undefined ? all : all.filter((t) => t.transactionId === transactionId);
  // What the operation meets: a session the record holds open on a connector that reports no session
  // there is listed, marked, but neither counted nor warned about.
  const running = listed.filter(isRunning);
  // A connector that reports a session the bench holds no transaction for is not "nothing is charging".
  const connectors = useBench((s) => s.chargers[chargerId]?.connectors);
  const untracked = transactionId === undefined ? sessionsWithoutTransaction(connectors, all, connectorId || undefined) : [];
  const reach = useReach(chargerId);
  // Offline (or the link down): what runs there is the last known, as of its last contact.
  const lastKnown = useLastKnownNote(chargerId);
  // A check or a test case running on the charger is disturbed by anything sent to it.
  const live = useChargerBusy(chargerId);
  const [frozen, setFrozen] = useState<ChargerBusyRead | null>(null);
  const read = frozen ?? live;
  const busy = busyWarning(read, chargerId);
  const danger = (dangerous === undefined ? running.length > 0 : resolve(dangerous, running)) || busy !== null;
  // Turned dangerous after it opened (the busy read answers later): the focus leaves the confirm button.
  const cancel = useRef<HTMLButtonElement>(null);
  const wasDanger = useRef(danger);
  useEffect(() => {
    if (danger && !wasDanger.current) cancel.current?.focus();
    wasDanger.current = danger;
  }, [danger]);
  // Enabled after it opened (what runs there read later): autoFocus found it disabled, so the focus sits on the
  // dialog itself. It moves to the confirm button then, only while nothing was focused since (never from an
  // element the person moved to) and nothing is dangerous.
  const confirm = useRef<HTMLButtonElement>(null);
  const enabled = !confirmed && reach.reachable && !blocked && read.known;
  useEffect(() => {
    const button = confirm.current;
    if (!enabled || danger || !button) return;
    const at = document.activeElement;
    if (at === null || at === document.body || (at !== button && at.contains(button))) button.focus();
  }, [enabled]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <>
      <DialogTitle id="confirm-operation-title">{title}</DialogTitle>
      <DialogContent id="confirm-operation-body">
        <Typography variant="body2" color="text.secondary" gutterBottom>
          Target: <strong>{target}</strong>
        </Typography>
        {busy && (
          <Alert severity="warning" sx={{ mb: 1 }}>
            {busy}
          </Alert>
        )}
        {children}
        <RunningList running={listed} lastKnown={lastKnown} untracked={untracked} />
        <Alert severity={danger ? 'warning' : 'info'} sx={{ mt: 2 }}>
          {resolve(consequence, running)}
        </Alert>
        {footer}
        {!reach.reachable && (
          <Alert severity="error" sx={{ mt: 2 }} role="alert">
            {reach.reason}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button ref={cancel} onClick={onCancel} autoFocus={danger}>
          Cancel
        </Button>
        <Button
          ref={confirm}
          variant="contained"
          color={danger ? 'error' : 'primary'}
          autoFocus={!danger}
          disabled={!enabled}
          title={blocked ?? (read.known ? undefined : 'Reading what runs on the charger…')}
          onClick={() => {
            setConfirmed(true);
            if (startsBusy) setFrozen(live);
            onConfirm();
          }}
        >
          {resolve(confirmLabel, running)}
        </Button>
      </DialogActions>
    </>
  );
}

/**
 * When the energy so far was read ("at 12:03:04 (3 min ago)"), ticking, by when the bench received it; an
 * old reading said as old; the charger's own time beside when its clock is far off, or alone, said as the
 * charger's, when the record does not say when it came.
 */
function ReadingTime({ reading }: { reading: Pick<RunningTransaction, 'energyTakenAt' | 'energyReceivedAt' | 'readingEvery'> }) {
  const now = useNow();
  const text = readingTimeText(reading, now);
  if (text === null) return null;
  const old = readingIsOld(reading, now);
  const title = old
    ? `No newer reading for longer than ${formatDuration(oldReadingAfterMs(reading.readingEvery))}: the session may have delivered more since`
    : reading.energyReceivedAt === null
      ? "When the bench received this reading is not in its record: the time is the charger's own, and a charger's clock may be wrong"
      : undefined;
  return (
    <Typography component="span" variant="caption" color={old ? 'warning.main' : 'text.secondary'} sx={{ display: 'block', lineHeight: 1.2 }} title={title}>
      {text}
    </Typography>
  );
}

/** What a list of running sessions says while the bench's have not been loaded yet. */
export const READING_SESSIONS = 'Reading the running sessions from the bench…';

/** Connector statuses that say a session is under way there (OCPP 1.6 ChargePointStatus): charging, or paused by the car or the charger. */
const IN_SESSION: ReadonlySet<string> = new Set(['Charging', 'SuspendedEV', 'SuspendedEVSE']);

/**
 * The connectors (all of the charger's, or `connectorId`) that report a session under way while the bench
 * holds no transaction open there (`held`: those it holds, running or not): the charger started one the
 * bench never heard of, or its StartTransaction is still on its way.
 */
export function sessionsWithoutTransaction(connectors: readonly ConnectorView[] | undefined, held: readonly Pick<RunningTransaction, 'connectorId'>[], connectorId?: number): ConnectorView[] {
  const withTx = new Set(held.map((t) => t.connectorId));
  return (connectors ?? []).filter((c) => c.connectorId > 0 && (connectorId === undefined || c.connectorId === connectorId) && IN_SESSION.has(c.status) && !withTx.has(c.connectorId));
}

/** "Connector 2 reports Charging, but the bench knows of no transaction there."; `lastKnown`: said as of then. */
export function untrackedText(c: Pick<ConnectorView, 'connectorId' | 'status'>, lastKnown: string | null = null): string {
  return lastKnown === null
    ? `Connector ${c.connectorId} reports ${c.status}, but the bench knows of no transaction there.`
    : `Last known (${lastKnown}): connector ${c.connectorId} reported ${c.status}, with no transaction the bench knows of.`;
}

/**
 * The transactions running now, or a plain "nothing is charging"; `lastKnown` (lastKnownNote: the charger
 * offline, or the link down): said as the last known, and as of when, not as now. One the record holds open
 * while its connector reports no session there, or a newer one supersedes, is listed apart, not counted, marked
 * so ("Not running: record says open; connector 1 reports Available"); so is one not confirmed and not counted;
 * a connector that reports a session with no transaction the bench knows of is said so, never
 * "nothing is charging". The table scrolls sideways within its dialog rather than overflow it.
 */
export function RunningList({
  running,
  emptyText = 'Nothing is charging here right now.',
  lastKnown = null,
  untracked = [],
}: {
  running: RunningTransaction[];
  emptyText?: string;
  lastKnown?: string | null;
  /** Connectors that report a session with no transaction the bench knows of (sessionsWithoutTransaction). */
  untracked?: readonly ConnectorView[];
}) {
  // Before the bench's running sessions are loaded, none listed is not "nothing is charging".
  const loaded = useBench((s) => s.loaded);
  const notes = loaded
    ? untracked.map((c) => (
        <Typography key={c.connectorId} variant="body2" color="warning.main" sx={{ mt: 1 }}>
          {untrackedText(c, lastKnown)}
        </Typography>
      ))
    : null;
  if (!running.length)
    return notes?.length ? (
      <>{notes}</>
    ) : (
      <Typography variant="body2" sx={{ mt: 1 }}>
        {!loaded ? READING_SESSIONS : lastKnown === null ? emptyText : `Last known (${lastKnown}): nothing was charging here.`}
      </Typography>
    );
  // One not running (its connector reports no session, a newer one supersedes it) and one not confirmed and
  // not counted (most likely lost) are each listed apart: "Running right now" lists what runs.
  const counted = running.filter((t) => !notConfirmedApart(t) && !notRunningApart(t));
  const notRunning = running.filter(notRunningApart);
  const apart = running.filter(notConfirmedApart);
  const asOf = lastKnown === null ? '' : ` as last known (${lastKnown})`;
  return (
    <Box sx={{ mt: 1 }}>
      {counted.length ? (
        <SessionsTable title={lastKnown === null ? 'Running right now' : `Running as last known (${lastKnown})`} label="Running transactions" list={counted} />
      ) : (
        <Typography variant="body2">{lastKnown === null ? emptyText : `Last known (${lastKnown}): nothing was charging here.`}</Typography>
      )}
      {notRunning.length > 0 && <SessionsTable title={`Held open in the record, not running${asOf} (not counted)`} label="Not running transactions" list={notRunning} ended />}
      {apart.length > 0 && <SessionsTable title={`Not confirmed by the charger${asOf} (not counted: most likely lost)`} label="Not confirmed transactions" list={apart} ended />}
      {notes}
    </Box>
  );
}

/**
 * A table of sessions held open, under its heading, each one not running or not confirmed marked beneath it;
 * `ended`: sessions not running (or not confirmed and not counted), whose energy is what was recorded, no more
 * to come. A transaction id and an idTag stay on one line: the table scrolls sideways rather than split them.
 */
function SessionsTable({ title, label, list, ended = false }: { title: string; label: string; list: RunningTransaction[]; ended?: boolean }) {
  return (
    <Box sx={{ mt: 1 }}>
      <Typography variant="subtitle2">{title}</Typography>
      <Box sx={{ overflowX: 'auto', maxWidth: '100%' }}>
        <Table size="small" aria-label={label} sx={{ '& th, & td': { whiteSpace: 'nowrap' } }}>
          <TableHead>
            <TableRow>
              <TableCell>Transaction</TableCell>
              <TableCell>Connector</TableCell>
              <TableCell>idTag</TableCell>
              <TableCell align="right">{ended ? 'Energy recorded' : 'Energy so far'}</TableCell>
              <TableCell>Started</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {list.map((t) => (
              <SessionRow key={t.transactionId} t={t} ended={ended} />
            ))}
          </TableBody>
        </Table>
      </Box>
    </Box>
  );
}

/** The energy a session's row names; one not running with no reading has none recorded, and none will come. */
function energyText(t: RunningTransaction, ended: boolean): string {
  const text = energySoFarText(t);
  return ended && t.energyWh === null && !t.energyWarning && !t.energyPending && t.energyUnread === undefined ? 'no readings recorded' : text;
}

function SessionRow({ t, ended }: { t: RunningTransaction; ended: boolean }) {
  const label = notRunningLabel(t);
  return (
    <>
      <TableRow sx={label ? { '& td': { borderBottom: 0 } } : undefined}>
        <TableCell>{t.transactionId}</TableCell>
        <TableCell>{t.connectorId}</TableCell>
        {/* An idTag (up to 20 characters) stays whole, never split mid-token: the table scrolls sideways instead. */}
        <TableCell sx={{ fontFamily: monoFont }}>{t.idTag}</TableCell>
        {/* It may wrap: a meter that went backwards says so in words, within the dialog (so may the start, "under a minute ago"). */}
        <TableCell align="right" sx={{ whiteSpace: 'normal !important', minWidth: 96 }}>
          {energyText(t, ended)}
          <ReadingTime reading={t} />
        </TableCell>
        <TableCell title={formatTime(t.startTime)} sx={{ whiteSpace: 'normal !important', minWidth: 72 }}>
          <Ago iso={t.startTime} />
        </TableCell>
      </TableRow>
      {label && (
        <TableRow>
          <TableCell colSpan={5} sx={{ whiteSpace: 'normal !important', color: 'warning.main', pt: 0 }}>
            {label}
          </TableCell>
        </TableRow>
      )}
    </>
  );
}
