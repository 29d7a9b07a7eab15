// Placeholder until the screen lands.
import Typography from '@mui/material/Typography';

export function ConnectScreen() {
  return <Typography variant="h5">ConnectScreen</Typography>;
}
