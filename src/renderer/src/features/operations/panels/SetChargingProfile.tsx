// Set charging profile: installs a charging profile on the charger or a connector, edited in full.
import { useState } from 'react';
import { ChargingProfileEditor, newProfileDraft, profileDraftErrors, profileFromDraft } from '../kit/ChargingProfileEditor';
import { numberOrText } from '../kit/form';
import type { OperationPage } from '../kit/page';
import { ConnectorSelect, OperationOutcome, PanelShell, SendButton, usePanel } from '../kit/parts';
import { useOperationForm } from '../kit/useOperation';

export const SetChargingProfile: OperationPage<'SetChargingProfile'> = {
  label: 'Set charging profile',
  group: 'Smart charging',
  Panel: SetChargingProfilePanel,
  meanings: {
    Accepted: { tone: 'success', meaning: 'The profile is installed; the charger now limits charging by it.' },
    Rejected: {
      tone: 'error',
      meaning:
        'The charger refused the profile (for example a TxProfile without a running transaction, a stack level above ChargeProfileMaxStackLevel, too many periods, or a unit it does not allow).',
    },
    NotSupported: { tone: 'warning', meaning: 'The charger does not support smart charging.' },
  },
};

function SetChargingProfilePanel() {
  const { chargerId } = usePanel();
  const [connectorId, setConnectorId] = useState('0');
  const [profile, setProfile] = useState(() => newProfileDraft('TxDefaultProfile'));
  const form = useOperationForm(
    chargerId,
    'SetChargingProfile',
    { connectorId: numberOrText(connectorId), csChargingProfiles: profileFromDraft(profile) },
    profileDraftErrors(profile, 'csChargingProfiles'),
  );
  // What the spec says about purpose and connector; left as advice so a test can still send the odd case.
  const advice =
    profile.purpose === 'ChargePointMaxProfile' && connectorId !== '0'
      ? 'A ChargePointMaxProfile belongs on connector 0; the charger should refuse it elsewhere'
      : profile.purpose === 'TxProfile' && connectorId === '0'
        ? 'A TxProfile belongs on the connector of the running transaction'
        : connectorId === '0'
          ? 'Connector 0: the charger as a whole (a TxDefaultProfile applies to every connector)'
          : undefined;
  return (
    <PanelShell title="Set charging profile" action="SetChargingProfile" description="Installs a charging profile: a limit on current or power over time, stacked with the charger's other profiles.">
      <ConnectorSelect value={connectorId} onChange={setConnectorId} withZero errors={form.errors} helper={advice} sx={{ maxWidth: 480 }} />
      <ChargingProfileEditor value={profile} onChange={setProfile} errors={form.errors} prefix="csChargingProfiles" />
      <SendButton pending={form.op.pending} onClick={form.submit}>
        Install {profile.chargingProfileId.trim() ? `profile ${profile.chargingProfileId.trim()}` : 'the profile'} on {connectorId === '0' ? 'the charger' : `connector ${connectorId}`}
      </SendButton>
      <OperationOutcome op={form.op} />
    </PanelShell>
  );
}
