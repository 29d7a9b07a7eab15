// Remote stop: asks the charger to stop a running transaction, picked from those running (or any id),
// confirmed first. While the charger is not live (offline, the link down, its heartbeat overdue) each one
// listed is marked "(last known)", with since when under the picker, as the connector picker says its statuses.
// One picked that is not running (a newer session on its connector, or its connector reporting no session since
// it started) is said so under the picker, with what does run there; *Close it in the record…* is then the main
// action, and sending RemoteStopTransaction anyway (to see how the charger answers) the secondary one.
import { useState } from 'react';
import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { ConfirmDialog } from '../kit/ConfirmDialog';
import { compact, fieldState, numberOrText } from '../kit/form';
import type { OperationPage } from '../kit/page';
import { OperationOutcome, PanelShell, SendButton, usePanel } from '../kit/parts';
import { useNow } from '../../../components/reach';
import { energyWithTimeText, useRunning } from '../kit/running';
import { useOperationForm } from '../kit/useOperation';
import { REMOTE_STOP_REJECTED, RemoteStopWords } from '../kit/remoteStopRefusal';
import { useLastKnownNote } from '../../../components/lastKnownNote';
import { isRunning, notRunningCause } from '../../../components/running';
import { notRunningApart, notRunningCauseOf, notRunningState } from '../../../components/notRunningLabel';
import { notRunningHint } from './remoteStopNotRunning';
import { NotConfirmedStopDialog } from '../NotConfirmedStop';
import { CloseInRecord } from '../../../components/UnconfirmedSession';
import { useBench } from '../../../stores/bench';

export const RemoteStopTransaction: OperationPage<'RemoteStopTransaction'> = {
  label: 'Remote stop',
  group: 'Transactions',
  Panel: RemoteStopPanel,
  meanings: {
    Accepted: { tone: 'success', meaning: 'The charger will stop the transaction. Expect StopTransaction with reason Remote.' },
    // The words of one sent from the bench's screens are read against the record (RemoteStopWords).
    Rejected: { tone: 'error', meaning: REMOTE_STOP_REJECTED },
  },
};

const OTHER = 'other';

function RemoteStopPanel() {
  const { chargerId } = usePanel();
  // Listed: every transaction the record holds open, one whose connector reports no session there
  // (Available…) marked as not running (the person may still want to stop it); counted: those running.
  const listed = useRunning(chargerId);
  const running = listed.filter(isRunning);
  const now = useNow();
  // Offline (or the link down): the transactions listed are the last known, as of its last contact.
  const lastKnown = useLastKnownNote(chargerId);
  const [choice, setChoice] = useState('');
  const [otherId, setOtherId] = useState('');
  const selected = choice === OTHER ? undefined : listed.find((t) => String(t.transactionId) === choice);
  // The one listed is picked at first only when it is running.
  const picked = choice === '' && listed.length === 1 && running.length === 1 ? running[0] : selected;
  const value = choice === OTHER ? otherId : picked ? String(picked.transactionId) : '';
  const form = useOperationForm(chargerId, 'RemoteStopTransaction', compact({ transactionId: numberOrText(value) }));
  const selectValue = choice === '' && picked ? String(picked.transactionId) : choice;
  // One its charger no longer confirms and most likely lost (its connector says no session since the boot): a
  // remote stop would be refused, so, as on the connector card and the session's page, only Close it in the
  // record is offered. One that may still run gets the remote stop (its Not confirmed note listed), and Close
  // it in the record beside it.
  const held = useBench((s) => (picked ? s.activeTransactions[picked.transactionId] : undefined));
  const unconfirmed = !!picked && (picked.unconfirmedSince ?? null) !== null;
  const notConfirmed = picked && held && unconfirmed && !picked.mayStillRun ? held : null;
  const mayStillRun = picked && held && unconfirmed && picked.mayStillRun ? held : null;
  // Not running by the rule (a newer session on its connector, or its connector reporting no session since it
  // started): why, in the Transactions list's words; the charger would refuse to stop it.
  const notRunning = picked && !notConfirmed && notRunningApart(picked) ? notRunningCause(picked) : null;
  const closable = notRunning && held ? held : null;
  const hint =
    picked && notRunning
      ? notRunningHint(chargerId, notRunning, running, lastKnown)
      : lastKnown !== null
        ? `Last known (${lastKnown})${running.length ? '' : ': nothing running on this charger'}`
        : running.length
          ? undefined
          : 'Nothing is running on this charger';
  return (
    <PanelShell title="Remote stop" action="RemoteStopTransaction" description="Asks the charger to stop a running transaction; it answers with StopTransaction (reason Remote).">
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <TextField
          select
          label="Transaction"
          value={selectValue}
          onChange={(e) => setChoice(e.target.value)}
          sx={{ minWidth: 360 }}
          {...fieldState(choice === OTHER ? {} : form.errors, 'transactionId', hint)}
        >
          {listed.map((t) => {
            const state = isRunning(t) ? energyWithTimeText(t, now) : notRunningState(t, now);
            // While the charger is not live each one is the last known, said and greyed as the connector picker's statuses (ConnectorLabel).
            return (
              <MenuItem key={t.transactionId} value={String(t.transactionId)}>
                {`${t.transactionId} · connector ${t.connectorId} · ${t.idTag} · `}
                {lastKnown === null ? state : <Box component="span" sx={{ color: 'text.secondary' }}>{`${state} (last known)`}</Box>}
              </MenuItem>
            );
          })}
          <MenuItem value={OTHER}>Another transaction id…</MenuItem>
        </TextField>
        {choice === OTHER && (
          <TextField
            label="Transaction id"
            value={otherId}
            onChange={(e) => setOtherId(e.target.value)}
            required
            {...fieldState(form.errors, 'transactionId', 'E.g. to check the charger rejects an unknown id')}
          />
        )}
      </Stack>
      {closable ? (
        <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <CloseInRecord tx={closable} notRunning={notRunning} />
          <SendButton pending={form.op.pending} color="warning" variant="text" size="small" onClick={() => form.confirm.submit()}>
            Send RemoteStopTransaction anyway…
          </SendButton>
        </Stack>
      ) : (
        <SendButton pending={form.op.pending} color="warning" onClick={() => form.confirm.submit()}>
          Stop transaction…
        </SendButton>
      )}
      <RemoteStopWords transactionId={form.op.request?.transactionId}>
        <OperationOutcome op={form.op} />
      </RemoteStopWords>
      {notConfirmed && picked && <NotConfirmedStopDialog open={form.confirm.dialog.open} tx={notConfirmed} stop={picked.strayStop ?? null} onClose={form.confirm.dialog.onCancel} />}
      <ConfirmDialog
        {...form.confirm.dialog}
        open={form.confirm.dialog.open && !notConfirmed}
        title={notRunning ? 'Send RemoteStopTransaction anyway?' : 'Stop this transaction?'}
        target={picked ? `${chargerId} · connector ${picked.connectorId}` : chargerId}
        // What really runs there is listed: for one running, it; for one not running, every session its
        // connector holds (the newer one charging there too); for an id the bench does not know, the charger's.
        connectorId={notRunning && picked ? picked.connectorId : undefined}
        transactionId={picked && !notRunning ? picked.transactionId : undefined}
        consequence={
          picked && !isRunning(picked)
            ? `The record holds transaction ${picked.transactionId} open, but ${notRunningCauseOf(picked)}: the charger should answer Rejected if no such session runs there.`
            : picked
              ? `Charging for ${picked.idTag} stops; the charger ends the transaction with reason Remote.`
              : `The bench does not know transaction ${value} as running on ${chargerId}; the charger should answer Rejected.`
        }
        confirmLabel={
          picked && !notRunning
            ? `Stop transaction ${picked.transactionId} on connector ${picked.connectorId} of ${chargerId}`
            : `Send RemoteStopTransaction ${value} to ${chargerId}${notRunning ? ' anyway' : ''}`
        }
        dangerous
        updateUnderWay="stop"
        footer={mayStillRun ? <CloseInRecord tx={mayStillRun} /> : closable && <CloseInRecord tx={closable} notRunning={notRunning} />}
      />
    </PanelShell>
  );
}
