// The Transactions screen (/transactions): every charging session the bench recorded, live as they
// start and stop; a row opens the session's meter values.
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useBench } from '../../stores/bench';
import { TransactionsTable, type StopButtonSlot } from './TransactionsTable';

export function TransactionsScreen({ StopButton }: { StopButton?: StopButtonSlot }) {
  const running = useBench((s) => Object.keys(s.activeTransactions).length);
  return (
    <Box sx={{ height: '100%', display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box>
        <Typography variant="h5" component="h1">
          Transactions
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {running ? `${running} charging session${running === 1 ? '' : 's'} running now.` : 'No charging session is running now.'}
        </Typography>
      </Box>
      <TransactionsTable StopButton={StopButton} />
    </Box>
  );
}
