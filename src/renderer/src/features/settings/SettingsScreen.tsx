// Settings: how the bench answers chargers (boot, heartbeat, idTags, timeouts), who may connect and on
// which port, and where its data lives and for how long. Nothing is saved until Save; each bad field says
// what is wrong with it once left (or at Save). The idTag list (its own feature) is saved entry by entry.
import { useCallback, useEffect, useMemo, useState, type ComponentType, type FormEvent, type ReactNode } from 'react';
import { useLeaveWarning } from '../../components/useLeaveWarning';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Skeleton from '@mui/material/Skeleton';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useClient } from '../../api/context';
import { CallFailure } from '../../api/client';
import { useBench } from '../../stores/bench';
import { CopyButton } from '../../components/CopyButton';
import type { Notice } from '../../components/notice';
import { monoFont } from '../../app/theme';
import type { BenchSettings } from '../../../../shared/api/views';
import { RegistrationStatus } from '../../../../shared/ocpp16/enums';
import { ApiTokenSection } from './ApiTokenSection';
import { SaveConfirmation, type SaveAsk } from './SaveConfirmations';
import { acceptedCards, lockedOut } from './strictness';
import { askFtpMove } from './ftpPortAsk';
import { heartbeatSavedWords, portNote, portSavedWords } from './portWords';
import { changes, fieldLabels, fieldMessage, portsInEffect, toDraft, type SettingsDraft, type SettingsField } from './settingsForm';
import { useFieldErrors } from './useFieldErrors';

const retentionChoices: Array<{ days: number | null; label: string }> = [
  { days: null, label: 'Keep everything' },
  { days: 7, label: '7 days' },
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
];

const bootHelp: Record<RegistrationStatus, string> = {
  Accepted: 'Chargers are accepted and start working at once',
  Pending: 'Chargers wait: the bench may configure them before accepting (QA: tests the Pending flow)',
  Rejected: 'Chargers are turned away and retry after the heartbeat interval',
};

function Section({ title, id, children, description }: { title: string; id: string; description?: ReactNode; children: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={id} sx={{ p: 2.5 }}>
      <Typography id={id} variant="h6" component="h2" sx={{ fontSize: '1.05rem' }}>
        {title}
      </Typography>
      {description && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {description}
        </Typography>
      )}
      <Stack spacing={2.5} sx={{ mt: 2 }}>
        {children}
      </Stack>
    </Paper>
  );
}

/** The fields in the order they appear on screen. */
const fieldOrder: SettingsField[] = ['ocppPort', 'ftpPort', 'requirePassword', 'unknownChargers', 'defaultBootStatus', 'heartbeatInterval', 'callTimeout', 'authorization', 'retentionDays'];

const DAY_MS = 86_400_000;

/** Whether saving `next` deletes data now: the core prunes as soon as retention shortens or is turned on. */
export function shortensRetention(before: number | null, next: number | null): boolean {
  return next !== null && next > 0 && (before === null || before <= 0 || next < before);
}

const numberInput = { htmlInput: { inputMode: 'numeric' as const, style: { fontFamily: monoFont } } };

/** The idTag list shown in the Authorization section; it hands its confirmations to the screen's snackbar. */
export type IdTagListSlot = ComponentType<{ onNotice: (notice: Notice | null) => void }>;

export function SettingsScreen({ IdTagList }: { IdTagList: IdTagListSlot }) {
  const client = useClient();
  const status = useBench((s) => s.status);
  const chargers = useBench((s) => s.chargers);
  const [saved, setSaved] = useState<BenchSettings | null>(null);
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  /** The OCPP port saved when the screen loaded: what the bench was meant to listen on, unlike a port saved since. */
  const [loadedPort, setLoadedPort] = useState<number | null>(null);
  /** What Save asks before it saves (a shorter retention, chargers locked out, every card refused): the first is shown. */
  const [asks, setAsks] = useState<SaveAsk[]>([]);
  /** After a new FTP port is saved: the status that says where the FTP server listens now is being read, or could not be. */
  const [ftpCheck, setFtpCheck] = useState<'reading' | 'failed' | null>(null);

  useEffect(() => {
    let live = true;
    client.call('settings:get', {}).then(
      (s) => {
        if (!live) return;
        setSaved(s);
        setDraft(toDraft(s));
        setLoadedPort(s.ocppPort);
      },
      (e: unknown) => live && setLoadError(e instanceof Error ? e.message : String(e)),
    );
    return () => void (live = false);
  }, [client]);

  const diff = useMemo(() => (saved && draft ? changes(saved, draft, portsInEffect(status)) : null), [saved, draft, status]);
  const dirty = diff ? Object.keys(diff.patch).length + Object.keys(diff.errors).filter((k) => !(k in diff.patch)).length : 0;
  const { errors, leave, edited, showAll, refused, reset } = useFieldErrors(saved, draft, diff?.errors);

  const set = <K extends SettingsField>(key: K, value: SettingsDraft[K]) => {
    setDraft((d) => (d ? { ...d, [key]: value } : d));
    edited(key);
  };

  const commit = useCallback(async () => {
    if (!diff) return;
    setAsks([]);
    setPending(true);
    try {
      const next = await client.call('settings:update', diff.patch);
      // A new FTP port is in use once the change is answered: the status says where it listens now.
      // Until it answers, the status is the old port's: no "was taken" warning about the new one before then.
      if (diff.patch.ftpPort !== undefined) {
        setFtpCheck('reading');
        void client.call('bench:status', {}).then(
          (status) => {
            useBench.setState({ status });
            setFtpCheck(null);
          },
          () => setFtpCheck('failed'),
        );
      }
      setSaved(next);
      setDraft(toDraft(next));
      reset();
      const n = Object.keys(diff.patch).length;
      const port = diff.patch.ocppPort !== undefined ? portSavedWords(status, status?.port, diff.patch.ocppPort) : '';
      setNotice({ message: `Settings saved (${n} change${n === 1 ? '' : 's'}).${port}${diff.patch.heartbeatInterval !== undefined ? heartbeatSavedWords : ''}` });
    } catch (err) {
      if (err instanceof CallFailure && err.field && err.field in fieldLabels) {
        refused({ [err.field]: fieldMessage(err.field as SettingsField, err.message) });
        setFormError('Nothing was saved: the bench refused the field marked in red.');
      } else setFormError(`Nothing was saved: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setPending(false);
    }
  }, [client, diff, refused, reset, status]);

  const save = useCallback(
    (e?: FormEvent) => {
      e?.preventDefault();
      if (!diff || !dirty || pending || !saved) return;
      showAll();
      setFormError(null);
      if (Object.keys(diff.errors).length) {
        // Take the user to the first bad field: it may be scrolled out of view.
        const first = fieldOrder.find((k) => diff.errors[k]);
        if (first) document.getElementById(`settings-${first}`)?.focus();
        setFormError(`Nothing was saved: fix ${Object.keys(diff.errors).length === 1 ? 'the field marked in red' : `the ${Object.keys(diff.errors).length} fields marked in red`} first.`);
        return;
      }
      // What the change does at once, or at chargers' next connection, is asked about first, one question at a time.
      const ask: SaveAsk[] = [];
      // The bench deletes older data the moment a shorter retention is saved: say so, with the date.
      const days = diff.patch.retentionDays;
      if (days !== undefined && shortensRetention(saved.retentionDays, days)) ask.push({ kind: 'prune', cutoff: new Date(Date.now() - (days ?? 0) * DAY_MS), days });
      // A stricter bench refuses, at their next connection, the chargers it knows that it let in so far.
      const { requirePassword, unknownChargers } = diff.patch;
      if (requirePassword || unknownChargers === 'reject') {
        const out = lockedOut(saved, { requirePassword: requirePassword ?? saved.requirePassword, unknownChargers: unknownChargers ?? saved.unknownChargers }, Object.values(chargers));
        if (out.length) ask.push({ kind: 'lockout', chargers: out });
      }
      const finish = (more: SaveAsk[]) => (more.length ? setAsks(more) : void commit());
      // Asked after reading the bench: only listed idTags with no card to accept (every card refused), and what a new FTP port cuts off.
      const cards =
        diff.patch.authorization === 'localList' &&
        client.call('idTags:list', {}).then(
          (e): SaveAsk | null => (acceptedCards(e) ? null : { kind: 'noCards', entries: e.length }),
          () => null,
        );
      const later = [cards, askFtpMove(client, status?.ftp, diff.patch.ftpPort)].filter((p) => !!p);
      if (!later.length) return finish(ask);
      void Promise.all(later).then((more) => finish([...ask, ...more.filter((a) => !!a)]));
    },
    [chargers, client, commit, diff, dirty, pending, saved, showAll, status],
  );
  // Each charger is registered even when one before it fails; every failure is then reported by id.
  const registerAll = async (ids: string[]) => {
    const failed: string[] = [];
    for (const id of ids) {
      try {
        await client.call('chargers:register', { id });
      } catch (e) {
        failed.push(`${JSON.stringify(id)}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (failed.length) throw new Error(`${failed.length} of ${ids.length} chargers could not be registered${failed.length < ids.length ? ' (the others were)' : ''}: ${failed.join('; ')}`);
  };

  const discard = () => {
    if (!saved) return;
    setDraft(toDraft(saved));
    reset();
    setFormError(null);
  };

  // Ctrl+S / Cmd+S saves, as in any editor; closing the window with unsaved changes asks first.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        // Not while a dialog (an idTag's, or the retention confirmation) has the user's attention.
        if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
        save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);
  useLeaveWarning(dirty > 0);

  if (loadError) return <Alert severity="error">Could not load the settings: {loadError}</Alert>;
  if (!saved || !draft) return <Skeleton variant="rounded" height={320} sx={{ maxWidth: 960 }} />;

  const serve = status?.face === 'serve';
  const listening = status?.port;
  const ftp = status?.ftp;
  // A port saved since the bench started is not in effect yet: that is a pending restart, not a port in use.
  const portDiffers = listening !== undefined && saved.ocppPort !== 0 && listening !== saved.ocppPort;
  const restartPending = saved.ocppPort !== loadedPort;
  const apiPort = typeof location !== 'undefined' ? location.port || (location.protocol === 'https:' ? '443' : '80') : '';
  const retentionOptions = retentionChoices.some((c) => c.days === draft.retentionDays) ? retentionChoices : [...retentionChoices, { days: draft.retentionDays, label: `${draft.retentionDays} days` }];

  return (
    <Box sx={{ maxWidth: 960 }}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 2, flexWrap: 'wrap', position: 'sticky', top: -24, zIndex: 3, bgcolor: 'background.default', py: 1.5, mt: -1.5, mb: 1 }}>
        <Box sx={{ flexGrow: 1 }}>
          <Typography variant="h5" component="h1">
            Settings
          </Typography>
          <Typography variant="body2" color="text.secondary">
            Nothing is saved until you press Save.
          </Typography>
        </Box>
        {dirty > 0 && <Chip color="warning" label={`${dirty} unsaved change${dirty === 1 ? '' : 's'}`} role="status" />}
        <Button onClick={discard} disabled={!dirty || pending}>
          Discard changes
        </Button>
        <Button type="submit" form="settings-form" variant="contained" disabled={!dirty || pending}>
          {pending ? 'Saving…' : 'Save'}
        </Button>
      </Stack>

      <Stack spacing={2.5}>
        {formError && (
          <Alert severity="error" onClose={() => setFormError(null)}>
            {formError}
          </Alert>
        )}

        {/* Two forms around the idTag list, so Enter in its search or dialogs never saves the settings. */}
        <Stack component="form" id="settings-form" onSubmit={save} noValidate spacing={2.5}>
          <Section title="Chargers connecting" id="settings-connecting" description="Where chargers connect, and who may.">
            <TextField
              id="settings-ocppPort"
              label="OCPP port"
              value={draft.ocppPort}
              onChange={(e) => set('ocppPort', e.target.value)}
              onBlur={() => leave('ocppPort')}
              error={!!errors.ocppPort}
              helperText={
                errors.ocppPort ??
                `Takes effect after a restart; 0 picks any free port. Listening now on port ${listening ?? '…'}.${serve ? ' The --port option of chargebench serve overrides it.' : ''}`
              }
              sx={{ maxWidth: 420 }}
              slotProps={numberInput}
            />
            {portDiffers && restartPending && (
              <Alert severity="info">
                Port {saved.ocppPort} is saved and takes effect when the bench restarts; until then chargers use port {listening}.
              </Alert>
            )}
            {portDiffers && !restartPending && status && <Alert severity="info">{portNote(status, listening, saved.ocppPort)}</Alert>}
            <TextField
              id="settings-ftpPort"
              label="FTP port"
              value={draft.ftpPort}
              onChange={(e) => set('ftpPort', e.target.value)}
              onBlur={() => leave('ftpPort')}
              error={!!errors.ftpPort}
              helperText={
                errors.ftpPort ??
                `The bench's FTP server, where chargers upload diagnostics and fetch firmware (HTTP uses the OCPP port). ${ftp?.fixed ? 'Applies when the bench starts without --ftp-port' : 'Applies at once'}; 0 picks any free port. ${ftpCheck === 'reading' ? 'Reading the port it listens on now…' : ftpCheck === null && ftp ? (ftp.port === null ? 'Not running now.' : `Listening now on port ${ftp.port}.`) : ''}`
              }
              sx={{ maxWidth: 420 }}
              slotProps={numberInput}
            />
            {ftp?.fixed && ftp.port !== null && ftp.port !== saved.ftpPort && (
              <Alert severity="info">
                This bench was started with --ftp-port {ftp.port}: chargers use FTP port {ftp.port} until it restarts without that option; port{' '}
                {saved.ftpPort === 0 ? '0 (any free one)' : saved.ftpPort} is saved for then.
              </Alert>
            )}
            {ftpCheck === 'failed' && (
              <Alert severity="warning">{`FTP port ${saved.ftpPort || '0 (any free one)'} is saved, but the port the FTP server listens on now could not be read: reload this page to see it.`}</Alert>
            )}
            {ftpCheck === null && ftp && !ftp.fixed && ftp.port !== null && saved.ftpPort !== 0 && ftp.port !== saved.ftpPort && (
              <Alert severity="warning">
                FTP port {saved.ftpPort} was taken or not allowed: the FTP server listens on port {ftp.port}, and the locations the bench gives chargers say so.
              </Alert>
            )}
            {serve && (
              <TextField
                label="API and UI port"
                value={apiPort}
                helperText="The port of this page (chargebench serve --api-port). Change it on the command line."
                sx={{ maxWidth: 420 }}
                slotProps={{ htmlInput: { readOnly: true, style: { fontFamily: monoFont } } }}
              />
            )}
            <Divider />
            <FormControl>
              <FormControlLabel
                control={<Switch checked={draft.requirePassword} onChange={(e) => set('requirePassword', e.target.checked)} />}
                label="Require a password from every charger (security profile 1)"
              />
              <FormHelperText sx={{ mx: 0 }}>
                {draft.requirePassword
                  ? 'A charger without a password on the bench is refused. Set each charger\u2019s password on the Chargers screen, and the same as its AuthorizationKey.'
                  : 'Chargers given a password on the bench must send it; the others connect without one.'}
              </FormHelperText>
            </FormControl>
            <TextField
              select
              label="Unknown chargers"
              value={draft.unknownChargers}
              onChange={(e) => set('unknownChargers', e.target.value as BenchSettings['unknownChargers'])}
              helperText="A strict bench refuses any charge point id not registered on the Chargers screen."
              sx={{ maxWidth: 420 }}
            >
              <MenuItem value="accept">Accept any charge point id</MenuItem>
              <MenuItem value="reject">Refuse ids not registered on the bench</MenuItem>
            </TextField>
          </Section>

          <Section title="Answers to chargers" id="settings-answers" description="What the bench tells chargers, and how long it waits for them.">
            <TextField
              select
              label="Boot answer for unknown chargers"
              value={draft.defaultBootStatus}
              onChange={(e) => set('defaultBootStatus', e.target.value as RegistrationStatus)}
              helperText={`${bootHelp[draft.defaultBootStatus]}. The BootNotification answer for chargers without one of their own (set per charger on the Chargers screen).`}
              sx={{ maxWidth: 420 }}
            >
              {RegistrationStatus.options.map((s) => (
                <MenuItem key={s} value={s}>
                  {s}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              id="settings-heartbeatInterval"
              label="Heartbeat interval"
              value={draft.heartbeatInterval}
              onChange={(e) => set('heartbeatInterval', e.target.value)}
              onBlur={() => leave('heartbeatInterval')}
              error={!!errors.heartbeatInterval}
              helperText={errors.heartbeatInterval ?? 'Given to chargers in the BootNotification answer (1 to 86400 s); a charger uses it from its next boot.'}
              sx={{ maxWidth: 420 }}
              slotProps={{ ...numberInput, input: { endAdornment: <InputAdornment position="end">s</InputAdornment> } }}
            />
            <TextField
              id="settings-callTimeout"
              label="Call timeout"
              value={draft.callTimeout}
              onChange={(e) => set('callTimeout', e.target.value)}
              onBlur={() => leave('callTimeout')}
              error={!!errors.callTimeout}
              helperText={errors.callTimeout ?? 'How long the bench waits for a charger to answer an operation before calling it a timeout (1 to 3600 s).'}
              sx={{ maxWidth: 420 }}
              slotProps={{ ...numberInput, input: { endAdornment: <InputAdornment position="end">s</InputAdornment> } }}
            />
          </Section>
        </Stack>

        <Section title="Authorization (idTags)" id="settings-authorization" description="What the bench answers to Authorize and StartTransaction for an idTag.">
          <FormControl>
            <FormLabel id="settings-authorization-mode">Accept</FormLabel>
            <RadioGroup aria-labelledby="settings-authorization-mode" value={draft.authorization} onChange={(e) => set('authorization', e.target.value as BenchSettings['authorization'])}>
              <FormControlLabel value="acceptAll" control={<Radio />} label="Any idTag" />
              <FormControlLabel value="localList" control={<Radio />} label="Only idTags in the list below, with their status" />
            </RadioGroup>
          </FormControl>
          {draft.authorization === 'acceptAll' && <Alert severity="info">The list below is used only when the bench accepts only listed idTags.</Alert>}
          <Typography variant="body2" color="text.secondary">
            Changes to the list are saved at once, apart from Save.
          </Typography>
          <IdTagList onNotice={setNotice} />
        </Section>

        <Stack component="form" onSubmit={save} noValidate spacing={2.5}>
          <Section title="Data" id="settings-data" description="Where the bench keeps its record, and for how long.">
            <TextField
              label="Data directory"
              value={status?.dataDir ?? ''}
              helperText={serve ? 'Chosen with --data-dir when starting chargebench serve.' : 'Where the desktop app keeps its record (SQLite) and files.'}
              fullWidth
              slotProps={{
                htmlInput: { readOnly: true, style: { fontFamily: monoFont } },
                input: {
                  endAdornment: status?.dataDir ? (
                    <InputAdornment position="end">
                      <CopyButton text={status.dataDir} label="Copy the data directory" />
                    </InputAdornment>
                  ) : undefined,
                },
              }}
            />
            <TextField
              select
              label="Keep the message log and meter values for"
              value={draft.retentionDays === null ? 'all' : String(draft.retentionDays)}
              onChange={(e) => set('retentionDays', e.target.value === 'all' ? null : Number(e.target.value))}
              error={!!errors.retentionDays}
              helperText={
                errors.retentionDays ?? 'Older frames and meter values are deleted as soon as a shorter time is saved, then at each start and every hour. Transactions and operations are kept.'
              }
              sx={{ maxWidth: 420 }}
            >
              {retentionOptions.map((c) => (
                <MenuItem key={c.days ?? 'all'} value={c.days === null ? 'all' : String(c.days)}>
                  {c.label}
                </MenuItem>
              ))}
            </TextField>
          </Section>
        </Stack>

        {serve && (
          <Section title="API token" id="settings-token" description="How browsers and scripts sign in to this bench (serve mode).">
            <ApiTokenSection />
          </Section>
        )}
      </Stack>

      <SaveConfirmation
        ask={asks[0]}
        otherChanges={!!diff && Object.keys(diff.patch).length > 1}
        onCancel={() => setAsks([])}
        onConfirm={() => (asks.length > 1 ? setAsks(asks.slice(1)) : void commit())}
        register={registerAll}
      />

      {/* One snackbar for the screen: a newer confirmation replaces the one showing. */}
      <Snackbar
        key={notice?.message}
        open={!!notice}
        autoHideDuration={notice?.undo ? 8000 : 5000}
        onClose={(_e, reason) => reason !== 'clickaway' && setNotice(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert
          severity={notice?.error ? 'error' : 'success'}
          variant="filled"
          onClose={() => setNotice(null)}
          action={
            notice?.undo ? (
              <Button
                color="inherit"
                size="small"
                onClick={() => {
                  notice.undo?.();
                  setNotice(null);
                }}
              >
                Undo
              </Button>
            ) : undefined
          }
        >
          {notice?.message}
        </Alert>
      </Snackbar>
    </Box>
  );
}
