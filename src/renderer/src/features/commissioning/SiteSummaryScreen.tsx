// One site's chargers side by side: which passed, which need a revisit (and for what), the offline policy
// each was found with (and whether they agree, once at least two were checked), a charger's latest signed
// handover beside a newer commissioning of it not signed, a latest run the bench's unexpected stop cut short (when,
// during which step), and the site summary as HTML.
import { useParams, Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { useClient } from '../../api/context';
import { useBench } from '../../stores/bench';
import { useLoad } from '../../components/useCall';
import { monoFont } from '../../app/theme';
import { paths } from '../../app/routes';
import { useCommissioningNews } from './CommissioningHome';
import { CommissioningVerdictChip } from './words';
import { formatDateTime } from '../../components/format';
import { chargerStateWords, checksRanWords, offlinePolicyComparison, signedEarlierWords } from '../../../../shared/api/site-summary-words';

export function SiteSummaryScreen() {
  const { site = '' } = useParams();
  const client = useClient();
  const link = useBench((s) => s.link);
  const summary = useLoad(() => client.call('commissioning:site', { site }), [client, site]);
  useCommissioningNews(summary.reload);
  const s = summary.data;
  const passed = s?.chargers.filter((c) => c.verdict === 'pass').length ?? 0;
  const revisit = s?.chargers.filter((c) => c.verdict === 'fail').length ?? 0;
  const htmlUrl = s?.chargers.length ? client.commissioningUrl?.({ site }) : undefined;

  return (
    <Stack spacing={2.5} sx={{ maxWidth: 1280 }}>
      <Box>
        <Button component={RouterLink} to={paths.commissioning()} size="small" startIcon={<ArrowBackIcon />} sx={{ mb: 0.5 }}>
          All commissionings
        </Button>
        <Typography variant="h5" component="h1">
          {site}
        </Typography>
        {s?.address && (
          <Typography variant="body2" color="text.secondary">
            {s.address}
          </Typography>
        )}
      </Box>
      {link !== 'open' && s && <Alert severity="warning">Not live: the link to the bench is lost; this summary is as last read.</Alert>}
      {summary.error && <Alert severity="error">Could not read the site: {summary.error}</Alert>}
      {!s && !summary.error && <Skeleton variant="rounded" height={160} />}
      {s && (
        <>
          <Typography role="status">
            {s.chargers.length} charger{s.chargers.length === 1 ? '' : 's'}: {passed} passed, {revisit} need{revisit === 1 ? 's' : ''} a revisit
            {s.chargers.length - passed - revisit > 0 ? `, ${s.chargers.length - passed - revisit} incomplete` : ''}.
          </Typography>
          {(() => {
            const policies = offlinePolicyComparison(s, 'see below who can charge when the back office is unreachable');
            return <Alert severity={policies.severity}>{policies.text}</Alert>;
          })()}
          <Paper sx={{ p: 2 }}>
            <Table size="small" aria-label={`Chargers of ${site}`}>
              <TableHead>
                <TableRow>
                  <TableCell>Location</TableCell>
                  <TableCell>Charger</TableCell>
                  <TableCell>State</TableCell>
                  <TableCell>Verdict</TableCell>
                  <TableCell>What failed</TableCell>
                  <TableCell>Offline policy found</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {s.chargers.map((c) => (
                  <TableRow key={c.commissioningId} sx={{ verticalAlign: 'top' }}>
                    <TableCell>
                      <Link component={RouterLink} to={paths.commissioningOne(c.commissioningId)}>
                        {c.location || '(no location)'}
                      </Link>
                    </TableCell>
                    <TableCell sx={{ fontFamily: monoFont }}>{c.chargerId}</TableCell>
                    <TableCell>
                      {chargerStateWords(c)}
                      {c.interrupted && (
                        <Typography variant="body2" color="warning.main">
                          The last run was {checksRanWords(c, formatDateTime)}.
                        </Typography>
                      )}
                      {c.signedEarlier && (
                        <Typography variant="body2" color="text.secondary">
                          {signedEarlierWords(c, formatDateTime)}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell>
                      <CommissioningVerdictChip verdict={c.verdict} />
                    </TableCell>
                    <TableCell sx={{ color: c.failed.length ? 'error.main' : undefined }}>{c.failed.length ? c.failed.join(', ') : '—'}</TableCell>
                    <TableCell>{c.offlinePolicy ?? 'not checked yet'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Paper>
          {htmlUrl && (
            <Box>
              <Button component="a" href={htmlUrl} target="_blank" rel="noopener" startIcon={<OpenInNewIcon />}>
                Site summary (HTML)
              </Button>
            </Box>
          )}
        </>
      )}
    </Stack>
  );
}
