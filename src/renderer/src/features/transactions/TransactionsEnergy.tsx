// The Energy cell of the Transactions list: a finished session's delivered energy, a running one's so far
// (from the live readings, else asked of the bench's record), one closed in the record its last reading's.
// While the record is being asked the cell says so ("Loading…"), never "—" nor "no reading yet": those only
// once the record answered with none; when it could not be read, "not known", with why.
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useReach } from '../../components/reach';
import { unconfirmedSince, useSessionCharger } from '../../components/UnconfirmedSession';
import { mayStillRunOf, mayStillRunWords } from './mayStillRun';
import { formatEnergy } from '../../components/format';
import { CellWords } from './cellWords';
import type { TransactionView } from '../../../../shared/api/views';
import type { StrayStopSeen } from '../../../../shared/api/session-state';

/** What the cell needs of a list row. */
export interface EnergyRow extends TransactionView {
  /** Wh: delivered once stopped, so far while running. */
  energy: number | null;
  /** Running: why its newest reading gives no energy (the meter went backwards), in words; else null. */
  energyWarning: string | null;
  /** No energy from the live readings: the bench's record is still being asked for it. */
  energyPending: boolean;
  /** No energy from the live readings: why the bench's record could not give it; null when it answered (or was not asked). */
  energyUnread: string | null;
  /** Closed in the record (no meter stop): its energy is its last reading's, as on its page. */
  closedInRecord: boolean;
  /** A stray StopTransaction its charger sent after it started (shared/api/stray-stop): with a reboot since, not confirmed. */
  unknownStop?: StrayStopSeen;
}

/** The cell: `notRunning` is why a session held open is not running, in words (null when it is). */
export function EnergyCell({ row, notRunning }: { row: EnergyRow; notRunning: string | null }) {
  if (row.active) return <RunningEnergy row={row} notRunning={notRunning} />;
  if (row.closedInRecord) return <LastReadingEnergy row={row} />;
  return <>{formatEnergy(row.energy)}</>;
}

/** A muted word in the cell, with why in its tooltip: wrapped to a second line where the column is narrow ("no readings" / "recorded"), never cut. */
function Said({ text, title }: { text: string; title: string }) {
  return <CellWords title={title}>{text}</CellWords>;
}

/** Whether the record is still being asked for the energy, or could not give it: then "none" is not known. */
const notYetKnown = (row: EnergyRow) => row.energyPending || row.energyUnread !== null;

/** What the cell says while the record is asked (energyPending), or when it could not be read (energyUnread). */
function NotYetKnown({ row }: { row: EnergyRow }) {
  if (row.energyPending)
    return (
      <CellWords busy title="Asking the bench's record for this session's newest energy reading">
        Loading…
      </CellWords>
    );
  return <Said text="not known" title={`The bench could not give this session's readings: ${row.energyUnread ?? 'no answer'}`} />;
}

/** A session closed in the record: the energy of its last reading, said so (its page says the same). */
function LastReadingEnergy({ row }: { row: EnergyRow }) {
  if (row.energy === null) {
    if (row.energyWarning) return <Said text="meter went backwards" title={row.energyWarning} />;
    if (notYetKnown(row)) return <NotYetKnown row={row} />;
    return <Said text="—" title="Closed in the record with no meter stop, and the record holds no energy reading of this session" />;
  }
  return <EnergyWithWords wh={row.energy} words="at last reading" title="From its last reading: the session was closed in the record, which has no meter stop" />;
}

/** An amount with what it is under it ("so far", "at last reading"), the words under the amount when the column is narrow, never cut. */
function EnergyWithWords({ wh, words, title, warn = false, mark = '' }: { wh: number; words: string; title?: string; warn?: boolean; mark?: '' | '≥ ' }) {
  return (
    <Box component="span" sx={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-end', lineHeight: 1.2, whiteSpace: 'normal' }} title={title}>
      <span>{`${mark}${formatEnergy(wh)}`}</span>
      <Typography component="span" variant="caption" color={warn ? 'warning.main' : 'text.secondary'} sx={{ lineHeight: 1.2 }}>
        {words}
      </Typography>
    </Box>
  );
}

/**
 * A running session's energy in the list: so far, or why there is none. Not confirmed, as of its last reading:
 * one most likely lost there, one that may still run at least that so far (it may run on).
 */
function RunningEnergy({ row, notRunning }: { row: EnergyRow; notRunning: string | null }) {
  // Not live (charger offline or link down): the energy is as of the last contact; not confirmed: as of its last reading.
  const { stale } = useReach(row.chargerId);
  const charger = useSessionCharger(row);
  const notConfirmed = unconfirmedSince(row, charger) !== null && !stale;
  const unconfirmed = notConfirmed || notRunning !== null;
  const mayStillRun = notRunning === null ? mayStillRunOf(notConfirmed, charger) : null;
  if (row.energy === null) {
    if (row.energyWarning) return <Said text="meter went backwards" title={row.energyWarning} />;
    if (notYetKnown(row)) return <NotYetKnown row={row} />;
    // Not running, none will come: the record simply has none.
    return notRunning ? (
      <Said text="no readings recorded" title={`The record holds no energy reading of this session. ${notRunning}`} />
    ) : (
      <Said text="no reading yet" title="The charger has sent no energy reading for this session yet" />
    );
  }
  if (mayStillRun) return <EnergyWithWords wh={row.energy} mark="≥ " words="so far" title={`At least this so far, from its last reading: ${mayStillRunWords(row.connectorId, mayStillRun)}`} warn />;
  return (
    <EnergyWithWords
      wh={row.energy}
      words={stale && !notRunning ? 'at last contact' : unconfirmed ? 'at last reading' : 'so far'}
      title={notRunning ? `At its last reading. ${notRunning}` : unconfirmed ? 'At its last reading: the charger has most likely lost this session' : undefined}
      warn={unconfirmed}
    />
  );
}
