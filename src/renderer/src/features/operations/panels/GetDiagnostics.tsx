// Get diagnostics: asks the charger to upload its logs to a location, optionally for a time window,
// with the upload's progress as it reports it in DiagnosticsStatusNotification.
import { useState } from 'react';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { compact, dateOrText, fieldState, numberOrText, type FieldErrors } from '../kit/form';
import type { OperationPage } from '../kit/page';
import { OperationOutcome, PanelShell, SendButton, usePanel } from '../kit/parts';
import { ProgressStepper, type Progress } from '../kit/ProgressStepper';
import { useOperationForm } from '../kit/useOperation';

export const GetDiagnostics: OperationPage<'GetDiagnostics'> = {
  label: 'Get diagnostics',
  group: 'Firmware & diagnostics',
  Panel: DiagnosticsPanel,
  meanings: {
    FileName: { tone: 'success', headline: 'Upload coming', meaning: 'The charger will upload "{fileName}" to the location; progress is shown below.' },
    NoFile: { tone: 'info', headline: 'Nothing to upload', meaning: 'The charger has no diagnostics to upload.' },
  },
  // The answer names the file to come, or has none.
  statusOf: (response) => (response.fileName ? 'FileName' : 'NoFile'),
};

const diagnosticsSteps = ['Uploading', 'Uploaded'] as const;

/** Where a diagnostics upload stands, from the last DiagnosticsStatusNotification. */
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

function diagnosticsErrors(location: string, startTime: string, stopTime: string): FieldErrors {
  const errors: FieldErrors = {};
  if (location.trim() && !/^(ftps?|https?):\/\//i.test(location.trim())) errors.location = 'Use an ftp://, ftps://, http:// or https:// location the charger can upload to';
  const from = Date.parse(dateOrText(startTime) ?? '');
  const to = Date.parse(dateOrText(stopTime) ?? '');
  if (!Number.isNaN(from) && !Number.isNaN(to) && to < from) errors.stopTime = 'Ends before it starts: pick a time after "From"';
  return errors;
}

function DiagnosticsPanel() {
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
      <TextField
        label="Upload location"
        required
        value={location}
        onChange={(e) => setLocation(e.target.value)}
        {...fieldState(form.errors, 'location', 'e.g. ftp://user:password@host/diagnostics/')}
      />
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextField
          label="From"
          type="datetime-local"
          value={startTime}
          onChange={(e) => setStartTime(e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
          {...fieldState(form.errors, 'startTime', 'Optional: oldest log entry')}
        />
        <TextField
          label="To"
          type="datetime-local"
          value={stopTime}
          onChange={(e) => setStopTime(e.target.value)}
          slotProps={{ inputLabel: { shrink: true } }}
          {...fieldState(form.errors, 'stopTime', 'Optional: newest log entry')}
        />
        <TextField label="Retries" value={retries} onChange={(e) => setRetries(e.target.value)} {...fieldState(form.errors, 'retries', 'Optional')} />
        <TextField label="Retry interval (s)" value={retryInterval} onChange={(e) => setRetryInterval(e.target.value)} {...fieldState(form.errors, 'retryInterval', 'Optional')} />
      </Stack>
      <SendButton pending={form.op.pending} onClick={form.submit}>
        Request diagnostics
      </SendButton>
      <OperationOutcome op={form.op} />
      <ProgressStepper label="Diagnostics upload progress" steps={diagnosticsSteps} progress={diagnosticsProgress(charger?.diagnosticsStatus)} />
    </PanelShell>
  );
}
