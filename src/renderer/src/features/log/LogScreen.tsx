// Placeholder until the screen lands.
import Typography from '@mui/material/Typography';

export function LogScreen() {
  return <Typography variant="h5">LogScreen</Typography>;
}
