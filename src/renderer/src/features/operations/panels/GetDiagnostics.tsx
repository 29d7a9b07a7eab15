// Get diagnostics: asks the charger to upload its logs to a location, optionally for a time window,
// with the upload's progress as it reports it in DiagnosticsStatusNotification (each status with its
// time, as progress of the newest GetDiagnostics only). The location is filled in: one of the bench's
// own (over FTP or HTTP, its own credentials per request, at the address chosen), or a server of the user's.
import { useCallback, useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useClient } from '../../../api/context';
import { formatTime } from '../../../components/format';
import { paths } from '../../../app/routes';
import type { UploadLocationView } from '../../../../../shared/api/views';
import { BenchAddressSelect, benchUrlsFor, LocationSourceToggle, locationFor, type LocationSource } from '../kit/BenchLocation';
import { compact, dateOrText, fieldState, numberOrText, type FieldErrors } from '../kit/form';
import type { OperationPage } from '../kit/page';
import { OperationOutcome, PanelShell, SendButton, usePanel } from '../kit/parts';
import { ProgressStepper, type Progress } from '../kit/ProgressStepper';
import { latestRequest, useRecordedOperations } from './record';
import { useProgressStanding } from '../kit/running';
import { useOperationForm } from '../kit/useOperation';
import { useFtpMoves } from '../kit/ftpMoves';

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

/**
 * A bench upload location for this charger, fetched when the panel opens, again after each request
 * sent to it (each GetDiagnostics gets its own), and when the bench's FTP server moves to another port.
 */
function useUploadLocation(chargerId: string) {
  const client = useClient();
  const ftpMoves = useFtpMoves();
  const [location, setLocation] = useState<UploadLocationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const renew = useCallback(() => {
    let live = true;
    client.call('files:uploadLocation', { chargerId }).then(
      (l) => {
        if (!live) return;
        setLocation(l);
        setError(null);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => void (live = false);
  }, [client, chargerId]);
  useEffect(() => renew(), [renew, ftpMoves]);
  return { location, error, renew };
}

const diagnosticsActions = ['GetDiagnostics'] as const;

/** A location's scheme ("ftp", "http"), which a renewed bench location keeps. */
const schemeOf = (location: unknown): string => (typeof location === 'string' ? location.slice(0, Math.max(0, location.indexOf(':'))) : '');

function DiagnosticsPanel() {
  const { chargerId } = usePanel();
  const report = useProgressStanding(chargerId, 'diagnostics');
  const requests = useRecordedOperations(chargerId, diagnosticsActions);
  const bench = useUploadLocation(chargerId);
  const [source, setSource] = useState<LocationSource>('ftp');
  const [typed, setTyped] = useState('');
  // Without the bench's FTP server, its HTTP location is the one on offer.
  const chosen: LocationSource = source === 'ftp' && bench.location && !bench.location.ftp ? 'http' : source;
  const [host, setHost] = useState<string | null>(null);
  const location = locationFor(chosen, bench.location, typed, host);
  const [startTime, setStartTime] = useState('');
  const [stopTime, setStopTime] = useState('');
  const [retries, setRetries] = useState('');
  const [retryInterval, setRetryInterval] = useState('');
  const form = useOperationForm(
    chargerId,
    'GetDiagnostics',
    compact({ location: location.trim() || undefined, startTime: dateOrText(startTime), stopTime: dateOrText(stopTime), retries: numberOrText(retries), retryInterval: numberOrText(retryInterval) }),
    diagnosticsErrors(location, startTime, stopTime),
    // A bench location is used up by a request and renewed: that alone does not make its answer stale, but
    // another kind of location (FTP, HTTP) does.
    { compareAs: chosen === 'own' ? undefined : (p) => ({ ...(p as object), location: schemeOf((p as { location?: unknown }).location) }) },
  );
  // A request that went to a bench location used it up: the next one gets a new location.
  const sent = form.op.result;
  const { renew } = bench;
  useEffect(() => {
    if (sent?.outcome === 'completed' && chosen !== 'own') renew();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sent, renew]);
  const fromBench = chosen !== 'own' && !!bench.location;
  return (
    <PanelShell title="Get diagnostics" action="GetDiagnostics" description="Asks the charger to upload its diagnostics file (logs) to a location, optionally for a time window.">
      <LocationSourceToggle label="Where the charger uploads" value={chosen} onChange={setSource} ftpAvailable={!bench.location || !!bench.location.ftp} />
      {bench.error && chosen !== 'own' && <Alert severity="warning">The bench could not make an upload location: {bench.error}</Alert>}
      <TextField
        label="Upload location"
        required
        value={location}
        onChange={(e) => {
          setSource('own');
          setTyped(e.target.value);
        }}
        slotProps={{ htmlInput: { spellCheck: false } }}
        {...fieldState(
          form.errors,
          'location',
          fromBench ? `The bench receives it over ${chosen.toUpperCase()} (this location only, until ${formatTime(bench.location!.expiresAt)})` : 'e.g. ftp://user:password@host/diagnostics/',
        )}
      />
      {fromBench && <BenchAddressSelect urls={benchUrlsFor(chosen, bench.location)} value={host} onChange={setHost} />}
      {fromBench && (
        <Typography variant="body2" color="text.secondary">
          The file appears on the{' '}
          <Link component={RouterLink} to={paths.charger(chargerId, 'files')}>
            Files tab
          </Link>{' '}
          as it arrives. Each request gets a location of its own: a new one is filled in after each send.
        </Typography>
      )}
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
      <ProgressStepper label="Diagnostics upload progress" action="GetDiagnostics" steps={diagnosticsSteps} progressOf={diagnosticsProgress} report={report} request={latestRequest(requests.list)} />
    </PanelShell>
  );
}
