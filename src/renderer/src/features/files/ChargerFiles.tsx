// A charger's Files tab: the files it uploaded to the bench (diagnostics), live as they arrive: name, how
// it came (HTTP or FTP), progress (or that its bytes stopped coming), when it started and finished, until
// when the bench keeps it, and a download button once it is whole.
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import DownloadIcon from '@mui/icons-material/Download';
import { useClient } from '../../api/context';
import { useCall } from '../../components/useCall';
import { ConfirmDeleteDialog } from '../../components/ConfirmDeleteDialog';
import { formatTime } from '../../components/format';
import { Ago } from '../../components/Ago';
import { useNow } from '../../components/reach';
import { useBench } from '../../stores/bench';
import { monoFont } from '../../app/theme';
import { paths } from '../../app/routes';
import type { UploadView } from '../../../../shared/api/views';
import { useUploads } from './useUploads';
import { stalledSince, stalledWords } from './stall';
import { benchNow } from '../../components/benchClock';

/** "812 B", "14.2 kB", "3.1 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** "in 23 h", "in 6 days", or "expired". */
export function formatUntil(iso: string, now = benchNow()): string {
  const s = Math.round((Date.parse(iso) - now) / 1000);
  if (!(s > 0)) return 'expired';
  if (s < 3600) return `in ${Math.max(1, Math.floor(s / 60))} min`;
  if (s < 172_800) return `in ${Math.floor(s / 3600)} h`;
  return `in ${Math.floor(s / 86_400)} days`;
}

function Progress({ upload, stalled }: { upload: UploadView; stalled: string | null }) {
  if (upload.status === 'received') return <Typography variant="body2">{formatBytes(upload.bytes)}</Typography>;
  if (upload.status === 'incomplete')
    return (
      <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
        <Chip size="small" color="warning" label="Incomplete?" />
        <Typography variant="caption" color="text.secondary">
          {formatBytes(upload.bytes)} kept. {upload.error ?? 'The charger never confirmed the file whole'}
        </Typography>
      </Stack>
    );
  if (upload.status === 'failed')
    return (
      <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
        <Chip size="small" color="error" label="Failed" />
        <Typography variant="caption" color="text.secondary">
          {upload.error ?? 'The upload did not complete'} ({formatBytes(upload.bytes)} arrived)
        </Typography>
      </Stack>
    );
  const share = upload.expectedBytes ? Math.min(100, (upload.bytes / upload.expectedBytes) * 100) : null;
  const amount = `${formatBytes(upload.bytes)}${upload.expectedBytes ? ` of ${formatBytes(upload.expectedBytes)}` : ' so far'}`;
  if (stalled)
    return (
      <Stack spacing={0.5} sx={{ alignItems: 'flex-start', maxWidth: 420 }}>
        <Chip size="small" color="warning" label="No data arriving" />
        <Typography variant="caption" color="text.secondary">
          {amount} arrived. {stalled}
        </Typography>
      </Stack>
    );
  return (
    <Box sx={{ minWidth: 140 }}>
      <LinearProgress
        variant={share === null ? 'indeterminate' : 'determinate'}
        value={share ?? undefined}
        aria-label={`Upload progress of ${upload.name}`}
        aria-valuetext={`${formatBytes(upload.bytes)} received`}
      />
      <Typography variant="caption" color="text.secondary">
        Receiving: {amount}
      </Typography>
    </Box>
  );
}

const downloadHint = (status: UploadView['status'], stalled: boolean) =>
  stalled
    ? 'Not ended yet: no data is arriving'
    : { received: '', incomplete: 'The bytes that came: the file may be cut short', receiving: 'Still arriving', failed: 'Nothing whole to download' }[status];

interface RowProps {
  upload: UploadView;
  onDownload: (u: UploadView) => void;
  onDelete: (u: UploadView) => void;
}

/** One upload; one still receiving is watched on a clock of its own, for bytes that stop coming. */
function UploadRow(props: RowProps) {
  return props.upload.status === 'receiving' ? <ReceivingRow {...props} /> : <RowCells {...props} stalled={null} />;
}

function ReceivingRow(props: RowProps) {
  const now = useNow(5_000);
  // With the link to the bench down no news comes at all: that says nothing of the charger.
  const linkOpen = useBench((s) => s.link === 'open');
  const since = linkOpen ? stalledSince(props.upload, now) : null;
  return <RowCells {...props} stalled={since && stalledWords(props.upload, since, now)} />;
}

function RowCells({ upload: u, stalled, onDownload, onDelete }: RowProps & { stalled: string | null }) {
  return (
    <TableRow hover>
      <TableCell sx={{ fontFamily: monoFont, overflowWrap: 'anywhere' }}>{u.name}</TableCell>
      <TableCell>{u.via.toUpperCase()}</TableCell>
      <TableCell>
        <Progress upload={u} stalled={stalled} />
      </TableCell>
      <TableCell title={formatTime(u.startedAt)}>
        <Ago iso={u.startedAt} />
      </TableCell>
      <TableCell title={u.finishedAt ? formatTime(u.finishedAt) : undefined}>{u.finishedAt ? <Ago iso={u.finishedAt} /> : '—'}</TableCell>
      <TableCell title={formatTime(u.expiresAt)}>{formatUntil(u.expiresAt)}</TableCell>
      <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
        <Tooltip title={downloadHint(u.status, !!stalled)}>
          <span>
            <Button size="small" startIcon={<DownloadIcon />} disabled={u.status !== 'received' && u.status !== 'incomplete'} onClick={() => onDownload(u)} aria-label={`Download ${u.name}`}>
              Download
            </Button>
          </span>
        </Tooltip>
        <IconButton size="small" aria-label={`Delete ${u.name}`} onClick={() => onDelete(u)}>
          <DeleteIcon fontSize="small" />
        </IconButton>
      </TableCell>
    </TableRow>
  );
}

function DeleteDialog({ upload, onClose, onDeleted }: { upload: UploadView | null; onClose: () => void; onDeleted: (name: string) => void }) {
  const client = useClient();
  const [state, remove, reset] = useCall((id: string) => client.call('files:deleteUpload', { id }));
  const close = () => {
    reset();
    onClose();
  };
  return (
    <ConfirmDeleteDialog
      open={!!upload}
      titleId="delete-upload-title"
      title={`Delete ${upload?.name ?? ''}?`}
      text={`The bench deletes this file from its disk${upload?.status === 'receiving' ? ' and cuts off the upload still arriving' : ''}. The charger is not told.`}
      error={state.error}
      pending={state.pending}
      deleteLabel="Delete file"
      onClose={close}
      onDelete={async () => {
        if (!upload) return;
        if ((await remove(upload.id)) !== undefined) {
          reset();
          onDeleted(upload.name);
        }
      }}
    />
  );
}

export function ChargerFiles({ chargerId }: { chargerId: string }) {
  const client = useClient();
  const { uploads, error } = useUploads(chargerId);
  const [deleting, setDeleting] = useState<UploadView | null>(null);
  const [notice, setNotice] = useState<{ text: string; error?: boolean } | null>(null);
  const download = async (upload: UploadView) => {
    try {
      const r = await client.downloadUpload(upload);
      if (r.saved) setNotice({ text: `Saved ${upload.name}${r.where ? ` to ${r.where}` : ''}.` });
    } catch (e) {
      setNotice({ text: `Could not download ${upload.name}: ${e instanceof Error ? e.message : String(e)}`, error: true });
    }
  };
  return (
    <Stack spacing={2} component="section" aria-label={`Uploads from ${chargerId}`} sx={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
      <Box>
        <Typography variant="h6" component="h2">
          Uploads from {chargerId}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          Files this charger sent to the bench, e.g. its diagnostics (
          <Link component={RouterLink} to={paths.charger(chargerId, 'operations')}>
            Get diagnostics
          </Link>{' '}
          on the Operations tab fills in a bench location for it). Each request gets its own location, valid for a day; received files are kept for 7 days.
        </Typography>
      </Box>
      {error && <Alert severity="error">Could not load the uploads: {error}</Alert>}
      {uploads === null && !error && <Typography color="text.secondary">Loading…</Typography>}
      {uploads?.length === 0 && <Alert severity="info">Nothing uploaded yet.</Alert>}
      {!!uploads?.length && (
        <Table size="small" aria-label={`Files uploaded by ${chargerId}`}>
          <TableHead>
            <TableRow>
              <TableCell>File</TableCell>
              <TableCell>Via</TableCell>
              <TableCell>Size / progress</TableCell>
              <TableCell>Started</TableCell>
              <TableCell>Finished</TableCell>
              <TableCell>Expires</TableCell>
              <TableCell align="right">
                <Box component="span" sx={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
                  Actions
                </Box>
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {uploads.map((u) => (
              <UploadRow key={u.id} upload={u} onDownload={(x) => void download(x)} onDelete={setDeleting} />
            ))}
          </TableBody>
        </Table>
      )}
      <DeleteDialog
        upload={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(name) => {
          setDeleting(null);
          setNotice({ text: `Deleted ${name}.` });
        }}
      />
      <Snackbar open={!!notice} autoHideDuration={6000} onClose={() => setNotice(null)} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}>
        <Alert severity={notice?.error ? 'error' : 'success'} variant="filled" onClose={() => setNotice(null)}>
          {notice?.text}
        </Alert>
      </Snackbar>
    </Stack>
  );
}
