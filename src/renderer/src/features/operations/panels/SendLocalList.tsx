// The charger's local authorization list: read its version (GetLocalListVersion, meanings in
// GetLocalListVersion.meanings.ts) and send a full or differential list (SendLocalList) edited as a
// table; a full replace confirms first, and so does a differential update while a test run or a commissioning
// runs on the charger (it may make the run's current case or check fail). The version field holds the next
// version from what the charger last said (its answer to GetLocalListVersion, or the last list it accepted,
// here or in the bench's record), and says where the number came from.
import { useCallback, useEffect, useMemo, useState } from 'react';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlinedIcon from '@mui/icons-material/DeleteOutlined';
import { AuthorizationStatus, type UpdateType } from '../../../../../shared/ocpp16';
import { useClient } from '../../../api/context';
import { monoFont } from '../../../app/theme';
import { ConfirmDialog } from '../kit/ConfirmDialog';
import { compact, dateOrText, fieldState, numberOrText, textOrAbsent, toLocalInput, type FieldErrors } from '../kit/form';
import type { OperationPage } from '../kit/page';
import { OperationOutcome, PanelShell, RemoveColumnHeader, SendButton, usePanel } from '../kit/parts';
import { plural } from '../kit/running';
import { omitting, useOperationForm } from '../kit/useOperation';
import { useRunOnCharger } from '../kit/runOnCharger';
import type { OperationView } from '../../../../../shared/api/views';
import { shownTime, useRecordedOperations } from './record';
import { benchNow } from '../../../components/benchClock';

export const SendLocalList: OperationPage<'SendLocalList'> = {
  label: 'Local list',
  group: 'Authorization',
  Panel: LocalListPanel,
  meanings: {
    Accepted: {
      tone: 'success',
      meaning: 'The charger applied the update (a full list replaces its list, a differential one changes only the idTags sent); its local list version is now the one sent.',
    },
    Failed: { tone: 'error', meaning: 'The charger could not update its list (for example a storage error, or more entries than LocalAuthListMaxLength / SendLocalListMaxLength allow).' },
    NotSupported: { tone: 'warning', meaning: 'The charger has no local authorization list.' },
    VersionMismatch: { tone: 'error', meaning: "The version does not fit: a differential update needs a version above the charger's current one. Read the version first, or send a full list." },
  },
};

interface EntryDraft {
  idTag: string;
  /** '' leaves idTagInfo out: in a differential update that removes the idTag from the list. */
  status: '' | AuthorizationStatus;
  expiry: string;
  parentIdTag: string;
}

const newEntry = (): EntryDraft => ({ idTag: '', status: 'Accepted', expiry: '', parentIdTag: '' });

/** Where the version in the field came from: the charger's answer to GetLocalListVersion, or a list it accepted. */
export interface VersionOrigin {
  from: 'read' | 'sent';
  /** The charger's version then (-1: no local list support). */
  version: number;
  at: string;
}

const localListActions = ['GetLocalListVersion', 'SendLocalList'] as const;

/** The charger's local list version as the bench's record last learnt it (newest first): read, or a list it accepted; null when neither. */
export function knownListVersion(ops: readonly OperationView[]): VersionOrigin | null {
  for (const op of ops) {
    if (op.outcome !== 'completed') continue;
    const at = op.finishedAt ?? op.sentAt;
    const read = (op.response as { listVersion?: unknown } | null | undefined)?.listVersion;
    if (op.action === 'GetLocalListVersion' && typeof read === 'number') return { from: 'read', version: read, at };
    const sent = (op.request as { listVersion?: unknown } | null | undefined)?.listVersion;
    if (op.action === 'SendLocalList' && (op.response as { status?: unknown } | null | undefined)?.status === 'Accepted' && typeof sent === 'number') return { from: 'sent', version: sent, at };
  }
  return null;
}

/** What the version field says of its number. */
function versionHelper(origin: VersionOrigin | null, typed: boolean): string {
  if (typed || !origin) return typed ? 'The version the charger will have after this' : 'No version read or sent yet: read it first, or send a full list';
  if (origin.from === 'read') {
    if (origin.version < 0) return `At ${shownTime(origin.at)} the charger said it has no local list support (version -1)`;
    return `The charger reported version ${origin.version} at ${shownTime(origin.at)} (Get local list version): this is the next`;
  }
  return `The charger accepted version ${origin.version} at ${shownTime(origin.at)} (the last list sent): this is the next`;
}

function LocalListPanel() {
  const { chargerId } = usePanel();
  const client = useClient();
  const versionForm = useOperationForm(chargerId, 'GetLocalListVersion', {});
  const [listVersion, setListVersion] = useState('1');
  // The next version from what the charger last said (read here or before, or a list it accepted), unless the person typed one.
  const [origin, setOrigin] = useState<VersionOrigin | null>(null);
  const [typed, setTyped] = useState(false);
  const record = useRecordedOperations(chargerId, localListActions);
  const known = useMemo(() => knownListVersion(record.list), [record.list]);
  const learn = useCallback((o: VersionOrigin) => {
    setOrigin(o);
    setTyped(false);
    if (o.version >= 0) setListVersion(String(o.version + 1));
  }, []);
  useEffect(() => {
    if (known && !typed && !(origin && Date.parse(origin.at) >= Date.parse(known.at))) learn(known);
    // Only news from the record moves the field; what the person types stays.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [known]);
  const [updateType, setUpdateType] = useState<UpdateType>('Full');
  const [entries, setEntries] = useState<EntryDraft[]>([newEntry()]);
  const [loadError, setLoadError] = useState<string | null>(null);

  const payload = {
    listVersion: numberOrText(listVersion),
    updateType,
    localAuthorizationList: entries.map((e) =>
      compact({ idTag: e.idTag, idTagInfo: e.status ? compact({ status: e.status, expiryDate: dateOrText(e.expiry), parentIdTag: textOrAbsent(e.parentIdTag) }) : undefined }),
    ),
  };
  const extra: FieldErrors = {};
  entries.forEach((e, i) => {
    if (e.idTag.trim() === '') extra[`localAuthorizationList.${i}.idTag`] = 'Required';
    if (updateType === 'Full' && !e.status) extra[`localAuthorizationList.${i}.idTagInfo`] = 'A full list needs a status for every idTag';
  });
  // The version moves on by itself once the charger takes a list: that alone does not make its answer stale.
  const form = useOperationForm(chargerId, 'SendLocalList', payload, extra, { compareAs: typed ? undefined : omitting('listVersion') });
  // A differential update sends at once, unless a test run or a commissioning runs on the charger.
  const during = useRunOnCharger(chargerId);
  const full = updateType === 'Full';
  const asks = full || during !== null;
  const setEntry = (i: number, patch: Partial<EntryDraft>) => setEntries((list) => list.map((e, j) => (j === i ? { ...e, ...patch } : e)));

  const readVersion = async () => {
    const result = await versionForm.send({});
    if (result?.outcome === 'completed' && typeof result.response.listVersion === 'number') learn({ from: 'read', version: result.response.listVersion, at: new Date(benchNow()).toISOString() });
  };
  const sendList = async () => {
    const p = form.prepare();
    if (!p) return;
    const sent = await form.send(p);
    // Accepted: the charger is at the version sent, and a differential update after it needs the next.
    if (sent?.outcome === 'completed' && sent.response.status === 'Accepted') learn({ from: 'sent', version: p.listVersion, at: new Date(benchNow()).toISOString() });
  };

  const loadBenchTags = async () => {
    setLoadError(null);
    try {
      const tags = await client.call('idTags:list', {});
      setEntries(tags.map((t) => ({ idTag: t.idTag, status: t.status, expiry: t.expiryDate ? toLocalInput(new Date(t.expiryDate)) : '', parentIdTag: t.parentIdTag ?? '' })));
    } catch (e) {
      setLoadError(e instanceof Error ? e.message : String(e));
    }
  };

  const n = entries.length;
  return (
    <PanelShell
      title="Local list"
      action="GetLocalListVersion · SendLocalList"
      description="The idTags the charger accepts on its own, even offline. Read the version it has, then send a full list or the changes."
    >
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <SendButton pending={versionForm.op.pending} onClick={() => void readVersion()} variant="outlined">
          Get local list version
        </SendButton>
      </Stack>
      <OperationOutcome op={versionForm.op} />
      <Typography variant="subtitle2" component="h3">
        Send a list
      </Typography>
      <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextField
          label="List version"
          required
          value={listVersion}
          onChange={(e) => {
            setListVersion(e.target.value);
            setTyped(true);
          }}
          sx={{ minWidth: 260, maxWidth: 420 }}
          {...fieldState(form.errors, 'listVersion', versionHelper(origin, typed))}
        />
        <FormControl>
          <FormLabel id="update-type">Update type</FormLabel>
          <RadioGroup row aria-labelledby="update-type" value={updateType} onChange={(e) => setUpdateType(e.target.value as UpdateType)}>
            <FormControlLabel value="Full" control={<Radio />} label="Full (replace the whole list)" />
            <FormControlLabel value="Differential" control={<Radio />} label="Differential (add, change, remove)" />
          </RadioGroup>
        </FormControl>
      </Stack>
      <Table size="small" aria-label="Local list entries">
        <TableHead>
          <TableRow>
            <TableCell>idTag</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Expiry</TableCell>
            <TableCell>Parent idTag</TableCell>
            <RemoveColumnHeader />
          </TableRow>
        </TableHead>
        <TableBody>
          {entries.map((e, i) => {
            const path = (k: string) => `localAuthorizationList.${i}.${k}`;
            return (
              <TableRow key={i}>
                <TableCell>
                  <TextField
                    size="small"
                    value={e.idTag}
                    onChange={(ev) => setEntry(i, { idTag: ev.target.value })}
                    slotProps={{ htmlInput: { 'aria-label': `Entry ${i + 1} idTag`, style: { fontFamily: monoFont }, spellCheck: false } }}
                    {...fieldState(form.errors, path('idTag'))}
                  />
                </TableCell>
                <TableCell>
                  <TextField
                    select
                    size="small"
                    value={e.status}
                    onChange={(ev) => setEntry(i, { status: ev.target.value as EntryDraft['status'] })}
                    sx={{ minWidth: 170 }}
                    slotProps={{ select: { displayEmpty: true, inputProps: { 'aria-label': `Entry ${i + 1} status` } } }}
                    {...fieldState(form.errors, form.errors[path('idTagInfo.status')] ? path('idTagInfo.status') : path('idTagInfo'))}
                  >
                    {AuthorizationStatus.options.map((s) => (
                      <MenuItem key={s} value={s}>
                        {s}
                      </MenuItem>
                    ))}
                    <MenuItem value="">{updateType === 'Differential' ? 'None (remove from the list)' : 'None'}</MenuItem>
                  </TextField>
                </TableCell>
                <TableCell>
                  <TextField
                    size="small"
                    type="datetime-local"
                    value={e.expiry}
                    disabled={!e.status}
                    onChange={(ev) => setEntry(i, { expiry: ev.target.value })}
                    slotProps={{ htmlInput: { 'aria-label': `Entry ${i + 1} expiry` } }}
                    {...fieldState(form.errors, path('idTagInfo.expiryDate'))}
                  />
                </TableCell>
                <TableCell>
                  <TextField
                    size="small"
                    value={e.parentIdTag}
                    disabled={!e.status}
                    onChange={(ev) => setEntry(i, { parentIdTag: ev.target.value })}
                    slotProps={{ htmlInput: { 'aria-label': `Entry ${i + 1} parent idTag`, style: { fontFamily: monoFont } } }}
                    {...fieldState(form.errors, path('idTagInfo.parentIdTag'))}
                  />
                </TableCell>
                <TableCell>
                  <IconButton aria-label={`Remove entry ${i + 1}`} onClick={() => setEntries((list) => list.filter((_, j) => j !== i))}>
                    <DeleteOutlinedIcon />
                  </IconButton>
                </TableCell>
              </TableRow>
            );
          })}
          {n === 0 && (
            <TableRow>
              <TableCell colSpan={5}>
                <Typography variant="body2" color="text.secondary">
                  {updateType === 'Full' ? 'No entries: sending a full list empties the list on the charger.' : 'No entries: nothing would change.'}
                </Typography>
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      <Stack direction="row" spacing={1}>
        <Button startIcon={<AddIcon />} onClick={() => setEntries((list) => [...list, newEntry()])}>
          Add entry
        </Button>
        <Button onClick={() => void loadBenchTags()}>Copy the bench's idTag list</Button>
      </Stack>
      {loadError && (
        <Typography color="error" variant="body2">
          Could not read the bench's idTags: {loadError}
        </Typography>
      )}
      <SendButton pending={form.op.pending} color={full ? 'warning' : 'primary'} onClick={() => (asks ? form.confirm.submit() : void sendList())}>
        {full ? `Replace the list (${plural(n, 'entry', 'entries')})…` : `Send ${plural(n, 'change')}${asks ? '…' : ''}`}
      </SendButton>
      <OperationOutcome op={form.op} />
      <ConfirmDialog
        {...form.confirm.dialog}
        onConfirm={() => {
          form.confirm.dialog.onCancel();
          void sendList();
        }}
        title={full ? 'Replace the whole local list?' : `Change the local list${during ? ` ${during}` : ''}?`}
        target={`${chargerId} · the whole charger`}
        consequence={
          full
            ? `The charger's whole list is replaced by the ${plural(n, 'entry', 'entries')} sent, as version ${listVersion}. Cards that only the old list knew may be refused while the charger is offline.`
            : n
              ? `The ${plural(n, 'change')} ${n === 1 ? 'is' : 'are'} sent as version ${listVersion}: an idTag with a status is added or updated, one without is removed; the rest of the charger's list stays as it is.`
              : `No changes: nothing in the charger's list changes (it is sent as version ${listVersion}).`
        }
        confirmLabel={
          full
            ? n
              ? `Replace the local list of ${chargerId} with ${plural(n, 'entry', 'entries')}`
              : `Empty the local list of ${chargerId}`
            : `Send ${plural(n, 'change')} to the local list of ${chargerId}`
        }
      />
    </PanelShell>
  );
}
