// The charging sessions the bench recorded, newest first, filtered by charger and by running/finished
// (filters live in the URL: ?charger=…&state=active), with the full idTag and stop reason, Stop on a
// running one (the app hands the button in), and every transaction matching the filter exported to CSV by
// the bench (not only the newest the list holds). Used by the Transactions screen and a charger's tab.
import { useMemo, useState, type ComponentType, type ReactElement } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import DownloadIcon from '@mui/icons-material/Download';
import { UnknownStopIcon, useUnknownStopRule } from '../../components/unknownStops';
import { unknownStopNote, type StopDuring } from '../../../../shared/api/stray-stop';
import useMediaQuery from '@mui/material/useMediaQuery';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useClient } from '../../api/context';
import { meterKey, useThrottledBench, type BenchState } from '../../stores/bench';
import { notYet, useLoad } from '../../components/useCall';
import { useExporting } from '../../components/useExporting';
import { EXPORT_TIMES_NOTE, formatClockAgo, formatDateTime, formatTime, formatWhen, zoneLabel } from '../../components/format';
import { formatDuration } from '../../../../shared/format/time';
import { CloseInRecord, unconfirmedSince, useSessionCharger, useUnconfirmedSince } from '../../components/UnconfirmedSession';
import { MiddleEllipsis } from '../../components/MiddleEllipsis';
import { useNow, useReach } from '../../components/reach';
import { useLastContact } from '../../components/ChargerOfflineNotice';
import { ChargerBadges, renderChargerOption } from '../../components/ChargerBadges';
import { monoFont } from '../../app/theme';
import { paths } from '../../app/routes';
import type { TransactionView } from '../../../../shared/api/views';
import { energyReadingSoFar, lastReadingAt as lastReadingOf } from '../../../../shared/api/meter';
import { useEnergySoFar } from '../../components/useMeterSeries';
import { notRunningCause, notRunningText } from '../../components/running';
import { notRunningSessions, type NotRunning } from '../../components/notRunning';
import { listAgainstLive, UpdatingChip, useTransactionsLive, type TransactionsLive } from './liveList';
import { durationShort, sessionDuration } from './sessionDuration';
import { sessionState, unconfirmedByStrayStop, unconfirmedText } from '../../../../shared/api/session-state';
import { EnergyCell, type EnergyRow } from './TransactionsEnergy';
import { mayStillRunOf, mayStillRunWords } from './mayStillRun';
import { benchNow } from '../../components/benchClock';
import { CellWords } from './cellWords';

/** The most rows one list fetches (the contract's most); the bench keeps more, the newest come first. The CSV has every one matching. */
export const LIST_LIMIT = 10_000;

/** Stop on a running transaction (the operations feature's, handed in by the app). */
export type StopButtonSlot = ComponentType<{ transaction: TransactionView }>;

/** Ids as ids ("1000", not "1,000"). */
const plainNumber = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '');

type StateFilter = 'all' | 'active' | 'finished';

export { formatDuration };

interface Row extends EnergyRow, NotRunning {
  id: number;
  /** Running: when its newest reading this window has came (ms), if any. */
  lastReadingAt: number | null;
  /** Held open in the list, no longer (or not yet) in the bench's picture, while the list is read again (liveList). */
  updating: boolean;
  /** A StopTransaction for a transaction the bench never started, sent on its charger while it was open (shared/api/stray-stop). */
  unknownStop: StopDuring | null;
}

/** Why a row held open is not running, in the rule's words ("Not running: record says open; connector 2 reports Available"); null when it is. */
const notRunningWords = (row: Row) => (row.active && (row.supersededBy || row.connectorSays !== null) ? `Not running: ${notRunningText(row)}` : null);

/** A session the bench's user closed in the record (the charger had lost it): ended, with no meter stop and so no energy of its own. */
const isClosedInRecord = (t: TransactionView) => !t.active && t.meterStop === null && t.energyWh === null;

/**
 * Below this width the connector rides under the charger instead of in a column of its own: every column
 * then fits a laptop's screen (1280 px) without scrolling sideways, and from 1440 px all have room.
 */
export const CONNECTOR_UNDER_CHARGER = '(max-width: 1439.95px)';

/** The list's columns; `connectorUnder`: the connector is said under the charger (CONNECTOR_UNDER_CHARGER), when the charger is shown. */
export function columnsFor(showCharger: boolean, connectorUnder: boolean, StopButton?: StopButtonSlot): GridColDef<Row>[] {
  const mono = ({ value }: { value?: unknown }) => <span style={{ fontFamily: monoFont }}>{String(value ?? '')}</span>;
  return [
    { field: 'transactionId', headerName: 'ID', width: 64, type: 'number', valueFormatter: plainNumber, renderCell: ({ value }) => <strong>#{value}</strong> },
    ...(showCharger
      ? [
          {
            field: 'chargerId',
            headerName: 'Charger',
            minWidth: 100,
            flex: 1,
            renderCell: ({ value, row }) => (
              <Box sx={{ minWidth: 0, lineHeight: 1.25, height: '100%', display: 'flex', flexDirection: 'column', justifyContent: 'center' }} title={String(value)}>
                <Stack direction="row" sx={{ gap: 0.5, alignItems: 'center', minWidth: 0 }}>
                  <MiddleEllipsis text={String(value ?? '')} sx={{ fontFamily: monoFont }} />
                  <ChargerBadges chargerId={String(value)} compact />
                </Stack>
                {/* Below 1440 px the connector rides under the charger (its own column would not fit). */}
                {connectorUnder && (
                  <Typography variant="caption" color="text.secondary" component="div">
                    connector {row.connectorId}
                  </Typography>
                )}
              </Box>
            ),
          } satisfies GridColDef<Row>,
        ]
      : []),
    ...(connectorUnder && showCharger ? [] : [{ field: 'connectorId', headerName: 'Connector', width: 96, type: 'number', valueFormatter: plainNumber } satisfies GridColDef<Row>]),
    // Wide enough for the longest idTag (20 characters of a monospace font, 8.5 px each) and the cell's padding: never cut short.
    { field: 'idTag', headerName: 'idTag', width: 192, renderCell: mono },
    {
      field: 'startTime',
      headerName: 'Started',
      // The cells are local time, the header says which (the CSV export is UTC).
      renderHeader: () => `Started (${zoneLabel()})`,
      width: 190,
      type: 'dateTime',
      valueGetter: (v: string) => new Date(v),
      renderCell: ({ row }) => formatTime(row.startTime),
    },
    {
      field: 'duration',
      headerName: 'Duration',
      // A bound on one line ("≤ 59 min 59 s", "≥ 123 h 05 min"); wrapped (cellWords) where the font is wider, never cut.
      width: 112,
      sortable: false,
      renderCell: ({ row }) => <SessionDuration row={row} />,
    },
    {
      field: 'energy',
      headerName: 'Energy',
      width: 116,
      type: 'number',
      renderCell: ({ row }) => <EnergyCell row={row} notRunning={notRunningWords(row)} />,
    },
    {
      field: 'active',
      headerName: 'State',
      // Room for the widest chip (Not confirmed; Not running with its stray stop's icon) beside Close…, or a finished one's stop reason (EVDisconnected), from the left.
      width: StopButton ? 204 : 170,
      align: 'left',
      headerAlign: 'left',
      type: 'boolean',
      valueFormatter: (v: boolean) => (v ? 'Active' : 'Finished'),
      renderCell: ({ row }) => (
        <Stack direction="row" sx={{ gap: 1, alignItems: 'center' }}>
          <SessionStateChip row={row} />
          {!row.active && (
            <Typography variant="caption" color="text.secondary" title="Stop reason">
              {row.stopReason ?? 'Local'}
            </Typography>
          )}
          {/* Kept while the session ends, so the charger's answer stays on screen; a lost one is closed in the record instead. */}
          {StopButton && <RowAction row={row} StopButton={StopButton} />}
        </Stack>
      ),
    },
  ];
}

/**
 * How long a session ran, by the one rule a session's page reads too (sessionDuration): to its end, to now
 * while it runs, up to the last contact while it is not live, up to when it ended when not running, up to its
 * last reading (or the charger's reboot when none came) when its charger no longer reports it: said as may
 * still be running when its connector does not say no session since the boot, as most likely lost else.
 */
function SessionDuration({ row }: { row: Row }) {
  const { contact, why, reach } = useLastContact(row.chargerId);
  const charger = useSessionCharger(row);
  const unconfirmed = unconfirmedSince(row, charger);
  const mayStillRun = mayStillRunOf(unconfirmed !== null, charger);
  if (row.updating) return <CellWords title="Its end is being read from the bench">—</CellWords>;
  const notRunning = notRunningWords(row);
  const d = sessionDuration(
    {
      tx: row,
      notRunning: notRunning ? row : null,
      stale: row.active && reach.stale,
      contact,
      unconfirmed: unconfirmed !== null ? { readingAt: row.lastReadingAt, rebootAt: charger.lastBoot ?? null, mayStillRun: mayStillRun !== null } : null,
    },
    benchNow(),
  );
  if (d.running) return <RunningDuration startTime={row.startTime} />;
  const shown = durationShort(d);
  // In a box of its own (cellWords): one wider than the column ("≤ 10 min 30 s" in a wider font) wraps within the row, never cut.
  if (d.upTo === null) return <CellWords plain>{shown ?? '—'}</CellWords>;
  const title =
    d.ms === null
      ? `Not known: ${d.upTo}. ${notRunning ?? why}`
      : notRunning
        ? `Up to ${d.upTo}${d.endAt !== null ? ` (${formatDateTime(d.endAt)})` : ''}. ${notRunning}`
        : unconfirmed !== null && !reach.stale
          ? `Up to ${d.upTo}${d.endAt !== null ? ` (${formatDateTime(d.endAt)})` : ''}: ${mayStillRun ? mayStillRunWords(row.connectorId, mayStillRun) : 'the charger has most likely lost this session'}`
          : `Up to ${d.upTo}${contact ? ` (${formatTime(contact)})` : ''}: ${why}`;
  return <CellWords title={title}>{shown ?? '—'}</CellWords>;
}

/** A running session's duration, to the second: redrawn every second (only this cell, of the rows on screen), never a stale "10 min 46 s". */
function RunningDuration({ startTime }: { startTime: string }) {
  const now = useNow(1000);
  return <CellWords plain>{formatDuration(now - Date.parse(startTime))}</CellWords>;
}

/**
 * Stop on a running session; on one its charger has most likely lost, or one not running by the rule (its
 * connector reports no session, a newer one supersedes it: a remote stop would be refused), Close in the record instead.
 */
function RowAction({ row, StopButton }: { row: Row; StopButton: StopButtonSlot }) {
  const { stale } = useReach(row.chargerId);
  const unconfirmed = useUnconfirmedSince(row) !== null;
  // Its end is being read: only what a Stop sent from here got back stays shown.
  if (row.updating) return <StopButton transaction={{ ...row, active: false }} />;
  if (notRunningWords(row)) return <CloseInRecord tx={row} compact notRunning={notRunningCause(row)} />;
  if (unconfirmed && !stale) return <CloseInRecord tx={row} compact />;
  return <StopButton transaction={row} />;
}

/**
 * Active or Finished; one held open that is not running (components/running's rule) says so and why, a
 * running session its charger no longer reports says so, and one on an offline charger is the last known.
 */
function SessionStateChip({ row }: { row: Row }) {
  const charger = useSessionCharger(row);
  const since = unconfirmedSince(row, charger);
  // Offline, what the charger said last is not news: the charger's page and the session's say so instead.
  const { stale, reason } = useReach(row.chargerId);
  const notRunning = notRunningWords(row);
  const stopNote = row.unknownStop && unknownStopNote(row.unknownStop, row, formatWhen);
  if (row.updating) return <UpdatingChip />;
  // The rule the transactions CSV says it by too (shared/api/session-state).
  const state = sessionState({ active: row.active, notRunning: notRunning !== null, unconfirmed: since !== null, stale });
  // The stop's frame in the message log, a click away (UnknownStopIcon).
  const withStopLink = (shown: ReactElement) =>
    stopNote && row.unknownStop ? (
      <Stack direction="row" sx={{ alignItems: 'center', gap: 0.5 }}>
        {shown}
        <UnknownStopIcon stop={row.unknownStop} note={stopNote} />
      </Stack>
    ) : (
      shown
    );
  if (state === 'Not running')
    return withStopLink(
      <Tooltip title={stopNote ? `${notRunning}. ${stopNote}` : notRunning}>
        <Chip size="small" color="warning" variant="outlined" label="Not running" aria-description={stopNote ?? undefined} />
      </Tooltip>,
    );
  if (state === 'Not confirmed' && since !== null) {
    const text = unconfirmedText(
      { ...row, unconfirmedSince: since, unconfirmedByStop: row.unknownStop && unconfirmedByStrayStop(row, charger) ? row.unknownStop : null, strayStop: row.unknownStop },
      formatClockAgo,
      formatWhen,
    );
    // One that may still run says so first, as the confirmations do (components/notRunningLabel).
    const mayStillRun = mayStillRunOf(true, charger);
    const reports = mayStillRun?.reports ? `connector ${row.connectorId} reports ${mayStillRun.reports}, but ` : '';
    return (
      <Tooltip title={mayStillRun ? `May still be running: ${reports}${text}.` : `${text}.`}>
        <Chip size="small" color="warning" variant="outlined" label="Not confirmed" />
      </Tooltip>
    );
  }
  if (state === 'Last known')
    return (
      <Tooltip title={`Running at the last contact, not live: ${reason ?? ''}`}>
        <Chip size="small" variant="outlined" label="Last known" />
      </Tooltip>
    );
  return withStopLink(<Chip size="small" color={row.active ? 'primary' : 'default'} variant={row.active ? 'filled' : 'outlined'} label={state} />);
}

/** What an empty list says: that the list could not be loaded when it could not (never "no transactions"), else that there are none. */
export function noRowsLabel(state: StateFilter, loadError: string | null): string {
  if (loadError) return 'The transactions could not be loaded (see above), so none are shown: whether there are any is not known.';
  return state === 'active' ? 'No charging session is running.' : 'No transactions yet. They appear when a charger sends StartTransaction.';
}

const selectMeter = (s: BenchState) => s.meter;

/** `live`: the picture of the bench the screen's header counts from (liveList), for the rows to agree with it; the list takes its own without. */
export function TransactionsTable({ chargerId: fixedCharger, StopButton, live: given }: { chargerId?: string; StopButton?: StopButtonSlot; live?: TransactionsLive }) {
  const client = useClient();
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  // As a screen of many rows: with a fleet charging, meter values come in every batch and transactions
  // start and stop every second; the list (up to LIST_LIMIT rows) is asked again and redrawn at most once a second.
  // The transactions' version (-1 before the first snapshot, which bumps it: asking before as well would fetch the list twice).
  const picture = useTransactionsLive(given);
  const { transactionsVersion, chargers: knownChargers } = picture;
  const meter = useThrottledBench(selectMeter);

  const chargerFilter = fixedCharger ?? params.get('charger') ?? null;
  const asked = params.get('state');
  const state: StateFilter = asked === 'active' || asked === 'finished' ? asked : 'all';

  const setParam = (key: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value === null) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );

  // Read with what it is read for: while its rows are of another version (or filter), it is being read again.
  const readFor = `${chargerFilter}|${state}|${transactionsVersion}`;
  const read = useLoad(
    async () =>
      transactionsVersion >= 0
        ? { readFor, rows: await client.call('transactions:list', { chargerId: chargerFilter ?? undefined, active: state === 'all' ? undefined : state === 'active', limit: LIST_LIMIT }) }
        : notYet(),
    [client, chargerFilter, state, transactionsVersion],
  );
  const list = { ...read, data: read.data?.rows ?? null };
  // Its rows are of another version (or filter) than the picture's, whether or not reading them again failed:
  // they are never taken as current (a stopped session shown Active with Stop, the running one Not running).
  const updatingList = read.data !== null && read.data.readFor !== readFor;

  // A running session's energy so far: from the live readings, else (none since the screen connected)
  // from the bench's record, asked once per session. One closed in the record: its last reading's, from the
  // record (the connector's live readings may be of a later session).
  const running = useEnergySoFar(
    useMemo(
      () =>
        (list.data ?? [])
          .filter((t) => t.active || isClosedInRecord(t))
          .map((t) => {
            const energy = t.active ? energyReadingSoFar(t, meter[meterKey(t.chargerId, t.connectorId)]) : null;
            return { ...t, energyWh: energy?.wh ?? null, energyWarning: energy?.warning ?? null };
          }),
      [list.data, meter],
    ),
  );
  // The sessions held open that are not running (their connector reports no session, a newer one is open
  // there): by the live picture (as the header counts them), with the list's open ones it does not hold yet.
  // While the list is read again, its open rows the picture no longer holds are left out (they say so).
  const against = useMemo(() => listAgainstLive(read.data?.rows ?? [], picture, updatingList), [read.data, picture, updatingList]);
  const notRunning = useMemo(() => notRunningSessions(against.open, knownChargers), [against, knownChargers]);
  const unknownStopOf = useUnknownStopRule(chargerFilter ?? undefined);
  const rows = useMemo<Row[]>(() => {
    const soFar = new Map(running.map((t) => [t.transactionId, t]));
    return (list.data ?? []).map((t) => {
      const live = soFar.get(t.transactionId);
      // The newest reading, live or (none since the screen connected) from the record: where a duration not counted on ends, as on its page.
      const lastReadingAt = t.active ? (lastReadingOf(t, meter[meterKey(t.chargerId, t.connectorId)]) ?? live?.lastReadingAt ?? null) : null;
      return {
        ...t,
        id: t.transactionId,
        energy: live ? live.energyWh : t.energyWh,
        energyWarning: live?.energyWarning ?? null,
        // Asked of the record and not answered yet, or not readable there: "none" is not known.
        energyPending: live?.energyPending ?? false,
        energyUnread: live?.energyUnread ?? null,
        lastReadingAt,
        closedInRecord: isClosedInRecord(t),
        updating: against.updating.has(t.transactionId),
        ...(notRunning.get(t.transactionId) ?? { connectorSays: null, supersededBy: null, connectorSaysAt: null }),
        unknownStop: unknownStopOf(t),
      };
    });
  }, [list.data, running, meter, notRunning, against, unknownStopOf]);
  const connectorUnder = useMediaQuery(CONNECTOR_UNDER_CHARGER);
  const columns = useMemo(() => columnsFor(!fixedCharger, connectorUnder, StopButton), [fixedCharger, connectorUnder, StopButton]);
  // Every transaction matching, from the bench: the list above holds only the newest LIST_LIMIT.
  const exports = useExporting();
  const exportCsv = () =>
    exports.run(async () => {
      try {
        const r = await client.exportTransactions({ chargerId: chargerFilter ?? undefined, active: state === 'all' ? undefined : state === 'active' });
        if (r.saved)
          setNotice({
            text: client.face === 'desktop' ? `Exported the transactions as CSV to ${r.where ?? 'the file you chose'}` : `The transactions download as CSV to ${r.where ?? "the browser's downloads"}`,
            error: false,
          });
      } catch (e) {
        setNotice({ text: `The export failed: ${(e as Error).message}`, error: true });
      }
    });
  const chargerOptions = useMemo(() => {
    const ids = new Set(Object.keys(knownChargers));
    if (chargerFilter) ids.add(chargerFilter);
    return [...ids].sort((a, b) => a.localeCompare(b));
  }, [knownChargers, chargerFilter]);

  return (
    <Box sx={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        {!fixedCharger && (
          <Autocomplete
            size="small"
            options={chargerOptions}
            value={chargerFilter}
            onChange={(_e, v) => setParam('charger', v)}
            sx={{ width: 260 }}
            renderOption={renderChargerOption}
            renderInput={(p) => <TextField {...p} label="Charger" placeholder="All chargers" />}
          />
        )}
        <ToggleButtonGroup
          size="small"
          exclusive
          value={state}
          onChange={(_e, v: StateFilter | null) => v && setParam('state', v === 'all' ? null : v)}
          aria-label="Transaction state"
          sx={{ '& .MuiToggleButton-root': { textTransform: 'none', px: 1.75 } }}
        >
          <ToggleButton value="all">All</ToggleButton>
          <ToggleButton value="active">Active</ToggleButton>
          <ToggleButton value="finished">Finished</ToggleButton>
        </ToggleButtonGroup>
        <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto' }} aria-live="polite">
          {updatingList ? (
            <span data-testid="transactions-updating">{list.error ? 'The list is out of date' : 'Updating the list…'}</span>
          ) : list.data ? (
            list.data.length >= LIST_LIMIT ? (
              `Showing the newest ${LIST_LIMIT.toLocaleString()}; the CSV has every one`
            ) : (
              `${list.data.length} transaction${list.data.length === 1 ? '' : 's'}`
            )
          ) : (
            ''
          )}
        </Typography>
        <Typography variant="caption" color="text.secondary" data-testid="transactions-export-times">
          {EXPORT_TIMES_NOTE}
        </Typography>
        <Button
          size="small"
          startIcon={exports.exporting ? <CircularProgress size={14} aria-hidden /> : <DownloadIcon />}
          disabled={!rows.length || exports.exporting}
          onClick={() => void exportCsv()}
        >
          {exports.exporting ? 'Exporting…' : 'Export CSV'}
        </Button>
      </Stack>
      {list.error && (
        <Alert
          severity="error"
          action={
            <Button color="inherit" size="small" onClick={read.reload} disabled={read.loading}>
              Retry
            </Button>
          }
        >
          <span data-testid="transactions-error">
            {updatingList ? `Could not read the transactions again: ${list.error}. Sessions that changed since are marked "Ended, updating".` : `Could not load the transactions: ${list.error}`}
          </span>
        </Alert>
      )}
      <Paper sx={{ flex: 1, minHeight: 320, overflow: 'hidden' }}>
        <DataGrid
          label={fixedCharger ? `Transactions of ${fixedCharger}` : 'Transactions'}
          rows={rows}
          columns={columns}
          loading={list.loading && !list.data}
          disableRowSelectionOnClick
          onRowClick={(p) => navigate(paths.transaction(Number(p.id)))}
          onCellKeyDown={(p, e) => {
            if (e.key === 'Enter') navigate(paths.transaction(Number(p.id)));
          }}
          localeText={{ noRowsLabel: noRowsLabel(state, list.error) }}
          initialState={{ pagination: { paginationModel: { pageSize: 100 } } }}
          pageSizeOptions={[25, 50, 100]}
          sx={{ border: 0, '& .MuiDataGrid-row': { cursor: 'pointer' } }}
        />
      </Paper>
      <Snackbar open={!!notice} autoHideDuration={6000} onClose={() => setNotice(null)} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}>
        <Alert severity={notice?.error ? 'error' : 'success'} onClose={() => setNotice(null)} variant="filled">
          {notice?.text}
        </Alert>
      </Snackbar>
    </Box>
  );
}
