// Remote start: asks the charger to start a transaction for an idTag on a connector (or any), with an
// optional TxProfile.
import { useState } from 'react';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import { ChargingProfileEditor, newProfileDraft, profileDraftErrors, profileFromDraft } from '../kit/ChargingProfileEditor';
import { compact, numberOrText } from '../kit/form';
import type { OperationPage } from '../kit/page';
import { ConnectorSelect, IdTagField, OperationOutcome, PanelShell, SendButton, usePanel } from '../kit/parts';
import { useOperationForm } from '../kit/useOperation';

export const RemoteStartTransaction: OperationPage<'RemoteStartTransaction'> = {
  label: 'Remote start',
  group: 'Transactions',
  Panel: RemoteStartPanel,
  meanings: {
    Accepted: {
      tone: 'success',
      meaning:
        'The charger will try to start a transaction. Expect StartTransaction once the EV is plugged in (within ConnectionTimeOut) and, if AuthorizeRemoteTxRequests is true, after the idTag is authorized.',
    },
    Rejected: {
      tone: 'error',
      meaning: 'The charger refused to start: the connector may be occupied, unavailable, faulted or reserved for another idTag, or remote start is not allowed on this charger.',
    },
  },
};

function RemoteStartPanel() {
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
      <SendButton pending={form.op.pending} onClick={form.submit}>
        Start transaction
      </SendButton>
      <OperationOutcome op={form.op} />
    </PanelShell>
  );
}
