// Placeholder until the message log lands.
import Typography from '@mui/material/Typography';

export function MessageLog({ chargerId }: { chargerId?: string }) {
  return <Typography>Message log{chargerId ? ` of ${chargerId}` : ''}</Typography>;
}
