// The bench's own idTag list (the central system's authorization list, used when only listed idTags
// are accepted): a table to search, add, edit and delete entries, and an import of many at once. Each
// change is saved at once; what happened is handed up to the screen showing the list (Settings).
import { memo, useEffect, useMemo, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip, { type ChipProps } from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import SearchIcon from '@mui/icons-material/Search';
import UploadIcon from '@mui/icons-material/Upload';
import { useClient } from '../../api/context';
import { CallFailure } from '../../api/client';
import { formatTime } from '../../components/format';
import type { Notice } from '../../components/notice';
import { monoFont } from '../../app/theme';
import type { z } from 'zod';
import { IdTagEntrySchema } from '../../../../shared/api/commands';
import { issueWords } from '../../../../shared/api/issues';
import type { IdTagEntry } from '../../../../shared/api/views';
import { AuthorizationStatus } from '../../../../shared/ocpp16/enums';
import { benchNow } from '../../components/benchClock';

const statusColours: Record<IdTagEntry['status'], ChipProps['color']> = {
  Accepted: 'success',
  Blocked: 'error',
  Expired: 'warning',
  Invalid: 'error',
  ConcurrentTx: 'info',
};

const fieldLabels: Record<string, string> = { idTag: 'idTag', status: 'Status', expiryDate: 'Expiry date', parentIdTag: 'Parent idTag' };

/** An ISO time as the value of a datetime-local input (local time, to the minute). */
function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? 'invalid' : d.toISOString();
}

/** zod's own words for an enum or a date are not for people; these are. */
const plainMessages: Record<string, string> = {
  status: `must be one of ${AuthorizationStatus.options.join(', ')}`,
  expiryDate: 'must be a date and time with its time zone, e.g. 2030-01-01T00:00:00Z',
};

/** An entry's problems, each on its field and named by it. */
const entryIssues = (error: { issues: readonly z.core.$ZodIssue[] }) => issueWords(error, { key: 'first', whole: 'idTag', labels: fieldLabels, messages: plainMessages });

interface EditorProps {
  /** The entry being edited, or null to add one. */
  entry: IdTagEntry | null;
  open: boolean;
  existing: ReadonlySet<string>;
  onClose: () => void;
  onSaved: (entry: IdTagEntry, added: boolean) => void;
}

function IdTagDialog({ entry, open, existing, onClose, onSaved }: EditorProps) {
  const client = useClient();
  const [idTag, setIdTag] = useState('');
  const [status, setStatus] = useState<IdTagEntry['status']>('Accepted');
  const [expiry, setExpiry] = useState('');
  const [parent, setParent] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (!open) return;
    setIdTag(entry?.idTag ?? '');
    setStatus(entry?.status ?? 'Accepted');
    setExpiry(toLocalInput(entry?.expiryDate));
    setParent(entry?.parentIdTag ?? '');
    setErrors({});
    setFormError(null);
  }, [open, entry]);

  const submit = async (e: FormEvent) => {
    // The dialog sits in a portal, but React still bubbles its submit to the screen's own forms.
    e.preventDefault();
    e.stopPropagation();
    const expiryDate = fromLocalInput(expiry);
    // A card being edited, or named as the parent, keeps its id as the list holds it (an older bench took
    // some with spaces around them); what is typed for a new one is trimmed.
    const candidate = { idTag: entry ? entry.idTag : idTag.trim(), status, expiryDate, parentIdTag: (existing.has(parent) ? parent : parent.trim()) || null };
    const parsed = IdTagEntrySchema.safeParse(candidate);
    const found = parsed.success ? {} : entryIssues(parsed.error);
    if (!entry && existing.has(candidate.idTag)) found.idTag = `idTag ${candidate.idTag} is already in the list: edit it there instead`;
    if (expiryDate === 'invalid') found.expiryDate = 'Expiry date is not a valid date and time';
    if (!parsed.success || Object.keys(found).length) {
      setErrors(found);
      return;
    }
    setErrors({});
    setFormError(null);
    setPending(true);
    try {
      onSaved(await client.call('idTags:add', parsed.data), !entry);
    } catch (err) {
      if (err instanceof CallFailure && err.field) setErrors({ [err.field]: err.message });
      else setFormError(err instanceof Error ? err.message : String(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs" aria-labelledby="idtag-dialog-title">
      <Box component="form" onSubmit={submit} noValidate>
        <DialogTitle id="idtag-dialog-title">{entry ? `Edit idTag ${entry.idTag}` : 'Add an idTag'}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {formError && <Alert severity="error">{formError}</Alert>}
            <TextField
              label="idTag"
              value={idTag}
              onChange={(e) => setIdTag(e.target.value)}
              disabled={!!entry}
              autoFocus={!entry}
              required
              error={!!errors.idTag}
              helperText={errors.idTag ?? 'The RFID card or token id, up to 20 characters, as the charger sends it'}
              slotProps={{ htmlInput: { maxLength: 40, spellCheck: false, style: { fontFamily: monoFont } } }}
            />
            <TextField
              select
              label="Status"
              value={status}
              onChange={(e) => setStatus(e.target.value as IdTagEntry['status'])}
              error={!!errors.status}
              helperText={errors.status ?? 'What the bench answers for this idTag'}
              autoFocus={!!entry}
            >
              {AuthorizationStatus.options.map((s) => (
                <MenuItem key={s} value={s}>
                  {s}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              label="Expiry date"
              type="datetime-local"
              value={expiry}
              onChange={(e) => setExpiry(e.target.value)}
              error={!!errors.expiryDate}
              helperText={errors.expiryDate ?? 'Optional, in your local time; empty: never expires'}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <TextField
              label="Parent idTag"
              value={parent}
              onChange={(e) => setParent(e.target.value)}
              error={!!errors.parentIdTag}
              helperText={errors.parentIdTag ?? 'Optional: the group this idTag belongs to'}
              slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: monoFont } } }}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={pending}>
            {entry ? 'Save idTag' : 'Add idTag'}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}

/** One entry a line: `idTag[,status[,expiryDate[,parentIdTag]]]`; blank lines and # comments are skipped. */
export function parseIdTagLines(text: string): { entries: IdTagEntry[]; errors: string[] } {
  const entries: IdTagEntry[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const [idTag = '', status = 'Accepted', expiryDate = '', parentIdTag = ''] = trimmed.split(/[,;\t]/).map((p) => p.trim());
    const parsed = IdTagEntrySchema.safeParse({ idTag, status: status || 'Accepted', expiryDate: expiryDate || null, parentIdTag: parentIdTag || null });
    if (parsed.success) entries.push(parsed.data);
    else errors.push(`Line ${i + 1}: ${Object.values(entryIssues(parsed.error))[0]}`);
  });
  return { entries, errors };
}

function ImportDialog({ open, current, onClose, onDone }: { open: boolean; current: IdTagEntry[]; onClose: () => void; onDone: (list: IdTagEntry[], message: string) => void }) {
  const client = useClient();
  const [text, setText] = useState('');
  const [replace, setReplace] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (open) setErrors([]);
  }, [open]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    e.stopPropagation();
    const { entries, errors: bad } = parseIdTagLines(text);
    if (bad.length || !entries.length) {
      setErrors(bad.length ? bad : ['Nothing to import: enter one idTag a line']);
      return;
    }
    const merged = new Map(replace ? [] : current.map((t) => [t.idTag, t]));
    for (const t of entries) merged.set(t.idTag, t);
    setPending(true);
    try {
      const list = await client.call('idTags:replace', { entries: [...merged.values()] });
      setText('');
      onDone(list, replace ? `The list now holds the ${entries.length} imported idTags` : `Imported ${entries.length} idTags; the list holds ${list.length}`);
    } catch (err) {
      setErrors([err instanceof Error ? err.message : String(err)]);
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="idtag-import-title">
      <Box component="form" onSubmit={submit} noValidate>
        <DialogTitle id="idtag-import-title">Import idTags</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            One idTag a line, optionally followed by its status, expiry date (ISO 8601) and parent idTag, separated by commas. Status is Accepted when left out.
          </DialogContentText>
          {errors.length > 0 && (
            <Alert severity="error" sx={{ mb: 2 }}>
              {errors.slice(0, 5).map((m) => (
                <div key={m}>{m}</div>
              ))}
              {errors.length > 5 && <div>…and {errors.length - 5} more</div>}
            </Alert>
          )}
          <TextField
            label="idTags"
            value={text}
            onChange={(e) => setText(e.target.value)}
            multiline
            minRows={6}
            maxRows={16}
            fullWidth
            autoFocus
            placeholder={'04A2B3C4D5\nBLOCKED01,Blocked\nTEMP01,Accepted,2030-01-01T00:00:00Z,FLEET'}
            slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: monoFont } } }}
          />
          <FormControlLabel
            sx={{ mt: 1 }}
            control={<Checkbox checked={replace} onChange={(e) => setReplace(e.target.checked)} />}
            label="Replace the whole list (otherwise these are added, and existing ones updated)"
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={pending}>
            Import
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}

/** Memoised: typing in the settings form above must not re-render a long list. */
export const IdTagList = memo(function IdTagList({ onNotice }: { onNotice: (notice: Notice | null) => void }) {
  const client = useClient();
  const [rows, setRows] = useState<IdTagEntry[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ entry: IdTagEntry | null } | null>(null);
  const [importing, setImporting] = useState(false);
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(10);

  useEffect(() => {
    let live = true;
    client.call('idTags:list', {}).then(
      (list) => live && setRows(list),
      (e: unknown) => live && setLoadError(e instanceof Error ? e.message : String(e)),
    );
    return () => void (live = false);
  }, [client]);

  const existing = useMemo(() => new Set((rows ?? []).map((r) => r.idTag)), [rows]);
  const upsert = (entry: IdTagEntry) => setRows((list) => [...(list ?? []).filter((r) => r.idTag !== entry.idTag), entry].sort((a, b) => a.idTag.localeCompare(b.idTag)));

  const remove = async (entry: IdTagEntry) => {
    try {
      await client.call('idTags:delete', { idTag: entry.idTag });
      setRows((list) => (list ?? []).filter((r) => r.idTag !== entry.idTag));
      onNotice({ message: `Deleted idTag ${entry.idTag}`, undo: () => void undo(entry) });
    } catch (e) {
      onNotice({ message: `Could not delete ${entry.idTag}: ${e instanceof Error ? e.message : String(e)}`, error: true });
    }
  };

  const undo = async (entry: IdTagEntry) => {
    onNotice(null);
    try {
      upsert(await client.call('idTags:add', { idTag: entry.idTag, status: entry.status, expiryDate: entry.expiryDate ?? null, parentIdTag: entry.parentIdTag ?? null }));
    } catch (e) {
      onNotice({ message: `Could not restore ${entry.idTag}: ${e instanceof Error ? e.message : String(e)}`, error: true });
    }
  };

  const matching = useMemo(() => {
    const q = search.trim().toLowerCase();
    return q ? (rows ?? []).filter((r) => r.idTag.toLowerCase().includes(q) || (r.parentIdTag ?? '').toLowerCase().includes(q) || r.status.toLowerCase() === q) : (rows ?? []);
  }, [rows, search]);
  const lastPage = Math.max(0, Math.ceil(matching.length / pageSize) - 1);
  const shown = matching.slice(Math.min(page, lastPage) * pageSize, (Math.min(page, lastPage) + 1) * pageSize);

  return (
    <Box>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, mb: 1.5, flexWrap: 'wrap' }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, flexGrow: 1 }}>
          idTag list{rows ? ` (${rows.length})` : ''}
        </Typography>
        <Button startIcon={<UploadIcon />} onClick={() => setImporting(true)} disabled={!rows}>
          Import…
        </Button>
        <Button variant="outlined" startIcon={<AddIcon />} onClick={() => setEditing({ entry: null })} disabled={!rows}>
          Add idTag
        </Button>
      </Stack>
      {loadError && <Alert severity="error">Could not load the idTag list: {loadError}</Alert>}
      {rows && rows.length === 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ py: 2 }}>
          The list is empty. Add the idTags (RFID cards, tokens) the bench should accept, or import many at once.
        </Typography>
      )}
      {rows && rows.length > 0 && (
        <>
          {rows.length > 10 && (
            <TextField
              label="Search idTags"
              value={search}
              onChange={(e) => {
                setSearch(e.target.value);
                setPage(0);
              }}
              size="small"
              sx={{ mb: 1, width: 280, maxWidth: '100%' }}
              slotProps={{
                input: {
                  startAdornment: (
                    <InputAdornment position="start">
                      <SearchIcon fontSize="small" />
                    </InputAdornment>
                  ),
                },
              }}
            />
          )}
          <Table size="small" aria-label="idTag list">
            <TableHead>
              <TableRow>
                <TableCell>idTag</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Expires</TableCell>
                <TableCell>Parent idTag</TableCell>
                <TableCell align="right">Actions</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.map((row) => {
                const past = !!row.expiryDate && Date.parse(row.expiryDate) < benchNow();
                return (
                  <TableRow key={row.idTag} hover>
                    <TableCell sx={{ fontFamily: monoFont }}>{row.idTag}</TableCell>
                    <TableCell>
                      <Chip size="small" label={row.status} color={statusColours[row.status]} variant="outlined" />
                    </TableCell>
                    <TableCell sx={{ color: past ? 'warning.main' : row.expiryDate ? 'text.primary' : 'text.secondary' }}>
                      {row.expiryDate ? `${formatTime(row.expiryDate)}${past ? ' (past)' : ''}` : 'Never'}
                    </TableCell>
                    <TableCell sx={{ fontFamily: monoFont }}>{row.parentIdTag || '—'}</TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap', py: 0 }}>
                      <Tooltip title={`Edit ${row.idTag}`}>
                        <IconButton size="small" aria-label={`Edit ${row.idTag}`} onClick={() => setEditing({ entry: row })}>
                          <EditIcon fontSize="small" />
                        </IconButton>
                      </Tooltip>
                      <Tooltip title={`Delete ${row.idTag}`}>
                        <IconButton size="small" aria-label={`Delete ${row.idTag}`} onClick={() => void remove(row)}>
                          <DeleteIcon fontSize="small" />
                        </IconButton>
                      </Tooltip>
                    </TableCell>
                  </TableRow>
                );
              })}
              {!shown.length && (
                <TableRow>
                  <TableCell colSpan={5} sx={{ color: 'text.secondary' }}>
                    No idTag matches “{search}”.
                  </TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
          {matching.length > 10 && (
            <TablePagination
              component="div"
              count={matching.length}
              page={Math.min(page, lastPage)}
              onPageChange={(_e, p) => setPage(p)}
              rowsPerPage={pageSize}
              onRowsPerPageChange={(e) => {
                setPageSize(Number(e.target.value));
                setPage(0);
              }}
              rowsPerPageOptions={[10, 25, 100]}
            />
          )}
        </>
      )}
      <IdTagDialog
        open={!!editing}
        entry={editing?.entry ?? null}
        existing={existing}
        onClose={() => setEditing(null)}
        onSaved={(entry, added) => {
          upsert(entry);
          setEditing(null);
          onNotice({ message: added ? `Added idTag ${entry.idTag}` : `Saved idTag ${entry.idTag}` });
        }}
      />
      <ImportDialog
        open={importing}
        current={rows ?? []}
        onClose={() => setImporting(false)}
        onDone={(list, message) => {
          setRows(list);
          setImporting(false);
          onNotice({ message });
        }}
      />
    </Box>
  );
});
