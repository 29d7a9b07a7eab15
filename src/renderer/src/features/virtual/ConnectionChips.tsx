// A virtual charger's connection and boot as chips that say the truth: one kept offline by its Offline fault
// switch says so and until when (not "retrying": it is not), one powered on is never said stopped, and while
// the link to the bench is lost both are drawn as the last known (grey, dashed), never as live.
import Chip, { type ChipProps } from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import { staleChipSx } from '../../components/StatusChip';
import { formatWhen } from '../../components/format';
import type { VirtualChargerView } from '../../../../shared/api/virtual-chargers';
import { connectionWords } from './virtual-actions';

const registrationColour = { Accepted: 'success', Pending: 'warning', Rejected: 'error' } as const;

interface ChipWords {
  label: string;
  color: ChipProps['color'];
  variant: ChipProps['variant'];
  title?: string;
}

/** The connection chip's words: the Offline switch and its time first, then the connection as the bench says it. */
export function connectionChip(v: Pick<VirtualChargerView, 'running' | 'connection' | 'faults' | 'offlineUntil'>): ChipWords {
  if (v.running && v.faults.offline) {
    const until = v.offlineUntil ? `back at ${formatWhen(v.offlineUntil)}` : v.faults.offlineSeconds > 0 ? `back ${v.faults.offlineSeconds} s after it is powered on` : 'until switched off';
    return {
      label: `Offline (fault switch, ${until})`,
      color: 'warning',
      variant: 'outlined',
      title: 'Its Offline fault switch keeps it from connecting: it does not retry until the switch is off.',
    };
  }
  // Powered on, it is never "Stopped" (what a record from an earlier version may still say of one kept offline).
  const state = v.running && v.connection === 'stopped' ? 'disconnected' : v.connection;
  const words = connectionWords[state];
  return { label: words.label, color: words.color, variant: state === 'stopped' ? 'outlined' : 'filled' };
}

/** The boot chip's words: the registration its last BootNotification got, or that it has not booted since it was powered on. */
export function bootChip(v: Pick<VirtualChargerView, 'running' | 'registration' | 'faults'>): ChipWords {
  if (v.registration) return { label: `Boot ${v.registration}`, color: registrationColour[v.registration], variant: 'outlined' };
  if (v.running && v.faults.offline) return { label: 'Not booted yet (boots when back online)', color: 'default', variant: 'outlined' };
  return { label: 'Not booted yet', color: 'default', variant: 'outlined' };
}

/** The two chips; `asOf` (the link to the bench lost: "last known, as of …") draws them as the last known. */
export function ConnectionChips({ charger, asOf, blocked }: { charger: VirtualChargerView; asOf: string | null; blocked: string | null }) {
  const chips = [connectionChip(charger), bootChip(charger)];
  return (
    <>
      {chips.map((c, i) => {
        const chip = asOf ? (
          <Chip size="small" variant="outlined" label={`${c.label} (last known)`} data-stale="" sx={staleChipSx} />
        ) : (
          <Chip size="small" variant={c.variant} color={c.color} label={c.label} />
        );
        const title = asOf ? `${c.label}: ${asOf}. ${blocked ?? ''}` : c.title;
        return title ? (
          <Tooltip key={i} title={title}>
            <span>{chip}</span>
          </Tooltip>
        ) : (
          <span key={i}>{chip}</span>
        );
      })}
    </>
  );
}
