// Unlock connector: releases a connector's cable lock, confirmed first (a transaction on it ends).
import { useState } from 'react';
import { ConfirmDialog } from '../kit/ConfirmDialog';
import { numberOrText } from '../kit/form';
import type { OperationPage } from '../kit/page';
import { ConnectorSelect, OperationOutcome, PanelShell, SendButton, usePanel } from '../kit/parts';
import { useRunning } from '../kit/running';
import { useOperationForm } from '../kit/useOperation';

export const UnlockConnector: OperationPage<'UnlockConnector'> = {
  label: 'Unlock connector',
  group: 'Charger',
  Panel: UnlockPanel,
  meanings: {
    Unlocked: { tone: 'success', meaning: 'The connector unlocked; the cable can be removed. A transaction running on it is ended (StopTransaction with reason UnlockCommand).' },
    UnlockFailed: {
      tone: 'error',
      meaning: 'The charger tried but could not unlock: a mechanical failure, an active transaction or a safety interlock. The cable may still be locked; check the connector.',
    },
    NotSupported: { tone: 'warning', meaning: 'No remote unlock on this model (no lock actuator, or a tethered cable).' },
  },
};

function UnlockPanel() {
  const { chargerId } = usePanel();
  const [connectorId, setConnectorId] = useState('1');
  const n = Number(connectorId);
  const running = useRunning(chargerId, n);
  const form = useOperationForm(chargerId, 'UnlockConnector', { connectorId: numberOrText(connectorId) });
  const tx = running[0];
  return (
    <PanelShell title="Unlock connector" action="UnlockConnector" description="Releases the cable lock of a connector, e.g. when a driver cannot pull the cable out.">
      <ConnectorSelect value={connectorId} onChange={setConnectorId} errors={form.errors} />
      <SendButton pending={form.op.pending} color="warning" onClick={() => form.confirm.submit()}>
        Unlock connector {connectorId}…
      </SendButton>
      <OperationOutcome op={form.op} />
      <ConfirmDialog
        {...form.confirm.dialog}
        title={`Unlock connector ${n}?`}
        target={`${chargerId} · connector ${n}`}
        running={running}
        consequence={
          tx
            ? `Transaction ${tx.transactionId} of ${tx.idTag} on connector ${n} ends (StopTransaction reason UnlockCommand) and the cable is released.`
            : 'The cable lock is released; a cable left in the socket can be pulled out.'
        }
        confirmLabel={`Unlock connector ${n} of ${chargerId}`}
        dangerous={running.length > 0}
      />
    </PanelShell>
  );
}
