// The saved templates this version of ChargeBench cannot read (another version saved them): shown greyed
// under the template choice, each with why it cannot be read, never offered to start a commissioning, and
// each with a Delete (asked first, naming it) through the same call as any saved template's.
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import DeleteIcon from '@mui/icons-material/Delete';
import { useClient } from '../../api/context';
import { useCall } from '../../components/useCall';
import { Sending } from '../../components/Sending';
import type { UnreadableTemplate } from '../../../../shared/api/commissioning';

/** Why a saved template is not offered, in the installer's words. */
export const unreadableWords = (t: UnreadableTemplate): string => `Saved by another version of ChargeBench; this version cannot read it (${t.reason})`;

export function UnreadableTemplates({ templates, onDeleted }: { templates: readonly UnreadableTemplate[]; onDeleted: () => void }) {
  const client = useClient();
  const [asked, setAsked] = useState<string | null>(null);
  const [del, doDelete, resetDelete] = useCall(async (name: string) => {
    await client.call('commissioning:deleteTemplate', { name });
    onDeleted();
    return true;
  });
  const close = () => {
    // What was sent cannot be withdrawn: while the delete is on its way, the dialog stays.
    if (del.pending) return;
    setAsked(null);
    resetDelete();
  };
  if (!templates.length) return null;

  return (
    <Box component="section" aria-label="Saved templates this version cannot read" sx={{ mt: 2 }}>
      <Typography variant="body2" sx={{ fontWeight: 600, mb: 0.5 }}>
        Saved templates this version cannot use
      </Typography>
      <Stack spacing={0.5} component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
        {templates.map((t) => (
          <Stack key={t.name} component="li" direction="row" aria-label={t.name} sx={{ gap: 1, alignItems: 'center' }}>
            <Box sx={{ flex: 1, minWidth: 0 }}>
              <Typography variant="body2" sx={{ overflowWrap: 'anywhere', color: 'text.disabled' }}>
                {t.name}
              </Typography>
              {/* Greyed, yet readable: the reason is what the installer acts on. */}
              <Typography variant="caption" component="div" sx={{ overflowWrap: 'anywhere', color: 'text.secondary' }}>
                {unreadableWords(t)}
              </Typography>
            </Box>
            <Button size="small" color="error" startIcon={<DeleteIcon />} aria-label={`Delete ${t.name}`} onClick={() => (resetDelete(), setAsked(t.name))}>
              Delete
            </Button>
          </Stack>
        ))}
      </Stack>

      <Dialog open={asked !== null} onClose={close} fullWidth maxWidth="xs" aria-labelledby="delete-unreadable-title">
        <DialogTitle id="delete-unreadable-title">Delete {asked}?</DialogTitle>
        <DialogContent>
          <DialogContentText>The saved template {asked} is removed from this bench. Commissionings already made with it keep their plan.</DialogContentText>
          {del.error && (
            <Alert severity="error" sx={{ mt: 2 }}>
              Not deleted: {del.error}
            </Alert>
          )}
          <Sending pending={del.pending} words={{ doing: 'Deleting', whenAnswered: `${asked ?? 'the template'} is deleted when it does` }} />
        </DialogContent>
        <DialogActions>
          <Button onClick={close} disabled={del.pending}>
            Cancel
          </Button>
          <Button color="error" variant="contained" disabled={del.pending} onClick={() => asked && void doDelete(asked).then((ok) => ok && setAsked(null))}>
            Delete {asked}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
