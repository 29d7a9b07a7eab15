// The confirmation before a test run starts: the charger (real or built-in virtual), what the run does to it,
// what has changed since an earlier run a re-run repeats, and what the record holds open there now (RunningNow:
// the sessions the run ends, those it leaves as it is, with why). The confirm button says when the run ends
// sessions ("… and end 2 sessions"), and then the focus starts on Cancel (moved there too when a session is
// found running after it opened), so Enter does not end a session by accident.
import { useEffect, useRef } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { aroundTheCases, type RunConsequences } from '../../../../shared/api/case-effects';
import type { RunResult } from '../../../../shared/api/test-runs';
import type { ChargerView } from '../../../../shared/api/views';
import { isRunning, useRunning } from '../../components/running';
import { useBench } from '../../stores/bench';
import { ConsequenceItems } from './RunConsequences';
import { RerunWarnings } from './RerunWarnings';
import { RunningNow } from './RunningNow';

/** The generic "Before the first case, a charging session running on it is ended…": not said when nothing runs there (RunningNow says what does). */
const ENDS_RUNNING = aroundTheCases[0];

export interface StartConfirmProps {
  open: boolean;
  charger: string;
  count: number;
  virtual: boolean;
  boot: ChargerView['boot'] | null;
  said: RunConsequences;
  /** Seconds the person at a real charger has for each request. */
  operatorTimeoutS: string | number;
  from: RunResult | null;
  since: string[];
  onCancel: () => void;
  onStart: () => void;
}

export function StartConfirm(props: StartConfirmProps) {
  return (
    <Dialog open={props.open} onClose={props.onCancel} aria-labelledby="confirm-run-title" maxWidth="sm" fullWidth>
      <ConfirmRunBody {...props} />
    </Dialog>
  );
}

/** The words of the confirm button: "Start the run on CP001", "Start the run on CP001 and end 2 sessions". */
export const startLabel = (charger: string, ends: number): string => `Start the run on ${charger}${ends ? ` and end ${ends === 1 ? 'a session' : `${ends} sessions`}` : ''}`;

/** Mounted only while the dialog is open: what runs is read when it is asked. */
function ConfirmRunBody({ charger, count, virtual, boot, said, operatorTimeoutS, from, since, onCancel, onStart }: StartConfirmProps) {
  const loaded = useBench((s) => s.loaded);
  const ends = useRunning(charger).filter(isRunning).length;
  const lines = loaded && ends === 0 ? said.lines.filter((l) => l !== ENDS_RUNNING) : said.lines;
  // Found running after it opened (the sessions read later): the focus leaves the confirm button.
  const cancel = useRef<HTMLButtonElement>(null);
  const ended = useRef(ends > 0);
  useEffect(() => {
    if (ends > 0 && !ended.current) cancel.current?.focus();
    ended.current = ends > 0;
  }, [ends]);
  return (
    <>
      <DialogTitle id="confirm-run-title">
        Run {count} conformance case{count === 1 ? '' : 's'} on {charger}?
      </DialogTitle>
      <DialogContent>
        <DialogContentText component="div">
          {charger} is {virtual ? 'a built-in virtual charger' : 'a real charger'}
          {boot ? ` (${boot.chargePointVendor} ${boot.chargePointModel})` : ''}. While the run goes on:
          <Box component="ul" sx={{ mt: 1, pl: 2.5 }}>
            <ConsequenceItems said={{ ...said, lines }} />
            {!virtual && said.operator && (
              <li>
                Someone at the charger is asked to {said.operator}
                {said.operatorIn ? ` (${said.operatorIn})` : ''}, with {operatorTimeoutS} s for each request.
              </li>
            )}
          </Box>
        </DialogContentText>
        {from && <RerunWarnings runId={from.id} warnings={since} sx={{ mt: 2 }} />}
        <RunningNow chargerId={charger} />
      </DialogContent>
      <DialogActions>
        <Button ref={cancel} onClick={onCancel} autoFocus={ends > 0}>
          Cancel
        </Button>
        <Button variant="contained" color="warning" autoFocus={ends === 0} onClick={onStart}>
          {startLabel(charger, ends)}
        </Button>
      </DialogActions>
    </>
  );
}
