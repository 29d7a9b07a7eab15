// Remote start: asks the charger to start a transaction for an idTag on a connector (or any), with an
// optional TxProfile; once it accepted, follows up: the transaction it started, or that none did within
// its ConnectionTimeOut (as the bench last read or set it, from the charger's newest configuration reads and
// changes only: a read of every key is large) or before it went offline. A connector already running a
// session is said before sending, and a refusal names that session (remoteStartOccupied.ts).
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import FormControlLabel from '@mui/material/FormControlLabel';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import { ChargingProfileEditor, newProfileDraft, profileDraftErrors, profileFromDraft } from '../kit/ChargingProfileEditor';
import { paths } from '../../../app/routes';
import { configKeyOf, wholeSeconds } from '../../../components/configKey';
import { formatWhen } from '../../../components/format';
import { useLastKnownNote } from '../../../components/lastKnownNote';
import { useRunningLive } from '../../../components/running';
import { useClient } from '../../../api/context';
import { useBench } from '../../../stores/bench';
import { keepFor, useKept } from '../../../stores/operations';
import type { OperationView, TransactionView } from '../../../../../shared/api/views';
import { compact, numberOrText } from '../kit/form';
import { useFollowUp, type Asked, type FollowUpPlan } from '../kit/followUp';
import { FollowUpNote, sinceAnswer, type FollowUpWords } from '../kit/FollowUpNote';
import type { OperationPage } from '../kit/page';
import { ConnectorSelect, IdTagField, OperationOutcome, PanelContext, PanelShell, SendButton, usePanel, type PanelContextValue } from '../kit/parts';
import { useOperationForm } from '../kit/useOperation';
import { useRecordedOperations } from './record';
import { occupiedFor, occupiedRefusal, occupiedWarning, type Occupied } from './remoteStartOccupied';

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

/** The charger's ConnectionTimeOut (s) as the bench last learnt it: read (GetConfiguration) or set (ChangeConfiguration accepted), and when. */
export interface ConnectionTimeOut {
  seconds: number;
  how: 'read' | 'set';
  at: string;
}

/**
 * ConnectionTimeOut from the charger's recorded operations (newest first), as the bench last learnt it
 * (components/configKey.ts); null when the bench never learnt it or its value is not whole seconds.
 */
export function connectionTimeOutOf(ops: readonly OperationView[]): ConnectionTimeOut | null {
  const known = configKeyOf(ops, 'ConnectionTimeOut');
  const seconds = wholeSeconds(known?.value);
  return known && seconds !== null ? { seconds, how: known.how, at: known.at } : null;
}

/** After ConnectionTimeOut, how long a StartTransaction may still be on its way (a cable plugged in at the last moment, its idTag authorized). */
export const START_GRACE_MS = 10_000;
/** How long a start is awaited when the charger's ConnectionTimeOut is unknown. */
export const UNKNOWN_TIMEOUT_WAIT_MS = 5 * 60_000;

/** What was asked, as the record holds it. */
const askedOf = (asked: Asked) => asked.request as { idTag: string; connectorId?: number };

/** A transaction of the charger for the idTag sent (on the connector given, or any), started after the request went out. */
function startPlan(chargerId: string, asked: Asked, timeOut: ConnectionTimeOut | null): FollowUpPlan<TransactionView> {
  const { idTag, connectorId } = askedOf(asked);
  return {
    key: `${asked.id}`,
    // The newest of the charger's: those since the request are among them.
    read: (client) => client.call('transactions:list', { chargerId, limit: 100 }),
    pick: (e) => ((e.type === 'transactionStarted' || e.type === 'transactionStopped') && e.transaction.chargerId === chargerId ? e.transaction : null),
    id: (t) => String(t.transactionId),
    at: (t) => t.receivedAt ?? t.startTime,
    // An idTag is case-insensitive (OCPP 1.6, IdToken).
    matches: (t) => t.idTag.toLowerCase() === String(idTag).toLowerCase() && (connectorId === undefined || t.connectorId === connectorId),
    waitMs: timeOut ? timeOut.seconds * 1000 + START_GRACE_MS : UNKNOWN_TIMEOUT_WAIT_MS,
  };
}

function startWords(chargerId: string, { timeOut, lookedAt }: KnownTimeOut): FollowUpWords<TransactionView> {
  const givesUp = timeOut
    ? `the charger gives up after its ConnectionTimeOut, ${timeOut.seconds} s (${timeOut.how} at ${formatWhen(timeOut.at)})`
    : lookedAt === null
      ? 'the charger gives up after its ConnectionTimeOut, which the bench has not read (Configuration keys reads it)'
      : `the charger gives up after its ConnectionTimeOut, which none of its last ${lookedAt} configuration reads and changes gave (Configuration keys reads it)`;
  return {
    came: ([t], asked) => {
      const at = t.receivedAt ?? t.startTime;
      return (
        <>
          <Link component={RouterLink} to={paths.transaction(t.transactionId)}>
            Transaction #{t.transactionId}
          </Link>{' '}
          started at {formatWhen(at)} on connector {t.connectorId} ({sinceAnswer(at, asked)}, idTag {t.idTag}).
          {t.authStatus !== 'Accepted' && ` The bench answered its idTag ${t.authStatus}.`}
          {!t.active && ` It has ended${t.stopTime ? ` (at ${formatWhen(t.stopTime)})` : ''}.`}
        </>
      );
    },
    waiting: (asked) => `Waiting for the charger to start (asked ${formatWhen(asked.sentAt)}): a cable may need to be plugged in; ${givesUp}.`,
    missing: (why, at, asked) => {
      const accepted = `Accepted at ${formatWhen(asked.finishedAt ?? asked.sentAt)}`;
      if (why === 'offline') return `No transaction started before ${chargerId} went offline (last contact ${formatWhen(at)}; ${accepted}).`;
      return timeOut
        ? `No transaction started by ${formatWhen(at)}: the charger's ConnectionTimeOut (${timeOut.seconds} s) has passed since ${accepted}.`
        : `No transaction started by ${formatWhen(at)}, ${UNKNOWN_TIMEOUT_WAIT_MS / 60_000} min after ${accepted} (the charger's ConnectionTimeOut is unknown).`;
    },
  };
}

/** The panel's requests: the newest of them hold its last send, whose follow-up is looked for. */
const startActions = ['RemoteStartTransaction'] as const;
export const START_LOOK_BACK = 100;
/** What tells the charger's ConnectionTimeOut: read apart, the newest few only (a GetConfiguration answer of every key is large). */
const timeOutActions = ['GetConfiguration', 'ChangeConfiguration'] as const;
export const TIME_OUT_LOOK_BACK = 20;

/** The ConnectionTimeOut the bench learnt, and, when its look-back may have left older ones out, how many operations it looked at. */
interface KnownTimeOut {
  timeOut: ConnectionTimeOut | null;
  lookedAt: number | null;
}

/** The charger's ConnectionTimeOut from its newest configuration reads and changes in the record (TIME_OUT_LOOK_BACK of them). */
function useConnectionTimeOut(chargerId: string): KnownTimeOut {
  const record = useRecordedOperations(chargerId, timeOutActions, TIME_OUT_LOOK_BACK);
  return { timeOut: connectionTimeOutOf(record.list), lookedAt: record.full ? record.list.length : null };
}

/** What the last start sent from the panel met taken (kept beside it for the charger): to explain its refusal, however long the panel was left. */
interface SentStart {
  connectorId: number | undefined;
  idTag: string;
  taken: Occupied[];
}
const SENT_START = 'RemoteStartTransaction:taken';

function RemoteStartPanel() {
  const panel = usePanel();
  const { chargerId, connectorIds } = panel;
  const client = useClient();
  const record = useRecordedOperations(chargerId, startActions, START_LOOK_BACK);
  const known = useConnectionTimeOut(chargerId);
  const { timeOut } = known;
  const [connectorId, setConnectorId] = useState('');
  const [idTag, setIdTag] = useState('');
  const [withProfile, setWithProfile] = useState(false);
  const [profile, setProfile] = useState(() => newProfileDraft('TxProfile'));
  const payload = compact({ connectorId: numberOrText(connectorId), idTag, chargingProfile: withProfile ? profileFromDraft(profile) : undefined });
  const extra = withProfile ? profileDraftErrors(profile, 'chargingProfile') : undefined;
  const form = useOperationForm(chargerId, 'RemoteStartTransaction', payload, extra);
  const followUp = useFollowUp(chargerId, form.op, record, (asked) => startPlan(chargerId, asked, timeOut));
  // A session running on the connector asked for (or on every one, for any): said before sending.
  const running = useRunningLive(chargerId);
  const connectors = useBench((s) => s.chargers[chargerId]?.connectors);
  const lastKnown = useLastKnownNote(chargerId);
  const asked = connectorId === '' ? undefined : Number(connectorId);
  const warning = occupiedWarning(occupiedFor(asked, running, connectors, connectorIds), asked === undefined, lastKnown);
  const start = () => {
    const p = form.prepare();
    if (!p) return;
    keepFor(client, chargerId, SENT_START, { connectorId: p.connectorId, idTag: p.idTag, taken: occupiedFor(p.connectorId, running, connectors, connectorIds) } satisfies SentStart);
    void form.send(p);
  };
  // A refusal of that start names what ran where it was asked (the generic words otherwise).
  const sent = useKept<SentStart>(client, chargerId, SENT_START);
  const request = form.op.request;
  const refusal = sent && request && request.idTag === sent.idTag && request.connectorId === sent.connectorId ? occupiedRefusal(sent.taken, sent.connectorId === undefined) : null;
  const here: PanelContextValue = {
    ...panel,
    explain: (action, r, ...rest) => {
      const e = panel.explain(action, r, ...rest);
      return action === 'RemoteStartTransaction' && refusal && e.status === 'Rejected' ? { ...e, meaning: refusal } : e;
    },
  };
  return (
    <PanelShell title="Remote start" action="RemoteStartTransaction" description="Asks the charger to start a transaction for an idTag, as if the card had been presented.">
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <ConnectorSelect value={connectorId} onChange={setConnectorId} none="Any connector (the charger chooses)" errors={form.errors} />
        <IdTagField value={idTag} onChange={setIdTag} errors={form.errors} path="idTag" />
      </Stack>
      <FormControlLabel control={<Switch checked={withProfile} onChange={(e) => setWithProfile(e.target.checked)} />} label="Attach a charging profile (TxProfile) for this transaction" />
      {withProfile && <ChargingProfileEditor value={profile} onChange={setProfile} errors={form.errors} prefix="chargingProfile" fixedPurpose showTransactionId={false} />}
      {warning && (
        <Alert severity="warning" data-testid="remote-start-occupied">
          {warning}
        </Alert>
      )}
      <SendButton pending={form.op.pending} onClick={start}>
        Start transaction
      </SendButton>
      <PanelContext.Provider value={here}>
        <OperationOutcome op={form.op} />
      </PanelContext.Provider>
      <FollowUpNote label="Follow-up" state={followUp} words={startWords(chargerId, known)} />
    </PanelShell>
  );
}
