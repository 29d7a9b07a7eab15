// Firmware update (UpdateFirmware, with a file the bench can host) and diagnostics upload
// (GetDiagnostics), each with its progress as the charger reports it in status notifications.
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useClient } from '../../api/context';
import { ConfirmDialog } from './ConfirmDialog';
import { compact, dateOrText, fieldState, numberOrText, toLocalInput, type FieldErrors } from './form';
import { OperationOutcome, PanelShell, SendButton, usePanel } from './parts';
import { plural, useRunning } from './running';
import { useOperationForm } from './useOperation';

export interface Progress {
  /** Steps finished. */
  done: number;
  /** The step under way, if any. */
  current: number | null;
  /** The step that failed, if any. */
  failed: number | null;
  /** The status in words. */
  text: string;
}

export const firmwareSteps = ['Downloading', 'Downloaded', 'Installing', 'Installed'] as const;

/** Where a firmware update stands, from the last FirmwareStatusNotification (1.6 or the signed one). */
export function firmwareProgress(status: string | null | undefined): Progress {
  switch (status) {
    case 'Downloading':
    case 'DownloadScheduled':
    case 'DownloadPaused':
      return { done: 0, current: 0, failed: null, text: status === 'Downloading' ? 'Downloading the firmware' : status === 'DownloadPaused' ? 'Download paused' : 'Download scheduled' };
    case 'Downloaded':
    case 'SignatureVerified':
      return { done: 2, current: null, failed: null, text: status === 'Downloaded' ? 'Downloaded; installing next' : 'Downloaded, signature verified' };
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

export const diagnosticsSteps = ['Uploading', 'Uploaded'] as const;

export function diagnosticsProgress(status: string | null | undefined): Progress {
  switch (status) {
    case 'Uploading':
      return { done: 0, current: 0, failed: null, text: 'Uploading the diagnostics file' };
    case 'Uploaded':
      return { done: 2, current: null, failed: null, text: 'Uploaded' };
    case 'UploadFailed':
      return { done: 0, current: null, failed: 0, text: 'Upload failed: check the location is reachable and writable' };
    case 'Idle':
      return { done: 0, current: null, failed: null, text: 'Idle: no upload in progress' };
    default:
      return { done: 0, current: null, failed: null, text: status ? status : 'No status reported yet' };
  }
}

function ProgressStepper({ label, steps, progress }: { label: string; steps: readonly string[]; progress: Progress }) {
  return (
    <Box role="group" aria-label={label}>
      <Typography variant="subtitle2" component="h3" gutterBottom>
        {label}
      </Typography>
      <Stepper activeStep={progress.current ?? progress.done} alternativeLabel>
        {steps.map((s, i) => (
          <Step key={s} completed={i < progress.done && progress.failed !== i} active={progress.current === i}>
            <StepLabel error={progress.failed === i} optional={progress.failed === i ? <Typography variant="caption" color="error">Failed</Typography> : undefined}>
              {s}
            </StepLabel>
          </Step>
        ))}
      </Stepper>
      <Typography variant="body2" color={progress.failed !== null ? 'error' : 'text.secondary'} role="status" aria-live="polite" sx={{ mt: 1, textAlign: 'center' }}>
        Last status from the charger: {progress.text}
      </Typography>
    </Box>
  );
}

export function UpdateFirmwarePanel() {
  const { chargerId, charger } = usePanel();
  const client = useClient();
  const running = useRunning(chargerId);
  const [location, setLocation] = useState('');
  const [retrieveDate, setRetrieveDate] = useState(() => toLocalInput(new Date()));
  const [retries, setRetries] = useState('');
  const [retryInterval, setRetryInterval] = useState('');
  const [hosted, setHosted] = useState<{ name: string } | null>(null);
  const [hostError, setHostError] = useState<string | null>(null);
  const form = useOperationForm(chargerId, 'UpdateFirmware', compact({ location: location.trim() || undefined, retrieveDate: dateOrText(retrieveDate), retries: numberOrText(retries), retryInterval: numberOrText(retryInterval) }));

  const choose = async () => {
    setHostError(null);
    try {
      const file = await client.hostFile();
      if (file) {
        setLocation(file.url);
        setHosted({ name: file.name });
      }
    } catch (e) {
      setHostError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <PanelShell title="Update firmware" action="UpdateFirmware" description="The charger downloads new firmware from a location at the retrieve date, installs it and restarts.">
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextField
          label="Firmware location"
          required
          value={location}
          onChange={(e) => {
            setLocation(e.target.value);
            setHosted(null);
          }}
          sx={{ flex: 1, minWidth: 360 }}
          {...fieldState(form.errors, 'location', hosted ? `Served by the bench: ${hosted.name}` : 'A URL the charger can reach: http(s):// or ftp://')}
        />
        <Button variant="outlined" startIcon={<UploadFileIcon />} onClick={() => void choose()} sx={{ mt: 1 }}>
          Choose file…
        </Button>
      </Stack>
      {hostError && (
        <Alert severity="error" onClose={() => setHostError(null)}>
          The bench could not host the file: {hostError}
        </Alert>
      )}
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextField label="Retrieve date" type="datetime-local" required value={retrieveDate} onChange={(e) => setRetrieveDate(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} {...fieldState(form.errors, 'retrieveDate', 'When to start the download (local time)')} />
        <TextField label="Retries" value={retries} onChange={(e) => setRetries(e.target.value)} {...fieldState(form.errors, 'retries', 'Optional: download attempts')} />
        <TextField label="Retry interval (s)" value={retryInterval} onChange={(e) => setRetryInterval(e.target.value)} {...fieldState(form.errors, 'retryInterval', 'Optional')} />
      </Stack>
      <SendButton pending={form.op.pending} color="warning" onClick={() => form.prepare() && form.confirm.ask()}>
        Update firmware…
      </SendButton>
      <OperationOutcome op={form.op} />
      <ProgressStepper label="Firmware update progress" steps={firmwareSteps} progress={firmwareProgress(charger?.firmwareStatus)} />
      <ConfirmDialog
        {...form.confirm.dialog}
        title={`Update the firmware of ${chargerId}?`}
        target={`${chargerId} · the whole charger`}
        running={running}
        consequence={`At the retrieve date the charger downloads ${hosted ? hosted.name : 'the file'} from ${location}, installs it and restarts; nothing charges while it installs.${running.length ? ` The charger should wait for the ${plural(running.length, 'running transaction')} to end before installing.` : ''}`}
        confirmLabel={`Update the firmware of ${chargerId}`}
        dangerous
      />
    </PanelShell>
  );
}

/** What GetDiagnostics needs beyond the schema: an upload scheme, and a window that does not end before it starts. */
function diagnosticsErrors(location: string, startTime: string, stopTime: string): FieldErrors {
  const errors: FieldErrors = {};
  if (location.trim() && !/^(ftps?|https?):\/\//i.test(location.trim())) errors.location = 'Use an ftp://, ftps://, http:// or https:// location the charger can upload to';
  const from = Date.parse(dateOrText(startTime) ?? '');
  const to = Date.parse(dateOrText(stopTime) ?? '');
  if (!Number.isNaN(from) && !Number.isNaN(to) && to < from) errors.stopTime = 'Ends before it starts: pick a time after "From"';
  return errors;
}

export function DiagnosticsPanel() {
  const { chargerId, charger } = usePanel();
  const [location, setLocation] = useState('');
  const [startTime, setStartTime] = useState('');
  const [stopTime, setStopTime] = useState('');
  const [retries, setRetries] = useState('');
  const [retryInterval, setRetryInterval] = useState('');
  const form = useOperationForm(
    chargerId,
    'GetDiagnostics',
    compact({ location: location.trim() || undefined, startTime: dateOrText(startTime), stopTime: dateOrText(stopTime), retries: numberOrText(retries), retryInterval: numberOrText(retryInterval) }),
    diagnosticsErrors(location, startTime, stopTime),
  );
  return (
    <PanelShell title="Get diagnostics" action="GetDiagnostics" description="Asks the charger to upload its diagnostics file (logs) to a location, optionally for a time window.">
      <TextField label="Upload location" required value={location} onChange={(e) => setLocation(e.target.value)} {...fieldState(form.errors, 'location', 'e.g. ftp://user:password@host/diagnostics/')} />
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextField label="From" type="datetime-local" value={startTime} onChange={(e) => setStartTime(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} {...fieldState(form.errors, 'startTime', 'Optional: oldest log entry')} />
        <TextField label="To" type="datetime-local" value={stopTime} onChange={(e) => setStopTime(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} {...fieldState(form.errors, 'stopTime', 'Optional: newest log entry')} />
        <TextField label="Retries" value={retries} onChange={(e) => setRetries(e.target.value)} {...fieldState(form.errors, 'retries', 'Optional')} />
        <TextField label="Retry interval (s)" value={retryInterval} onChange={(e) => setRetryInterval(e.target.value)} {...fieldState(form.errors, 'retryInterval', 'Optional')} />
      </Stack>
      <SendButton
        pending={form.op.pending}
        onClick={form.submit}
      >
        Request diagnostics
      </SendButton>
      <OperationOutcome op={form.op} />
      <ProgressStepper label="Diagnostics upload progress" steps={diagnosticsSteps} progress={diagnosticsProgress(charger?.diagnosticsStatus)} />
    </PanelShell>
  );
}
