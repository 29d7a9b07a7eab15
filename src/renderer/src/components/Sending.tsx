// What a dialog shows once something that cannot be taken back has been sent and the bench has not answered
// yet: that it is on its way and cannot be withdrawn (the dialog offers no Cancel meanwhile), and, when the
// answer is long in coming (10 s) or the bench stops answering this window, that it has not answered yet and
// what happens when it does.
import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useBench } from '../stores/bench';

/** After this long without an answer, the dialog says the bench has not answered yet. */
export const SLOW_ANSWER_MS = 10_000;

/** True once `pending` has lasted `afterMs`; false again as soon as it ends. */
export function useSlow(pending: boolean, afterMs = SLOW_ANSWER_MS): boolean {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    setSlow(false);
    if (!pending) return;
    const t = setTimeout(() => setSlow(true), afterMs);
    return () => clearTimeout(t);
  }, [pending, afterMs]);
  return slow;
}

export interface SendingWords {
  /** What is being done, as a progressive: "Signing". */
  doing: string;
  /** What happens once the bench answers: "the handover is signed when it does". */
  whenAnswered: string;
}

/** "Signing… sent to the bench; it cannot be withdrawn." with a progress bar, while `pending`. */
export function Sending({ pending, words }: { pending: boolean; words: SendingWords }) {
  const slow = useSlow(pending);
  const link = useBench((s) => s.link);
  if (!pending) return null;
  return (
    <Box sx={{ mt: 2 }}>
      <LinearProgress aria-label={`${words.doing}…`} />
      <Typography role="status" variant="body2" sx={{ mt: 1 }}>
        {words.doing}… sent to the bench; it cannot be withdrawn.
      </Typography>
      {(slow || link !== 'open') && (
        <Alert severity="warning" sx={{ mt: 1 }}>
          The bench has not answered yet: {words.whenAnswered}. This window stays open until it answers.
        </Alert>
      )}
    </Box>
  );
}
