// Step 7, the report: the commissioning report as HTML and PDF, the diagnostic bundle for the charger
// maker, and (in a browser) the report opened in its own tab.
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import DownloadIcon from '@mui/icons-material/Download';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { useClient } from '../../api/context';
import type { CommissioningFile, CommissioningView } from '../../../../shared/api/commissioning';

const downloads: Array<{ file: CommissioningFile; label: string; what: string }> = [
  { file: 'report.html', label: 'Report (HTML)', what: 'self-contained: opens in any browser, offline' },
  { file: 'report.pdf', label: 'Report (PDF)', what: 'to hand over or print' },
  { file: 'bundle.zip', label: 'Diagnostic bundle (zip)', what: 'for the charger maker: the report, every frame, the configuration before and after' },
];

export function ReportStep({ view }: { view: CommissioningView }) {
  const client = useClient();
  const [busy, setBusy] = useState<CommissioningFile | null>(null);
  const [result, setResult] = useState<{ severity: 'success' | 'error' | 'info'; text: string } | null>(null);
  const save = async (file: CommissioningFile, label: string) => {
    setBusy(file);
    setResult(null);
    try {
      const r = await client.downloadCommissioningFile({ id: view.id, file });
      setResult(r.saved ? { severity: 'success', text: `${label} saved${r.where ? ` to ${r.where}` : ''}.` } : { severity: 'info', text: `${label} not saved.` });
    } catch (e) {
      setResult({ severity: 'error', text: `Could not make the ${label.toLowerCase()}: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setBusy(null);
    }
  };
  const url = client.commissioningUrl?.({ id: view.id, file: 'report.html' });
  return (
    <Stack spacing={2}>
      {!view.handover && (
        <Alert severity="warning">
          Not handed over yet: the report says so, and shows the verdict as it stands now (
          {view.state === 'running' ? 'the checks are still running' : `${view.open.length} item${view.open.length === 1 ? '' : 's'} open`}).
        </Alert>
      )}
      <Typography variant="body2" color="text.secondary">
        The report holds the site, the charger&apos;s identity, every step with its verdict and measured values, the configuration diff, the session&apos;s chart, the checklist, photos, signatures,
        the ChargeBench version ({view.benchVersion}) and the SHA-256 of the evidence.
      </Typography>
      <Stack spacing={1.5}>
        {downloads.map((d) => (
          <Stack key={d.file} direction="row" sx={{ alignItems: 'center', gap: 2 }}>
            <Button
              variant={d.file === 'report.pdf' ? 'contained' : 'outlined'}
              startIcon={<DownloadIcon />}
              disabled={busy !== null}
              onClick={() => void save(d.file, d.label)}
              sx={{ minWidth: 260, justifyContent: 'flex-start' }}
            >
              {busy === d.file ? 'Making…' : d.label}
            </Button>
            <Typography variant="body2" color="text.secondary">
              {d.what}
            </Typography>
          </Stack>
        ))}
        {url && (
          <Stack direction="row" sx={{ alignItems: 'center', gap: 2 }}>
            <Button component="a" href={url} target="_blank" rel="noopener" startIcon={<OpenInNewIcon />} sx={{ minWidth: 260, justifyContent: 'flex-start' }}>
              Open the report
            </Button>
            <Typography variant="body2" color="text.secondary">
              in a new tab
            </Typography>
          </Stack>
        )}
      </Stack>
      {result && (
        <Alert severity={result.severity} role="status">
          {result.text}
        </Alert>
      )}
    </Stack>
  );
}
