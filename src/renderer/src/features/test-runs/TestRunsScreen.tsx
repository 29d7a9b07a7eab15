// The Test runs screen (/test-runs): start a conformance run (OCTT 1.6 charge-point cases) on a charger,
// and the runs kept in the record, per charger, to open or compare. ?charger= chooses the charger,
// ?rerun= an earlier run whose failed cases run again.
import { useSearchParams } from 'react-router';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { RunHistory } from './RunHistory';
import { StartRunForm } from './StartRunForm';

export function TestRunsScreen() {
  const [search, setSearch] = useSearchParams();
  const charger = search.get('charger') ?? '';
  const rerun = search.get('rerun');
  const setCharger = (id: string) => setSearch(id ? { charger: id } : {}, { replace: true });
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box>
        <Typography variant="h5" component="h1">
          Test runs
        </Typography>
        <Typography variant="body2" color="text.secondary">
          The official OCPP 1.6 charge-point test cases (OCTT) against a charger: the bench plays the central system, asks a person for the physical steps, and gives each case a verdict with its
          evidence.
        </Typography>
      </Box>
      <StartRunForm charger={charger} onCharger={setCharger} rerun={rerun} />
      <RunHistory charger={charger} onCharger={setCharger} />
    </Box>
  );
}
