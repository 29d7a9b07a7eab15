// The results of a send to several chargers (MultiSendDialog), paced (multiSendQueue.ts): the heading
// counts what was sent, what is not sent yet and how each ended; each row says whether it is still queued
// in the dialog, sent and awaited (since when), or how it ended; and the question asked when the dialog is
// closed while some are not sent yet.
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { monoFont } from '../../app/theme';
import { ChargerBadges } from '../../components/ChargerBadges';
import type { OperationResult } from '../../../../shared/api/contract';
import type { Explained } from './kit/meanings';
import { TriggerFollowUp } from './panels/TriggerMessage';
import { pacedHeading, sendStateText, stopQuestion, type MultiRow } from './multiSendQueue';

export function MultiSendResults({ rows, explain, followUp }: { rows: MultiRow[]; explain: (r: MultiRow) => Explained | undefined; followUp: boolean }) {
  return (
    <>
      <Typography variant="body2" color="text.secondary" role="status" aria-live="polite">
        {pacedHeading(rows)}
      </Typography>
      <Table size="small" aria-label="Results per charger">
        <TableHead>
          <TableRow>
            <TableCell>Charger</TableCell>
            <TableCell>Outcome</TableCell>
            <TableCell>Meaning</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((r) => {
            const e = explain(r);
            const waiting = sendStateText(r.send);
            return (
              <TableRow key={r.chargerId} aria-label={`Result of ${r.chargerId}`}>
                <TableCell sx={{ fontFamily: monoFont }}>
                  {r.chargerId} <ChargerBadges chargerId={r.chargerId} compact />
                </TableCell>
                <TableCell>
                  {e ? (
                    <Chip size="small" color={e.tone} label={e.headline} />
                  ) : r.send.state === 'sent' ? (
                    <CircularProgress size={16} aria-label={`Waiting for ${r.chargerId}`} />
                  ) : (
                    <Chip size="small" variant="outlined" label="Queued" />
                  )}
                </TableCell>
                <TableCell>
                  <Typography variant="body2">{e?.meaning ?? waiting ?? ''}</Typography>
                  {followUp && r.result && <TriggerFollowUp chargerId={r.chargerId} result={r.result as OperationResult<'TriggerMessage'>} settledAt={r.settledAt ?? null} />}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
}

/** Asked when Close is pressed while some chargers are not sent yet: keep sending, or stop (nothing more sent) and close. */
export function StopSendingAsk({ queued, inFlight, onKeep, onStop }: { queued: number; inFlight: number; onKeep: () => void; onStop: () => void }) {
  return (
    <Dialog open onClose={onKeep} aria-labelledby="multi-send-stop-title" aria-describedby="multi-send-stop-text">
      <DialogTitle id="multi-send-stop-title">Stop sending?</DialogTitle>
      <DialogContent>
        <DialogContentText id="multi-send-stop-text">{stopQuestion(queued, inFlight)}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onKeep} autoFocus>
          Keep sending
        </Button>
        <Button color="warning" variant="contained" onClick={onStop}>
          Stop sending and close
        </Button>
      </DialogActions>
    </Dialog>
  );
}
