// Unlock connector: releases a connector's cable lock. The connector is chosen first (in the panel, or by
// the connector card the dialog is opened from); the dialog that confirms it names the session running on
// that connector (and only then speaks of sessions), what may happen to it and what each answer would
// mean, and what is still on its way to the charger (the operation panels' confirmation), before anything
// is sent. The connector can still be changed in the dialog.
import { useEffect, useState } from 'react';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { isRunning, useRunningLive } from '../../../components/running';
import { useLastKnownNote } from '../../../components/lastKnownNote';
import { useBench } from '../../../stores/bench';
import { ConfirmDialog } from '../kit/ConfirmDialog';
import type { OperationPage } from '../kit/page';
import { ConnectorLabel, OperationOutcome, PanelShell, SendButton, statusesAsLastKnown, usePanel } from '../kit/parts';
import { useOperation } from '../kit/useOperation';
import type { Meaning } from '../kit/meanings';

const meanings: Record<'Unlocked' | 'UnlockFailed' | 'NotSupported', Meaning> = {
  Unlocked: { tone: 'success', meaning: 'The connector unlocked; the cable can be removed. A transaction running on it is ended (StopTransaction with reason UnlockCommand).' },
  UnlockFailed: {
    tone: 'error',
    meaning: 'The charger tried but could not unlock: a mechanical failure, an active transaction or a safety interlock. The cable may still be locked; check the connector.',
  },
  NotSupported: { tone: 'warning', meaning: 'No remote unlock on this model (no lock actuator, or a tethered cable).' },
};

export const UnlockConnector: OperationPage<'UnlockConnector'> = {
  label: 'Unlock connector',
  group: 'Charger',
  Panel: UnlockPanel,
  meanings,
};

export interface UnlockDialogProps {
  open: boolean;
  chargerId: string;
  /**
   * The connector chosen when it opens (the card it came from, or the panel's choice). It is always one:
   * what runs on it is what the dialog names, so it never speaks of sessions before a connector is chosen.
   */
  connectorId: number;
  /** The charger's connector ids. */
  connectorIds: number[];
  onCancel: () => void;
  onConfirm: (connectorId: number) => void;
}

/**
 * The connectors to choose from, each with its status and the session running on it. While the charger is
 * not live (offline, the link down, its heartbeat overdue) both are the last it sent and said so, as the
 * panels' connector picker says it: "Connector 2 · Charging (last known) · session of TAG (last known)", with
 * "Statuses as last known (VCP2 is offline, last seen …)" under them.
 */
function ConnectorChoice({
  chargerId,
  connectorIds,
  value,
  onChange,
  labelId,
}: {
  chargerId: string;
  connectorIds: number[];
  value: number | undefined;
  onChange: (id: number) => void;
  labelId: string;
}) {
  const running = useRunningLive(chargerId);
  const charger = useBench((s) => s.chargers[chargerId]);
  const note = useLastKnownNote(chargerId);
  const lastKnown = note !== null;
  const caption = statusesAsLastKnown(note, charger);
  const captionId = `${labelId}-last-known`;
  return (
    <FormControl sx={{ my: 1 }}>
      <FormLabel id={labelId}>Connector</FormLabel>
      <RadioGroup aria-labelledby={labelId} aria-describedby={caption ? captionId : undefined} value={value === undefined ? '' : String(value)} onChange={(e) => onChange(Number(e.target.value))}>
        {connectorIds.map((id) => {
          const tx = running.find((t) => t.connectorId === id && isRunning(t));
          return (
            <FormControlLabel
              key={id}
              value={String(id)}
              control={<Radio size="small" />}
              label={
                <>
                  <ConnectorLabel charger={charger} id={id} lastKnown={lastKnown} />
                  {tx && ' · '}
                  {tx && (lastKnown ? <Box component="span" sx={{ color: 'text.secondary' }}>{`session of ${tx.idTag} (last known)`}</Box> : `session of ${tx.idTag}`)}
                </>
              }
            />
          );
        })}
      </RadioGroup>
      {caption && <FormHelperText id={captionId}>{caption}</FormHelperText>}
    </FormControl>
  );
}

/** The unlock confirmation: the connector (changeable here), what runs on it, what the answers mean. */
export function UnlockDialog({ open, chargerId, connectorId, connectorIds, onCancel, onConfirm }: UnlockDialogProps) {
  const [chosen, setChosen] = useState(connectorId);
  useEffect(() => {
    if (open) setChosen(connectorId);
  }, [open, connectorId]);
  return (
    <ConfirmDialog
      open={open}
      title={`Unlock connector ${chosen} of ${chargerId}?`}
      chargerId={chargerId}
      connectorId={chosen}
      target={`${chargerId} · connector ${chosen}`}
      consequence={(on) => {
        const tx = on[0];
        return tx
          ? `A running session on connector ${chosen} (${tx.idTag}, transaction ${tx.transactionId}) may stop and the cable may be released.`
          : `The cable lock of connector ${chosen} is released: a cable left in the socket can be pulled out.`;
      }}
      confirmLabel={`Unlock connector ${chosen} of ${chargerId}`}
      onCancel={onCancel}
      onConfirm={() => onConfirm(chosen)}
      footer={<UnlockAnswers />}
      updateUnderWay="unlock"
    >
      {connectorIds.length > 1 && <ConnectorChoice chargerId={chargerId} connectorIds={connectorIds} value={chosen} onChange={setChosen} labelId="unlock-connector-choice" />}
    </ConfirmDialog>
  );
}

/** What each answer to UnlockConnector would mean, read before sending. */
function UnlockAnswers() {
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="subtitle2" id="unlock-answers">
        What the charger may answer
      </Typography>
      <Box component="dl" aria-labelledby="unlock-answers" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 1.5, rowGap: 0.5 }}>
        {(Object.keys(meanings) as Array<keyof typeof meanings>).map((status) => (
          <Box key={status} sx={{ display: 'contents' }}>
            <Typography component="dt" variant="body2" sx={{ fontWeight: 600 }}>
              {status}
            </Typography>
            <Typography component="dd" variant="body2" color="text.secondary" sx={{ m: 0 }}>
              {meanings[status].meaning}
            </Typography>
          </Box>
        ))}
      </Box>
    </Box>
  );
}

function UnlockPanel() {
  const { chargerId, connectorIds } = usePanel();
  const op = useOperation<'UnlockConnector'>(chargerId);
  // With one connector there is nothing to choose; with several, never one the person did not pick.
  const [picked, setPicked] = useState<number | undefined>(undefined);
  const chosen = picked !== undefined && connectorIds.includes(picked) ? picked : connectorIds.length === 1 ? connectorIds[0] : undefined;
  const [asking, setAsking] = useState(false);
  return (
    <PanelShell title="Unlock connector" action="UnlockConnector" description="Releases the cable lock of a connector, e.g. when a driver cannot pull the cable out.">
      {connectorIds.length > 1 && <ConnectorChoice chargerId={chargerId} connectorIds={connectorIds} value={chosen} onChange={setPicked} labelId="unlock-panel-connector" />}
      <SendButton pending={op.pending} color="warning" disabled={chosen === undefined} onClick={() => setAsking(true)}>
        {chosen === undefined ? 'Unlock a connector…' : `Unlock connector ${chosen}…`}
      </SendButton>
      {chosen === undefined && (
        <Typography variant="body2" color="text.secondary">
          Choose the connector whose cable lock is to be released.
        </Typography>
      )}
      <OperationOutcome op={op} />
      {chosen !== undefined && (
        <UnlockDialog
          open={asking}
          chargerId={chargerId}
          connectorId={chosen}
          connectorIds={connectorIds}
          onCancel={() => setAsking(false)}
          onConfirm={(connectorId) => {
            setAsking(false);
            setPicked(connectorId);
            void op.send('UnlockConnector', { connectorId });
          }}
        />
      )}
    </PanelShell>
  );
}
