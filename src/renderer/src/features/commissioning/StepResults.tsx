// The steps of a commissioning's plan, each with its verdict (or running, waiting in the run in progress, or
// not run yet), what it measured against what is wanted, what to do when it failed, what it noted (the charger offline during the session),
// the frames behind it, and a button to run it again.
import { useState } from 'react';
import Chip from '@mui/material/Chip';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import ReplayIcon from '@mui/icons-material/Replay';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import CancelIcon from '@mui/icons-material/Cancel';
import { CaseFrames } from '../../components/CaseFrames';
import { formatDuration, isProblem, verdictLabel, VerdictChip } from '../../components/verdicts';
import { monoFont } from '../../app/theme';
import type { CommissioningStep } from '../../../../shared/api/commissioning';
import type { Measurement } from '../../../../shared/api/test-runs';
import { earlierRun, stepState } from './words';
import { asFinal } from '../../../../shared/api/commissioning-final-words';

function Measurements({ list, label }: { list: Measurement[]; label: string }) {
  if (!list.length) return null;
  return (
    <Table size="small" aria-label={label} sx={{ '& td, & th': { py: 0.5, px: 1 } }}>
      <TableHead>
        <TableRow>
          <TableCell>Measured</TableCell>
          <TableCell>Value</TableCell>
          <TableCell>Wanted</TableCell>
          <TableCell sx={{ width: 40 }} />
        </TableRow>
      </TableHead>
      <TableBody>
        {list.map((m, i) => (
          <TableRow key={i} sx={m.ok === false ? { '& td': { color: 'error.main', fontWeight: 600 } } : undefined}>
            <TableCell>{m.label}</TableCell>
            <TableCell sx={{ fontFamily: monoFont, overflowWrap: 'anywhere' }}>{m.value}</TableCell>
            <TableCell sx={{ fontFamily: monoFont, overflowWrap: 'anywhere', color: 'text.secondary' }}>{m.wanted ?? '—'}</TableCell>
            <TableCell>
              {m.ok === true && <CheckCircleIcon fontSize="small" color="success" titleAccess="Within what is wanted" />}
              {m.ok === false && <CancelIcon fontSize="small" color="error" titleAccess="Not what is wanted" />}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function StepResults({
  steps,
  runningStepId,
  queued = null,
  runStartedAt = null,
  runningWhat,
  canRerun,
  onRerun,
  signed = false,
}: {
  steps: CommissioningStep[];
  runningStepId: string | null;
  /** The steps the run in progress was asked to run (null: none runs): only those without a result wait. */
  queued?: string[] | null;
  /** When the run in progress began (null: none runs, or not known): a result from before it is of an earlier run. */
  runStartedAt?: string | null;
  /** What the running step is doing now. */
  runningWhat: string | null;
  /** Why a step cannot be run again now (null: it can). */
  canRerun: string | null;
  onRerun: (stepId: string) => void;
  /** Handed over (the record is final): a step's words no longer advise running it again. */
  signed?: boolean;
}) {
  // Failed steps open by themselves: that is where the installer has work to do.
  const [open, setOpen] = useState<Record<string, boolean>>({});
  return (
    <Box role="list" aria-label="Steps of the plan">
      {steps.map((s) => {
        const state = stepState(s, runningStepId, queued, runStartedAt);
        const r = s.result;
        // A step the run in progress has yet to reach, or is running now, shows its earlier result as the last
        // run's, never as this run's; a result of this run (the last step's, while the run ends) is this run's.
        const earlier = !!r && (state === 'running' || state === 'waiting') && earlierRun(s, runStartedAt);
        const problem = !!r && isProblem(r.verdict) && !earlier;
        // What the step noted for the installer (the charger offline during the session), whatever its verdict;
        // the last run's notes are said as such, and do not open the step.
        const notes = r?.observations.filter((o) => o.note) ?? [];
        const expanded = open[s.id] ?? (problem || (notes.length > 0 && !earlier));
        return (
          <Accordion
            key={s.id}
            role="listitem"
            aria-label={s.title}
            disableGutters
            expanded={expanded}
            onChange={(_e, v) => setOpen((o) => ({ ...o, [s.id]: v }))}
            sx={{ borderLeft: 4, borderColor: problem ? 'error.main' : state === 'pass' ? 'success.main' : state === 'running' ? 'primary.main' : 'divider' }}
          >
            <AccordionSummary expandIcon={<ExpandMoreIcon />} sx={{ '& .MuiAccordionSummary-content': { alignItems: 'center', gap: 1.5, flexWrap: 'wrap', my: 1 } }}>
              <Box sx={{ width: 130 }}>{state === 'notRun' ? <Chip size="small" variant="outlined" label="Not run yet" /> : <VerdictChip state={state} />}</Box>
              <Typography sx={{ fontWeight: 600, flexGrow: 1 }}>{s.title}</Typography>
              {notes.length > 0 && (
                <Typography variant="body2" color={earlier ? 'text.secondary' : 'warning.main'} sx={{ fontWeight: earlier ? undefined : 600 }}>
                  {notes.length === 1 ? '1 note' : `${notes.length} notes`}
                  {earlier ? ' of the last run' : ''}
                </Typography>
              )}
              <Typography variant="body2" color="text.secondary">
                {state === 'running'
                  ? `${runningWhat ?? 'running'}${earlier ? ` · last run: ${verdictLabel[r.verdict]}` : ''}`
                  : earlier
                    ? `last run: ${verdictLabel[r.verdict]}`
                    : r
                      ? `${formatDuration(r.ms)}${s.attempts > 1 ? ` · run ${s.attempts} times` : ''}`
                      : 'not run yet'}
              </Typography>
            </AccordionSummary>
            <AccordionDetails>
              <Stack spacing={2}>
                {earlier && (
                  <Typography variant="body2" color="text.secondary">
                    {state === 'running'
                      ? `Running: this run's result comes when the step ends. Below, the result of the last run (${verdictLabel[r.verdict]}), replaced then.`
                      : `Waiting: this run has not reached the step yet. Below, the result of the last run (${verdictLabel[r.verdict]}), replaced when this run reaches it.`}
                  </Typography>
                )}
                {r && r.title && r.title !== s.title && (
                  <Typography variant="body2" color="text.secondary">
                    Ran as “{r.title}” (what the step was called in the plan when it ran).
                  </Typography>
                )}
                {r?.reason && (
                  <Alert severity={problem ? 'error' : r.verdict === 'pass' ? 'success' : 'info'} variant="outlined">
                    {problem ? <strong>What to do: </strong> : null}
                    {asFinal(signed, r.reason)}
                  </Alert>
                )}
                {notes.map((o, i) => (
                  <Alert key={i} severity={earlier ? 'info' : 'warning'} variant="outlined" aria-label={`Note on ${s.title}`}>
                    <strong>{earlier ? 'Note of the last run: ' : 'Note: '}</strong>
                    {o.text}
                  </Alert>
                ))}
                {r && <Measurements list={r.measurements} label={`Measured in ${s.title}`} />}
                {r && (
                  <Box>
                    <Typography variant="caption" color="text.secondary" component="div">
                      The frames behind it
                    </Typography>
                    <CaseFrames
                      frames={r.frames}
                      highlight={r.steps.find((x) => x.n === r.decidingStep)?.messageIds ?? []}
                      startedAt={r.startedAt}
                      label={`Frames of ${s.title}`}
                      empty="The step exchanged no frame."
                      maxHeight={300}
                    />
                  </Box>
                )}
                {!r && state !== 'running' && (
                  <Typography variant="body2" color="text.secondary">
                    Not run yet.
                  </Typography>
                )}
                <Box>
                  <Button size="small" startIcon={<ReplayIcon />} disabled={!!canRerun} title={canRerun ?? undefined} onClick={() => onRerun(s.id)}>
                    {r ? `Run “${s.title}” again` : `Run “${s.title}”`}
                  </Button>
                </Box>
              </Stack>
            </AccordionDetails>
          </Accordion>
        );
      })}
    </Box>
  );
}
