// Placeholder until the screen lands.
import Typography from '@mui/material/Typography';

export function TransactionDetailScreen() {
  return <Typography variant="h5">TransactionDetailScreen</Typography>;
}
