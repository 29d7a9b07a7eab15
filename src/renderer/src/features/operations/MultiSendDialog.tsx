// Sends one operation to several chargers at once (the ones where that is safe: a configuration key,
// trigger message, change availability, reset), in parallel, with a result per charger. The disruptive
// ones list every affected charger and its running transactions before anything is sent, and every
// charger a commissioning or a test run runs on (in the words of a single send's confirmation).
// A standard configuration key's value is checked against the key's type as the configuration table's
// inline edit checks it (shared/ocpp16/configuration-values.ts): the field says what the key takes, and a
// value the key cannot take is not sent. There is no "send anyway" here: a bad value on purpose (to see how
// a charger answers it) is a test of one charger, sent from its Configuration panel's Set any key.
// The results count how each send ended (kit/multiSend.ts): answered, refused, unanswered, dropped,
// offline, each apart; an accepted TriggerMessage is followed up under its row as its panel does.
// The sends are paced (multiSendQueue.ts): a few at once, the rest queued in the dialog and said so; Close
// while some are not sent yet asks first, and stopping sends nothing more.
import { useEffect, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import FormControl from '@mui/material/FormControl';
import FormLabel from '@mui/material/FormLabel';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { MessageTrigger, type AvailabilityType, type ResetType } from '../../../../shared/ocpp16';
import { useClient } from '../../api/context';
import { CallFailure } from '../../api/client';
import { useBench } from '../../stores/bench';
import { monoFont } from '../../app/theme';
import { ChargerBadges } from '../../components/ChargerBadges';
import { silenceOf, useNow } from '../../components/reach';
import { neverConnected, useSendBlocked } from '../../components/reach';
import type { RequestOf } from '../../../../shared/ocpp16';
import { configurationValueProblem, configurationValueRule, configurationValueToSend } from '../../../../shared/ocpp16/configuration-values';
import { checkPayload, compact, fieldState, numberOrText, type FieldErrors } from './kit/form';
import { multiRowEnd } from './kit/multiSend';
import { MultiSendResults, StopSendingAsk } from './MultiSendResults';
import { paceSends, stoppedRows, type MultiRow, type PacedSend } from './multiSendQueue';
import { plural, useRunningOf, type RunningTransaction } from './kit/running';
import { isRunning } from '../../components/running';
import { MultiSendRunning } from './MultiSendRunning';
import { explainResult, type OperationAction } from './registry';
import { AcceptedHeartbeatAdvice, MultiHeartbeatAdvice, rowUntilBoot, useBootIntervals } from './kit/multiHeartbeat';
import { resetAnswered } from './panels/Reset';
import { busyWarning, useChargersBusy } from '../../components/busy';
import { lastKnownNote } from '../../components/lastKnownNote';
import { lastContactOf } from '../../components/ChargerOfflineNotice';
import { useBenchSettings } from '../../components/refusals';
import { benchNow } from '../../components/benchClock';

type MultiAction = Extract<OperationAction, 'ChangeConfiguration' | 'TriggerMessage' | 'ChangeAvailability' | 'Reset'>;

const multiActions: Array<{ action: MultiAction; label: string }> = [
  { action: 'ChangeConfiguration', label: 'Change a configuration key' },
  { action: 'TriggerMessage', label: 'Trigger a message' },
  { action: 'ChangeAvailability', label: 'Change availability' },
  { action: 'Reset', label: 'Reset' },
];

type Step = 'form' | 'confirm' | 'results';

/**
 * The confirm button of a multi-send: "Hard reset 3 chargers and end 2 transactions". `chargers`: those it
 * is sent to (online); `offline`: the selected ones that get nothing ("Hard reset 2 chargers (1 offline)").
 */
export function multiConfirmLabel(action: MultiAction, payload: Record<string, unknown>, chargers: number, transactions: number, offline = 0): string {
  const many = `${plural(chargers, 'charger')}${offline ? ` (${offline} offline)` : ''}`;
  const end = transactions ? ` and end ${plural(transactions, 'transaction')}` : '';
  switch (action) {
    case 'Reset':
      return `${String(payload.type)} reset ${many}${end}`;
    case 'ChangeAvailability':
      return payload.connectorId === 0 ? `Make ${many} ${String(payload.type)}` : `Make connector ${String(payload.connectorId)} of ${many} ${String(payload.type)}`;
    case 'ChangeConfiguration':
      return String(payload.key ?? '').trim() ? `Set ${String(payload.key)} on ${many}` : `Set a configuration key on ${many}`;
    case 'TriggerMessage':
      return `Trigger ${String(payload.requestedMessage)} on ${many}`;
  }
}

const NONE: string[] = [];

/** Why a value typed for a standard key is not sent to the chargers (what the key takes, and where to send it anyway); null when it can be sent. */
export function multiConfigValueProblem(key: string, value: string): string | null {
  const problem = configurationValueProblem(key, value);
  return problem && `${problem}. Not sent: to send a value its key cannot take on purpose (to see how a charger answers), use Set any key in that charger's Configuration panel.`;
}

export function MultiSendDialog({ chargerIds, open, onClose }: { chargerIds: string[]; open: boolean; onClose: () => void }) {
  const client = useClient();
  const chargers = useBench((s) => s.chargers);
  const now = useNow();
  // Nothing is sent while the link to the bench is down (the same words as every other send).
  const linkDown = useSendBlocked();
  const linkSince = useBench((s) => s.linkSince);
  // What an online charger's silence is judged against when its view tells no interval it was given (as the Overview).
  const heartbeatSetting = useBenchSettings()?.heartbeatInterval;
  // Worked out only while the dialog is open (it stays mounted, with the selection, while closed).
  const runningOf = useRunningOf(open ? chargerIds : NONE);
  const [action, setAction] = useState<MultiAction>('ChangeConfiguration');
  const [key, setKey] = useState('');
  // What each charger's BootNotification answer gives it (its bench behaviour's, or the Settings'), read while HeartbeatInterval is the key.
  const heartbeat = action === 'ChangeConfiguration' && key.trim() === 'HeartbeatInterval';
  const boots = useBootIntervals(chargerIds, open && heartbeat);
  const [value, setValue] = useState('');
  const [requestedMessage, setRequestedMessage] = useState<MessageTrigger>('StatusNotification');
  const [connectorId, setConnectorId] = useState('0');
  // TriggerMessage has its own: its connectorId must be > 0 when given, and blank means every connector.
  const [triggerConnectorId, setTriggerConnectorId] = useState('');
  const [availability, setAvailability] = useState<AvailabilityType>('Inoperative');
  const [resetType, setResetType] = useState<ResetType>('Soft');
  const [tried, setTried] = useState(false);
  const [step, setStep] = useState<Step>('form');
  const [rows, setRows] = useState<MultiRow[]>([]);
  // The send under way: its answers are taken only while it is this one (not after Stop and close, nor a reopen).
  const queue = useRef<PacedSend | null>(null);
  const [asking, setAsking] = useState(false);
  // What runs on the chargers (a commissioning, a test run), read once the send is to be confirmed.
  const busy = useChargersBusy(chargerIds, open && step === 'confirm');
  const busyWarnings = chargerIds.flatMap((id) => {
    const w = busy.busy[id] && busyWarning(busy.busy[id], id);
    return w ? [w] : [];
  });

  useEffect(() => {
    if (open) {
      setStep('form');
      setRows([]);
      setTried(false);
      setAsking(false);
    } else {
      // Closed (or never opened): nothing more goes out from this dialog.
      queue.current?.stop();
    }
    queue.current = null;
  }, [open]);
  // Gone: nothing more goes out either.
  useEffect(() => () => void queue.current?.stop(), []);

  const payload: Record<string, unknown> =
    action === 'ChangeConfiguration'
      ? { key, value: configurationValueToSend(key, value) }
      : action === 'TriggerMessage'
        ? compact({ requestedMessage, connectorId: triggerConnectorId.trim() === '' ? undefined : numberOrText(triggerConnectorId.trim()) })
        : action === 'ChangeAvailability'
          ? { connectorId: numberOrText(connectorId), type: availability }
          : { type: resetType };
  const checked = checkPayload(action, payload);
  const triggerZero = action === 'TriggerMessage' && typeof payload.connectorId === 'number' && payload.connectorId < 1;
  // What a standard key takes (said under the value), and why the value typed cannot go (said as it is typed).
  const valueRule = action === 'ChangeConfiguration' ? configurationValueRule(key) : null;
  const valueProblem = action === 'ChangeConfiguration' ? multiConfigValueProblem(key, value) : null;
  const localErrors: FieldErrors = {
    ...(valueProblem ? { value: valueProblem } : {}),
    ...checked.errors,
    ...(action === 'ChangeConfiguration' && key.trim() === '' ? { key: 'Required: the configuration key' } : {}),
    ...(triggerZero ? { connectorId: 'A connector number is 1 or more; leave blank for all connectors' } : {}),
  };
  const errors = tried ? localErrors : valueProblem && value !== '' ? { value: valueProblem } : {};

  // The transactions the operation touches: all of them for a reset; those on the connector for availability.
  // Listed with those the record holds open on a connector that reports no session there, marked; counted: those running.
  const listedOf = (id: string): RunningTransaction[] => {
    const all = runningOf[id] ?? [];
    if (action === 'Reset') return all;
    if (action === 'ChangeAvailability' && availability === 'Inoperative') return payload.connectorId === 0 ? all : all.filter((t) => t.connectorId === payload.connectorId);
    return [];
  };
  const affected = (id: string): RunningTransaction[] => listedOf(id).filter(isRunning);
  const disruptive = action === 'Reset' || (action === 'ChangeAvailability' && availability === 'Inoperative');
  const affectedCount = chargerIds.reduce((n, id) => n + affected(id).length, 0);
  // An offline charger gets nothing (its row in the results says so): the button counts those it reaches.
  const online = chargerIds.filter((id) => chargers[id]?.connected);
  const endsTransactions = action === 'Reset' ? online.reduce((n, id) => n + affected(id).length, 0) : 0;
  const confirmLabel = multiConfirmLabel(action, payload, online.length, endsTransactions, chargerIds.length - online.length);
  // An offline charger's sessions (all of them while the link is down; an online one's silent past its heartbeat) are the last known, as of its last contact, not now.
  const lastKnownOf = (id: string): string | null => {
    const c = chargers[id];
    const stale = linkDown !== null || !c?.connected;
    const silent = silenceOf(c, heartbeatSetting, now)?.since ?? null;
    const reach = { stale, linkDown: linkDown !== null };
    return lastKnownNote(id, reach, lastContactOf(reach, c?.lastSeen, linkSince, c?.connected ?? true), !!c && neverConnected(c), now, silent, !!c && !c.connected);
  };
  const someLastKnown = chargerIds.some((id) => lastKnownOf(id) !== null);
  // Nothing is sent to an offline charger (a silent one is still sent to).
  const lastKnownAffected = chargerIds.some((id) => affected(id).length > 0 && lastKnownOf(id) !== null && (linkDown !== null || !chargers[id]?.connected));

  const sendAll = () => {
    const op = typedOperation(action, payload);
    if (!op || linkDown) return;
    setStep('results');
    setAsking(false);
    setRows(chargerIds.map((chargerId) => ({ chargerId, send: { state: 'queued' } })));
    const update = (chargerId: string, row: (r: MultiRow) => MultiRow) => {
      if (queue.current === q) setRows((rs) => rs.map((r) => (r.chargerId === chargerId ? row(r) : r)));
    };
    // A few at once, the rest queued here (multiSendQueue.ts): a slow or silent one holds up only its own slot.
    queue.current?.stop();
    const q: PacedSend = paceSends(chargerIds, (chargerId) => client.operate({ chargerId, ...op }), {
      sent: (chargerId, at) => update(chargerId, (r) => ({ ...r, send: { state: 'sent', sentAt: at.toISOString() } })),
      ended: (chargerId, outcome) =>
        update(chargerId, (r) => {
          const sent = { state: 'ended' as const, ...(r.send.state === 'sent' ? { sentAt: r.send.sentAt } : {}) };
          if (!outcome.ok) {
            const e = outcome.error;
            return {
              chargerId,
              send: sent,
              end: multiRowEnd(null),
              explained: { tone: 'error', headline: 'Not sent', meaning: `The bench refused the request: ${e instanceof CallFailure || e instanceof Error ? e.message : String(e)}` },
            };
          }
          // The heading counts an answer by what its action's meanings say of it (accepted, rejected, ...).
          const result = outcome.value;
          const charger = chargers[chargerId];
          const explained = explainResult(action, result, chargerId, !!charger && neverConnected(charger));
          return { chargerId, send: sent, end: multiRowEnd(result, explained), result, settledAt: new Date(benchNow()).toISOString(), explained };
        }),
    });
    queue.current = q;
    q.start();
  };

  const queued = rows.filter((r) => r.send.state === 'queued').length;
  const inFlight = rows.filter((r) => r.send.state === 'sent').length;
  // Asked while some were queued: once none are, the question is over (it never comes back by itself).
  useEffect(() => void (queued === 0 && setAsking(false)), [queued]);
  // Stops the queue: nothing more is sent (stoppedRows says how each row is left).
  const stopSending = (close: boolean) => {
    const never = new Set(queue.current?.stop() ?? []);
    if (close) queue.current = null;
    setRows((rs) => stoppedRows(rs, never, close));
    setAsking(false);
    if (close) onClose();
  };
  // Close while some are not sent yet asks first; otherwise it closes as it always did.
  const requestClose = () => (step === 'results' && queued > 0 ? setAsking(true) : onClose());

  const next = () => {
    setTried(true);
    if (Object.keys(localErrors).length) return;
    if (disruptive) setStep('confirm');
    else sendAll();
  };

  const done = rows.filter((r) => r.send.state === 'ended').length;
  return (
    <Dialog open={open} onClose={step === 'confirm' ? () => setStep('form') : requestClose} maxWidth="md" fullWidth aria-labelledby="multi-send-title">
      <DialogTitle id="multi-send-title">
        {/* The review counts what is really sent, as its button does: an offline charger gets nothing. */}
        {step === 'confirm'
          ? `Confirm: Send to ${plural(online.length, 'charger')}${online.length < chargerIds.length ? ` (${chargerIds.length - online.length} offline)` : ''}`
          : `Send to ${plural(chargerIds.length, 'charger')}`}
      </DialogTitle>
      <DialogContent>
        {step === 'form' && (
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }} aria-label="Chargers">
              {chargerIds.map((id) => (
                <Chip
                  key={id}
                  size="small"
                  label={
                    <>
                      {`${id}${chargers[id]?.connected ? '' : ' · offline'}`} <ChargerBadges chargerId={id} compact />
                    </>
                  }
                  color={chargers[id]?.connected ? 'success' : 'default'}
                  variant="outlined"
                />
              ))}
            </Stack>
            <TextField
              select
              label="Operation"
              value={action}
              onChange={(e) => {
                setAction(e.target.value as MultiAction);
                setTried(false);
              }}
              sx={{ maxWidth: 360 }}
            >
              {multiActions.map((a) => (
                <MenuItem key={a.action} value={a.action}>
                  {a.label}
                </MenuItem>
              ))}
            </TextField>
            {action === 'ChangeConfiguration' && (
              <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
                <TextField
                  label="Key"
                  required
                  value={key}
                  onChange={(e) => setKey(e.target.value)}
                  sx={{ minWidth: 280 }}
                  {...fieldState(errors, 'key', 'e.g. HeartbeatInterval')}
                  slotProps={{ htmlInput: { style: { fontFamily: monoFont } } }}
                />
                <TextField
                  label="Value"
                  value={value}
                  onChange={(e) => setValue(e.target.value)}
                  sx={{ minWidth: 220, flex: 1 }}
                  {...fieldState(errors, 'value', valueRule ?? 'At most 500 characters')}
                  slotProps={{ htmlInput: { style: { fontFamily: monoFont } } }}
                />
              </Stack>
            )}
            {heartbeat && <MultiHeartbeatAdvice chargerIds={chargerIds} all={chargerIds.length} value={value} boots={boots} />}
            {action === 'TriggerMessage' && (
              <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
                <TextField
                  select
                  label="Message"
                  value={requestedMessage}
                  onChange={(e) => setRequestedMessage(e.target.value as MessageTrigger)}
                  sx={{ minWidth: 280 }}
                  {...fieldState(errors, 'requestedMessage')}
                >
                  {MessageTrigger.options.map((m) => (
                    <MenuItem key={m} value={m}>
                      {m}
                    </MenuItem>
                  ))}
                </TextField>
                <TextField label="Connector" value={triggerConnectorId} onChange={(e) => setTriggerConnectorId(e.target.value)} {...fieldState(errors, 'connectorId', 'Blank: all connectors')} />
              </Stack>
            )}
            {action === 'ChangeAvailability' && (
              <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
                <TextField label="Connector" required value={connectorId} onChange={(e) => setConnectorId(e.target.value)} {...fieldState(errors, 'connectorId', '0: each charger as a whole')} />
                <FormControl>
                  <FormLabel id="multi-availability">New availability</FormLabel>
                  <RadioGroup row aria-labelledby="multi-availability" value={availability} onChange={(e) => setAvailability(e.target.value as AvailabilityType)}>
                    <FormControlLabel value="Inoperative" control={<Radio />} label="Inoperative" />
                    <FormControlLabel value="Operative" control={<Radio />} label="Operative" />
                  </RadioGroup>
                </FormControl>
              </Stack>
            )}
            {action === 'Reset' && (
              <FormControl>
                <FormLabel id="multi-reset">Reset type</FormLabel>
                <RadioGroup row aria-labelledby="multi-reset" value={resetType} onChange={(e) => setResetType(e.target.value as ResetType)}>
                  <FormControlLabel value="Soft" control={<Radio />} label="Soft" />
                  <FormControlLabel value="Hard" control={<Radio />} label="Hard" />
                </RadioGroup>
              </FormControl>
            )}
            {chargerIds.some((id) => !chargers[id]?.connected) && <Alert severity="info">Offline chargers are listed as such in the results; nothing is sent to them.</Alert>}
          </Stack>
        )}
        {step === 'confirm' && (
          <Stack spacing={2}>
            {busyWarnings.length > 0 && (
              <Alert severity="warning" aria-label="Checks running on these chargers">
                {busyWarnings.map((w) => (
                  <Box key={w}>{w}</Box>
                ))}
              </Alert>
            )}
            <Typography>
              {affectedCount
                ? action === 'Reset'
                  ? `Running now, and ended by the reset${lastKnownAffected ? " (an offline charger's as last known: nothing is sent to it)" : ''}:`
                  : `Running now: no new sessions start, and each charger should switch once its transactions end.${lastKnownAffected ? " An offline charger's are the last known: nothing is sent to it." : ''}`
                : someLastKnown
                  ? 'Nothing is charging on them, as last known for those offline or not heard from lately.'
                  : 'Nothing is charging on them right now.'}
            </Typography>
            <Table size="small" aria-label="Affected chargers">
              <TableHead>
                <TableRow>
                  <TableCell>Charger</TableCell>
                  <TableCell>{someLastKnown ? 'Running now, or last known' : 'Running now'}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {chargerIds.map((id) => {
                  const tx = listedOf(id);
                  const lastKnown = lastKnownOf(id);
                  return (
                    <TableRow key={id}>
                      <TableCell sx={{ fontFamily: monoFont }}>
                        {id} <ChargerBadges chargerId={id} compact />
                        {!chargers[id]?.connected && (
                          <Typography component="span" variant="body2" color="text.secondary">
                            {' '}
                            (offline)
                          </Typography>
                        )}
                      </TableCell>
                      <TableCell>
                        <MultiSendRunning tx={tx} lastKnown={lastKnown} now={now} />
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </Stack>
        )}
        {step === 'results' && (
          <Stack spacing={1}>
            <MultiSendResults
              rows={rows}
              explain={(r) =>
                action === 'ChangeConfiguration' ? rowUntilBoot(r, key, value, boots, chargers) : r.explained && action === 'Reset' ? resetAnswered(r.explained, resetType) : r.explained
              }
              followUp={action === 'TriggerMessage'}
            />
            {heartbeat && <AcceptedHeartbeatAdvice rows={rows} chargers={chargers} value={value} boots={boots} />}
          </Stack>
        )}
      </DialogContent>
      {linkDown && step !== 'results' && (
        <Alert severity="error" role="alert" sx={{ mx: 3, mb: 1 }}>
          {linkDown}
        </Alert>
      )}
      <DialogActions>
        {step === 'form' && (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button variant="contained" color={disruptive ? 'warning' : 'primary'} onClick={next} disabled={chargerIds.length === 0 || !!linkDown}>
              {disruptive ? 'Review…' : confirmLabel}
            </Button>
          </>
        )}
        {step === 'confirm' && (
          <>
            <Button onClick={() => setStep('form')} autoFocus>
              Cancel
            </Button>
            <Button variant="contained" color="error" onClick={sendAll} disabled={!!linkDown || !busy.known} title={busy.known ? undefined : 'Reading what runs on the chargers…'}>
              {confirmLabel}
            </Button>
          </>
        )}
        {step === 'results' && (
          <>
            {queued > 0 && (
              <Button color="warning" onClick={() => stopSending(false)}>
                Stop sending
              </Button>
            )}
            <Button onClick={() => setStep('form')} disabled={done < rows.length}>
              Send something else
            </Button>
            <Button variant="contained" onClick={requestClose}>
              Close
            </Button>
          </>
        )}
      </DialogActions>
      {asking && queued > 0 && <StopSendingAsk queued={queued} inFlight={inFlight} onKeep={() => setAsking(false)} onStop={() => stopSending(true)} />}
    </Dialog>
  );
}

/** The checked payload together with its action, so the bench call is typed by it; null while the form is not valid. */
function typedOperation(action: MultiAction, payload: unknown): { [A in MultiAction]: { action: A; payload: RequestOf<A> } }[MultiAction] | null {
  switch (action) {
    case 'Reset': {
      const c = checkPayload(action, payload);
      return c.ok ? { action, payload: c.payload } : null;
    }
    case 'ChangeAvailability': {
      const c = checkPayload(action, payload);
      return c.ok ? { action, payload: c.payload } : null;
    }
    case 'ChangeConfiguration': {
      const c = checkPayload(action, payload);
      return c.ok ? { action, payload: c.payload } : null;
    }
    case 'TriggerMessage': {
      const c = checkPayload(action, payload);
      return c.ok ? { action, payload: c.payload } : null;
    }
  }
}
