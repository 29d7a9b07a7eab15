// The note under an accepted request's answer that says what came of it (kit/followUp.ts): what came and
// when, what is awaited and since when, or what never came; greyed and said as last known while the link
// to the bench is down, as the progress steppers do.
import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { formatWhen } from '../../../components/format';
import { formatDuration } from '../../../../../shared/format/time';
import { answeredAt, type Asked, type FollowUp } from './followUp';

export interface FollowUpWords<T> {
  /** What came (oldest first). */
  came: (items: T[], asked: Asked) => ReactNode;
  /** What is awaited, and since when. */
  waiting: (asked: Asked) => ReactNode;
  /** What never came: `at` is the end of the wait, or the charger's last contact when it went offline. */
  missing: (why: 'timeout' | 'offline', at: string, asked: Asked) => ReactNode;
}

/** "2 s after the answer", "before the answer" (a charger may send it before answering). */
export function sinceAnswer(at: string, asked: Asked): string {
  const ms = Date.parse(at) - Date.parse(answeredAt(asked));
  return ms < 0 ? 'before the answer' : `${formatDuration(ms)} after the answer`;
}

export function FollowUpNote<T>({ label, state, words }: { label: string; state: FollowUp<T> | null; words: FollowUpWords<T> }) {
  if (!state) return null;
  const stale = state.kind === 'waiting' && state.lastKnown;
  const severity = state.kind === 'came' ? 'success' : state.kind === 'missing' ? 'warning' : 'info';
  let text: ReactNode;
  if (state.kind === 'reading') text = 'Reading the request back from the bench’s record…';
  else if (state.kind === 'came') text = words.came(state.items, state.asked);
  else if (state.kind === 'missing') text = words.missing(state.why, state.at, state.asked);
  else
    text = (
      <>
        {state.lastKnown && `Last known (${state.lastKnown.why}${state.lastKnown.contact ? `, last contact ${formatWhen(state.lastKnown.contact)}` : ''}). `}
        {words.waiting(state.asked)}
      </>
    );
  return (
    <Box role="group" aria-label={label} data-stale={stale || undefined}>
      <Alert severity={severity} variant="outlined" role="status" aria-live="polite" sx={stale ? { opacity: 0.6, filter: 'grayscale(1)' } : undefined}>
        {text}
      </Alert>
    </Box>
  );
}
