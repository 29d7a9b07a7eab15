// What stands where a meter chart will be while its readings are being fetched (never "no readings yet"
// before the bench has answered), and the words a reading's place says meanwhile.
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';

/** What a reading's place says while the stored readings are being fetched. */
export const LOADING_READINGS = 'Loading readings…';

/** The chart's place while its readings load: the words, with a progress bar. */
export function MeterLoading({ height, text = LOADING_READINGS, title, 'data-testid': testId }: { height: number; text?: string; title: string; 'data-testid'?: string }) {
  return (
    <Box
      data-testid={testId}
      role="figure"
      aria-label={title}
      aria-busy
      sx={{ height, display: 'grid', placeItems: 'center', alignContent: 'center', gap: 1, border: 1, borderStyle: 'dashed', borderColor: 'divider', borderRadius: 1, px: 2 }}
    >
      <Typography variant="body2" color="text.secondary" sx={{ textAlign: 'center' }}>
        {text}
      </Typography>
      <LinearProgress aria-label={text} sx={{ width: '60%' }} />
    </Box>
  );
}

/** A note under a chart that shows only the readings received live while the earlier ones are still being fetched. */
export function EarlierLoading({ text = 'Loading the earlier readings…' }: { text?: string }) {
  return (
    <Box role="status" aria-busy sx={{ mt: 0.5 }}>
      <Typography variant="caption" color="text.secondary">
        {text}
      </Typography>
      <LinearProgress aria-label={text} sx={{ mt: 0.25 }} />
    </Box>
  );
}
