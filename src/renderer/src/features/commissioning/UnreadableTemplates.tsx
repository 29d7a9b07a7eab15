// The saved templates this version of ChargeBench cannot read: another version saved them (JSON of another
// shape), or their record is damaged (not JSON). Shown greyed under the template choice, each with why it
// cannot be read, never offered to start a commissioning; each can be downloaded as stored (to keep it for
// the version that saved it) and deleted, after a question naming it that says deleting cannot be undone.
// Whatever the delete's outcome the list is read again: one already gone (deleted from another window) is
// said to be gone, not left listed.
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
import DownloadIcon from '@mui/icons-material/Download';
import { useClient } from '../../api/context';
import { CallFailure } from '../../api/client';
import { useCall } from '../../components/useCall';
import { Sending } from '../../components/Sending';
import { downloadText } from '../../components/download';
import type { UnreadableTemplate } from '../../../../shared/api/commissioning';

/** Why a saved template is not offered, in the installer's words. */
export const unreadableWords = (t: UnreadableTemplate): string =>
  t.kind === 'damaged' ? 'Damaged in the record (not JSON): no version of ChargeBench can read it' : `Saved by another version of ChargeBench; this version cannot read it (${t.reason})`;

/** What deleting it means, before it is deleted. */
const deleteWords = (t: UnreadableTemplate): string =>
  `Deleting ${t.name} from this bench cannot be undone. ${
    t.kind === 'damaged'
      ? 'Its record is damaged: no version can use it, yet its stored text can be downloaded first.'
      : 'The version of ChargeBench that saved it could still use it: download it as saved first to keep it.'
  } Commissionings already made with it keep their plan.`;

/** Saves the template's text exactly as stored, as <name>.json. */
const downloadStored = (t: UnreadableTemplate) => downloadText(`${t.name.replace(/[^\w.-]+/g, '-')}.json`, t.stored, t.kind === 'damaged' ? 'text/plain' : 'application/json');

export function UnreadableTemplates({ templates, onDeleted }: { templates: readonly UnreadableTemplate[]; onDeleted: () => void }) {
  const client = useClient();
  const [asked, setAsked] = useState<UnreadableTemplate | null>(null);
  const [del, doDelete, resetDelete] = useCall(async (name: string): Promise<'deleted' | 'gone'> => {
    try {
      await client.call('commissioning:deleteTemplate', { name });
      return 'deleted';
    } catch (e) {
      if (e instanceof CallFailure && e.status === 404) return 'gone';
      throw e;
    } finally {
      // Deleted, already gone or refused: the list says what is saved now.
      onDeleted();
    }
  });
  const gone = del.value === 'gone';
  const close = () => {
    // What was sent cannot be withdrawn: while the delete is on its way, the dialog stays.
    if (del.pending) return;
    setAsked(null);
    resetDelete();
  };
  const dialog = asked && (
    <Dialog open onClose={close} fullWidth maxWidth="xs" aria-labelledby="delete-unreadable-title">
      <DialogTitle id="delete-unreadable-title">Delete {asked.name}?</DialogTitle>
      <DialogContent>
        <DialogContentText>{deleteWords(asked)}</DialogContentText>
        {gone && (
          <Alert severity="info" sx={{ mt: 2 }}>
            {asked.name} was already deleted (from another window, say): it is no longer saved on this bench.
          </Alert>
        )}
        {del.error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            Not deleted: {del.error}
          </Alert>
        )}
        <Sending pending={del.pending} words={{ doing: 'Deleting', whenAnswered: `${asked.name} is deleted when it does` }} />
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={del.pending}>
          {gone ? 'Close' : 'Cancel'}
        </Button>
        {!gone && (
          <>
            <Button startIcon={<DownloadIcon />} onClick={() => downloadStored(asked)}>
              Download as saved
            </Button>
            <Button color="error" variant="contained" disabled={del.pending} onClick={() => void doDelete(asked.name).then((r) => r === 'deleted' && (setAsked(null), resetDelete()))}>
              Delete {asked.name}
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
  return (
    <>
      {templates.length > 0 && (
        <Box component="section" aria-label="Saved templates this version cannot read" sx={{ mt: 2 }}>
          <Typography variant="body2" sx={{ fontWeight: 600, mb: 0.5 }}>
            Saved templates this version cannot use
          </Typography>
          <Stack spacing={0.5} component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
            {templates.map((t) => (
              <Stack key={t.name} component="li" direction="row" aria-label={t.name} sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                <Box sx={{ flex: 1, minWidth: 0 }}>
                  <Typography variant="body2" sx={{ overflowWrap: 'anywhere', color: 'text.disabled' }}>
                    {t.name}
                  </Typography>
                  {/* Greyed, yet readable: the reason is what the installer acts on. */}
                  <Typography variant="caption" component="div" sx={{ overflowWrap: 'anywhere', color: 'text.secondary' }}>
                    {unreadableWords(t)}
                  </Typography>
                </Box>
                <Button size="small" startIcon={<DownloadIcon />} aria-label={`Download ${t.name} as saved`} onClick={() => downloadStored(t)}>
                  Download as saved
                </Button>
                <Button size="small" color="error" startIcon={<DeleteIcon />} aria-label={`Delete ${t.name}`} onClick={() => (resetDelete(), setAsked(t))}>
                  Delete
                </Button>
              </Stack>
            ))}
          </Stack>
        </Box>
      )}
      {/* Outside the list, so it stays put when the list empties (the template was already gone). */}
      {dialog}
    </>
  );
}
