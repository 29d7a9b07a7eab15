// Configuration keys: GetConfiguration as a table (current value, read-only), a filter, inline edit
// that sends ChangeConfiguration on Enter with the answer per key (and the value tried, when it was not
// taken), and the keys the charger does not know. The table says when it was read, and while the charger
// is out of reach it is greyed and said as last known; so is one rebuilt from the bench's record when this
// window has read none (after a restart), each key with when it was read or set, without asking the charger.
// ChangeConfiguration is sent from here (its meanings: ChangeConfiguration.meanings.ts), each key's edit
// its own operation kept outside the panel as every operation is: one still waiting is listed on its way
// (its key and value named), queues behind the call before it, and is found again, waiting or with its
// outcome, when the panel is shown again; so is the table, merged from the reads (panels/configurationTable.ts),
// each key with the time of the read that gave it. An inline edit of a key whose edit (sent from Set any key)
// still waits is not sent over it: it says which edit it waits for. A value that a standard key cannot take
// (HeartbeatInterval = abc, MeterValueSampleInterval = -5) is said under the field and not sent; Set any key
// sends anything as it is (a bad value on purpose), with the same words as a note.
// The keys to read one by one are picked in ConfigurationKeyPicker.tsx.
import { useCallback, useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
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
import { monoFont } from '../../../app/theme';
import { checkPayload, fieldState } from '../kit/form';
import type { Explained } from '../kit/meanings';
import type { OperationPage } from '../kit/page';
import { OperationOutcome, PanelShell, SendButton, usePanel } from '../kit/parts';
import type { OperationAction } from '../kit/actions';
import type { OperationResult } from '../../../../../shared/api/contract';
import { neverConnected } from '../../../components/reach';
import { useOperation, useOperationsBySubject } from '../kit/useOperation';
import { readWords, useConfigurationTable } from './configurationTable';
import { CONFIG_TABLE_LOOK_BACK } from './configurationRecord';
import { afterBoots, rowWhen, sentBy } from './configurationBoot';
import { useInFlight, waitingWords } from '../kit/InFlight';
import { ConfigurationKeyPicker } from './ConfigurationKeyPicker';
import { configurationKeyNames } from '../../../../../shared/ocpp16/configuration-keys';
import { bootAfter, HeartbeatAdvice, useBootInterval } from '../kit/HeartbeatAdvice';
import { nextBootNote, rowUntilBoot, valueAfter } from './configurationEdits';
import { formatClock } from '../../../components/format';
import { useLastContact } from '../../../components/ChargerOfflineNotice';
import { configEditProblem } from '../../../components/configKey';
import { configurationValueProblem, configurationValueToSend } from '../../../../../shared/ocpp16/configuration-values';

/** OCPP 1.6 standard keys (and the security extension's), offered when picking keys to read or set. */
export const standardKeys: string[] = configurationKeyNames;

interface KeyResult {
  pending: boolean;
  /** The value sent. */
  value?: string;
  explained?: Explained;
  /** The bench refused the request before sending it. */
  refused?: string;
  /** It failed where it may have reached the charger (the link lost, the bench failing). */
  unknown?: string;
  /** Its name in the bench's operationChanged events: whether it is queued or sent. */
  ref?: string | null;
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
  const { chargerId, charger, online, explain: explainFor } = usePanel();
  // Its answers said of this charger by name ("UIV2's connection dropped…"), as every other operation's are.
  const never = !!charger && neverConnected(charger);
  const explain = useCallback((action: OperationAction, result: OperationResult) => explainFor(action, result, chargerId || undefined, never), [explainFor, chargerId, never]);
  const getOp = useOperation<'GetConfiguration'>(chargerId);
  const edits = useOperationsBySubject(chargerId, 'ChangeConfiguration');
  // The table merged from the reads' answers as they come, kept per charger outside the panel (one
  // answered while the panel was away, or before it was shown again, is taken up all the same).
  const { table, fromRecord } = useConfigurationTable(chargerId, getOp);
  /** When the table was last read (the answer's arrival); its rows each as of their own read. */
  const readAt = table?.readAt ?? null;
  const readWhen = table ? readWords(table) : null;
  const olderRows = table ? table.rows.some((r) => r.readAt !== table.readAt) : false;
  const unknown = table?.unknown ?? [];
  const { reach, contact, why } = useLastContact(chargerId);
  // Rows from the bench's record, not read since this window opened: all of them (the table as last known), or some.
  const recorded = table ? table.rows.filter((r) => r.recorded).length : 0;
  // Rebuilt from reads of some keys only (no read of every key in the record looked at): not the whole configuration.
  const partial = table?.partial === true;
  const allRecorded = table !== null && recorded === table.rows.length && (recorded > 0 || partial);
  const onlySome = `Only the keys read one at a time are known from the record (no full read among the last ${CONFIG_TABLE_LOOK_BACK} configuration operations)`;
  const lastKnown = reach.stale || allRecorded;
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<{ key: string; value: string; tried: boolean } | null>(null);
  const [other, setOther] = useState({ key: '', value: '', tried: false });
  const boot = useBootInterval(chargerId);

  const read = (keys?: string[]) => void getOp.send('GetConfiguration', keys?.length ? { key: keys } : {});
  const change = (key: string, value: string) => void edits.send(key, { key, value });

  // An edit of the key sent meanwhile (from Set any key) and still waiting: this one would stand in for it
  // before its answer came, so it waits.
  const before = editing ? edits.states[editing.key] : undefined;
  const waitingFor =
    editing && before?.pending
      ? `ChangeConfiguration of ${editing.key}${before.request?.value === undefined ? '' : ` to ${before.request.value}`} is still waiting for ${chargerId}'s answer: send this once it has come.`
      : undefined;
  // What the key cannot take, said as it is typed (before anything is sent).
  const typeProblem = editing ? configEditProblem(editing.key, editing.value) : null;
  const editError = waitingFor ?? (editing?.tried ? checkPayload('ChangeConfiguration', { key: editing.key, value: editing.value }).errors.value : undefined) ?? typeProblem ?? undefined;
  const submitEdit = () => {
    if (!editing || !online || waitingFor) return;
    if (typeProblem || !checkPayload('ChangeConfiguration', { key: editing.key, value: editing.value }).ok) {
      // A new mistake on this key: its last answer must not stand beside it.
      edits.clear(editing.key);
      return setEditing({ ...editing, tried: true });
    }
    const { key, value } = editing;
    setEditing(null);
    change(key, configurationValueToSend(key, value));
  };

  const otherChecked = checkPayload('ChangeConfiguration', { key: other.key, value: other.value });
  const otherErrors = other.tried ? { ...otherChecked.errors, ...(other.key.trim() === '' ? { key: 'Required: the configuration key' } : {}) } : {};
  // Sent as it is all the same (a bad value on purpose): only said.
  const otherProblem = configurationValueProblem(other.key, other.value);
  // A key's last edit as it will turn out: a HeartbeatInterval the next boot undoes is not simply "in effect".
  const resultOf = (key: string): KeyResult | undefined => {
    const edit = edits.states[key];
    if (!edit || (!edit.pending && !edit.result && !edit.failure)) return undefined;
    const value = edit.request?.value;
    const sent = { pending: edit.pending, value, ref: edit.ref };
    if (edit.pending) return sent;
    if (edit.failure) {
      // Only a 4xx is a refusal before sending; a lost link or a 5xx may come after the CALL went out.
      const { status, message } = edit.failure;
      return status !== undefined && status >= 400 && status < 500 ? { ...sent, refused: message } : { ...sent, unknown: message };
    }
    const explained = explain('ChangeConfiguration', edit.result!);
    // Said as it turned out once the charger has booted since it was sent.
    return { ...sent, explained: value === undefined ? explained : rowUntilBoot(explained, key, value, boot, bootAfter(charger, sentBy(edit))) };
  };
  const otherResult = other.key ? resultOf(other.key) : undefined;
  const heartbeat = resultOf('HeartbeatInterval');
  const heartbeatAccepted = heartbeat && !heartbeat.pending && heartbeat.explained?.status === 'Accepted' ? heartbeat.value : undefined;
  const rebooted = bootAfter(charger, sentBy(edits.states.HeartbeatInterval));

  // HeartbeatInterval as the charger's boots since left it (the bench's boot answer gives it), as About this charger says.
  const rows = useMemo(
    () =>
      table?.rows.map((r) => {
        const { row, since } = valueAfter(r, edits.states[r.key], explain);
        return afterBoots(row, since, charger);
      }) ?? null,
    [table, edits.states, explain, charger],
  );
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return (rows ?? []).filter((r) => !f || r.key.toLowerCase().includes(f) || (r.value ?? '').toLowerCase().includes(f));
  }, [rows, filter]);
  const keyOptions = useMemo(() => [...new Set([...(rows ?? []).map((r) => r.key), ...standardKeys])].sort(), [rows]);

  return (
    <PanelShell title="Configuration" action="GetConfiguration · ChangeConfiguration" description="Reads the charger's configuration keys; edit a value and press Enter to send ChangeConfiguration.">
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <SendButton pending={getOp.pending} onClick={() => read()}>
          Get all keys
        </SendButton>
        <ConfigurationKeyPicker options={keyOptions} canSend={online} pending={getOp.pending} refusal={getOp.failure?.field?.startsWith('key') ? getOp.failure.message : undefined} onRead={read} />
      </Stack>
      {getOp.result?.outcome !== 'completed' && <OperationOutcome op={getOp} />}
      {getOp.failure === null && getOp.result?.outcome === 'completed' && !getOp.pending && (
        <Typography variant="body2" color="text.secondary" role="status">
          {explain('GetConfiguration', getOp.result).meaning}
          {readAt && ` Read at ${formatClock(readAt)}.`}
          {olderRows && ' The other keys as read before (each says when).'}
        </Typography>
      )}
      {fromRecord.loading && (
        <Typography variant="body2" color="text.secondary">
          Reading the last known configuration of {chargerId} from the bench&apos;s record…
        </Typography>
      )}
      {fromRecord.failed !== null && (
        <Typography variant="body2" color="warning.main">
          The last known configuration could not be read from the bench&apos;s record: {fromRecord.failed}. Get all keys reads it from {chargerId}.
        </Typography>
      )}
      {rows && reach.stale && (
        <Alert severity="warning" variant="outlined" data-testid="configuration-last-known">
          {partial ? onlySome : 'Last known values'}
          {readWhen ? `, read ${readWhen}` : ''}
          {allRecorded && !partial ? " (from the bench's record)" : ''}: {why}
          {contact ? ` (last contact ${formatClock(contact)})` : ''}, so they may have changed since and nothing can be changed now.
        </Alert>
      )}
      {rows && !reach.stale && (recorded > 0 || partial) && (
        <Alert severity="info" variant="outlined" data-testid="configuration-last-known">
          {allRecorded
            ? partial
              ? `${onlySome}: not read from ${chargerId} since this window opened, each as of its own read. Get all keys reads them all.`
              : `Last known values, read ${readWhen ?? ''} (from the bench's record): not read from ${chargerId} since this window opened, so they may have changed since. Get all keys reads them again.`
            : recorded === 0
              ? `Only the keys read one at a time are known (no full read since this window opened, nor among the last ${CONFIG_TABLE_LOOK_BACK} configuration operations in the bench's record). Get all keys reads them all.`
              : `${recorded} of the keys as last known (from the bench's record, each says when): not read from ${chargerId} since this window opened.${partial ? ` The record holds no full read among the last ${CONFIG_TABLE_LOOK_BACK} configuration operations: Get all keys reads them all.` : ' Get all keys reads them again.'}`}
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
        <HeartbeatAdvice value={editing.value} boot={boot} chargerId={chargerId} onChanged={boot.reload} onRetry={boot.reload} />
      ) : (
        heartbeatAccepted !== undefined &&
        other.key !== 'HeartbeatInterval' && <HeartbeatAdvice value={heartbeatAccepted} boot={boot} chargerId={chargerId} onChanged={boot.reload} onRetry={boot.reload} sent rebooted={rebooted} />
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
          <TableContainer sx={{ maxHeight: 520, ...(lastKnown && { opacity: 0.6 }) }} data-stale={lastKnown || undefined}>
            <Table size="small" stickyHeader aria-label={lastKnown ? 'Configuration keys (last known)' : 'Configuration keys'} sx={{ tableLayout: 'fixed' }}>
              <TableHead>
                <TableRow>
                  {/* The value keeps room for a word (true, false, a list) on a 1024 px window: keys and answers wrap first. */}
                  <TableCell sx={{ width: '30%' }}>Key</TableCell>
                  <TableCell>{lastKnown ? `Value (last known${readWhen ? `, read ${readWhen}` : ''})` : 'Value'}</TableCell>
                  <TableCell sx={{ width: 108 }}>Access</TableCell>
                  <TableCell sx={{ width: '27%' }}>Last change</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {shown.map((row) => {
                  const isEditing = editing?.key === row.key;
                  // A row from the record among rows read since: greyed and said as last known on its own.
                  const rowLastKnown = Boolean(row.recorded) && !lastKnown;
                  const result = resultOf(row.key);
                  const nextBoot = nextBootNote(row, boot, result);
                  return (
                    <TableRow key={row.key} hover sx={rowLastKnown ? { opacity: 0.6 } : undefined} data-stale={rowLastKnown || undefined}>
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
                                    <IconButton size="small" aria-label={`Send the new value of ${row.key}`} disabled={!online || Boolean(waitingFor)} onClick={submitEdit}>
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
                              {(row.readAt !== readAt || row.how || row.bootSince || rowLastKnown) && (
                                <Typography variant="caption" color="text.secondary" component="span" sx={{ display: 'block' }}>
                                  {rowLastKnown && 'last known, '}
                                  {rowWhen(row)}
                                </Typography>
                              )}
                              {nextBoot && (
                                <Typography variant="caption" color="text.secondary" component="span" sx={{ display: 'block' }}>
                                  {nextBoot}
                                </Typography>
                              )}
                            </Box>
                            {!row.readonly && (
                              // Not while its last edit waits: a second would stand in for it before its answer came.
                              <Tooltip title={edits.states[row.key]?.pending ? `Its last edit is waiting for ${chargerId}'s answer` : `Edit ${row.key}`}>
                                <span>
                                  <IconButton
                                    size="small"
                                    aria-label={`Edit ${row.key}`}
                                    disabled={Boolean(edits.states[row.key]?.pending)}
                                    onClick={() => setEditing({ key: row.key, value: row.value ?? '', tried: false })}
                                  >
                                    <EditIcon fontSize="small" />
                                  </IconButton>
                                </span>
                              </Tooltip>
                            )}
                          </Stack>
                        )}
                      </TableCell>
                      <TableCell>{row.readonly && <Chip size="small" label="read-only" variant="outlined" />}</TableCell>
                      <TableCell>
                        <KeyResultView result={result} />
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
          For keys the table does not list, e.g. to check that the charger answers NotSupported for an unknown key, and for values sent as they are, e.g. to check that it rejects a value its key
          cannot take.
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
            {...fieldState(otherErrors, 'value', otherProblem ? `${otherProblem}: sent as it is, to see how the charger answers.` : 'At most 500 characters')}
          />
          <SendButton
            pending={Boolean(otherResult?.pending)}
            onClick={() => {
              setOther((o) => ({ ...o, tried: true }));
              if (otherChecked.ok && other.key.trim() !== '') change(other.key, other.value);
              // A new mistake: the key's last answer must not stand beside it.
              else if (other.key) edits.clear(other.key);
            }}
          >
            Change key
          </SendButton>
        </Stack>
        {otherResult && (
          <Box sx={{ mt: 1 }}>
            <KeyResultView result={otherResult} />
          </Box>
        )}
        {other.key === 'HeartbeatInterval' && !editing && (
          <Box sx={{ mt: 1 }}>
            {/* After an answer to this value, only for one the charger took; a refusal before sending sent nothing. */}
            <HeartbeatAdvice
              value={other.value}
              boot={boot}
              chargerId={chargerId}
              onChanged={boot.reload}
              onRetry={boot.reload}
              rebooted={rebooted}
              answered={otherResult && !otherResult.pending && !otherResult.refused && otherResult.value === other.value ? (otherResult.explained?.status ?? '') : undefined}
            />
          </Box>
        )}
      </Box>
    </PanelShell>
  );
}

const toneColour = { success: 'success', info: 'info', warning: 'warning', error: 'error' } as const;

function KeyResultView({ result }: { result: KeyResult | undefined }) {
  const { chargerId } = usePanel();
  if (!result) return null;
  if (result.pending) return <EditWaiting opRef={result.ref} />;
  const tried =
    result.value === undefined ? null : (
      <Typography variant="caption" component="div" sx={{ overflowWrap: 'anywhere' }}>
        Tried:{' '}
        <Box component="span" sx={{ fontFamily: monoFont }}>
          {result.value === '' ? '(empty)' : result.value}
        </Box>
      </Typography>
    );
  if (result.refused || result.unknown)
    return (
      <Box role="alert">
        <Typography variant="body2" color="error">
          {result.refused
            ? `Not sent: ${result.refused}`
            : `It is not known whether ChangeConfiguration reached ${chargerId}: ${result.unknown}. Check the message log for ${chargerId} before sending it again.`}
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

/** An edit still on its way: queued behind another call, or sent and waiting for its answer (when due). */
function EditWaiting({ opRef }: { opRef: string | null | undefined }) {
  const { chargerId } = usePanel();
  const words = waitingWords(chargerId, 'ChangeConfiguration', opRef, useInFlight(chargerId));
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} role="status">
      <CircularProgress size={14} sx={{ flexShrink: 0 }} />
      <Typography variant="body2">{words ?? `Waiting for ${chargerId} to answer ChangeConfiguration…`}</Typography>
    </Stack>
  );
}
