// Placeholder until the screen lands.
import Typography from '@mui/material/Typography';

export function TransactionsScreen() {
  return <Typography variant="h5">TransactionsScreen</Typography>;
}
