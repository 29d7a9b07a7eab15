// The Virtual chargers screen: the bench's built-in charge points, live from the store, with a card
// each to drive them by hand, and the dialog that creates one.
import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import SmartToyIcon from '@mui/icons-material/SmartToy';
import { useBench } from '../../stores/bench';
import type { VirtualChargerDeleted } from '../../../../shared/api/virtual-chargers';
import { NewVirtualChargerDialog } from './NewVirtualChargerDialog';
import { VirtualChargerCard } from './VirtualChargerCard';
import { rememberView, suggestId } from './virtual-actions';
import { useVirtualLink } from './virtual-link';

export function VirtualChargersScreen() {
  const loaded = useBench((s) => s.loaded);
  const virtualChargers = useBench((s) => s.virtualChargers);
  const chargers = useBench((s) => s.chargers);
  // The link to the bench lost: the cards are the last known and nothing can be sent (each button disabled, saying why here).
  const { blocked, asOf } = useVirtualLink();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  // What the last delete did to the deleted charger's sessions (its card is gone).
  const [deleted, setDeleted] = useState<VirtualChargerDeleted | null>(null);
  const list = useMemo(() => Object.values(virtualChargers).sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true })), [virtualChargers]);
  const freeId = useMemo(() => suggestId([...Object.keys(virtualChargers), ...Object.keys(chargers)]), [virtualChargers, chargers]);

  return (
    <Box sx={{ maxWidth: 1400 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start', mb: 3 }}>
        <Box sx={{ flexGrow: 1 }}>
          <Typography variant="h5" component="h1">
            Virtual chargers
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5, maxWidth: 820 }}>
            Charge points built into the bench that connect to it over a real WebSocket. Plug in, present a card and watch a session run; switch faults on to see how the central system copes with a
            bad charger.
          </Typography>
        </Box>
        <Tooltip title={blocked ?? ''}>
          <span style={{ flexShrink: 0 }}>
            <Button variant="contained" startIcon={<AddIcon />} disabled={blocked !== null} onClick={() => setCreating(true)}>
              New virtual charger
            </Button>
          </span>
        </Tooltip>
      </Stack>
      {blocked && (
        <Alert severity="warning" role="alert" sx={{ mb: 2 }}>
          {`${blocked} The virtual chargers below are shown as ${asOf}: their states, sessions and readings are not live, and their controls are disabled until then.`}
        </Alert>
      )}

      {deleted && (
        <Alert severity={deleted.sessions.some((s) => s.leftOpen) ? 'warning' : 'success'} onClose={() => setDeleted(null)} sx={{ mb: 2 }} role="status">
          {deleted.message}
        </Alert>
      )}
      {!loaded && list.length === 0 ? (
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', color: 'text.secondary' }} role="status">
          <CircularProgress size={20} />
          <Typography>Loading virtual chargers…</Typography>
        </Stack>
      ) : list.length === 0 ? (
        <Paper sx={{ p: 4, textAlign: 'center' }}>
          <SmartToyIcon color="disabled" sx={{ fontSize: 48 }} />
          <Typography variant="h6" component="p" sx={{ mt: 1 }}>
            No virtual chargers yet
          </Typography>
          <Typography color="text.secondary" sx={{ mb: 2 }}>
            Create one to try operations, train installers or write test plans without hardware.
          </Typography>
          <Button variant="outlined" startIcon={<AddIcon />} disabled={blocked !== null} onClick={() => setCreating(true)}>
            Create {freeId}
          </Button>
        </Paper>
      ) : (
        <Stack spacing={2.5}>
          {list.map((v) => (
            <VirtualChargerCard key={v.id} charger={v} onDeleted={setDeleted} />
          ))}
        </Stack>
      )}

      <NewVirtualChargerDialog
        open={creating}
        suggestedId={freeId}
        onClose={() => setCreating(false)}
        onCreated={(view) => {
          rememberView(view);
          setCreating(false);
          setCreated(view.id);
        }}
      />
      <Snackbar
        open={created !== null}
        autoHideDuration={4000}
        onClose={() => setCreated(null)}
        message={created ? `Virtual charger ${created} created` : ''}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      />
    </Box>
  );
}
