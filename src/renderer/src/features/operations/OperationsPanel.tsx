// Placeholder until the operation panels land.
import Typography from '@mui/material/Typography';

export function OperationsPanel({ chargerId }: { chargerId: string }) {
  return <Typography>Operations for {chargerId}</Typography>;
}
