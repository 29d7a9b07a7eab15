// What switching off, power-cycling or deleting a virtual charger does to the sessions it is running, said
// before it is done: each session named (transaction, connector, card, since when), and what will really
// become of it in the bench's record.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useId } from 'react';
import { formatWhen } from '../../components/format';
import { CLOSE_HINT, faultSwitches, REMOVAL_STOP_REASON, REMOVAL_STOP_WAIT_S, type VirtualChargerView } from '../../../../shared/api/virtual-chargers';

export interface RunningSession {
  connectorId: number;
  transactionId: number | null;
  idTag: string;
  startedAt: string;
}

/** The sessions the charger is running now. */
export function runningSessions(v: VirtualChargerView): RunningSession[] {
  return v.connectors.flatMap((c) =>
    c.transaction ? [{ connectorId: c.connectorId, transactionId: c.transaction.transactionId, idTag: c.transaction.idTag, startedAt: c.transaction.startedAt }] : [],
  );
}

/** "transaction 12 on connector 1 (card TAG1, since 10:02:03)". */
export function sessionName(s: RunningSession): string {
  const which = s.transactionId === null ? 'a session not yet confirmed by the central system' : `transaction ${s.transactionId}`;
  return `${which} on connector ${s.connectorId} (card ${s.idTag}, since ${formatWhen(s.startedAt)})`;
}

function listed(sessions: RunningSession[]): string {
  const names = sessions.map(sessionName);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

const online = (v: VirtualChargerView) => v.connection === 'connected' && v.registration === 'Accepted';

/**
 * With its fault "StopTransaction with a wrong transactionId" on, the StopTransaction it sends for
 * `sessions` names a transaction the bench never started: the bench applies it to none, so they stay open
 * in its record (null: the fault is off, or no session the central system gave an id to).
 */
export function wrongStopWords(v: VirtualChargerView, sessions: RunningSession[]): string | null {
  if (!v.faults.wrongStopTransactionId || !sessions.some((s) => s.transactionId !== null)) return null;
  const one = sessions.length === 1;
  return `But its fault "${faultSwitches['wrong-stop-transaction-id'].label}" is on: while it is, that StopTransaction names a transaction the bench never started, so the bench does not close ${one ? 'the session' : 'the sessions'} (it notes a warning instead) and ${one ? 'it stays' : 'they stay'} open in the bench's record. Switch the fault off first to have ${one ? 'it' : 'them'} closed, or ${CLOSE_HINT} afterwards.`;
}

const withWrongStop = (v: VirtualChargerView, sessions: RunningSession[], words: string[]): string[] => {
  const wrong = wrongStopWords(v, sessions);
  return wrong === null ? words : [...words, wrong];
};

/** What Stop does to the sessions running (none: nothing to ask). */
export function stopWords(v: VirtualChargerView): string[] {
  const sessions = runningSessions(v);
  if (!sessions.length) return [];
  return withWrongStop(v, sessions, [
    `${v.id} is charging: ${listed(sessions)}.`,
    `Stop switches ${v.id} off as a power cut would. The charger ends ${sessions.length === 1 ? 'the session' : 'the sessions'} (reason PowerLoss) but can tell the central system only when it is started again: until then ${sessions.length === 1 ? 'it stays' : 'they stay'} open in the bench's record. Start ${v.id} again and it sends the StopTransaction, dated when it was switched off.`,
  ]);
}

/** What Power cycle does to the sessions running (none: nothing to ask). */
export function powerCycleWords(v: VirtualChargerView): string[] {
  const sessions = runningSessions(v);
  if (!sessions.length) return [];
  const them = sessions.length === 1 ? 'the session' : 'the sessions';
  return withWrongStop(v, sessions, [
    `${v.id} is charging: ${listed(sessions)}.`,
    v.definition.backupPower
      ? `Power cycle cuts the mains: on its back-up power ${v.id} first ends ${them} (reason PowerLoss) and sends the StopTransaction, then restarts and boots again.`
      : `Power cycle cuts the power and brings it back: ${them} end${sessions.length === 1 ? 's' : ''} at once (reason PowerLoss). ${v.id} reports that with a StopTransaction once it has booted again and is connected (about 2 s later when the central system is reachable).`,
  ]);
}

/** What Delete does to the sessions running, and to queued messages (ended sessions' StopTransactions) whenever there are any. */
export function deleteWords(v: VirtualChargerView): string[] {
  const sessions = runningSessions(v);
  const words: string[] = [];
  if (sessions.length && online(v)) {
    words.push(
      `${v.id} is charging: ${listed(sessions)}. Delete first ends ${sessions.length === 1 ? 'it' : 'them'} as a charger taken out of service would: ${v.id} sends StopTransaction (reason ${REMOVAL_STOP_REASON}) and waits up to ${REMOVAL_STOP_WAIT_S} s for the central system's answer, then disconnects. A session whose StopTransaction is not answered in time may stay open in the record: check the Transactions screen afterwards and, if it is still open there, ${CLOSE_HINT}.`,
    );
  } else if (sessions.length) {
    words.push(
      `${v.id} is charging (${listed(sessions)}) but is not connected to the central system, so it cannot tell it the session ended: it will stay open in the bench's record. Close it afterwards with Close… on the Transactions screen, or wait until ${v.id} is back online and delete it then.`,
    );
  }
  const queued = v.queuedMessages;
  if (queued > 0) {
    const they = queued === 1 ? 'it' : 'them';
    const messages = `${queued} transaction message${queued === 1 ? ' is' : 's are'} still queued`;
    words.push(
      online(v)
        ? `${messages} (such as the StopTransaction of a session that has ended). Delete waits up to ${REMOVAL_STOP_WAIT_S} s for ${they} to be delivered; a session whose StopTransaction has not been answered by then may stay open in the record: check the Transactions screen afterwards and, if it is still open there, ${CLOSE_HINT}.`
        : `${messages} unsent (such as the StopTransaction of a session that ended while ${v.id} was ${v.running ? 'offline' : 'stopped'}) and go${queued === 1 ? 'es' : ''} with it: such a session stays open in the record. ${
            v.running ? `Wait until ${v.id} is back online to deliver ${they}` : `Start ${v.id} first to deliver ${they}`
          }, or ${CLOSE_HINT} afterwards.`,
    );
  }
  return words;
}

/**
 * A confirmation naming what a charger-wide action does; `paragraphs` say it. While the link to the bench is
 * lost (`blocked`: why nothing can be sent; `asOf`: "last known, as of …") it is said as the last known and
 * cannot be confirmed.
 */
export function SessionsConfirmDialog(props: {
  open: boolean;
  title: string;
  paragraphs: string[];
  confirmLabel: string;
  blocked?: string | null;
  asOf?: string | null;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const titleId = useId();
  const blocked = props.blocked ?? null;
  return (
    <Dialog open={props.open} onClose={props.onCancel} aria-labelledby={titleId}>
      <DialogTitle id={titleId}>{props.title}</DialogTitle>
      <DialogContent>
        {props.asOf && props.paragraphs.length > 0 && <DialogContentText sx={{ mb: 1.5, fontStyle: 'italic' }}>{`What follows is the ${props.asOf}, not now:`}</DialogContentText>}
        {props.paragraphs.map((p, i) => (
          <DialogContentText key={i} sx={{ mb: 1.5 }}>
            {p}
          </DialogContentText>
        ))}
        {blocked && (
          <Alert severity="error" role="alert">
            {blocked}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel} autoFocus>
          Cancel
        </Button>
        <Button color="error" variant="contained" disabled={blocked !== null} onClick={props.onConfirm}>
          {props.confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
