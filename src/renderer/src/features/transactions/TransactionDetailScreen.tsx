// One charging session (/transactions/:id): who charged where and how much, the meter curve over the
// session (live while it runs) and every meter value the charger sent, for evidence. A running session on
// a charger that is offline (or while the bench is out of reach) is shown as the last known: since when,
// its power and energy as of their reading, its duration up to the last contact, and why Stop is disabled.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useClient } from '../../api/context';
import type { BenchClient } from '../../api/client';
import { useBench } from '../../stores/bench';
import { notYet, useLoad } from '../../components/useCall';
import { MeterChart, latestReading, readingText } from '../../components/MeterChart';
import { useGrowingSamples, useMeterSeries } from '../../components/useMeterSeries';
import { formatClockAgo, formatTime, zoneLabel } from '../../components/format';
import { ChargerOfflineNotice, useLastContact } from '../../components/ChargerOfflineNotice';
import { UnconfirmedSession, unconfirmedSince, useSessionCharger } from '../../components/UnconfirmedSession';
import { noSessionSinceBoot } from '../../../../shared/api/session-state';
import { notRunningCause, notRunningText } from '../../components/running';
import { notRunningSessions } from '../../components/notRunning';
import { staleChipSx } from '../../components/StatusChip';
import { useNow } from '../../components/reach';
import { monoFont } from '../../app/theme';
import { paths } from '../../app/routes';
import type { MeterValueView, TransactionView } from '../../../../shared/api/views';
import { energyReadingSoFar, energySoFar, lastReadingAt as lastReadingOf } from '../../../../shared/api/meter';
import { lastRegisterOf } from '../../../../shared/api/stray-stop';
import { TRANSACTION_METER_VALUES } from '../../../../shared/api/contract';
import { expandMeterReadings } from '../../../../shared/api/meter-readings';
import type { StopButtonSlot } from './TransactionsTable';
import { finishedMeterText, meterCardWords, sessionEnds } from './sessionMeter';
import { StoredReadings } from './storedReadings';
import { NotRunningSession } from './NotRunningSession';
import { UnknownStopNote, useUnknownStopDuring } from '../../components/unknownStops';
import { blamedStop, capitalised, maybeItsStopText, noReadingsRecordedText } from '../../components/unconfirmedMeter';
import { Summary, type EnergyShown, type LastKnown, type Superseded, type Unconfirmed } from './TransactionSummary';

const NO_ROWS: MeterValueView[] = [];

/**
 * A meter value's time as exported: ISO 8601 in UTC ("2026-05-12T03:35:31.000Z"), unambiguous in any time
 * zone; a time the charger sent that cannot be read as one is kept as it sent it. The screen shows local time.
 */
const exportedTime = (value: Date | null | undefined, row: Pick<MeterValueView, 'timestamp'>): string =>
  value instanceof Date && Number.isFinite(value.getTime()) ? value.toISOString() : row.timestamp;

/** The meter values CSV's name (the grid adds ".csv"), as the other exports name theirs: chargebench-transaction-12-meter-values. */
const meterValuesFileName = (transactionId: number) => `chargebench-transaction-${transactionId}-meter-values`;

const meterColumns: GridColDef<MeterValueView>[] = [
  {
    field: 'timestamp',
    headerName: 'Time',
    // The cells are local time, the header says which; the CSV export (header "Time") writes UTC.
    renderHeader: () => `Time (${zoneLabel()})`,
    minWidth: 180,
    flex: 1,
    type: 'dateTime',
    valueGetter: (v: string) => new Date(v),
    // What the CSV export writes; the cell shows local time.
    valueFormatter: (value: Date | null, row) => exportedTime(value, row),
    renderCell: ({ row }) => formatTime(row.timestamp),
  },
  { field: 'measurand', headerName: 'Measurand', minWidth: 200, flex: 1.3 },
  { field: 'phase', headerName: 'Phase', width: 80 },
  { field: 'location', headerName: 'Location', width: 100 },
  { field: 'value', headerName: 'Value', minWidth: 110, flex: 0.7, align: 'right', headerAlign: 'right', renderCell: ({ value }) => <span style={{ fontFamily: monoFont }}>{value}</span> },
  { field: 'unit', headerName: 'Unit', width: 80 },
  { field: 'context', headerName: 'Context', minWidth: 150, flex: 0.9 },
  { field: 'format', headerName: 'Format', width: 100 },
];

/** When the last known reading was taken, beside it: "at 15:35:31 (5 min ago)", kept true as time passes. */
function ReadAt({ t }: { t: number }) {
  const now = useNow();
  return (
    <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
      at {formatClockAgo(t, now)}
    </Typography>
  );
}

/**
 * Up to this many rows the table takes each live reading as it comes. A bigger table is redrawn with the
 * readings that arrived only when asked: the grid rebuilds every row at each change (0.3 s of the page's
 * main thread at 72,000 rows, a 2-hour session at 1 s), and most of them would land on a page out of sight.
 */
export const LIVE_TABLE_ROWS = 2000;

/**
 * The meter values of one transaction that arrived while the screen is open and that `stored` (the
 * session as last fetched) does not hold; ids are negative (not stored ones). Each arrival is checked
 * once, against the keys of `stored`; a new fetch checks them all again once.
 */
function useFreshMeterRows(transactionId: number, stored: readonly MeterValueView[] | undefined): readonly MeterValueView[] {
  const client = useClient();
  const arrived = useRef<MeterValueView[]>([]);
  const keys = useMemo(() => new StoredReadings(stored), [stored]);
  const fresh = useRef<{ keys: StoredReadings; rows: MeterValueView[] }>({ keys, rows: [] });
  // A new fetch: what arrived is checked against it once (here, so no frame shows a reading twice).
  if (fresh.current.keys !== keys) fresh.current = { keys, rows: arrived.current.filter((v) => !keys.has(v)) };
  const nextId = useRef(-1);
  // Bumped when rows are added, to draw them (the lists grow in place: no copy per reading).
  const [, setCount] = useState(0);
  useEffect(() => {
    arrived.current = [];
    fresh.current = { keys: fresh.current.keys, rows: [] };
    setCount(0);
    if (!Number.isFinite(transactionId)) return;
    return client.subscribe((events) => {
      const { keys: storedKeys, rows } = fresh.current;
      const before = rows.length;
      for (const e of events) {
        if (e.type !== 'meterValues') continue;
        for (const v of e.values) {
          if ((v.transactionId ?? e.transactionId) !== transactionId) continue;
          const row = { ...v, transactionId, id: nextId.current-- };
          arrived.current.push(row);
          if (!storedKeys.has(row)) rows.push(row);
        }
      }
      if (rows.length !== before) setCount((n) => n + 1);
    });
  }, [client, transactionId]);
  return fresh.current.rows;
}

/**
 * The rows of the meter values table: the stored ones and those that arrived since, all of them while
 * the table is small; past LIVE_TABLE_ROWS, those it showed by then or that had arrived when the user
 * last asked. `waiting`: arrived rows not in the table yet.
 */
function useMeterTable(stored: readonly MeterValueView[] | undefined, fresh: readonly MeterValueView[]) {
  // How many arrived rows the user asked for, of this list of them (a new fetch, or another session, starts over).
  const [asked, setAsked] = useState<{ of: readonly MeterValueView[]; rows: number }>({ of: fresh, rows: 0 });
  const storedRows = stored ?? NO_ROWS;
  const follow = storedRows.length + fresh.length <= LIVE_TABLE_ROWS;
  // Past the limit the table keeps what it showed (it followed up to LIVE_TABLE_ROWS rows), never fewer.
  const followed = Math.max(0, LIVE_TABLE_ROWS - storedRows.length);
  const shown = follow ? fresh.length : Math.min(fresh.length, Math.max(asked.of === fresh ? asked.rows : 0, followed));
  const rows = useMemo(() => (shown ? [...storedRows, ...fresh.slice(0, shown)] : (storedRows as MeterValueView[])), [storedRows, fresh, shown]);
  return { rows, waiting: fresh.length - shown, showAll: () => setAsked({ of: fresh, rows: fresh.length }) };
}

type LoadedSession = TransactionView & { meterValues: MeterValueView[]; meterValuesCapped?: boolean; meterValuesError?: string };

/**
 * The session and its meter values, these in the record's compact form (a twentieth of the bytes of
 * `transactions:get`'s list: 0.85 MB instead of 17.3 MB for 2 hours at 1 s), fetched side by side. Values
 * that cannot be read leave the session shown, with why.
 */
async function fetchSession(client: BenchClient, transactionId: number): Promise<LoadedSession> {
  const [tx, readings] = await Promise.all([
    client.call('transactions:get', { transactionId, meterValues: false }),
    client.call('transactions:meterReadings', { transactionId }).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))),
  ]);
  if (readings instanceof Error) return { ...tx, meterValues: [], meterValuesError: readings.message };
  return { ...tx, meterValues: expandMeterReadings(readings, tx.chargerId, tx.transactionId), meterValuesCapped: readings.capped };
}

export function TransactionDetailScreen({ StopButton }: { StopButton?: StopButtonSlot }) {
  const client = useClient();
  const { id = '' } = useParams();
  const transactionId = /^\d+$/.test(id) ? Number(id) : NaN;
  const activeLive = useBench((s) => s.activeTransactions);
  const running = Number.isFinite(transactionId) ? activeLive[transactionId] : undefined;
  // A session can hold 100,000 meter values: fetch it once, then add the values arriving while it runs
  // to the table and the chart. Fetch again only when it stops (meterStop, stop reason) or when the link
  // comes back (a new snapshot), since events may have been missed meanwhile; not before the first
  // snapshot says whether it runs (opening the page would fetch it two or three times).
  const snapshots = useBench((s) => (s.loaded ? s.snapshots : 0));
  const state = !snapshots ? 'unknown' : running ? 'running' : 'not running';
  const loaded = useLoad(
    () => (!Number.isFinite(transactionId) ? Promise.reject(new Error(`"${id}" is not a transaction id`)) : snapshots ? fetchSession(client, transactionId) : notYet()),
    [client, transactionId, state, snapshots],
  );
  const tx = loaded.data;
  const fresh = useFreshMeterRows(transactionId, tx?.meterValues);
  const table = useMeterTable(tx?.meterValues, fresh);
  const { rows } = table;
  // The chart: the session as fetched and every reading since (the store keeps only a connector's newest).
  const arrived = useGrowingSamples(fresh);
  const samples = useMeterSeries(tx && { chargerId: tx.chargerId, connectorId: tx.connectorId, transactionId: tx.transactionId }, tx?.meterValues, arrived);
  // Whether what the page shows of the charger is live, as the charger's own page tells it.
  const { reach, contact } = useLastContact(tx?.chargerId ?? '');
  const sessionCharger = useSessionCharger(tx);
  // A StopTransaction for a transaction the bench never started, sent on its charger while it was open.
  const unknownStop = useUnknownStopDuring(tx?.chargerId ?? '', tx ?? undefined);
  // A finished session's chart runs from its start (0 Wh) to its stop (meterStop).
  const ends = useMemo(() => (tx ? sessionEnds(tx, tx.meterValuesCapped) : []), [tx]);
  // Held open but not running: its connector reports no session, or a newer one is open there (the rule the list and the charger's card use).
  const chargers = useBench((s) => s.chargers);
  const superseded = useMemo((): Superseded | null => {
    const why = tx?.active ? notRunningSessions([...Object.values(activeLive), tx], chargers).get(tx.transactionId) : undefined;
    if (!tx || !why) return null;
    const t = { ...why, connectorId: tx.connectorId };
    return { ...t, cause: notRunningCause(t) ?? '', text: notRunningText(t) ?? '' };
  }, [tx, activeLive, chargers]);

  if (!tx)
    return (
      <Stack spacing={2} sx={{ maxWidth: 640 }}>
        <Breadcrumbs aria-label="Breadcrumb">
          <Link component={RouterLink} to={paths.transactions()} underline="hover" color="inherit">
            Transactions
          </Link>
          <Typography color="text.primary">#{id}</Typography>
        </Breadcrumbs>
        {loaded.error ? <Alert severity="info">{loaded.error}</Alert> : <Typography color="text.secondary">Loading transaction {id}…</Typography>}
      </Stack>
    );

  const latest = latestReading(samples);
  // Its last energy register reading: a stray stop's meterStop below it is most likely not this session's stop.
  const lastRegister = lastRegisterOf(tx, samples);
  const lastEnergyAt = lastRegister?.at ?? null;
  const reading = energyReadingSoFar(tx, samples);
  const energy: EnergyShown = tx.active
    ? { ...(reading ?? { wh: null, warning: null }), readAt: lastEnergyAt }
    : tx.energyWh === null && tx.meterStop === null && reading?.wh != null
      ? // Closed in the record (no meter stop): the energy its meter values show, said to be from the last reading.
        { wh: reading.wh, warning: tx.warning ?? null, fromReading: true, readAt: lastEnergyAt }
      : { wh: tx.energyWh, warning: tx.warning ?? null };
  // A running session is live only while its charger is heard from; else its last contact is the bench's
  // last word from the charger, or, with the bench out of reach, this window's last word from the bench.
  const lastKnown: LastKnown | null = tx.active && !superseded && reach.stale ? { contact, readingAt: latest?.t ?? null } : null;
  // Lost by its charger (rebooted without it): not running as far as the charger says; Stop would be refused.
  const unconfirmed: Unconfirmed | null =
    !lastKnown && !superseded && unconfirmedSince({ ...tx, unknownStop }, sessionCharger) !== null
      ? {
          readingAt: lastReadingOf(tx, samples),
          rebootAt: sessionCharger.lastBoot ?? null,
          stop: unknownStop,
          lost: noSessionSinceBoot(sessionCharger),
          reports: sessionCharger.connector?.status ?? null,
          lastRegister,
        }
      : null;
  // Not confirmed, its connector saying no session since the boot: said in the past, as its connector card says
  // it; one whose connector reports a session since (by a stray stop only: it may still run) keeps the live words.
  const lost = !!unconfirmed?.lost;
  // The stray stop the Not confirmed banner names as maybe this session's: its Meter card says it too.
  const itsStop = tx.active && unconfirmed ? blamedStop(unconfirmed.stop, tx) : null;
  // More readings can come only while it may run: else its Meter card speaks of what was recorded, in the past.
  const live = tx.active && !superseded && !lost;
  const words = meterCardWords(tx.transactionId, live);
  return (
    <Stack spacing={2}>
      <Breadcrumbs aria-label="Breadcrumb">
        <Link component={RouterLink} to={paths.transactions()} underline="hover" color="inherit">
          Transactions
        </Link>
        <Typography color="text.primary">#{tx.transactionId}</Typography>
      </Breadcrumbs>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1.5 }}>
        <Typography variant="h5" component="h1">
          Transaction #{tx.transactionId}
        </Typography>
        {superseded ? (
          <Tooltip title={`Not running: ${superseded.text}. Close it in the record (below); a remote stop would be refused.`}>
            <Chip size="small" variant="outlined" color="warning" label="Not running" />
          </Tooltip>
        ) : lastKnown ? (
          <Tooltip title="The record says this session runs, but the charger is not reporting now: whether it still charges is not known.">
            <Chip size="small" variant="outlined" color="default" sx={staleChipSx} data-stale label="Active (last known)" />
          </Tooltip>
        ) : unconfirmed ? (
          <Tooltip
            title={`The record says this session runs, but the charger rebooted ${lost ? 'without it: most likely lost' : 'since and sent a StopTransaction for a transaction the bench never started: it may no longer run'}. Close it in the record (below); a remote stop would be refused.`}
          >
            <Chip size="small" variant="outlined" color="warning" label="Not confirmed" />
          </Tooltip>
        ) : (
          <Chip size="small" color={tx.active ? 'primary' : 'default'} variant={tx.active ? 'filled' : 'outlined'} label={tx.active ? 'Active' : 'Finished'} />
        )}
        {StopButton && !unconfirmed && !superseded && <StopButton transaction={running ?? tx} />}
        {/* Offline is said below; this is for a charger the bench does not know now (Stop's tooltip says the same). */}
        {StopButton && tx.active && !superseded && !reach.reachable && !reach.stale && reach.reason && (
          <Typography variant="caption" color="text.secondary" data-testid="transaction-stop-why">
            {reach.reason}
          </Typography>
        )}
      </Stack>
      {/* "Not running" and "Not confirmed" name the stop themselves. */}
      {!superseded && !(tx.active && unconfirmed) && <UnknownStopNote tx={tx} stop={unknownStop} />}
      {superseded && <NotRunningSession tx={tx} why={superseded} cause={superseded.cause} stop={unknownStop} />}
      {tx.active && !lastKnown && !superseded && <UnconfirmedSession tx={tx} charger={sessionCharger} stop={unknownStop} />}
      {tx.active && !superseded && (
        <ChargerOfflineNotice chargerId={tx.chargerId}>
          This session is active in the record, but its duration, power and energy below are the last known, not live; Stop is disabled until the charger connects again.
        </ChargerOfflineNotice>
      )}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 5, xl: 4 }}>
          <Summary tx={tx} energy={energy} lastKnown={lastKnown} unconfirmed={unconfirmed} superseded={superseded} />
        </Grid>
        <Grid size={{ xs: 12, md: 7, xl: 8 }}>
          <Paper component="section" aria-label="Meter over the session" sx={{ p: 2, height: '100%' }}>
            <Stack direction="row" sx={{ alignItems: 'baseline', justifyContent: 'space-between', mb: 1, gap: 1, flexWrap: 'wrap' }}>
              <Typography variant="h6" component="h2">
                {words.heading}
              </Typography>
              <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                <span data-testid="transaction-meter-latest">
                  {tx.active ? `${lastKnown && latest ? 'Last known: ' : ''}${readingText(latest, energySoFar(tx, samples), live && !(unconfirmed && latest))}` : finishedMeterText(energy.wh, samples)}
                </span>
                {lastKnown && latest && <ReadAt t={latest.t} />}
              </Typography>
            </Stack>
            {/* With no readings the chart of a lost one says it. */}
            {itsStop && (samples.length > 0 || !lost) && (
              <Typography variant="body2" color="text.secondary" data-testid="transaction-meter-its-stop" sx={{ mb: 1 }}>
                {`${capitalised(maybeItsStopText(itsStop, tx, lastRegister))}.`}
              </Typography>
            )}
            <MeterChart
              data-testid="transaction-meter-chart"
              title={words.chartTitle}
              samples={samples}
              meterStart={tx.meterStart}
              ends={ends}
              energyLabel={words.energyLabel}
              height={300}
              emptyText={
                tx.meterValuesError
                  ? 'The stored meter values could not be read.'
                  : superseded
                    ? 'No readings were recorded in this session: it is not running, so the charger sends none.'
                    : unconfirmed && lost
                      ? noReadingsRecordedText(tx, unconfirmed.stop)
                      : tx.active
                        ? 'No meter values yet. They appear as the charger sends MeterValues.'
                        : 'The charger sent no power or energy readings for this session.'
              }
            />
          </Paper>
        </Grid>
      </Grid>
      <Paper component="section" aria-label="Meter values" sx={{ px: 2, pb: 2, pt: 1 }}>
        {tx.meterValuesError && (
          <Alert severity="error" data-testid="meter-values-error" sx={{ mt: 1 }}>
            {`The stored meter values could not be read: ${tx.meterValuesError.replace(/[.!?]+$/, '')}. The chart and the table show only what arrived since the page opened.`}
          </Alert>
        )}
        {tx.meterValuesCapped && (
          <Alert severity="info" data-testid="meter-values-capped" sx={{ mt: 1 }}>
            {`This session holds more than ${TRANSACTION_METER_VALUES.toLocaleString()} meter values. The table and the chart show the newest ${TRANSACTION_METER_VALUES.toLocaleString()}, from ${formatTime(tx.meterValues[0]?.timestamp ?? tx.startTime)}.`}
          </Alert>
        )}
        {table.waiting > 0 && (
          <Alert
            severity="info"
            data-testid="meter-values-waiting"
            sx={{ mt: 1 }}
            action={
              <Button color="inherit" size="small" onClick={table.showAll}>
                Add them
              </Button>
            }
          >
            {`${table.waiting.toLocaleString()} newer ${table.waiting === 1 ? 'value has' : 'values have'} arrived. The table holds the values up to ${rows.length ? formatTime(rows[rows.length - 1].timestamp) : 'the moment it was drawn'}; the chart and the summary ${lastKnown || !live ? 'hold every value received' : 'are live'}.`}
          </Alert>
        )}
        <Box sx={{ height: 480 }}>
          <DataGrid
            label={`Meter values (${rows.length.toLocaleString()})`}
            rows={rows}
            columns={meterColumns}
            density="compact"
            showToolbar
            slotProps={{ toolbar: { csvOptions: { fileName: meterValuesFileName(tx.transactionId) }, printOptions: { fileName: meterValuesFileName(tx.transactionId) } } }}
            disableRowSelectionOnClick
            initialState={{ pagination: { paginationModel: { pageSize: 100 } } }}
            pageSizeOptions={[50, 100]}
            localeText={{ noRowsLabel: tx.meterValuesError ? 'The stored meter values could not be read.' : 'No meter values were stored for this session.' }}
            sx={{ border: 0 }}
          />
        </Box>
      </Paper>
    </Stack>
  );
}
