// A connector's OCPP status as a coloured chip: green when free, blue while charging, amber while
// waiting, red when faulted, grey when out of service; the error code joins the label when there is one.
import Chip, { type ChipProps } from '@mui/material/Chip';
import type { ChargePointErrorCode, ChargePointStatus } from '../../../shared/ocpp16/enums';

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

export function statusColour(status: ChargePointStatus): ChipProps['color'] {
  return colours[status] ?? 'default';
}

export function StatusChip({ status, errorCode, label, size = 'small' }: { status: ChargePointStatus; errorCode?: ChargePointErrorCode | null; label?: string; size?: ChipProps['size'] }) {
  const error = errorCode && errorCode !== 'NoError' ? ` · ${errorCode}` : '';
  return <Chip size={size} color={statusColour(status)} label={`${label ? `${label}: ` : ''}${status}${error}`} variant={status === 'Available' ? 'outlined' : 'filled'} />;
}
