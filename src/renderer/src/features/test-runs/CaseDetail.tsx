// One case's result: the verdict and why, the step that decided it with what was expected and what
// arrived above that step's frames, every step with its timing, the case's frames (the chosen step's
// highlighted), the decisions the bench took where the document is ambiguous, the observations and what
// could not be put back. A case that began on a charger the case before could not put back says so by its
// verdict (it may have failed because of that), as the reports do; so does a fault switched while it ran. An
// operator step's Passed says on whose word it passed (the person's, or the virtual charger's hands): the
// bench did not check it from frames.
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { monoFont } from '../../app/theme';
import { notPutBackWords, type CaseResult, type FaultSwitched, type StepResult } from '../../../../shared/api/test-runs';
import { SwitchedDuringCase } from './InjectedFaults';
import { CaseFrames } from '../../components/CaseFrames';
import { formatDuration, VerdictChip } from '../../components/verdicts';
import { formatClock, formatDateTime } from '../../components/format';
import { timesInText } from '../../../../shared/format/times-in-text';
import { passedWords } from '../../../../shared/api/operator-word';

const actor: Record<StepResult['by'], string> = { charger: 'Charger', tool: 'Bench', operator: 'Operator', bench: 'Bench' };
/**
 * A step's outcome: Skipped only when the person pressed Skip; Stopped (the run's Stop cut it short), Timed
 * out (nobody acted on the request in time), Not judged (the bench could not judge it: the reason says why).
 */
const stepStatus: Record<StepResult['status'], string> = {
  passed: 'Passed',
  failed: 'Failed',
  skipped: 'Skipped',
  stopped: 'Stopped',
  operatorCouldNot: 'Operator could not',
  timedOut: 'Timed out',
  notJudged: 'Not judged',
  error: 'Error',
};

/** The engine's words with the times they name in the page's local time, as the page writes its other times (with the date off the case's day). */
const localOn = (day: string) => (text: string) => timesInText(text, (iso) => formatClock(iso), { of: day, dated: (iso) => formatDateTime(iso) });

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box component="section" aria-label={title}>
      <Typography variant="subtitle2" component="h3" sx={{ mb: 0.75 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

/** How what arrived reads: a failure (red), no verdict (amber: the case did not finish), or as expected. */
type Tone = 'expected' | 'actual' | 'unfinished';
const toneColour: Record<Tone, string> = { expected: 'success.main', actual: 'error.main', unfinished: 'warning.main' };

function Said({ label, text, tone }: { label: string; text: string; tone: Tone }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Box
        aria-label={label}
        data-tone={tone}
        sx={{
          fontFamily: monoFont,
          fontSize: 13,
          whiteSpace: 'pre-wrap',
          overflowWrap: 'anywhere',
          p: 1,
          borderRadius: 1,
          border: 1,
          borderColor: toneColour[tone],
        }}
      >
        {text}
      </Box>
    </Box>
  );
}

/**
 * The charger was not put back after the case before: this case began with what it left (a reservation still
 * on, a session), and its verdict may owe to that rather than to the charger's behaviour in this case.
 */
function NotPutBack({ result }: { result: CaseResult }) {
  const n = result.notPutBack;
  if (!n) return null;
  const problem = result.verdict === 'fail' || result.verdict === 'error' || result.verdict === 'inconclusive';
  return (
    <Alert severity="warning" variant={problem ? 'filled' : 'standard'} aria-label="Began on a charger not put back">
      <AlertTitle>Began on a charger not put back after {n.after}</AlertTitle>
      {notPutBackWords(n)}
      {problem && ' The verdict stands as recorded: run the case again once that is cleared to know whether the charger itself fails it.'}
    </Alert>
  );
}

/** `virtual`: the run's charger is a built-in virtual one (its hands, not a person, did the operator steps). */
export function CaseDetail({ result, faultsSwitched = [], virtual = false }: { result: CaseResult; faultsSwitched?: FaultSwitched[]; virtual?: boolean }) {
  const deciding = result.steps.find((s) => s.n === result.decidingStep) ?? null;
  const local = localOn(result.startedAt);
  const [chosen, setChosen] = useState<number | null>(null);
  const shown = result.steps.find((s) => s.n === chosen) ?? deciding;
  const severity = result.verdict === 'pass' ? 'success' : result.verdict === 'fail' || result.verdict === 'error' ? 'error' : result.verdict === 'inconclusive' ? 'warning' : 'info';
  const decidingFrames = deciding ? result.frames.filter((f) => f.messageId !== null && deciding.messageIds.includes(f.messageId)) : [];
  // A failure is red; an inconclusive case (stopped, timed out) has no verdict: amber. What was not said (an operator's step) is not shown empty.
  const failed = result.verdict === 'fail' || result.verdict === 'error';
  const said = deciding
    ? (
        [
          ['Expected', deciding.expected && local(deciding.expected), 'expected'],
          ['Actual', deciding.actual && local(deciding.actual), failed ? 'actual' : 'unfinished'],
        ] as const
      ).filter(([, text]) => text !== undefined)
    : [];
  return (
    <Stack spacing={2.5} aria-label={`Case ${result.id}`} component="article">
      <Box>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="h6" component="h2">
            {result.id}
          </Typography>
          <VerdictChip state={result.verdict} size="medium" />
          <Typography variant="body2" color="text.secondary">
            {formatDuration(result.ms)} · section {result.section} · {result.profile}
          </Typography>
        </Stack>
        <Typography variant="body1">{result.title}</Typography>
      </Box>
      <NotPutBack result={result} />
      <SwitchedDuringCase switched={faultsSwitched} />
      {result.reason && (
        <Alert severity={severity} variant="outlined">
          {local(result.reason)}
        </Alert>
      )}

      {deciding && (
        <Paper
          sx={{ p: 2, borderColor: failed ? 'error.main' : result.verdict === 'inconclusive' ? 'warning.main' : undefined }}
          data-tone={failed ? 'failed' : result.verdict === 'inconclusive' ? 'unfinished' : 'other'}
          aria-label="Deciding step"
          component="section"
        >
          <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
            Deciding step {deciding.n}: {deciding.title}
          </Typography>
          {/* What was expected beside what arrived; the step's frames below at the box's full width, each payload on one line (whole on hover, its JSON on a click), as in the case's frames. */}
          <Stack spacing={1.5}>
            {said.length > 0 ? (
              <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: `repeat(${said.length}, minmax(0, 1fr))` }, gap: 2 }}>
                {said.map(([label, text, tone]) => (
                  <Said key={label} label={label} text={text!} tone={tone} />
                ))}
              </Box>
            ) : (
              <Typography variant="body2" color="text.secondary">
                {deciding.by === 'operator' ? 'A request to the person at the charger: nothing to compare.' : 'Nothing was expected or received in this step.'}
              </Typography>
            )}
            <Box sx={{ minWidth: 0 }}>
              <Typography variant="caption" color="text.secondary" component="div">
                Its frames
              </Typography>
              <CaseFrames
                frames={decidingFrames}
                highlight={deciding.messageIds}
                startedAt={result.startedAt}
                since="the case started"
                label={`Frames of step ${deciding.n}`}
                empty="No frame arrived for this step."
                maxHeight={240}
              />
            </Box>
          </Stack>
        </Paper>
      )}

      {result.steps.length > 0 && (
        <Section title="Steps">
          <Table size="small" aria-label={`Steps of ${result.id}`} sx={{ '& td, & th': { py: 0.5, px: 1 } }}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 32 }}>#</TableCell>
                <TableCell sx={{ width: 80 }}>By</TableCell>
                <TableCell>Step</TableCell>
                <TableCell sx={{ width: 120 }}>Outcome</TableCell>
                <TableCell sx={{ width: 80 }} align="right">
                  Took
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {result.steps.map((s) => (
                <TableRow
                  key={s.n}
                  hover
                  selected={shown?.n === s.n}
                  onClick={() => setChosen(s.n)}
                  sx={{ cursor: 'pointer', '& td': s.status === 'failed' || s.status === 'error' ? { color: failed ? 'error.main' : 'warning.dark', fontWeight: 600 } : undefined }}
                >
                  <TableCell>{s.n}</TableCell>
                  <TableCell>{actor[s.by]}</TableCell>
                  <TableCell>{s.title}</TableCell>
                  <TableCell>{passedWords(s, virtual, stepStatus[s.status])}</TableCell>
                  <TableCell align="right">{formatDuration(s.ms)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Section>
      )}

      <Section title={shown ? `Frames (step ${shown.n}'s highlighted)` : 'Frames'}>
        <CaseFrames
          frames={result.frames}
          highlight={shown?.messageIds ?? []}
          startedAt={result.startedAt}
          since="the case started"
          label={`Frames of ${result.id}`}
          empty="The case exchanged no frame."
          maxHeight={420}
        />
      </Section>

      {result.decisions.length > 0 && (
        <Section title="Decisions taken">
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {result.decisions.map((d, i) => (
              <Typography component="li" variant="body2" key={i}>
                {d}
              </Typography>
            ))}
          </Box>
        </Section>
      )}
      {result.observations.length > 0 && (
        <Section title="Observations">
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {result.observations.map((o, i) => (
              <Typography component="li" variant="body2" key={i}>
                <Box component="time" dateTime={o.at} sx={{ color: 'text.secondary', mr: 1, fontVariantNumeric: 'tabular-nums' }}>
                  {formatClock(o.at)}
                </Box>
                {local(o.text)}
                {o.messageId && <Chip size="small" variant="outlined" label={o.messageId} sx={{ ml: 1, fontFamily: monoFont, height: 20 }} />}
              </Typography>
            ))}
          </Box>
        </Section>
      )}
      {result.cleanupProblems.length > 0 && <Alert severity="warning">Could not put the charger back afterwards (the next case may be affected): {result.cleanupProblems.join('; ')}</Alert>}
    </Stack>
  );
}
