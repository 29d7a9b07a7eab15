// Quick actions where a connector or a session is shown: unlock, remote start and remote stop on a
// connector card, and Stop on a running transaction. Each asks first (the same confirmations as the
// operation panels, what runs read from the one source, what is still on its way to the charger named) and
// shows the charger's answer in words. The app hands these to the chargers and transactions screens.
import { useMemo, useState, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import StopCircleIcon from '@mui/icons-material/StopCircleOutlined';
import { useBench } from '../../stores/bench';
import { useReach } from '../../components/reach';
import { isRunning, notRunningCause, sessionOnConnector, useRunningLive } from '../../components/running';
import { CloseInRecord } from '../../components/UnconfirmedSession';
import { PanelContext, IdTagField, type PanelContextValue } from './kit/parts';
import { connectorIdsOf } from './kit/running';
import { checkPayload } from './kit/form';
import { useOperation } from './kit/useOperation';
import { ResultDialog } from './kit/ResultDialog';
import { UnlockDialog } from './panels/UnlockConnector';
import { ConfirmDialog } from './kit/ConfirmDialog';
import { explainResult } from './registry';
import { RemoteStopWords } from './kit/remoteStopRefusal';
import { NotConfirmedStopDialog, useNotConfirmed } from './NotConfirmedStop';
import { useUnknownStopRule } from '../../components/unknownStops';
import type { StopDuring } from '../../../../shared/api/stray-stop';

/** The panels' context for the answers of a quick action on one charger. */
function QuickContext({ chargerId, children }: { chargerId: string; children: ReactNode }) {
  const charger = useBench((s) => s.chargers[chargerId]);
  const reach = useReach(chargerId);
  const value: PanelContextValue = { chargerId, charger, online: reach.reachable, offlineReason: reach.reason, connectorIds: connectorIdsOf(charger), explain: explainResult };
  return <PanelContext.Provider value={value}>{children}</PanelContext.Provider>;
}

/** Why Start waits while the bench's running sessions are not loaded yet. */
export const WAITING_FOR_SESSIONS = "Waiting for the bench's list of running sessions";

/** A button that says why it is disabled. */
function Quick({ label, why, icon, color = 'primary', onClick }: { label: string; why: string | null; icon?: ReactNode; color?: 'primary' | 'warning' | 'error'; onClick: () => void }) {
  return (
    <Tooltip title={why ?? ''}>
      <span>
        <Button size="small" variant="outlined" color={color} startIcon={icon} disabled={!!why} onClick={onClick}>
          {label}
        </Button>
      </span>
    </Tooltip>
  );
}

/** What a remote start from a connector card does: with a car already plugged in (Preparing), nothing waits for one. */
export function startConsequence(connectorId: number, status: string | undefined): string {
  const asked = 'The charger is asked to start a transaction for this idTag (RemoteStartTransaction), as if the card had been presented';
  return status === 'Preparing'
    ? `${asked}: a car is already plugged in (connector ${connectorId} reports Preparing), so charging begins once the charger starts it.`
    : `${asked}: charging begins once a car is plugged in.`;
}

/** Unlock, and remote start or stop, for one connector of a charger. */
export function ConnectorActions({ chargerId, connectorId }: { chargerId: string; connectorId: number }) {
  return (
    <QuickContext chargerId={chargerId}>
      <ConnectorActionsIn chargerId={chargerId} connectorId={connectorId} />
    </QuickContext>
  );
}

function ConnectorActionsIn({ chargerId, connectorId }: { chargerId: string; connectorId: number }) {
  const charger = useBench((s) => s.chargers[chargerId]);
  const reach = useReach(chargerId);
  // A session the record holds open while the connector reports none there (Available…) is not running: Start
  // is offered, whether no reboot came (Not running) or its charger lost it at one (Not confirmed); the card
  // offers to close it in the record (OlderOpenSessions, UnconfirmedSession). With several open on the
  // connector, only the newest can be running (isRunning): Stop names that one, also one not confirmed that
  // may still run (its connector reports Charging…), whose Stop offers Close it in the record instead.
  const tx = useRunningLive(chargerId, connectorId).find(isRunning);
  // One its charger no longer confirms (a reboot since, and Available since or a stray stop) is not stopped remotely.
  const held = useBench((s) => (tx ? s.activeTransactions[tx.transactionId] : undefined));
  const unknownStopOf = useUnknownStopRule(chargerId);
  const unknownStop = useMemo(() => (held ? unknownStopOf(held) : null), [held, unknownStopOf]);
  const notConfirmed = useNotConfirmed(held && { ...held, unknownStop });
  const op = useOperation<'UnlockConnector' | 'RemoteStartTransaction' | 'RemoteStopTransaction'>(chargerId);
  const [asking, setAsking] = useState<'unlock' | 'start' | 'stop' | null>(null);
  const [idTag, setIdTag] = useState('');
  const start = checkPayload('RemoteStartTransaction', { connectorId, idTag });
  const idTagError = idTag === '' ? undefined : start.errors.idTag;
  const why = reach.reachable ? null : reach.reason;
  // Until the bench's running sessions are loaded, none known here is not "none": no second session started over one.
  const sessionsLoaded = useBench((s) => s.loaded);
  const close = () => setAsking(null);
  return (
    <Box sx={{ mb: 1.5 }}>
      <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }} role="group" aria-label={`Actions on connector ${connectorId}`}>
        <Quick label="Unlock…" color="warning" icon={<LockOpenIcon />} why={why} onClick={() => setAsking('unlock')} />
        {tx ? (
          <Quick label="Stop session…" color="error" icon={<StopCircleIcon />} why={why} onClick={() => setAsking('stop')} />
        ) : (
          <Quick label="Start session…" icon={<PlayArrowIcon />} why={why ?? (sessionsLoaded ? null : WAITING_FOR_SESSIONS)} onClick={() => setAsking('start')} />
        )}
      </Stack>
      <UnlockDialog
        open={asking === 'unlock'}
        chargerId={chargerId}
        connectorId={connectorId}
        connectorIds={connectorIdsOf(charger)}
        onCancel={close}
        onConfirm={(chosen) => {
          close();
          void op.send('UnlockConnector', { connectorId: chosen });
        }}
      />
      <ConfirmDialog
        open={asking === 'start'}
        title={`Start a session on connector ${connectorId} of ${chargerId}?`}
        chargerId={chargerId}
        connectorId={connectorId}
        target={`${chargerId} · connector ${connectorId}`}
        blocked={start.ok ? null : (start.errors.idTag ?? 'Enter the idTag to charge for')}
        consequence={startConsequence(connectorId, charger?.connectors.find((c) => c.connectorId === connectorId)?.status)}
        confirmLabel={`Start on connector ${connectorId} of ${chargerId}`}
        onCancel={close}
        onConfirm={() => {
          close();
          if (start.ok) void op.send('RemoteStartTransaction', start.payload);
        }}
      >
        <Box sx={{ my: 1 }}>
          <IdTagField value={idTag} onChange={setIdTag} errors={idTagError ? { idTag: idTagError } : {}} path="idTag" />
        </Box>
      </ConfirmDialog>
      {held && notConfirmed && <NotConfirmedStopDialog open={asking === 'stop'} tx={held} stop={unknownStop} onClose={close} />}
      <ConfirmDialog
        open={asking === 'stop' && !notConfirmed}
        title="Stop this session?"
        chargerId={chargerId}
        connectorId={connectorId}
        transactionId={tx?.transactionId ?? -1}
        target={`${chargerId} · connector ${connectorId}`}
        consequence={tx ? `Charging for ${tx.idTag} stops: the charger ends transaction ${tx.transactionId} with reason Remote.` : 'The session has already ended.'}
        confirmLabel={tx ? `Stop transaction ${tx.transactionId} on connector ${connectorId} of ${chargerId}` : 'Stop'}
        blocked={tx ? null : 'The session has already ended'}
        dangerous
        updateUnderWay="stop"
        onCancel={close}
        onConfirm={() => {
          close();
          if (tx) void op.send('RemoteStopTransaction', { transactionId: tx.transactionId });
        }}
      />
      <RemoteStopWords transactionId={op.action === 'RemoteStopTransaction' ? (op.request as { transactionId: number } | null | undefined)?.transactionId : undefined}>
        <ResultDialog title={`Connector ${connectorId} of ${chargerId}`} op={op} onClose={op.clear} />
      </RemoteStopWords>
    </Box>
  );
}

/**
 * Stop on a running transaction (the transactions list and a transaction's page): confirmed, sends
 * RemoteStopTransaction. On one the record holds open while a newer session is open on its connector (not
 * running: the charger would answer Rejected), Close in the record instead, saying why.
 */
export function StopTransactionButton({ transaction }: { transaction: StopOf }) {
  return (
    <QuickContext chargerId={transaction.chargerId}>
      <StopTransactionIn {...transaction} />
    </QuickContext>
  );
}

/** The session Stop is on; `unknownStop`: a stray StopTransaction its charger sent after it started (the list's row gives it), which with a reboot since leaves it not confirmed. */
type StopOf = { transactionId: number; chargerId: string; connectorId: number; idTag: string; active: boolean; unknownStop?: StopDuring | null };

function StopTransactionIn({ transactionId, chargerId, connectorId, idTag, active, unknownStop = null }: StopOf) {
  const reach = useReach(chargerId);
  const op = useOperation<'RemoteStopTransaction'>(chargerId);
  const [asking, setAsking] = useState(false);
  const live = useBench((s) => s.activeTransactions);
  const held = live[transactionId];
  const newest = useMemo(() => (held ? sessionOnConnector(live, chargerId, connectorId) : undefined), [live, held, chargerId, connectorId]);
  const idle = !op.result && !op.pending && !op.failure;
  const notConfirmed = useNotConfirmed(held && { ...held, unknownStop });
  if (!active && idle) return null;
  if (active && idle && held && notConfirmed && !asking) return <CloseInRecord tx={held} compact />;
  if (active && idle && held && newest && newest.transactionId !== transactionId)
    return (
      <CloseInRecord
        tx={held}
        compact
        notRunning={notRunningCause({ connectorId, connectorSays: null, supersededBy: { transactionId: newest.transactionId, receivedAt: newest.receivedAt ?? null } })}
      />
    );
  return (
    // Clicks and keys in here are not the row's (a row of the list opens the transaction).
    <Box onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()} sx={{ display: 'inline-flex' }}>
      {active && <Quick label="Stop…" color="error" why={reach.reachable ? null : reach.reason} onClick={() => setAsking(true)} />}
      {held && notConfirmed && <NotConfirmedStopDialog open={asking} tx={held} stop={unknownStop} onClose={() => setAsking(false)} />}
      <ConfirmDialog
        open={asking && !(held && notConfirmed)}
        title={`Stop transaction ${transactionId}?`}
        chargerId={chargerId}
        connectorId={connectorId}
        transactionId={transactionId}
        target={`${chargerId} · connector ${connectorId}`}
        consequence={`Charging for ${idTag} stops: the charger ends transaction ${transactionId} with reason Remote.`}
        confirmLabel={`Stop transaction ${transactionId} on connector ${connectorId} of ${chargerId}`}
        dangerous
        updateUnderWay="stop"
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          void op.send('RemoteStopTransaction', { transactionId });
        }}
      />
      <RemoteStopWords transactionId={transactionId}>
        <ResultDialog title={`Transaction ${transactionId}`} op={op} onClose={op.clear} />
      </RemoteStopWords>
    </Box>
  );
}
