// Unlock connector: releases a connector's cable lock. The connector is chosen in the dialog that
// confirms it (opened from the panel, or from a connector card with that connector chosen), which says
// what may happen to a session running there and what each answer would mean, before anything is sent.
import { useEffect, useState } from 'react';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { useRunningLive } from '../../../components/running';
import type { OperationPage } from '../kit/page';
import { OperationOutcome, PanelShell, SendButton, usePanel } from '../kit/parts';
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
  /** The connector chosen when it opens (the card it came from); none: the person chooses. */
  connectorId?: number;
  /** The charger's connector ids. */
  connectorIds: number[];
  /** Status words per connector for the choice, e.g. "Charging". */
  statusOf?: (connectorId: number) => string | undefined;
  onCancel: () => void;
  onConfirm: (connectorId: number) => void;
}

/** The unlock confirmation: the connector chosen here, what runs on it, what the answers mean. */
export function UnlockDialog({ open, chargerId, connectorId, connectorIds, statusOf, onCancel, onConfirm }: UnlockDialogProps) {
  // With one connector there is nothing to choose; with several, never one the person did not pick.
  const initial = connectorId ?? (connectorIds.length === 1 ? connectorIds[0] : undefined);
  const [chosen, setChosen] = useState<number | undefined>(initial);
  useEffect(() => {
    if (open) setChosen(initial);
  }, [open, initial]);
  const running = useRunningLive(chargerId);
  const sessionOn = (id: number) => running.find((t) => t.connectorId === id);
  return (
    <ConfirmDialog
      open={open}
      title={chosen === undefined ? `Unlock a connector of ${chargerId}?` : `Unlock connector ${chosen} of ${chargerId}?`}
      chargerId={chargerId}
      // Nothing chosen yet: no connector's sessions to list.
      connectorId={chosen ?? -1}
      target={chosen === undefined ? `${chargerId} · choose the connector` : `${chargerId} · connector ${chosen}`}
      blocked={chosen === undefined ? 'Choose the connector to unlock' : null}
      consequence={(on) => {
        const tx = on[0];
        if (chosen === undefined) return 'Choose the connector whose cable lock is to be released.';
        return tx
          ? `A running session on connector ${chosen} (${tx.idTag}, transaction ${tx.transactionId}) may stop and the cable may be released.`
          : `The cable lock of connector ${chosen} is released: a cable left in the socket can be pulled out.`;
      }}
      confirmLabel={chosen === undefined ? 'Unlock' : `Unlock connector ${chosen} of ${chargerId}`}
      onCancel={onCancel}
      onConfirm={() => chosen !== undefined && onConfirm(chosen)}
      footer={
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
      }
    >
      <FormControl sx={{ my: 1 }}>
        <FormLabel id="unlock-connector-choice">Connector</FormLabel>
        <RadioGroup aria-labelledby="unlock-connector-choice" value={chosen === undefined ? '' : String(chosen)} onChange={(e) => setChosen(Number(e.target.value))}>
          {connectorIds.map((id) => {
            const tx = sessionOn(id);
            const status = statusOf?.(id);
            return <FormControlLabel key={id} value={String(id)} control={<Radio size="small" />} label={[`Connector ${id}`, status, tx && `session of ${tx.idTag}`].filter(Boolean).join(' · ')} />;
          })}
        </RadioGroup>
      </FormControl>
    </ConfirmDialog>
  );
}

function UnlockPanel() {
  const { chargerId, charger, connectorIds } = usePanel();
  const op = useOperation<'UnlockConnector'>(chargerId);
  const [asking, setAsking] = useState(false);
  return (
    <PanelShell title="Unlock connector" action="UnlockConnector" description="Releases the cable lock of a connector, e.g. when a driver cannot pull the cable out.">
      <SendButton pending={op.pending} color="warning" onClick={() => setAsking(true)}>
        Unlock a connector…
      </SendButton>
      <OperationOutcome op={op} />
      <UnlockDialog
        open={asking}
        chargerId={chargerId}
        connectorIds={connectorIds}
        statusOf={(id) => charger?.connectors.find((c) => c.connectorId === id)?.status}
        onCancel={() => setAsking(false)}
        onConfirm={(connectorId) => {
          setAsking(false);
          void op.send('UnlockConnector', { connectorId });
        }}
      />
    </PanelShell>
  );
}
