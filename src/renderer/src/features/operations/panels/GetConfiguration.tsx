// Configuration keys: GetConfiguration as a table (current value, read-only), a filter, inline edit
// that sends ChangeConfiguration on Enter with the answer per key (and the value tried, when it was not
// taken), and the keys the charger does not know. The table says when it was read, and while the charger
// is out of reach it is greyed and said as last known.
// ChangeConfiguration is sent from here (its meanings: ChangeConfiguration.meanings.ts).
import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import EditIcon from '@mui/icons-material/Edit';
import SearchIcon from '@mui/icons-material/Search';
import { useClient } from '../../../api/context';
import { CallFailure } from '../../../api/client';
import { monoFont } from '../../../app/theme';
import type { OperationResult } from '../../../../../shared/api/contract';
import { checkPayload, fieldState } from '../kit/form';
import type { Explained } from '../kit/meanings';
import type { OperationPage } from '../kit/page';
import { OperationOutcome, PanelShell, SendButton, usePanel } from '../kit/parts';
import { useOperation } from '../kit/useOperation';
import { configurationKeyNames } from '../../../../../shared/ocpp16/configuration-keys';
import { HeartbeatAdvice, untilBoot, useBootInterval } from '../kit/HeartbeatAdvice';
import { formatClock } from '../../../components/format';
import { useLastContact } from '../../../components/ChargerOfflineNotice';

/** OCPP 1.6 standard keys (and the security extension's), offered when picking keys to read or set. */
export const standardKeys: string[] = configurationKeyNames;

interface KeyRow {
  key: string;
  readonly: boolean;
  value?: string;
}

interface KeyResult {
  pending: boolean;
  /** The value sent. */
  value?: string;
  explained?: Explained;
  /** The bench refused the request before sending it. */
  refused?: string;
}

export const GetConfiguration: OperationPage<'GetConfiguration'> = {
  label: 'Configuration keys',
  group: 'Configuration',
  Panel: ConfigurationPanel,
  meanings: {
    Reported: { tone: 'success', headline: 'Configuration received', meaning: 'The charger reported {keyCount} key(s).' },
    ReportedSomeUnknown: { tone: 'success', headline: 'Configuration received', meaning: 'The charger reported {keyCount} key(s); {unknownCount} key(s) it does not know.' },
  },
  // The answer is the keys themselves, not a status.
  statusOf: (response) => (response.unknownKey?.length ? 'ReportedSomeUnknown' : 'Reported'),
  values: (response) => ({ keyCount: response.configurationKey?.length ?? 0, unknownCount: response.unknownKey?.length ?? 0 }),
};

function ConfigurationPanel() {
  const { chargerId, online, explain } = usePanel();
  const client = useClient();
  const getOp = useOperation(chargerId);
  const [rows, setRows] = useState<KeyRow[] | null>(null);
  /** When the table was last read (the answer's arrival): what it shows is as of then. */
  const [readAt, setReadAt] = useState<string | null>(null);
  const { reach, contact, why } = useLastContact(chargerId);
  const [unknown, setUnknown] = useState<string[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<{ key: string; value: string; tried: boolean } | null>(null);
  const [results, setResults] = useState<Record<string, KeyResult>>({});
  const [other, setOther] = useState({ key: '', value: '', tried: false });
  const boot = useBootInterval(chargerId);

  const read = async (keys?: string[]) => {
    const result = await getOp.send('GetConfiguration', keys?.length ? { key: keys } : {});
    if (result?.outcome !== 'completed') return;
    const got = (result.response.configurationKey ?? []) as unknown as KeyRow[];
    setReadAt(new Date().toISOString());
    setUnknown((result.response.unknownKey ?? []) as unknown as string[]);
    // Reading some keys refreshes those rows and keeps the rest of the table.
    setRows((prev) => {
      if (!keys?.length || !prev) return got;
      const byKey = new Map(prev.map((r) => [r.key, r]));
      for (const r of got) byKey.set(r.key, r);
      return [...byKey.values()];
    });
  };

  const change = async (key: string, value: string): Promise<OperationResult | null> => {
    setResults((r) => ({ ...r, [key]: { pending: true, value } }));
    try {
      const result = await client.call('chargers:operate', { chargerId, action: 'ChangeConfiguration', payload: { key, value } });
      const explained = explain('ChangeConfiguration', result);
      setResults((r) => ({ ...r, [key]: { pending: false, value, explained } }));
      if (result.outcome === 'completed' && (explained.status === 'Accepted' || explained.status === 'RebootRequired'))
        setRows((prev) => prev && prev.map((row) => (row.key === key ? { ...row, value } : row)));
      return result;
    } catch (e) {
      setResults((r) => ({ ...r, [key]: { pending: false, value, refused: e instanceof CallFailure || e instanceof Error ? e.message : String(e) } }));
      return null;
    }
  };

  const editError = editing?.tried ? checkPayload('ChangeConfiguration', { key: editing.key, value: editing.value }).errors.value : undefined;
  const submitEdit = () => {
    if (!editing || !online) return;
    if (!checkPayload('ChangeConfiguration', { key: editing.key, value: editing.value }).ok) {
      // A new mistake on this key: its last answer must not stand beside it.
      setResults(({ [editing.key]: _stale, ...rest }) => rest);
      return setEditing({ ...editing, tried: true });
    }
    const { key, value } = editing;
    setEditing(null);
    void change(key, value);
  };

  const otherChecked = checkPayload('ChangeConfiguration', { key: other.key, value: other.value });
  const otherErrors = other.tried ? { ...otherChecked.errors, ...(other.key.trim() === '' ? { key: 'Required: the configuration key' } : {}) } : {};
  // An answer as it will turn out: a HeartbeatInterval the next boot undoes is not simply "in effect".
  const resultOf = (key: string): KeyResult | undefined => {
    const r = results[key];
    return r?.explained && r.value !== undefined ? { ...r, explained: untilBoot(r.explained, key, r.value, boot) } : r;
  };
  const otherResult = other.key ? resultOf(other.key) : undefined;
  const heartbeat = results.HeartbeatInterval;
  const heartbeatAccepted = heartbeat && !heartbeat.pending && heartbeat.explained?.status === 'Accepted' ? heartbeat.value : undefined;

  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return (rows ?? []).filter((r) => !f || r.key.toLowerCase().includes(f) || (r.value ?? '').toLowerCase().includes(f));
  }, [rows, filter]);
  const keyOptions = useMemo(() => [...new Set([...(rows ?? []).map((r) => r.key), ...standardKeys])].sort(), [rows]);

  return (
    <PanelShell title="Configuration" action="GetConfiguration · ChangeConfiguration" description="Reads the charger's configuration keys; edit a value and press Enter to send ChangeConfiguration.">
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <SendButton pending={getOp.pending} onClick={() => void read()}>
          Get all keys
        </SendButton>
        <Autocomplete
          multiple
          freeSolo
          size="small"
          options={keyOptions}
          value={selected}
          onChange={(_, v) => setSelected(v)}
          sx={{ minWidth: 320, flex: 1 }}
          renderInput={(params) => <TextField {...params} label="Selected keys" placeholder="Type or pick keys" helperText="Read only these keys (each at most 50 characters)" />}
        />
        <Button variant="outlined" disabled={!online || getOp.pending || selected.length === 0} onClick={() => void read(selected)}>
          Get selected keys
        </Button>
      </Stack>
      {getOp.result?.outcome !== 'completed' && <OperationOutcome op={getOp} />}
      {getOp.failure === null && getOp.result?.outcome === 'completed' && !getOp.pending && (
        <Typography variant="body2" color="text.secondary" role="status">
          {explain('GetConfiguration', getOp.result).meaning}
          {readAt && ` Read at ${formatClock(readAt)}.`}
        </Typography>
      )}
      {rows && reach.stale && (
        <Alert severity="warning" variant="outlined" data-testid="configuration-last-known">
          Last known values{readAt ? `, read at ${formatClock(readAt)}` : ''}: {why}
          {contact ? ` (last contact ${formatClock(contact)})` : ''}, so they may have changed since and nothing can be changed now.
        </Alert>
      )}
      {unknown.length > 0 && (
        <Alert severity="warning">
          {chargerId} does not know {unknown.length === 1 ? 'this key' : 'these keys'}:{' '}
          <Box component="span" sx={{ fontFamily: monoFont }}>
            {unknown.join(', ')}
          </Box>
        </Alert>
      )}
      {editing?.key === 'HeartbeatInterval' ? (
        <HeartbeatAdvice value={editing.value} boot={boot} chargerId={chargerId} onChanged={boot.reload} />
      ) : (
        heartbeatAccepted !== undefined && other.key !== 'HeartbeatInterval' && <HeartbeatAdvice value={heartbeatAccepted} boot={boot} chargerId={chargerId} onChanged={boot.reload} sent />
      )}
      {rows && (
        <>
          <TextField
            size="small"
            label="Filter keys"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            sx={{ maxWidth: 360 }}
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
          <TableContainer sx={{ maxHeight: 520, ...(reach.stale && { opacity: 0.6 }) }} data-stale={reach.stale || undefined}>
            <Table size="small" stickyHeader aria-label={reach.stale ? 'Configuration keys (last known)' : 'Configuration keys'} sx={{ tableLayout: 'fixed' }}>
              <TableHead>
                <TableRow>
                  {/* The value keeps room for a word (true, false, a list) on a 1024 px window: keys and answers wrap first. */}
                  <TableCell sx={{ width: '30%' }}>Key</TableCell>
                  <TableCell>{reach.stale ? `Value (last known${readAt ? `, ${formatClock(readAt)}` : ''})` : 'Value'}</TableCell>
                  <TableCell sx={{ width: 108 }}>Access</TableCell>
                  <TableCell sx={{ width: '27%' }}>Last change</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {shown.map((row) => {
                  const isEditing = editing?.key === row.key;
                  return (
                    <TableRow key={row.key} hover>
                      <TableCell sx={{ fontFamily: monoFont, fontSize: 13, overflowWrap: 'anywhere' }}>{row.key}</TableCell>
                      <TableCell sx={{ fontFamily: monoFont, fontSize: 13, overflowWrap: 'anywhere' }}>
                        {isEditing ? (
                          <TextField
                            size="small"
                            fullWidth
                            autoFocus
                            value={editing.value}
                            onChange={(e) => setEditing({ ...editing, value: e.target.value })}
                            onKeyDown={(e) => {
                              if (e.key === 'Enter') {
                                e.preventDefault();
                                submitEdit();
                              } else if (e.key === 'Escape') {
                                e.preventDefault();
                                setEditing(null);
                              }
                            }}
                            error={Boolean(editError)}
                            helperText={editError ?? (online ? 'Enter sends, Escape cancels' : `${chargerId} is offline: cannot send`)}
                            slotProps={{
                              htmlInput: { 'aria-label': `New value for ${row.key}`, style: { fontFamily: monoFont } },
                              input: {
                                endAdornment: (
                                  <InputAdornment position="end">
                                    <IconButton size="small" aria-label={`Send the new value of ${row.key}`} disabled={!online} onClick={submitEdit}>
                                      <CheckIcon fontSize="small" />
                                    </IconButton>
                                    <IconButton size="small" aria-label="Cancel the edit" onClick={() => setEditing(null)}>
                                      <CloseIcon fontSize="small" />
                                    </IconButton>
                                  </InputAdornment>
                                ),
                              },
                            }}
                          />
                        ) : (
                          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                            <Box component="span" sx={{ flex: 1 }}>
                              {row.value ?? <em>(no value)</em>}
                            </Box>
                            {!row.readonly && (
                              <Tooltip title={`Edit ${row.key}`}>
                                <IconButton size="small" aria-label={`Edit ${row.key}`} onClick={() => setEditing({ key: row.key, value: row.value ?? '', tried: false })}>
                                  <EditIcon fontSize="small" />
                                </IconButton>
                              </Tooltip>
                            )}
                          </Stack>
                        )}
                      </TableCell>
                      <TableCell>{row.readonly && <Chip size="small" label="read-only" variant="outlined" />}</TableCell>
                      <TableCell>
                        <KeyResultView result={resultOf(row.key)} />
                      </TableCell>
                    </TableRow>
                  );
                })}
                {shown.length === 0 && (
                  <TableRow>
                    <TableCell colSpan={4}>
                      <Typography variant="body2" color="text.secondary">
                        {rows.length ? `No key matches "${filter}".` : 'The charger reported no keys.'}
                      </Typography>
                    </TableCell>
                  </TableRow>
                )}
              </TableBody>
            </Table>
          </TableContainer>
        </>
      )}
      <Box component="form" onSubmit={(e) => e.preventDefault()} aria-label="Set any key">
        <Typography variant="subtitle2" component="h3" gutterBottom>
          Set any key
        </Typography>
        <Typography variant="body2" color="text.secondary" gutterBottom>
          For keys the table does not list, e.g. to check that the charger answers NotSupported for an unknown key.
        </Typography>
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <Autocomplete
            freeSolo
            options={keyOptions}
            inputValue={other.key}
            onInputChange={(_, v) => setOther((o) => ({ ...o, key: v }))}
            sx={{ minWidth: 300 }}
            renderInput={(params) => <TextField {...params} label="Key" required {...fieldState(otherErrors, 'key', 'At most 50 characters')} />}
          />
          <TextField
            label="Value"
            value={other.value}
            onChange={(e) => setOther((o) => ({ ...o, value: e.target.value }))}
            sx={{ minWidth: 240 }}
            {...fieldState(otherErrors, 'value', 'At most 500 characters')}
          />
          <SendButton
            pending={Boolean(otherResult?.pending)}
            onClick={() => {
              setOther((o) => ({ ...o, tried: true }));
              if (otherChecked.ok && other.key.trim() !== '') void change(other.key, other.value);
              // A new mistake: the key's last answer must not stand beside it.
              else if (other.key) setResults(({ [other.key]: _stale, ...rest }) => rest);
            }}
          >
            Change key
          </SendButton>
        </Stack>
        {otherResult && !otherResult.pending && (
          <Box sx={{ mt: 1 }}>
            <KeyResultView result={otherResult} />
          </Box>
        )}
        {other.key === 'HeartbeatInterval' && !editing && (
          <Box sx={{ mt: 1 }}>
            <HeartbeatAdvice value={other.value} boot={boot} chargerId={chargerId} onChanged={boot.reload} sent={otherResult?.explained?.status === 'Accepted' && otherResult.value === other.value} />
          </Box>
        )}
      </Box>
    </PanelShell>
  );
}

const toneColour = { success: 'success', info: 'info', warning: 'warning', error: 'error' } as const;

function KeyResultView({ result }: { result: KeyResult | undefined }) {
  if (!result) return null;
  if (result.pending)
    return (
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} role="status">
        <CircularProgress size={14} />
        <Typography variant="body2">Sending…</Typography>
      </Stack>
    );
  const tried =
    result.value === undefined ? null : (
      <Typography variant="caption" component="div" sx={{ overflowWrap: 'anywhere' }}>
        Tried:{' '}
        <Box component="span" sx={{ fontFamily: monoFont }}>
          {result.value === '' ? '(empty)' : result.value}
        </Box>
      </Typography>
    );
  if (result.refused)
    return (
      <Box role="alert">
        <Typography variant="body2" color="error">
          Not sent: {result.refused}
        </Typography>
        {tried}
      </Box>
    );
  const e = result.explained!;
  // Taken (Accepted, RebootRequired): the value column shows it. Otherwise the value stays as read: say what was tried.
  const taken = e.status === 'Accepted' || e.status === 'RebootRequired';
  return (
    <Stack spacing={0.5} role="status">
      <Chip size="small" color={toneColour[e.tone]} label={e.status ?? e.headline} sx={{ alignSelf: 'flex-start' }} />
      {!taken && tried}
      <Typography variant="caption" color="text.secondary">
        {e.meaning}
      </Typography>
    </Stack>
  );
}
