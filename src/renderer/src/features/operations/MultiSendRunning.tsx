// What runs on one charger as the multi-send confirmation lists it (MultiSendDialog): each transaction the
// record holds open that the operation touches, with its energy so far when it runs; one not running said so,
// and one its charger no longer confirms that may still run (counted as running) said so beside its energy.
// One not confirmed and not counted (its connector says no session since the boot: most likely lost) is
// listed apart, under its own heading, never among what runs and what the operation ends.
import Box from '@mui/material/Box';
import { energyWithTimeText, type RunningTransaction } from './kit/running';
import { isRunning } from '../../components/running';
import { notConfirmedApart, notRunningState } from '../../components/notRunningLabel';

/** "Transaction 41 · connector 1 · TAG · 4.21 kWh, at 12:03:04 (3 min ago)", per transaction; "Nothing charging" for none. */
export function MultiSendRunning({ tx, lastKnown, now }: { tx: readonly RunningTransaction[]; lastKnown: string | null; now: number }) {
  const line = (t: RunningTransaction) => {
    const mark = notRunningState(t, now);
    const state = isRunning(t) ? (mark ? `${energyWithTimeText(t, now)} · ${mark}` : energyWithTimeText(t, now)) : mark;
    return <Box key={t.transactionId}>{`Transaction ${t.transactionId} · connector ${t.connectorId} · ${t.idTag} · ${state}`}</Box>;
  };
  const counted = tx.filter((t) => !notConfirmedApart(t));
  const apart = tx.filter(notConfirmedApart);
  return (
    <>
      {lastKnown !== null && <Box sx={{ color: 'text.secondary' }}>{`Last known (${lastKnown}):`}</Box>}
      {counted.length ? counted.map(line) : 'Nothing charging'}
      {apart.length > 0 && (
        <Box role="group" aria-label="Not confirmed by the charger" sx={{ mt: 0.5, color: 'warning.main' }}>
          <Box sx={{ fontWeight: 500 }}>Not confirmed by the charger (not counted: most likely lost):</Box>
          {apart.map(line)}
        </Box>
      )}
    </>
  );
}
