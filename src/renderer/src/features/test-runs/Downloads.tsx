// The reports of a finished run as downloads: the HTML report, the PDF, JUnit XML, the whole result as
// JSON, and the evidence pack (every frame, the charger's configuration at start and end, a manifest).
import { useState } from 'react';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import DownloadIcon from '@mui/icons-material/Download';
import { useClient } from '../../api/context';
import type { ReportFile } from '../../../../shared/api/test-runs';

const reports: Array<{ file: ReportFile; label: string }> = [
  { file: 'report.html', label: 'HTML report' },
  { file: 'report.pdf', label: 'PDF' },
  { file: 'junit.xml', label: 'JUnit XML' },
  { file: 'report.json', label: 'JSON' },
  { file: 'evidence.zip', label: 'Evidence pack (zip)' },
];

export function Downloads({ runId, onNotice }: { runId: string; onNotice: (n: { message: string; error?: boolean }) => void }) {
  const client = useClient();
  const [busy, setBusy] = useState<ReportFile | null>(null);
  const download = async (file: ReportFile, label: string) => {
    setBusy(file);
    try {
      const r = await client.downloadReport({ runId, file });
      if (r.saved) onNotice({ message: `${label} saved${r.where ? ` to ${r.where}` : ''}` });
    } catch (e) {
      onNotice({ message: `${label}: ${(e as Error).message}`, error: true });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }} role="group" aria-label="Downloads">
      <Typography variant="body2" color="text.secondary">
        Download:
      </Typography>
      {reports.map((r) => (
        <Button key={r.file} size="small" variant="outlined" startIcon={<DownloadIcon />} disabled={busy !== null} onClick={() => void download(r.file, r.label)}>
          {busy === r.file ? `${r.label}…` : r.label}
        </Button>
      ))}
    </Stack>
  );
}
