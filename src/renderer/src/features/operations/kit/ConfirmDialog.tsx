// The confirmation for the operation panels: components/ConfirmDialog on the panel's charger. What runs
// there is read by the dialog itself (the one source); a `running` list handed in is not used. It names
// what is still on its way to the charger (sent and unanswered, or queued), which what is confirmed now
// waits behind, and, for an operation that may set off, lose or replace a firmware update under way
// (`updateUnderWay`), that update.
import { ConfirmDialog as Confirm, type ConfirmProps } from '../../../components/ConfirmDialog';
import type { ActOnUpdate, RunningTransaction } from '../../../components/running';
import { InFlightNote } from './InFlight';
import { usePanel } from './parts';
import { UpdateUnderWayNote } from './UpdateUnderWayNote';

export { RunningList } from '../../../components/ConfirmDialog';

export function ConfirmDialog({
  chargerId,
  running: _running,
  footer,
  updateUnderWay,
  ...props
}: Omit<ConfirmProps, 'chargerId'> & { chargerId?: string; running?: RunningTransaction[]; updateUnderWay?: ActOnUpdate }) {
  const panel = usePanel();
  const id = chargerId ?? panel.chargerId;
  return (
    <Confirm
      chargerId={id}
      {...props}
      footer={
        <>
          {footer}
          {updateUnderWay && <UpdateUnderWayNote chargerId={id} act={updateUnderWay} />}
          <InFlightNote chargerId={id} />
        </>
      }
    />
  );
}
