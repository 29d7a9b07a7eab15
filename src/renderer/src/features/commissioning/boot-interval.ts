// Before a run: the plan's HeartbeatInterval against the interval the bench's BootNotification answer gives
// (OCPP 1.6: the heartbeat interval the charger uses; many chargers write it into HeartbeatInterval). The
// plan's reset step reboots the charger, so where the two differ the baseline's value is likely undone
// there, and the configuration at the end (which counts) fails the baseline. The bench's answer during a
// commissioning is its Settings' heartbeat interval: the run clears a charger's bench behaviour (a boot
// answer with another interval) before its first step. Said, with what to do; nothing is changed for you.
import { useClient } from '../../api/context';
import { useLoad } from '../../components/useCall';
import type { CommissioningTemplate } from '../../../../shared/api/commissioning';

/** The heartbeat interval (s) the bench's BootNotification answer gives (Settings); null until known. */
export function useBenchHeartbeat(): number | null {
  const client = useClient();
  const settings = useLoad(() => client.call('settings:get', {}), [client]);
  const s = settings.data?.heartbeatInterval;
  return typeof s === 'number' ? s : null;
}

/** The warning when the plan's HeartbeatInterval differs from the bench's boot answer interval; null otherwise. */
export function heartbeatWarning(template: Pick<CommissioningTemplate, 'keys'> | null | undefined, benchSeconds: number | null): string | null {
  const wanted = template?.keys.HeartbeatInterval?.trim();
  if (wanted === undefined || benchSeconds === null) return null;
  if (/^\d+$/.test(wanted) && Number(wanted) === benchSeconds) return null;
  return (
    `The plan wants HeartbeatInterval ${wanted}, but the bench answers every BootNotification with a heartbeat interval of ${benchSeconds} s (Settings → Heartbeat interval). ` +
    `Many chargers take that as their HeartbeatInterval, so after the reset (the step “Reset and reconnect”) it is likely ${benchSeconds} again, and a key not at its wanted value at the end is not a pass. ` +
    `Make the bench's heartbeat interval ${wanted} s in Settings before the run, or run the baseline step again after the reset.`
  );
}
