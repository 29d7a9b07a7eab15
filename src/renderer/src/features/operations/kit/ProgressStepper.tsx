// A step-by-step progress line (download, install; upload) with the charger's last reported status
// in words, for the firmware and diagnostics panels.
import Box from '@mui/material/Box';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';

export interface Progress {
  /** Steps finished. */
  done: number;
  /** The step under way, if any. */
  current: number | null;
  /** The step that failed, if any. */
  failed: number | null;
  /** The status in words. */
  text: string;
}

export function ProgressStepper({ label, steps, progress }: { label: string; steps: readonly string[]; progress: Progress }) {
  return (
    <Box role="group" aria-label={label}>
      <Typography variant="subtitle2" component="h3" gutterBottom>
        {label}
      </Typography>
      <Stepper activeStep={progress.current ?? progress.done} alternativeLabel>
        {steps.map((s, i) => (
          <Step key={s} completed={i < progress.done && progress.failed !== i} active={progress.current === i}>
            <StepLabel
              error={progress.failed === i}
              optional={
                progress.failed === i ? (
                  <Typography variant="caption" color="error">
                    Failed
                  </Typography>
                ) : undefined
              }
            >
              {s}
            </StepLabel>
          </Step>
        ))}
      </Stepper>
      <Typography variant="body2" color={progress.failed !== null ? 'error' : 'text.secondary'} role="status" aria-live="polite" sx={{ mt: 1, textAlign: 'center' }}>
        Last status from the charger: {progress.text}
      </Typography>
    </Box>
  );
}
