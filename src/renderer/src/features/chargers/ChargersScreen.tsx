// Placeholder until the screen lands.
import Typography from '@mui/material/Typography';

export function ChargersScreen() {
  return <Typography variant="h5">ChargersScreen</Typography>;
}
