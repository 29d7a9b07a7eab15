// The Transactions screen (/transactions): every charging session the bench recorded, live as they
// start and stop; a row opens the session's meter values.
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useBench, type BenchState } from '../../stores/bench';
import { unconfirmedSince } from '../../components/UnconfirmedSession';
import { plural } from '../../components/running';
import { TransactionsTable, type StopButtonSlot } from './TransactionsTable';

/** The running sessions counted as the charger reports them: running, and not confirmed (its charger has most likely lost them). */
export function runningCounts(s: Pick<BenchState, 'activeTransactions' | 'chargers'>): { running: number; unconfirmed: number } {
  let running = 0;
  let unconfirmed = 0;
  for (const t of Object.values(s.activeTransactions)) {
    const charger = s.chargers[t.chargerId];
    const connector = charger?.connectors.find((c) => c.connectorId === t.connectorId);
    if (unconfirmedSince(t, { connector, lastBoot: charger?.lastBoot }) === null) running++;
    else unconfirmed++;
  }
  return { running, unconfirmed };
}

/** "1 charging session running now; 1 not confirmed by its charger (most likely lost)." */
export function runningWords({ running, unconfirmed }: { running: number; unconfirmed: number }): string {
  const now = running ? `${plural(running, 'charging session')} running now` : 'No charging session is running now';
  return unconfirmed ? `${now}; ${unconfirmed} not confirmed by ${unconfirmed === 1 ? 'its charger' : 'their chargers'} (most likely lost).` : `${now}.`;
}

// One string while the counts stay: the screen redraws only when they change.
const selectCounts = (s: BenchState) => {
  const c = runningCounts(s);
  return `${c.running}/${c.unconfirmed}`;
};

export function TransactionsScreen({ StopButton }: { StopButton?: StopButtonSlot }) {
  const [running, unconfirmed] = useBench(selectCounts).split('/').map(Number);
  return (
    <Box sx={{ height: '100%', display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box>
        <Typography variant="h5" component="h1">
          Transactions
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {runningWords({ running, unconfirmed })}
        </Typography>
      </Box>
      <TransactionsTable StopButton={StopButton} />
    </Box>
  );
}
