// Remote start (connector, idTag, optional TxProfile) and remote stop (pick the running transaction).
import { useState } from 'react';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import { formatEnergy } from '../../components/format';
import { ChargingProfileEditor, newProfileDraft, profileDraftErrors, profileFromDraft } from './ChargingProfileEditor';
import { ConfirmDialog } from './ConfirmDialog';
import { compact, fieldState, numberOrText } from './form';
import { ConnectorSelect, IdTagField, OperationOutcome, PanelShell, SendButton, usePanel } from './parts';
import { useRunning } from './running';
import { useOperationForm } from './useOperation';

export function RemoteStartPanel() {
  const { chargerId } = usePanel();
  const [connectorId, setConnectorId] = useState('');
  const [idTag, setIdTag] = useState('');
  const [withProfile, setWithProfile] = useState(false);
  const [profile, setProfile] = useState(() => newProfileDraft('TxProfile'));
  const payload = compact({ connectorId: numberOrText(connectorId), idTag, chargingProfile: withProfile ? profileFromDraft(profile) : undefined });
  const extra = withProfile ? profileDraftErrors(profile, 'chargingProfile') : undefined;
  const form = useOperationForm(chargerId, 'RemoteStartTransaction', payload, extra);
  return (
    <PanelShell title="Remote start" action="RemoteStartTransaction" description="Asks the charger to start a transaction for an idTag, as if the card had been presented.">
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <ConnectorSelect value={connectorId} onChange={setConnectorId} none="Any connector (the charger chooses)" errors={form.errors} />
        <IdTagField value={idTag} onChange={setIdTag} errors={form.errors} path="idTag" />
      </Stack>
      <FormControlLabel control={<Switch checked={withProfile} onChange={(e) => setWithProfile(e.target.checked)} />} label="Attach a charging profile (TxProfile) for this transaction" />
      {withProfile && <ChargingProfileEditor value={profile} onChange={setProfile} errors={form.errors} prefix="chargingProfile" fixedPurpose showTransactionId={false} />}
      <SendButton
        pending={form.op.pending}
        onClick={form.submit}
      >
        Start transaction
      </SendButton>
      <OperationOutcome op={form.op} />
    </PanelShell>
  );
}

const OTHER = 'other';

export function RemoteStopPanel() {
  const { chargerId } = usePanel();
  const running = useRunning(chargerId);
  const [choice, setChoice] = useState('');
  const [otherId, setOtherId] = useState('');
  const selected = choice === OTHER ? undefined : running.find((t) => String(t.transactionId) === choice);
  const picked = choice === '' && running.length === 1 ? running[0] : selected;
  const value = choice === OTHER ? otherId : picked ? String(picked.transactionId) : '';
  const form = useOperationForm(chargerId, 'RemoteStopTransaction', compact({ transactionId: numberOrText(value) }));
  const selectValue = choice === '' && picked ? String(picked.transactionId) : choice;
  return (
    <PanelShell title="Remote stop" action="RemoteStopTransaction" description="Asks the charger to stop a running transaction; it answers with StopTransaction (reason Remote).">
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <TextField select label="Transaction" value={selectValue} onChange={(e) => setChoice(e.target.value)} sx={{ minWidth: 360 }} {...fieldState(choice === OTHER ? {} : form.errors, 'transactionId', running.length ? undefined : 'Nothing is running on this charger')}>
          {running.map((t) => (
            <MenuItem key={t.transactionId} value={String(t.transactionId)}>
              {`${t.transactionId} · connector ${t.connectorId} · ${t.idTag} · ${t.energyWh === null ? 'no reading yet' : formatEnergy(t.energyWh)}`}
            </MenuItem>
          ))}
          <MenuItem value={OTHER}>Another transaction id…</MenuItem>
        </TextField>
        {choice === OTHER && <TextField label="Transaction id" value={otherId} onChange={(e) => setOtherId(e.target.value)} required {...fieldState(form.errors, 'transactionId', 'E.g. to check the charger rejects an unknown id')} />}
      </Stack>
      <SendButton pending={form.op.pending} color="warning" onClick={() => form.prepare() && form.confirm.ask()}>
        Stop transaction…
      </SendButton>
      <OperationOutcome op={form.op} />
      <ConfirmDialog
        {...form.confirm.dialog}
        title="Stop this transaction?"
        target={picked ? `${chargerId} · connector ${picked.connectorId}` : chargerId}
        running={picked ? [picked] : []}
        consequence={picked ? `Charging for ${picked.idTag} stops; the charger ends the transaction with reason Remote.` : `The bench does not know transaction ${value} as running on ${chargerId}; the charger should answer Rejected.`}
        confirmLabel={picked ? `Stop transaction ${picked.transactionId} on connector ${picked.connectorId} of ${chargerId}` : `Send RemoteStopTransaction ${value} to ${chargerId}`}
        dangerous
      />
    </PanelShell>
  );
}
