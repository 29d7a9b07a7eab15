// Notes for the installer about the bench's own record (the view's benchNotes): a transaction the record holds
// open that the charger no longer runs, to close in the record. Shown on the wizard apart from what is open:
// they are not items of the handover, and the customer's report leaves them out.
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import type { CommissioningView } from '../../../../shared/api/commissioning';

export function BenchNotes({ view }: { view: Pick<CommissioningView, 'benchNotes'> }) {
  const notes = view.benchNotes ?? [];
  if (!notes.length) return null;
  return (
    <Alert severity="info" aria-label="Bench record notes">
      For you, not the handover:
      <Box component="ul" sx={{ m: 0, pl: 3 }}>
        {notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </Box>
    </Alert>
  );
}
