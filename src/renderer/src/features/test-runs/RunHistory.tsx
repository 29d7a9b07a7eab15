// The runs kept in the record, of one charger or all, newest first and live as runs start and end; pick
// two to compare them (firmware A against firmware B).
import { useEffect, useMemo, useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import CompareArrowsIcon from '@mui/icons-material/CompareArrows';
import { useClient } from '../../api/context';
import { useLoad } from '../../components/useCall';
import { formatTime, zoneLabel } from '../../components/format';
import { useBench } from '../../stores/bench';
import { paths } from '../../app/routes';
import { formatDuration, SummaryChips, VerdictChip } from '../../components/verdicts';
import type { RunListItem } from '../../../../shared/api/test-runs';

const ALL = '*';

export function RunHistory({ charger, onCharger }: { charger: string; onCharger: (id: string) => void }) {
  const client = useClient();
  const navigate = useNavigate();
  const known = useBench((s) => s.chargers);
  const [version, setVersion] = useState(0);
  const [picked, setPicked] = useState<string[]>([]);

  // Runs start, move on and end: list again when one does (not on every step).
  useEffect(() => {
    const seen = new Map<string, string>();
    return client.subscribe((events) => {
      let changed = false;
      for (const e of events)
        if (e.type === 'testRunChanged' && seen.get(e.run.id) !== e.run.state) {
          seen.set(e.run.id, e.run.state);
          changed = true;
        } else if (e.type === 'testCaseFinished') changed = true;
      if (changed) setVersion((v) => v + 1);
    });
  }, [client]);

  const { data: runs, error } = useLoad(() => client.call('tests:list', charger ? { chargerId: charger } : {}), [client, charger, version]);
  const chargerIds = useMemo(() => [...new Set([...Object.keys(known), ...(runs ?? []).map((r) => r.chargerId), ...(charger ? [charger] : [])])].sort(), [known, runs, charger]);
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p.slice(-1), id]));

  return (
    <Paper component="section" aria-label="Runs" sx={{ p: 2.5 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1.5, flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="h6" component="h2">
          Runs
        </Typography>
        <TextField select size="small" label="Of" value={charger || ALL} onChange={(e) => onCharger(e.target.value === ALL ? '' : e.target.value)} sx={{ minWidth: 200 }}>
          <MenuItem value={ALL}>All chargers</MenuItem>
          {chargerIds.map((id) => (
            <MenuItem key={id} value={id}>
              {id}
            </MenuItem>
          ))}
        </TextField>
        <Box sx={{ flexGrow: 1 }} />
        <Typography variant="body2" color="text.secondary">
          {picked.length === 2 ? 'Two runs picked' : 'Pick two runs to compare them'}
        </Typography>
        <Button variant="outlined" startIcon={<CompareArrowsIcon />} disabled={picked.length !== 2} onClick={() => navigate(paths.compareRuns(picked[0], picked[1]))}>
          Compare
        </Button>
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}
      {runs && !runs.length && (
        <Typography color="text.secondary" sx={{ py: 2 }}>
          No run yet{charger ? ` on ${charger}` : ''}.
        </Typography>
      )}
      {runs && runs.length > 0 && (
        <Table size="small" aria-label="Test runs">
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox" />
              <TableCell>Started ({zoneLabel()})</TableCell>
              <TableCell>Charger</TableCell>
              <TableCell>State</TableCell>
              <TableCell>Verdicts</TableCell>
              <TableCell align="right">Took</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {runs.map((r) => (
              <TableRow key={r.id} hover selected={picked.includes(r.id)}>
                <TableCell padding="checkbox">
                  <Checkbox
                    size="small"
                    checked={picked.includes(r.id)}
                    onChange={() => toggle(r.id)}
                    slotProps={{ input: { 'aria-label': `Pick the run of ${formatTime(r.wallStartedAt ?? r.startedAt)} to compare` } }}
                  />
                </TableCell>
                <TableCell>
                  <Link component={RouterLink} to={paths.testRun(r.id)}>
                    {formatTime(r.wallStartedAt ?? r.startedAt)}
                  </Link>
                </TableCell>
                <TableCell>{r.chargerId}</TableCell>
                <TableCell>
                  {r.state === 'running' ? (
                    <VerdictChip state="running" />
                  ) : r.state === 'error' ? (
                    <Typography variant="body2" component="span" color="error" sx={{ fontWeight: 600 }}>
                      Could not run
                    </Typography>
                  ) : r.state === 'stopped' ? (
                    'Stopped'
                  ) : (
                    'Finished'
                  )}
                  {r.state === 'error' && r.error && (
                    <Typography variant="caption" color="text.secondary" component="div" sx={{ maxWidth: 360 }}>
                      {r.error}
                    </Typography>
                  )}
                  {(r.state === 'stopped' || r.state === 'error') && <NotRun run={r} />}
                </TableCell>
                <TableCell>
                  <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap', rowGap: 0.5 }}>
                    {r.state === 'error' && !Object.values(r.summary).some((n) => n > 0) ? (
                      <Typography variant="body2" color="text.secondary">
                        No case ran
                      </Typography>
                    ) : (
                      <SummaryChips summary={r.summary} />
                    )}
                  </Stack>
                </TableCell>
                <TableCell align="right">
                  {r.wallMs !== undefined && r.finishedAt ? formatDuration(r.wallMs) : r.finishedAt ? formatDuration(Date.parse(r.finishedAt) - Date.parse(r.startedAt)) : '—'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Paper>
  );
}

/** How many of a stopped run's cases (or one that could not be carried out) it left out, when its plan is known. */
function NotRun({ run }: { run: RunListItem }) {
  if (run.planned === undefined) return null;
  const ended = Object.values(run.summary).reduce((a, b) => a + b, 0);
  const left = run.planned - ended;
  if (left <= 0) return null;
  return (
    <Typography variant="caption" color="text.secondary" component="div">
      {left} of {run.planned} cases not run
    </Typography>
  );
}
