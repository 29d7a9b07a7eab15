// The configuration baseline as a diff: each key of the plan with the value wanted, the value before the
// run, the value now (read at the end of the latest run, after its last step), and the charger's answer to
// the change (from the baseline step's findings). The value at the end decides a key's chip: one the
// charger accepted that is not at its wanted value at the end (the bench's boot answer set the heartbeat
// interval back at the reset) is red, as the step and the report say.
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { monoFont } from '../../app/theme';
import { configNotReadWords, type CommissioningView } from '../../../../shared/api/commissioning';
import { formatWhen } from '../../components/format';

export interface DiffRow {
  key: string;
  wanted: string;
  was: string | null;
  now: string | null;
  /** Accepted, RebootRequired, Rejected, NotSupported, read-only, already set; null: not known. */
  answer: string | null;
  /** At its wanted value at the end (false also where the charger refused it); null: not known yet. */
  ok: boolean | null;
  /** The charger took the value, but the key is not at it at the end (changed after the baseline step). */
  notKept: boolean;
}

/**
 * The rows of the diff: the baseline's keys, with the answers the baseline step measured ("was 60, now 300
 * (Accepted)"); a key is ok only when it is at its wanted value in the configuration read at the end.
 */
export function diffRows(view: Pick<CommissioningView, 'template' | 'configBefore' | 'configAfter' | 'configAtEndProblem' | 'steps'>): DiffRow[] {
  const baseline = view.steps.find((s) => /BASELINE/i.test(s.id))?.result ?? null;
  return Object.entries(view.template.keys).map(([key, wanted]) => {
    const m = baseline?.measurements.find((x) => x.label === key);
    const answer = m ? (/\(([^()]*)\)\s*$/.exec(m.value)?.[1] ?? null) : null;
    const now = view.configAfter ? (view.configAfter[key] ?? null) : null;
    // Not read at the end of the last run: the values are older and judge nothing.
    const atEnd = view.configAfter && !view.configAtEndProblem ? now === wanted : null;
    // The bench judged the key by the end already ("was 15, read back 300, now 15 at the end (Accepted)").
    const judgedAtEnd = !!m && / at the end \([^()]*\)\s*$/.test(m.value);
    // A key the charger refused stays red; a key it took counts as what it is at the end.
    const ok = !m ? atEnd : m.ok === false && !judgedAtEnd ? false : (atEnd ?? m.ok);
    const notKept = !!m && atEnd === false && (m.ok === true || judgedAtEnd);
    return { key, wanted, was: view.configBefore ? (view.configBefore[key] ?? null) : null, now, answer, ok, notKept };
  });
}

/** What the baseline step did with a key not kept: set it, or (at its wanted value at the start) sent nothing. */
const notKeptTitle = (r: DiffRow) => (r.answer === 'already set' ? `It was ${r.wanted} at the start (nothing sent)` : `The charger took ${r.wanted}`);

export function ConfigDiff({ view }: { view: CommissioningView }) {
  const rows = diffRows(view);
  return (
    <Box component="section" aria-label="Configuration diff">
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1 }}>
        Configuration baseline ({view.template.name})
      </Typography>
      {!rows.length ? (
        <Typography variant="body2" color="text.secondary">
          The plan sets no key.
        </Typography>
      ) : (
        <TableContainer sx={{ border: 1, borderColor: 'divider', borderRadius: 1 }}>
          <Table size="small" aria-label="Configuration diff">
            <TableHead>
              <TableRow>
                <TableCell>Key</TableCell>
                <TableCell>Wanted</TableCell>
                <TableCell>Was</TableCell>
                <TableCell>Now</TableCell>
                <TableCell>Charger&apos;s answer</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.key} sx={r.ok === false ? { '& td': { color: 'error.main' } } : undefined}>
                  <TableCell sx={{ fontFamily: monoFont }}>{r.key}</TableCell>
                  <TableCell sx={{ fontFamily: monoFont, overflowWrap: 'anywhere' }}>{r.wanted}</TableCell>
                  <TableCell sx={{ fontFamily: monoFont, overflowWrap: 'anywhere' }}>{r.was ?? '—'}</TableCell>
                  <TableCell sx={{ fontFamily: monoFont, overflowWrap: 'anywhere', fontWeight: r.now !== r.was ? 600 : undefined }}>{r.now ?? '—'}</TableCell>
                  <TableCell>
                    {r.answer ? (
                      <Chip
                        size="small"
                        label={r.notKept ? `${r.answer}, then changed` : r.answer}
                        title={r.notKept ? `${notKeptTitle(r)}, but it is ${r.now ?? 'not reported'} at the end of the run: not a pass` : undefined}
                        color={r.ok === false ? 'error' : r.ok ? 'success' : 'default'}
                        variant="outlined"
                      />
                    ) : (
                      '—'
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {!view.configAfter ? (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          Not read back yet: the values now come with the baseline step.
        </Typography>
      ) : view.configAtEndProblem ? (
        <Typography variant="body2" color="warning.main" sx={{ mt: 1 }} role="note">
          {configNotReadWords(view, (at) => formatWhen(at))} Whether the keys were kept is not known.
        </Typography>
      ) : (
        rows.some((r) => r.notKept) && (
          <Typography variant="body2" color="error" sx={{ mt: 1 }} role="note">
            Not kept at the end of the run:{' '}
            {rows
              .filter((r) => r.notKept)
              .map((r) => `${r.key} is ${r.now ?? 'not reported'}, ${r.wanted} wanted`)
              .join('; ')}
            . The value at the end counts: see the baseline step for what to do.
          </Typography>
        )
      )}
    </Box>
  );
}
