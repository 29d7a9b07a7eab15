// Two runs side by side (/test-runs/compare?a=&b=), e.g. the same charger on firmware A and firmware B:
// which verdicts changed (worse, better, not concluded, or otherwise: see movement) from the earlier run (A, the baseline) to the later
// (B) whatever order they were picked in, each with its reason, and the cases only one run has (not
// counted as changes). Swap makes the later run the baseline.
import { useMemo, useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useClient } from '../../api/context';
import { useLoad } from '../../components/useCall';
import { formatTime, zoneLabel } from '../../components/format';
import { paths } from '../../app/routes';
import { faultsDuringRun, firmwareWords, wallTimes, type CaseResult, type RunResult } from '../../../../shared/api/test-runs';
import { movement, SummaryChips, VerdictChip } from '../../components/verdicts';
import { notRunWhy, RunEndChip } from './RunParts';

interface Compared {
  id: string;
  title: string;
  a: CaseResult | null;
  b: CaseResult | null;
  /** From A to B; `onlyOne`: the case is in one of the runs only (no verdict to compare). */
  move: ReturnType<typeof movement> | 'onlyOne';
}

export function compareRuns(a: RunResult, b: RunResult): Compared[] {
  const byA = new Map(a.cases.map((c) => [c.id, c]));
  const byB = new Map(b.cases.map((c) => [c.id, c]));
  const ids = [...new Set([...byA.keys(), ...byB.keys()])];
  return ids.map((id) => {
    const ca = byA.get(id) ?? null;
    const cb = byB.get(id) ?? null;
    return { id, title: (ca ?? cb)!.title, a: ca, b: cb, move: ca && cb ? movement(ca.verdict, cb.verdict) : 'onlyOne' };
  });
}

/**
 * A run's injected faults in words: a built-in virtual charger's fault switches on during it ("none"); a
 * charger that is not the bench's own has none; a virtual run kept before they were recorded is not known.
 */
export function faultsWords(run: RunResult): string {
  if (!run.faults) return run.virtual ? 'not recorded' : 'none';
  return faultsDuringRun(run).join(', ') || 'none';
}

/**
 * What the two runs ran with that differs (the charger, its vendor, model, serial and firmware at the start,
 * fault switches injected into a virtual charger, test data, what was declared or read of the charger, the
 * bench's version), in words: a verdict that changed may owe it to
 * these rather than to the charger.
 */
export function runDifferences(a: RunResult, b: RunResult): string[] {
  const out: string[] = [];
  // The charger itself: which one, what it reported itself as, and the firmware each run started on.
  if (a.chargerId !== b.chargerId) out.push(`Charger: ${a.chargerId} in A, ${b.chargerId} in B`);
  const identity = { vendor: 'Vendor', model: 'Model', serial: 'Serial number', firmware: 'Firmware at the start' } as const;
  for (const [k, label] of Object.entries(identity) as Array<[keyof typeof identity, string]>)
    if (a.charger[k] !== b.charger[k]) out.push(`${label}: ${a.charger[k] ?? 'not known'} in A, ${b.charger[k] ?? 'not known'} in B`);
  if (faultsWords(a) !== faultsWords(b)) out.push(`Faults injected: ${faultsWords(a)} in A, ${faultsWords(b)} in B`);
  const keys = [...new Set([...Object.keys(a.data), ...Object.keys(b.data)])] as Array<keyof RunResult['data']>;
  for (const k of keys) if (JSON.stringify(a.data[k]) !== JSON.stringify(b.data[k])) out.push(`Test data ${k}: ${String(a.data[k] ?? '—')} in A, ${String(b.data[k] ?? '—')} in B`);
  const has = { fixedCable: 'Fixed cable', connectorLock: 'Connector lock', reader: 'Card reader', backupPower: 'Back-up power' } as const;
  if (a.pics && b.pics) {
    for (const [k, label] of Object.entries(has) as Array<[keyof typeof has, string]>)
      if (a.pics[k] !== b.pics[k]) out.push(`${label}: ${a.pics[k] ? 'yes' : 'no'} in A, ${b.pics[k] ? 'yes' : 'no'} in B`);
    const profiles = (r: RunResult) => `${r.pics!.profiles.join(', ') || 'none'}${r.pics!.profilesFrom ? ` (${r.pics!.profilesFrom})` : ''}`;
    if (profiles(a) !== profiles(b)) out.push(`Feature profiles: ${profiles(a)} in A, ${profiles(b)} in B`);
  } else if (!a.pics !== !b.pics) out.push(`What the charger has: ${a.pics ? 'read' : 'never read'} in A, ${b.pics ? 'read' : 'never read'} in B`);
  if (a.benchVersion !== b.benchVersion) out.push(`Bench version: ${a.benchVersion} in A, ${b.benchVersion} in B`);
  return out;
}

const moveLabel = { worse: 'Worse', better: 'Better', notConcluded: 'Not concluded', changed: 'Changed', same: '', onlyOne: 'One run only' } as const;
/** A row's change, in words, for its accessible name ("TC_001_CS in one run only"). */
const moveWords = { worse: 'worse', better: 'better', notConcluded: 'not concluded', changed: 'changed', same: 'same verdict', onlyOne: 'in one run only' } as const;
const moveColour = { worse: 'error', better: 'success', notConcluded: 'warning', changed: 'info', same: 'default', onlyOne: 'default' } as const;

/** How many of the cases a run was started with have no verdict (a stopped run's, one that could not run, one still running). */
export const notRunOf = (run: RunResult): number => Math.max(0, (run.planned?.length ?? run.cases.length) - run.cases.length);

/** The Change column's chip, whole: it wraps in the narrow column, and its tooltip says it in full. */
function MoveChip({ r }: { r: Compared }) {
  if (r.move === 'same') return null;
  const full =
    r.move === 'onlyOne'
      ? `Only in run ${r.a ? 'A' : 'B'}: the case is not in run ${r.a ? 'B' : 'A'}, so there is no verdict to compare`
      : r.move === 'notConcluded'
        ? 'Not concluded in B: inconclusive, so nothing was verified the second time (not better)'
        : `${moveLabel[r.move]} from A to B`;
  return (
    <Tooltip title={full}>
      <Chip
        size="small"
        variant="outlined"
        color={moveColour[r.move]}
        label={r.move === 'onlyOne' ? `${moveLabel.onlyOne} (${r.a ? 'A' : 'B'})` : moveLabel[r.move]}
        aria-label={full}
        sx={{ height: 'auto', maxWidth: '100%', '& .MuiChip-label': { whiteSpace: 'normal', overflowWrap: 'anywhere', py: 0.25 } }}
      />
    </Tooltip>
  );
}

function RunHead({ label, run, role }: { label: string; run: RunResult; role: string }) {
  return (
    <Paper sx={{ p: 2, flex: 1, minWidth: 0 }} component="section" aria-label={`Run ${label}`}>
      <Typography variant="overline" color="text.secondary">
        Run {label} · {role}
      </Typography>
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
        <Link component={RouterLink} to={paths.testRun(run.id)}>
          {run.chargerId}, {formatTime(wallTimes(run).started)} ({zoneLabel(Date.parse(wallTimes(run).started))})
        </Link>
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {[run.charger.vendor, run.charger.model].filter(Boolean).join(' ') || 'Unknown charger'} · firmware {firmwareWords(run)}
        {run.virtual ? ' · virtual' : ''}
      </Typography>
      {faultsDuringRun(run).length > 0 && (
        <Typography variant="body2" color="warning.dark" sx={{ mb: 1, fontWeight: 600 }} aria-label={`Faults injected in run ${label}`}>
          Faults injected: {faultsDuringRun(run).join(', ')}
        </Typography>
      )}
      <Stack direction="row" spacing={0.5} sx={{ flexWrap: 'wrap', rowGap: 0.5, alignItems: 'center' }} aria-label={`How run ${label} ended`}>
        {run.state === 'running' ? <Chip size="small" variant="outlined" color="info" label="Still running" /> : <RunEndChip state={run.state} />}
        <SummaryChips summary={run.summary} />
        {notRunOf(run) > 0 && <Chip size="small" variant="outlined" label={`${notRunOf(run)} not run (${run.state === 'running' ? 'not come to yet' : notRunWhy(run)})`} />}
      </Stack>
    </Paper>
  );
}

function Verdict({ result, runId, label }: { result: CaseResult | null; runId: string; label: string }) {
  if (!result)
    return (
      <Typography variant="body2" color="text.secondary">
        Not in this run
      </Typography>
    );
  return (
    <Box>
      <Link component={RouterLink} to={paths.testRun(runId, result.id)} underline="none" aria-label={`${result.id} in run ${label}`}>
        <VerdictChip state={result.verdict} />
      </Link>
      {result.reason && result.verdict !== 'pass' && (
        <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 0.5, overflowWrap: 'anywhere' }}>
          {result.reason}
        </Typography>
      )}
    </Box>
  );
}

export function CompareScreen() {
  const [search] = useSearchParams();
  const idA = search.get('a') ?? '';
  const idB = search.get('b') ?? '';
  // Other runs (back or forward to another comparison, on the same screen) start over: not swapped, only changes.
  return <CompareRuns key={`${idA}|${idB}`} idA={idA} idB={idB} />;
}

function CompareRuns({ idA, idB }: { idA: string; idB: string }) {
  const client = useClient();
  const { data, error } = useLoad(() => Promise.all([client.call('tests:get', { runId: idA }), client.call('tests:get', { runId: idB })]), [client, idA, idB]);
  const [swapped, setSwapped] = useState(false);
  // The earlier run is the baseline (A), whichever was picked first: a later firmware that fails more reads as worse.
  const ordered = useMemo(() => {
    if (!data) return null;
    const [x, y] = Date.parse(wallTimes(data[0]).started) <= Date.parse(wallTimes(data[1]).started) ? data : [data[1], data[0]];
    return swapped ? [y, x] : [x, y];
  }, [data, swapped]);
  const rows = useMemo(() => (ordered ? compareRuns(ordered[0], ordered[1]) : []), [ordered]);
  const changed = rows.filter((r) => r.move !== 'same' && r.move !== 'onlyOne');
  const onlyOne = rows.filter((r) => r.move === 'onlyOne').length;
  const [onlyChanges, setOnlyChanges] = useState(true);
  const differences = useMemo(() => (ordered ? runDifferences(ordered[0], ordered[1]) : []), [ordered]);

  if (error) return <Alert severity="error">{error}</Alert>;
  if (!ordered) return <LinearProgress aria-label="Loading the runs" />;
  const [a, b] = ordered;
  const shown = onlyChanges && changed.length ? changed : rows;
  const count = (m: Compared['move']) => changed.filter((r) => r.move === m).length;

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box>
        <Link component={RouterLink} to={paths.testRuns()} variant="body2">
          ← Test runs
        </Link>
        <Typography variant="h5" component="h1">
          Compare two runs
        </Typography>
        <Typography variant="body2" color="text.secondary" aria-live="polite">
          From A ({swapped ? 'the later run' : 'the earlier run'}) to B:{' '}
          {changed.length
            ? `${changed.length} verdict${changed.length === 1 ? '' : 's'} changed: ${count('worse')} worse, ${count('better')} better${count('notConcluded') ? `, ${count('notConcluded')} not concluded` : ''}${count('changed') ? `, ${count('changed')} otherwise` : ''}, of ${rows.length - onlyOne} cases in both runs.`
            : `no verdict changed (${rows.length - onlyOne} cases in both runs).`}
          {onlyOne > 0 && ` ${onlyOne} case${onlyOne === 1 ? ' is' : 's are'} in one run only.`}
        </Typography>
      </Box>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <RunHead label="A" run={a} role={swapped ? 'the later run' : 'the earlier run, the baseline'} />
        <RunHead label="B" run={b} role={swapped ? 'the earlier run' : 'the later run'} />
      </Stack>
      {differences.length > 0 && (
        <Alert severity="warning" aria-label="What the runs ran with">
          The two runs did not run with the same settings: a verdict that changed may be down to these, not the charger.
          <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 2.5 }}>
            {differences.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </Box>
        </Alert>
      )}
      <Box>
        <Button size="small" startIcon={<SwapHorizIcon />} onClick={() => setSwapped((v) => !v)}>
          {swapped ? 'Back to the earlier run as A' : 'Swap: the later run as A'}
        </Button>
      </Box>
      <Paper sx={{ p: 2 }}>
        <FormControlLabel
          control={<Switch checked={onlyChanges && changed.length > 0} onChange={(e) => setOnlyChanges(e.target.checked)} disabled={!changed.length} />}
          label={changed.length ? 'Only the cases whose verdict changed' : 'Only the cases whose verdict changed (none did: every case is shown)'}
        />
        <Table size="small" aria-label="Verdicts side by side" sx={{ tableLayout: 'fixed' }}>
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: '28%' }}>Case</TableCell>
              <TableCell sx={{ width: '31%' }}>Run A</TableCell>
              <TableCell sx={{ width: '31%' }}>Run B</TableCell>
              <TableCell sx={{ width: '10%' }}>Change</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map((r) => (
              <TableRow key={r.id} aria-label={`${r.id} ${moveWords[r.move]}`}>
                <TableCell>
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>
                    {r.id}
                  </Typography>
                  <Typography variant="caption" color="text.secondary">
                    {r.title}
                  </Typography>
                </TableCell>
                <TableCell>
                  <Verdict result={r.a} runId={a.id} label="A" />
                </TableCell>
                <TableCell>
                  <Verdict result={r.b} runId={b.id} label="B" />
                </TableCell>
                <TableCell>
                  <MoveChip r={r} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>
    </Box>
  );
}
