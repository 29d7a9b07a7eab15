// Placeholder until the screen lands.
import Typography from '@mui/material/Typography';

export function ChargerDetailScreen() {
  return <Typography variant="h5">ChargerDetailScreen</Typography>;
}
