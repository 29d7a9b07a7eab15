// Says when this computer's clock is far off the bench's (serve mode, a browser on another machine): the
// times on screen are the bench's, so a QA engineer comparing them with a watch or another log knows why.
import Typography from '@mui/material/Typography';
import { useBench } from '../stores/bench';
import { skewWords } from '../components/benchClock';

export function ClockSkewNote() {
  const words = useBench((s) => skewWords(s.clockSkewMs));
  if (!words) return null;
  return (
    <Typography variant="caption" component="p" color="text.secondary" role="note" sx={{ mb: 1 }}>
      {words}
    </Typography>
  );
}
