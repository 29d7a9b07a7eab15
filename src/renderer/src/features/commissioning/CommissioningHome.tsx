// The commissionings (site, location, charger, state as its page words it, verdict), newest first, and the sites with a link
// to each one's summary; New commissioning starts the wizard. Kept current from commissioningChanged.
import { useEffect, useMemo } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
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
import AddIcon from '@mui/icons-material/Add';
import { useClient } from '../../api/context';
import { useBench } from '../../stores/bench';
import { useLoad } from '../../components/useCall';
import { formatDateTime, formatTime } from '../../components/format';
import { monoFont } from '../../app/theme';
import { paths } from '../../app/routes';
import { resetDraft } from './draft';
import { CommissioningVerdictChip } from './words';
import { listedStateWords } from '../../../../shared/api/commissioning-run-end';

/** Reloads `reload` whenever a commissioning changes, and when the link to the bench comes back. */
export function useCommissioningNews(reload: () => void): void {
  const client = useClient();
  const link = useBench((s) => s.link);
  useEffect(() => client.subscribe((events) => events.some((e) => e.type === 'commissioningChanged') && reload()), [client, reload]);
  useEffect(() => {
    if (link === 'open') reload();
  }, [link, reload]);
}

export function CommissioningHome() {
  const client = useClient();
  const navigate = useNavigate();
  const link = useBench((s) => s.link);
  const list = useLoad(() => client.call('commissioning:list', {}), [client]);
  const sites = useLoad(() => client.call('commissioning:sites', {}), [client]);
  const reload = useMemo(
    () => () => {
      list.reload();
      sites.reload();
    },
    [list.reload, sites.reload], // eslint-disable-line react-hooks/exhaustive-deps
  );
  useCommissioningNews(reload);

  return (
    <Stack spacing={2.5} sx={{ maxWidth: 1280 }}>
      <Stack direction="row" sx={{ alignItems: 'flex-end', gap: 2 }}>
        <Box sx={{ flexGrow: 1 }}>
          <Typography variant="h5" component="h1">
            Commissioning
          </Typography>
          <Typography variant="body2" color="text.secondary">
            A guided check of a newly installed charger that ends in a signed handover report.
          </Typography>
        </Box>
        <Button
          variant="contained"
          startIcon={<AddIcon />}
          onClick={() => {
            resetDraft();
            navigate(paths.commissioningNew());
          }}
        >
          New commissioning
        </Button>
      </Stack>
      {link !== 'open' && list.data && <Alert severity="warning">Not live: the link to the bench is lost; the lists are as last read.</Alert>}

      <Paper component="section" aria-labelledby="commissionings-title" sx={{ p: 2 }}>
        <Typography id="commissionings-title" variant="h6" component="h2" sx={{ fontSize: '1.05rem', mb: 1 }}>
          Commissionings
        </Typography>
        {list.error && <Alert severity="error">Could not read the commissionings: {list.error}</Alert>}
        {!list.data && !list.error && <Skeleton variant="rounded" height={120} />}
        {list.data && !list.data.length && (
          <Typography variant="body2" color="text.secondary">
            No charger has been commissioned yet. New commissioning walks you through the first one.
          </Typography>
        )}
        {list.data && list.data.length > 0 && (
          <Table size="small" aria-label="Commissionings">
            <TableHead>
              <TableRow>
                <TableCell>Site</TableCell>
                <TableCell>Location</TableCell>
                <TableCell>Charger</TableCell>
                <TableCell>State</TableCell>
                <TableCell>Verdict</TableCell>
                <TableCell>Last change</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {list.data.map((c) => (
                <TableRow key={c.id} hover sx={{ cursor: 'pointer' }} onClick={() => navigate(paths.commissioningOne(c.id))}>
                  <TableCell>
                    <Link component={RouterLink} to={paths.commissioningOne(c.id)} onClick={(e) => e.stopPropagation()}>
                      {c.site}
                    </Link>
                  </TableCell>
                  <TableCell>{c.location || '—'}</TableCell>
                  <TableCell sx={{ fontFamily: monoFont }}>{c.chargerId}</TableCell>
                  <TableCell>{listedStateWords(c.state, c.lastRun?.outcome === 'interrupted')}</TableCell>
                  <TableCell>
                    <CommissioningVerdictChip verdict={c.verdict} />
                  </TableCell>
                  <TableCell title={formatTime(c.updatedAt)}>{formatDateTime(c.updatedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Paper>

      <Paper component="section" aria-labelledby="sites-title" sx={{ p: 2 }}>
        <Typography id="sites-title" variant="h6" component="h2" sx={{ fontSize: '1.05rem', mb: 1 }}>
          Sites
        </Typography>
        {sites.error && <Alert severity="error">Could not read the sites: {sites.error}</Alert>}
        {sites.data && !sites.data.length && (
          <Typography variant="body2" color="text.secondary">
            No site yet.
          </Typography>
        )}
        {sites.data && sites.data.length > 0 && (
          <Table size="small" aria-label="Sites">
            <TableHead>
              <TableRow>
                <TableCell>Site</TableCell>
                <TableCell>Address</TableCell>
                <TableCell>Chargers</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {sites.data.map((s) => (
                <TableRow key={s.site}>
                  <TableCell>
                    <Link component={RouterLink} to={paths.commissioningSite(s.site)}>
                      {s.site}
                    </Link>
                  </TableCell>
                  <TableCell>{s.address || '—'}</TableCell>
                  <TableCell>{list.data ? chargersAt(list.data, s.site) : '…'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}

/**
 * The chargers commissioned at a site, each counted once (as the site's page counts them), and the
 * commissionings too when a charger was commissioned there more than once: "2 (3 commissionings)".
 */
export function chargersAt(list: ReadonlyArray<{ site: string; chargerId: string }>, site: string): string {
  const here = list.filter((c) => c.site === site);
  const chargers = new Set(here.map((c) => c.chargerId)).size;
  return here.length > chargers ? `${chargers} (${here.length} commissionings)` : String(chargers);
}
