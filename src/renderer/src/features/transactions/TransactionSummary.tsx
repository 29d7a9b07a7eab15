// A session's Summary on its page (/transactions/:id): who charged where, when it started and stopped, its
// duration and its energy, each said as what the bench knows of it (running, the last known, not running, or
// not confirmed by its charger, naming the stray StopTransaction the page's banner names as maybe its own).
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';
import { Facts } from '../../components/Facts';
import { ChargerBadges } from '../../components/ChargerBadges';
import { formatAgo, formatClock, formatClockAgo, formatEnergy, formatTime, localiseTimes, localTimeNote } from '../../components/format';
import type { NotRunning } from '../../components/notRunning';
import { useNow } from '../../components/reach';
import { monoFont } from '../../app/theme';
import { paths } from '../../app/routes';
import type { TransactionView } from '../../../../shared/api/views';
import { formatDuration } from './TransactionsTable';
import { durationShort, sessionDuration } from './sessionDuration';
import { blamedStop, energyIfItsStop, unconfirmedStoppedText } from '../../components/unconfirmedMeter';
import type { LastRegister, SeenStop } from '../../../../shared/api/stray-stop';
import { mayStillRunWords } from './mayStillRun';

/** A transaction's energy, or none and why (an impossible reading is flagged, not shown as 0 kWh). */
export type EnergyShown = {
  wh: number | null;
  warning: string | null;
  /** A finished session with no meter stop (closed in the record): the energy is its last reading's. */
  fromReading?: boolean;
  /** When the reading it is from was taken (ms), for one running or from a reading. */
  readAt?: number | null;
};

/**
 * A running session whose charger the bench cannot hear now (offline, or the bench out of reach): what is
 * shown is the last known. `contact`: when it was last heard from (ISO), if known; `readingAt`: the time of
 * the newest reading (ms), if any.
 */
export type LastKnown = { contact: string | null; readingAt: number | null };

/**
 * A running session its charger no longer reports (it rebooted without it): `readingAt`, its newest reading
 * (ms), if any; `rebootAt`, the charger's reboot (ISO) that lost it; `stop`, a stray StopTransaction that came
 * while it was open (the page's banner names it), if any; `lost`: its connector says no session since the boot
 * (session-state's noSessionSinceBoot), else (by the stray stop only) it may still run, its connector reporting
 * `reports` (null or absent: not known); `lastRegister`: its last energy register reading, when known (a stray
 * stop's meterStop below it is most likely not its stop).
 */
export type Unconfirmed = { readingAt: number | null; rebootAt: string | null; stop: SeenStop | null; lost?: boolean; reports?: string | null; lastRegister?: LastRegister | null };

/** Held open in the record but not running (components/running's rule: its connector reports no session, a newer one is open there), and why. */
export type Superseded = NotRunning & { connectorId: number; cause: string; text: string };

export function Summary({
  tx,
  energy,
  lastKnown,
  unconfirmed,
  superseded,
}: {
  tx: TransactionView;
  energy: EnergyShown;
  lastKnown: LastKnown | null;
  unconfirmed: Unconfirmed | null;
  superseded: Superseded | null;
}) {
  // Its own clock (the running duration, "ago"): the tick redraws the summary, not the page's table.
  const now = useNow();
  const start = Date.parse(tx.startTime);
  // The stray stop the banner names as maybe this session's (none with several open when it came).
  const itsStop = tx.active && unconfirmed ? blamedStop(unconfirmed.stop, tx) : null;
  // The one rule the list's Duration reads too (sessionDuration), said in full.
  // Not confirmed, its connector not saying no session since the boot: it may still run (said so, never as lost).
  const mayStillRun = tx.active && !!unconfirmed && !unconfirmed.lost;
  const d = sessionDuration(
    {
      tx,
      notRunning: tx.active ? superseded : null,
      stale: tx.active && !!lastKnown,
      contact: lastKnown?.contact ?? null,
      unconfirmed: tx.active && unconfirmed ? { ...unconfirmed, mayStillRun } : null,
    },
    now,
  );
  const notConfirmed = mayStillRun ? mayStillRunWords(tx.connectorId, { reports: unconfirmed?.reports ?? null }) : 'not confirmed by the charger';
  let duration: string;
  if (!tx.active || d.upTo === null) duration = `${formatDuration(d.ms ?? now - start)}${d.running ? ' so far' : ''}`;
  else if (superseded) duration = d.endAt !== null ? `${durationShort(d)}, up to ${d.upTo} at ${formatClock(d.endAt)}; not running` : `not known: not running since ${d.upTo.replace(/^when /, '')}`;
  else if (lastKnown) duration = d.endAt !== null ? `${durationShort(d)} up to ${d.upTo} at ${formatClock(d.endAt)}; active in the record` : `not known: ${d.upTo}; active in the record`;
  else duration = d.endAt !== null ? `${durationShort(d)} up to ${d.upTo} at ${formatClock(d.endAt)}; ${notConfirmed}` : `not known: ${notConfirmed}`;
  return (
    <Paper component="section" aria-label="Summary" sx={{ p: 2, height: '100%' }}>
      <Typography variant="h6" component="h2" sx={{ mb: 1.5 }}>
        Summary
      </Typography>
      <Facts
        items={[
          [
            'Charger',
            <Stack direction="row" component="span" sx={{ gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
              <Link component={RouterLink} to={paths.charger(tx.chargerId)} sx={{ fontFamily: monoFont }}>
                {tx.chargerId}
              </Link>
              <ChargerBadges chargerId={tx.chargerId} />
            </Stack>,
          ],
          ['Connector', tx.connectorId],
          ['idTag', <span style={{ fontFamily: monoFont }}>{tx.idTag}</span>],
          ['Authorization', tx.authStatus],
          ['Reservation', tx.reservationId === null ? null : `#${tx.reservationId}`],
          ['Started', `${formatTime(tx.startTime)} (${formatAgo(tx.startTime, now)})`],
          [
            'Stopped',
            tx.stopTime
              ? formatTime(tx.stopTime)
              : superseded
                ? `no StopTransaction came; not running: ${superseded.cause}`
                : lastKnown
                  ? 'none recorded up to the last contact'
                  : unconfirmed
                    ? unconfirmedStoppedText(tx, unconfirmed.stop, unconfirmed.rebootAt, formatClock, unconfirmed.lastRegister)
                    : 'still running',
          ],
          ['Duration', duration],
          ['Times', `${localTimeNote()}; exports are in UTC`],
          ['Meter start', `${tx.meterStart.toLocaleString()} Wh`],
          ['Meter stop', tx.meterStop === null ? null : `${tx.meterStop.toLocaleString()} Wh`],
          [
            'Energy',
            <>
              {/* One that may still run: at least its last reading's so far (it may run on). */}
              <strong>
                {mayStillRun && energy.wh !== null ? `≥ ${formatEnergy(energy.wh)} so far` : `${formatEnergy(energy.wh)}${tx.active && !lastKnown && !unconfirmed && !superseded ? ' so far' : ''}`}
              </strong>
              {(unconfirmed || superseded || energy.fromReading) && energy.wh !== null && (
                <Box component="span" data-testid="transaction-energy-last-reading" sx={{ display: 'block', color: 'text.secondary' }}>
                  {energy.readAt === null || energy.readAt === undefined ? 'from its last reading' : `from its last reading, at ${formatClockAgo(energy.readAt, now)}`}
                  {energy.fromReading && !tx.active ? ' (the record has no meter stop)' : ''}
                </Box>
              )}
              {itsStop && energy.wh === null && energyIfItsStop(itsStop, tx, unconfirmed?.lastRegister) !== null && (
                <Box component="span" data-testid="transaction-energy-if-its-stop" sx={{ display: 'block', color: 'text.secondary' }}>
                  {`${formatEnergy(energyIfItsStop(itsStop, tx, unconfirmed?.lastRegister))} if the StopTransaction for unknown transaction ${itsStop.transactionId} is this session's`}
                </Box>
              )}
              {lastKnown && (
                <Box component="span" data-testid="transaction-energy-last-known" sx={{ display: 'block', color: 'text.secondary' }}>
                  {lastKnown.readingAt === null ? 'last known: no reading yet' : `last known, read at ${formatClockAgo(lastKnown.readingAt, now)}`}
                </Box>
              )}
              {energy.warning && (
                <Box component="span" data-testid="transaction-energy-warning" sx={{ display: 'block', color: 'warning.main' }}>
                  {localiseTimes(energy.warning)}
                </Box>
              )}
            </>,
          ],
          ['Stop reason', tx.active ? null : (tx.stopReason ?? 'Local (none given)')],
          ['Stopped by idTag', tx.stopIdTag ? <span style={{ fontFamily: monoFont }}>{tx.stopIdTag}</span> : null],
        ]}
      />
    </Paper>
  );
}
