// A connector's OCPP status as a coloured chip: green when free, blue while charging, amber while
// waiting, red when faulted, grey when out of service; the error code joins the label in plain words
// (the code itself in the tooltip). A status that is only the last known (the charger is offline or the
// bench out of reach) is drawn grey and dashed, never as if it were live.
import Chip, { type ChipProps } from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import type { ChargePointErrorCode, ChargePointStatus } from '../../../shared/ocpp16/enums';
import { connectorErrorWords } from '../../../shared/api/connector-errors';

const colours: Record<ChargePointStatus, ChipProps['color']> = {
  Available: 'success',
  Preparing: 'info',
  Charging: 'primary',
  SuspendedEV: 'warning',
  SuspendedEVSE: 'warning',
  Finishing: 'info',
  Reserved: 'secondary',
  Unavailable: 'default',
  Faulted: 'error',
};

/** A chip whose words wrap onto a second line rather than be cut (a narrow column); the full words stay in its tooltip. */
export const wrappingChipSx = { maxWidth: '100%', height: 'auto', minHeight: 24, '& .MuiChip-label': { whiteSpace: 'normal', overflowWrap: 'anywhere', lineHeight: 1.3, py: 0.25 } } as const;

/** How a chip that shows only the last known (not a live) value is drawn: grey, dashed, muted text. */
export const staleChipSx = { borderStyle: 'dashed', color: 'text.secondary' } as const;

export function statusColour(status: ChargePointStatus): ChipProps['color'] {
  return colours[status] ?? 'default';
}

export function StatusChip({
  status,
  errorCode,
  label,
  size = 'small',
  stale = false,
  warning,
  wrap = false,
}: {
  status: ChargePointStatus;
  errorCode?: ChargePointErrorCode | null;
  label?: string;
  size?: ChipProps['size'];
  /** The last known status, not a live one. */
  stale?: boolean;
  /** Something is wrong though the connector is not faulted (an error or vendor code): drawn as a warning. */
  warning?: boolean;
  /** Words wrap rather than be cut (a narrow column). */
  wrap?: boolean;
}) {
  const words = errorCode && errorCode !== 'NoError' ? connectorErrorWords[errorCode] : undefined;
  const error = errorCode && errorCode !== 'NoError' ? ` · ${words?.title ?? errorCode}` : '';
  const text = `${label ? `${label}: ` : ''}${status}${error}`;
  const suspicious = status !== 'Faulted' && (warning ?? Boolean(words));
  const chip = (
    <Chip
      size={size}
      color={stale ? 'default' : suspicious ? 'warning' : statusColour(status)}
      label={text}
      variant={stale || (status === 'Available' && !suspicious) ? 'outlined' : 'filled'}
      data-stale={stale || undefined}
      sx={{ ...(stale ? staleChipSx : {}), ...(wrap ? wrappingChipSx : {}) }}
    />
  );
  if (!words && !stale && !wrap) return chip;
  const tip = [wrap && text, words && `${errorCode}: ${words.meaning}`, stale && 'Last known status: the charger is not reporting now'].filter(Boolean).join(' · ');
  return (
    <Tooltip title={tip}>
      <span style={wrap ? { maxWidth: '100%', display: 'inline-flex' } : undefined}>{chip}</span>
    </Tooltip>
  );
}
