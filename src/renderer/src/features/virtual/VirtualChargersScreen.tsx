// Placeholder until the screen lands.
import Typography from '@mui/material/Typography';

export function VirtualChargersScreen() {
  return <Typography variant="h5">VirtualChargersScreen</Typography>;
}
