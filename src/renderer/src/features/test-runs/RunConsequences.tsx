// What a run of the cases picked does to the charger, in words (the start form and its confirmation): each
// consequence comes from what the picked cases do (the case catalogue's effects), with how many do it.
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { runConsequences, type RunConsequences } from '../../../../shared/api/case-effects';
import type { CaseInfo, RunResult, Verdict } from '../../../../shared/api/test-runs';

export type Choice = 'all' | 'profile' | 'pick' | 'rerun';

const problem: Verdict[] = ['fail', 'error', 'inconclusive'];

/** The ids of the cases a run started with this choice runs; null while not known (the earlier run of a re-run not read yet). */
export function casesToRun(choice: Choice, cases: CaseInfo[], profile: string, picked: string[], earlier: RunResult | null): string[] | null {
  const runnable = cases.filter((c) => !c.notSupported);
  if (choice === 'all') return runnable.map((c) => c.id);
  if (choice === 'profile') return runnable.filter((c) => c.profile === profile).map((c) => c.id);
  if (choice === 'pick') return picked;
  return earlier ? earlier.cases.filter((c) => problem.includes(c.verdict)).map((c) => c.id) : null;
}

/** What running these cases does (a case the catalogue does not describe counts as doing everything). */
export function consequencesOf(cases: CaseInfo[] | null, ids: string[] | null): RunConsequences {
  const byId = new Map((cases ?? []).map((c) => [c.id, c]));
  return runConsequences((ids ?? [null]).map((id) => (id ? (byId.get(id)?.effects ?? undefined) : undefined)));
}

/** The consequences as list items (inside a <ul>). */
export function ConsequenceItems({ said, body }: { said: RunConsequences; body?: boolean }) {
  return said.lines.map((line) =>
    body ? (
      <Typography component="li" variant="body2" key={line}>
        {line}
      </Typography>
    ) : (
      <li key={line}>{line}</li>
    ),
  );
}

/** What the form says of the person at the charger: who must be there and for what, or that nobody is needed. */
export function OperatorWords({ said, virtual }: { said: RunConsequences; virtual: boolean }) {
  const text = !said.operator
    ? virtual
      ? 'No case asks anything of the person at the charger. A virtual charger’s waits (heartbeats, reboots, timeouts) take real time here; on the command line, chargebench test --virtual runs the same cases on a fake clock in seconds.'
      : 'No case asks anything of the person at the charger.'
    : virtual
      ? `A virtual charger’s operator steps (${said.operator}${said.operatorIn ? `, ${said.operatorIn}` : ''}) are done for you. Its waits (heartbeats, reboots, timeouts) take real time here, so a whole profile takes minutes; on the command line, chargebench test --virtual runs the same cases on a fake clock in seconds.`
      : `Someone must stay at the charger: the bench asks them to ${said.operator}${said.operatorIn ? ` (${said.operatorIn})` : ''}, and each request times out.`;
  return (
    <Box>
      <Typography variant="body2" sx={{ mt: 0.5 }}>
        {text}
      </Typography>
    </Box>
  );
}
