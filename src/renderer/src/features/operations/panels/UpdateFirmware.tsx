// Update firmware: a location (a file the bench hosts, over HTTP or FTP, filled in; or a URL of the
// user's) and a retrieve date, confirmed first, with the update's progress as the charger reports it in
// FirmwareStatusNotification: each status with its time, as progress of the newest UpdateFirmware only.
import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useClient } from '../../../api/context';
import { formatTime } from '../../../components/format';
import type { HostedFileView } from '../../../../../shared/api/views';
import { BenchAddressSelect, benchUrlsFor, LocationSourceToggle, locationFor, type BenchUrls, type LocationSource } from '../kit/BenchLocation';
import { ConfirmDialog } from '../kit/ConfirmDialog';
import { compact, dateOrText, fieldState, numberOrText, toLocalInput } from '../kit/form';
import type { OperationPage } from '../kit/page';
import { OperationOutcome, PanelShell, SendButton, usePanel } from '../kit/parts';
import { ProgressStepper, type Progress } from '../kit/ProgressStepper';
import { latestRequest, useRecordedOperations } from './record';
import { plural, useProgressStanding, useRunning } from '../kit/running';
import { isRunning } from '../../../components/running';
import { useOperationForm } from '../kit/useOperation';
import { useFtpMoves } from '../kit/ftpMoves';
import { benchNow } from '../../../components/benchClock';

export const UpdateFirmware: OperationPage<'UpdateFirmware'> = {
  label: 'Update firmware',
  group: 'Firmware & diagnostics',
  Panel: UpdateFirmwarePanel,
  meanings: {
    Accepted: {
      tone: 'success',
      headline: 'Request taken',
      meaning: 'The charger took the request: it downloads the firmware at the retrieve date and reports each step with FirmwareStatusNotification (shown below).',
    },
  },
  // The answer carries nothing: taking the request is all it says.
  statusOf: () => 'Accepted',
};

const firmwareSteps = ['Downloading', 'Downloaded', 'Installing', 'Installed'] as const;

/** Where a firmware update stands, from the last FirmwareStatusNotification (1.6 or the signed one). */
export function firmwareProgress(status: string | null | undefined): Progress {
  switch (status) {
    case 'Downloading':
    case 'DownloadScheduled':
    case 'DownloadPaused':
      return { done: 0, current: 0, failed: null, text: status === 'Downloading' ? 'Downloading the firmware' : status === 'DownloadPaused' ? 'Download paused' : 'Download scheduled' };
    case 'Downloaded':
    case 'SignatureVerified':
      return {
        done: 2,
        current: null,
        failed: null,
        text: `${status === 'Downloaded' ? 'Downloaded' : 'Downloaded, signature verified'}; the charger installs it when it is ready (it may wait for a session to end)`,
      };
    case 'Installing':
    case 'InstallScheduled':
    case 'InstallRebooting':
      return { done: 2, current: 2, failed: null, text: status === 'Installing' ? 'Installing' : status === 'InstallScheduled' ? 'Install scheduled' : 'Rebooting to install' };
    case 'Installed':
      return { done: 4, current: null, failed: null, text: 'Installed: the new firmware runs' };
    case 'DownloadFailed':
      return { done: 0, current: null, failed: 0, text: 'Download failed: check the location is reachable from the charger' };
    case 'InvalidSignature':
      return { done: 1, current: null, failed: 1, text: 'The firmware signature is invalid' };
    case 'InstallationFailed':
    case 'InstallVerificationFailed':
      return { done: 2, current: null, failed: 2, text: 'Installation failed: the charger keeps its old firmware' };
    case 'Idle':
      return { done: 0, current: null, failed: null, text: 'Idle: no update in progress' };
    default:
      return { done: 0, current: null, failed: null, text: status ? status : 'No status reported yet' };
  }
}

/** "3.2 MB" */
const megabytes = (bytes: number) => (bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1000))} kB`);

const updateActions = ['UpdateFirmware'] as const;

/**
 * The retrieve date the form starts with: now, to the minute the field holds (a few seconds past by the
 * time it is sent, which the charger takes as "at once"), so nobody waits for the next minute to come.
 */
export function defaultRetrieveDate(now = new Date(benchNow())): string {
  return toLocalInput(new Date(Math.floor(now.getTime() / 60_000) * 60_000));
}

function UpdateFirmwarePanel() {
  const { chargerId } = usePanel();
  const report = useProgressStanding(chargerId, 'firmware');
  const requests = useRecordedOperations(chargerId, updateActions);
  const client = useClient();
  const running = useRunning(chargerId);
  const [source, setSource] = useState<LocationSource>('http');
  const [typed, setTyped] = useState('');
  const [retrieveDate, setRetrieveDate] = useState(() => defaultRetrieveDate());
  const [retries, setRetries] = useState('');
  const [retryInterval, setRetryInterval] = useState('');
  /** The files the bench hosts now (newest first), and the one chosen: the newest unless the user picks. */
  const [hostedFiles, setHostedFiles] = useState<HostedFileView[]>([]);
  const [picked, setPicked] = useState<HostedFileView | null>(null);
  const [hostError, setHostError] = useState<string | null>(null);
  // Fetched again when the bench's FTP server moves: the files' ftp:// URLs then name the new port.
  const ftpMoves = useFtpMoves();
  useEffect(() => {
    let live = true;
    client.call('files:hosted', {}).then(
      (list) => {
        if (!live) return;
        setHostedFiles(list);
        setPicked((p) => (p && list.find((f) => f.url === p.url)) ?? p ?? list[0] ?? null);
      },
      // No hosted files to offer: the user chooses one or types a URL.
      () => undefined,
    );
    return () => void (live = false);
  }, [client, ftpMoves]);
  const hosted = source === 'own' ? null : picked;
  const chosen: LocationSource = source === 'ftp' && picked && !picked.ftpUrl ? 'http' : source;
  // The bench's URLs for the file on each of its addresses, over HTTP and over FTP alike.
  const benchUrls: BenchUrls | null = picked ? { http: picked.url, ftp: picked.ftpUrl, alternatives: { http: picked.alternatives ?? [], ftp: picked.ftpAlternatives ?? [] } } : null;
  const [host, setHost] = useState<string | null>(null);
  const location = locationFor(chosen, benchUrls, typed, host);
  const form = useOperationForm(
    chargerId,
    'UpdateFirmware',
    compact({ location: location.trim() || undefined, retrieveDate: dateOrText(retrieveDate), retries: numberOrText(retries), retryInterval: numberOrText(retryInterval) }),
  );

  const choose = async () => {
    setHostError(null);
    try {
      const file = await client.hostFile();
      if (file) {
        setHostedFiles((list) => [file, ...list.filter((f) => f.url !== file.url)]);
        setPicked(file);
        if (source === 'own') setSource('http');
      }
    } catch (e) {
      setHostError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <PanelShell title="Update firmware" action="UpdateFirmware" description="The charger downloads new firmware from a location at the retrieve date, installs it and restarts.">
      <LocationSourceToggle label="Where the charger downloads from" value={chosen} onChange={setSource} ftpAvailable={!picked || !!picked.ftpUrl} />
      {chosen !== 'own' && hostedFiles.length > 1 && (
        <TextField
          select
          label="Hosted file"
          value={picked?.url ?? ''}
          onChange={(e) => setPicked(hostedFiles.find((f) => f.url === e.target.value) ?? null)}
          sx={{ maxWidth: 480 }}
          helperText="Files the bench serves to chargers, newest first"
        >
          {hostedFiles.map((f) => (
            <MenuItem key={f.url} value={f.url}>
              {f.name} · {megabytes(f.size)} · until {formatTime(f.expiresAt)}
            </MenuItem>
          ))}
        </TextField>
      )}
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextField
          label="Firmware location"
          required
          value={location}
          onChange={(e) => {
            setSource('own');
            setTyped(e.target.value);
          }}
          sx={{ flex: 1, minWidth: 360 }}
          slotProps={{ htmlInput: { spellCheck: false } }}
          {...fieldState(
            form.errors,
            'location',
            hosted ? `Served by the bench: ${hosted.name}` : chosen === 'own' ? 'A URL the charger can reach: http(s):// or ftp://' : 'Choose a file for the bench to serve, or type a URL',
          )}
        />
        <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={() => void choose()} sx={{ mt: 1 }}>
          Choose file…
        </Button>
      </Stack>
      {hosted && <BenchAddressSelect urls={benchUrlsFor(chosen, benchUrls)} value={host} onChange={setHost} />}
      {hosted && (
        <Alert severity="info" variant="outlined">
          The bench serves {hosted.name} {chosen === 'ftp' ? 'over FTP to a user and password of its own' : 'over HTTP at an unguessable address'} until {formatTime(hosted.expiresAt)}.
        </Alert>
      )}
      {hostError && (
        <Alert severity="error" onClose={() => setHostError(null)}>
          The bench could not host the file: {hostError}
        </Alert>
      )}
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextField
          label="Retrieve date"
          type="datetime-local"
          required
          value={retrieveDate}
          onChange={(e) => setRetrieveDate(e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
          {...fieldState(form.errors, 'retrieveDate', 'When to start the download (local time): now, unless you change it; a date already past means at once')}
        />
        <TextField label="Retries" value={retries} onChange={(e) => setRetries(e.target.value)} {...fieldState(form.errors, 'retries', 'Optional: download attempts')} />
        <TextField label="Retry interval (s)" value={retryInterval} onChange={(e) => setRetryInterval(e.target.value)} {...fieldState(form.errors, 'retryInterval', 'Optional')} />
      </Stack>
      <SendButton pending={form.op.pending} color="warning" onClick={() => form.confirm.submit()}>
        Update firmware…
      </SendButton>
      <OperationOutcome op={form.op} />
      <ProgressStepper label="Firmware update progress" action="UpdateFirmware" steps={firmwareSteps} progressOf={firmwareProgress} report={report} request={latestRequest(requests.list)} />
      <ConfirmDialog
        {...form.confirm.dialog}
        title={`Update the firmware of ${chargerId}?`}
        target={`${chargerId} · the whole charger`}
        running={running}
        consequence={`At the retrieve date the charger downloads ${hosted ? hosted.name : 'the file'} from ${location}, installs it and restarts; nothing charges while it installs.${running.some(isRunning) ? ` The charger should wait for the ${plural(running.filter(isRunning).length, 'running transaction')} to end before installing.` : ''}`}
        confirmLabel={`Update the firmware of ${chargerId}`}
        dangerous
        updateUnderWay="update"
      />
    </PanelShell>
  );
}
