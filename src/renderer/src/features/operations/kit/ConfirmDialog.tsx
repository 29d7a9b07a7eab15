// The confirmation for the operation panels: components/ConfirmDialog on the panel's charger. What runs
// there is read by the dialog itself (the one source); a `running` list handed in is not used.
import { ConfirmDialog as Confirm, type ConfirmProps } from '../../../components/ConfirmDialog';
import type { RunningTransaction } from '../../../components/running';
import { usePanel } from './parts';

export { RunningList } from '../../../components/ConfirmDialog';

export function ConfirmDialog({ chargerId, running: _running, ...props }: Omit<ConfirmProps, 'chargerId'> & { chargerId?: string; running?: RunningTransaction[] }) {
  const panel = usePanel();
  return <Confirm chargerId={chargerId ?? panel.chargerId} {...props} />;
}
