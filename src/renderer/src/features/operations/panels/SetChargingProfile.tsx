// Set charging profile: installs a charging profile on the charger or a connector, edited in full. Where
// a profile of each purpose goes and when it is over are the bench's rules (shared/api/bench-rules); what
// only the charger can judge (a running transaction for a TxProfile, a stack level when its
// ChargeProfileMaxStackLevel has not been read) is said under the field it is about, and a refusal is
// explained by the case that was sent, not by a list of examples. While a session runs where it applies
// (connector 0: anywhere on the charger), it asks first, saying what it does to them; so it does while a test
// run or a commissioning runs on the charger (what it sends may fail the run's current case or check); else it
// sends at once.
import { useState } from 'react';
import Box from '@mui/material/Box';
import type { ChargingProfile } from '../../../../../shared/ocpp16';
import { useBench } from '../../../stores/bench';
import { isRunning, useRunningLive, type RunningTransaction } from '../../../components/running';
import { sessionsWithoutTransaction } from '../../../components/ConfirmDialog';
import { ConfirmDialog } from '../kit/ConfirmDialog';
import { fromWhen, installConsequence, installTitle, reachedBy, txProfileFor, type ProfileSent } from './chargingProfileAsk';
import { ChargingProfileEditor, newProfileDraft, profileDraftErrors, profileFromDraft } from '../kit/ChargingProfileEditor';
import { numberOrText } from '../kit/form';
import type { OperationPage } from '../kit/page';
import { ConnectorSelect, OperationOutcome, PanelShell, ResultAlert, SendButton, StaleNote, usePanel } from '../kit/parts';
import { useOperationForm } from '../kit/useOperation';
import { useRunOnCharger } from '../kit/runOnCharger';

export const SetChargingProfile: OperationPage<'SetChargingProfile'> = {
  label: 'Set charging profile',
  group: 'Smart charging',
  Panel: SetChargingProfilePanel,
  meanings: {
    Accepted: {
      tone: 'success',
      meaning: 'The charger installed the profile: it limits charging by it while the profile is valid (Get composite schedule shows what it applies now).',
    },
    Rejected: { tone: 'error', meaning: 'The charger refused the profile; OCPP 1.6 gives no reason with the answer.' },
    NotSupported: { tone: 'warning', meaning: 'The charger does not support smart charging.' },
  },
};

/** What was sent, and what the bench knew then: to explain a refusal by this case. */
export interface SentProfile {
  connectorId: number;
  profile: Pick<ChargingProfile, 'chargingProfilePurpose' | 'stackLevel' | 'transactionId' | 'chargingSchedule'>;
  /** The transactions running on that connector when it was sent. */
  running: Pick<RunningTransaction, 'transactionId' | 'idTag'>[];
  /** The charger's ChargeProfileMaxStackLevel as the bench knew it; undefined: not read. */
  maxStackLevel?: number;
}

/** Why the charger may have refused what was sent, as far as the bench can tell, in words. */
export function whyRejected({ connectorId, profile, running, maxStackLevel }: SentProfile): string {
  const known: string[] = [];
  if (profile.chargingProfilePurpose === 'TxProfile') {
    const tx = running[0];
    if (!tx) known.push(`No transaction was running on connector ${connectorId} when it was sent, and a TxProfile needs one.`);
    else if (profile.transactionId !== undefined && !running.some((t) => t.transactionId === profile.transactionId))
      known.push(`It names transaction ${profile.transactionId}, but the one running on connector ${connectorId} was ${tx.transactionId} (${tx.idTag}).`);
  }
  if (maxStackLevel === undefined) known.push(`The charger's ChargeProfileMaxStackLevel had not been read: stack level ${profile.stackLevel} may be above it.`);
  const periods = profile.chargingSchedule.chargingSchedulePeriod.length;
  const others = `more periods (${periods}) than its ChargingScheduleMaxPeriods, a unit (${profile.chargingSchedule.chargingRateUnit}) outside its ChargingScheduleAllowedChargingRateUnit, or more profiles than its MaxChargingProfilesInstalled`;
  return known.length ? `${known.join(' ')} Otherwise: ${others}.` : `Nothing the bench knows rules it out; what the charger may not take: ${others}.`;
}

/** What the connector field says of the purpose chosen: where it belongs, and what runs there. */
function connectorAdvice(purpose: ChargingProfile['chargingProfilePurpose'], connectorId: string, running: RunningTransaction[], transactionId: string): string | undefined {
  if (purpose === 'ChargePointMaxProfile') return connectorId === '0' ? 'A ChargePointMaxProfile limits the whole charger' : 'A ChargePointMaxProfile is set on connector 0 only';
  if (purpose === 'TxProfile') {
    if (connectorId === '0') return 'A TxProfile is set on the connector of its running transaction, not on connector 0';
    const tx = running.find((t) => t.connectorId === Number(connectorId));
    if (!tx) return `No transaction runs on connector ${connectorId}: the charger should reject a TxProfile here`;
    const named = numberOrText(transactionId);
    if (typeof named === 'number' && named !== tx.transactionId) return `Transaction ${named} is not the one running here (${tx.transactionId}, ${tx.idTag}): the charger should reject it`;
    return `For transaction ${tx.transactionId} (${tx.idTag}), running here`;
  }
  return connectorId === '0' ? 'Connector 0: the charger as a whole (a TxDefaultProfile applies to every connector)' : undefined;
}

/** What installing it does where no session runs (it asks only because a run is on the charger). */
function idleConsequence(profile: ProfileSent, connectorId: number): string {
  const when = fromWhen(profile);
  const reach = connectorId === 0 ? 'on the charger' : `on connector ${connectorId}`;
  if (profile.chargingProfilePurpose === 'ChargePointMaxProfile')
    return `No session runs on the charger now: it caps what the whole charger may draw ${when}, and sessions that start later are held to it.`;
  return `No session runs ${reach} now: it applies ${when} to the sessions that start there later, where no TxProfile of their own applies.`;
}

function SetChargingProfilePanel() {
  const { chargerId, charger } = usePanel();
  const [connectorId, setConnectorId] = useState('0');
  const [profile, setProfile] = useState(() => newProfileDraft('TxDefaultProfile'));
  // A session the record holds open on a connector that reports none there (Available…) takes no TxProfile.
  const held = useRunningLive(chargerId);
  const running = held.filter(isRunning);
  const maxStackLevel = useBench((s) => s.limits[chargerId]?.maxStackLevel);
  const form = useOperationForm(
    chargerId,
    'SetChargingProfile',
    { connectorId: numberOrText(connectorId), csChargingProfiles: profileFromDraft(profile) },
    profileDraftErrors(profile, 'csChargingProfiles'),
  );
  const [sent, setSent] = useState<SentProfile | null>(null);
  // The sessions it may change the power of: running on its connector (connector 0: on any), or reported by
  // a connector there with no transaction the bench knows of. None: nothing to ask about.
  const n = Number(connectorId);
  const scope = Number.isInteger(n) && n >= 0 ? n : null;
  const reached = scope === null ? [] : reachedBy(scope, held);
  const untracked = scope === null ? [] : sessionsWithoutTransaction(charger?.connectors, held, scope || undefined);
  const sessions = reached.length + untracked.length;
  // A test run or a commissioning on the charger: asked first even where no session runs.
  const during = useRunOnCharger(chargerId);
  const asks = sessions > 0 || during !== null;
  const remember = () => {
    const p = form.prepare();
    if (p) setSent({ connectorId: p.connectorId, profile: p.csChargingProfiles, running: running.filter((t) => t.connectorId === p.connectorId), maxStackLevel });
    return p;
  };
  const install = () => {
    if (asks) return form.confirm.submit();
    const p = remember();
    if (p) void form.send(p);
  };
  const confirmed = () => {
    remember();
    form.confirm.dialog.onConfirm();
  };
  const payload = profileFromDraft(profile);
  const tx = scope === null ? undefined : txProfileFor(profile.purpose, scope, reached);
  const result = form.op.result;
  const rejected = !form.op.pending && result?.outcome === 'completed' && result.response.status === 'Rejected' && sent !== null;
  return (
    <PanelShell title="Set charging profile" action="SetChargingProfile" description="Installs a charging profile: a limit on current or power over time, stacked with the charger's other profiles.">
      <ConnectorSelect
        value={connectorId}
        onChange={setConnectorId}
        withZero
        errors={form.errors}
        helper={connectorAdvice(profile.purpose, connectorId, running, profile.transactionId)}
        sx={{ maxWidth: 480 }}
      />
      <ChargingProfileEditor value={profile} onChange={setProfile} errors={form.errors} prefix="csChargingProfiles" />
      <SendButton pending={form.op.pending} onClick={install}>
        Install {profile.chargingProfileId.trim() ? `profile ${profile.chargingProfileId.trim()}` : 'the profile'} on {connectorId === '0' ? 'the charger' : `connector ${connectorId}`}
        {asks ? '…' : ''}
      </SendButton>
      {rejected ? (
        <Box>
          <StaleNote op={form.op} />
          <ResultAlert action="SetChargingProfile" result={result} stale={form.op.formChanged}>
            {' '}
            {whyRejected(sent)}
          </ResultAlert>
        </Box>
      ) : (
        <OperationOutcome op={form.op} />
      )}
      <ConfirmDialog
        {...form.confirm.dialog}
        onConfirm={confirmed}
        title={
          sessions > 0 || tx
            ? installTitle(profile.purpose, chargerId, scope ?? 0, sessions, tx)
            : `Install a ${profile.purpose} on ${scope ? `connector ${scope} of ${chargerId}` : chargerId}${during ? ` ${during}` : ''}?`
        }
        target={scope === 0 ? `${chargerId} · the whole charger (every connector)` : `${chargerId} · connector ${connectorId}`}
        connectorId={scope ?? undefined}
        consequence={(r) =>
          r.length + untracked.length > 0 || payload.chargingProfilePurpose === 'TxProfile' ? installConsequence(payload, scope ?? 0, r, untracked.length) : idleConsequence(payload, scope ?? 0)
        }
        confirmLabel={
          tx
            ? `Install the TxProfile for transaction ${tx.transactionId} on connector ${scope} of ${chargerId}`
            : `Install the ${profile.purpose} on ${scope === 0 ? chargerId : `connector ${connectorId} of ${chargerId}`}`
        }
        dangerous
      />
    </PanelShell>
  );
}
