// One charging session (/transactions/:id): who charged where and how much, the meter curve over the
// session (live while it runs) and every meter value the charger sent, for evidence.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useClient } from '../../api/context';
import { useBench } from '../../stores/bench';
import { useLoad } from '../../components/useCall';
import { MeterChart, latestReading, readingText } from '../../components/MeterChart';
import { useMeterSeries } from '../../components/useMeterSeries';
import { formatAgo, formatEnergy, formatTime } from '../../components/format';
import { Facts } from '../../components/Facts';
import { ChargerBadges } from '../../components/ChargerBadges';
import { monoFont } from '../../app/theme';
import { paths } from '../../app/routes';
import type { MeterValueView, TransactionView } from '../../../../shared/api/views';
import { energyReadingSoFar, energySoFar } from '../../../../shared/api/meter';
import { formatDuration, type StopButtonSlot } from './TransactionsTable';

const NO_ROWS: MeterValueView[] = [];

/** What makes two stored meter values the same reading, to drop live rows a later fetch already has. */
const readingKey = (v: Omit<MeterValueView, 'id'>) => `${v.connectorId}|${v.timestamp}|${v.measurand}|${v.phase ?? ''}|${v.location ?? ''}|${v.context}|${v.value}`;

const meterColumns: GridColDef<MeterValueView>[] = [
  { field: 'timestamp', headerName: 'Time', minWidth: 180, flex: 1, type: 'dateTime', valueGetter: (v: string) => new Date(v), renderCell: ({ row }) => formatTime(row.timestamp) },
  { field: 'measurand', headerName: 'Measurand', minWidth: 200, flex: 1.3 },
  { field: 'phase', headerName: 'Phase', width: 80 },
  { field: 'location', headerName: 'Location', width: 100 },
  { field: 'value', headerName: 'Value', minWidth: 110, flex: 0.7, align: 'right', headerAlign: 'right', renderCell: ({ value }) => <span style={{ fontFamily: monoFont }}>{value}</span> },
  { field: 'unit', headerName: 'Unit', width: 80 },
  { field: 'context', headerName: 'Context', minWidth: 150, flex: 0.9 },
  { field: 'format', headerName: 'Format', width: 100 },
];

/** A transaction's energy, or none and why (an impossible reading is flagged, not shown as 0 kWh). */
type EnergyShown = { wh: number | null; warning: string | null };

function Summary({ tx, energy }: { tx: TransactionView; energy: EnergyShown }) {
  const end = tx.stopTime ? Date.parse(tx.stopTime) : Date.now();
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
          ['Started', `${formatTime(tx.startTime)} (${formatAgo(tx.startTime)})`],
          ['Stopped', tx.stopTime ? formatTime(tx.stopTime) : 'still running'],
          ['Duration', `${formatDuration(end - Date.parse(tx.startTime))}${tx.active ? ' so far' : ''}`],
          ['Meter start', `${tx.meterStart.toLocaleString()} Wh`],
          ['Meter stop', tx.meterStop === null ? null : `${tx.meterStop.toLocaleString()} Wh`],
          [
            'Energy',
            <>
              <strong>{`${formatEnergy(energy.wh)}${tx.active ? ' so far' : ''}`}</strong>
              {energy.warning && (
                <Box component="span" data-testid="transaction-energy-warning" sx={{ display: 'block', color: 'warning.main' }}>
                  {energy.warning}
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

/** The meter values of one transaction as they arrive, from the moment the screen opens; ids are negative (not stored ones). */
function useLiveMeterRows(transactionId: number): MeterValueView[] {
  const client = useClient();
  const [rows, setRows] = useState<MeterValueView[]>(NO_ROWS);
  const nextId = useRef(-1);
  useEffect(() => {
    setRows(NO_ROWS);
    if (!Number.isFinite(transactionId)) return;
    return client.subscribe((events) => {
      const added: MeterValueView[] = [];
      for (const e of events) {
        if (e.type !== 'meterValues') continue;
        for (const v of e.values) if ((v.transactionId ?? e.transactionId) === transactionId) added.push({ ...v, id: nextId.current-- });
      }
      if (added.length) setRows((r) => [...r, ...added]);
    });
  }, [client, transactionId]);
  return rows;
}

export function TransactionDetailScreen({ StopButton }: { StopButton?: StopButtonSlot }) {
  const client = useClient();
  const { id = '' } = useParams();
  const transactionId = /^\d+$/.test(id) ? Number(id) : NaN;
  const running = useBench((s) => (Number.isFinite(transactionId) ? s.activeTransactions[transactionId] : undefined));
  // A session can hold 100,000 meter values: fetch it once, then add the values arriving while it runs
  // to the table (the chart reads the live samples from the store). Fetch again only when it stops
  // (meterStop, stop reason) or when the link comes back, since events may have been missed meanwhile.
  const linkOpen = useBench((s) => s.link === 'open');
  const liveRows = useLiveMeterRows(transactionId);
  const loaded = useLoad(
    () => (Number.isFinite(transactionId) ? client.call('transactions:get', { transactionId }) : Promise.reject(new Error(`"${id}" is not a transaction id`))),
    [client, transactionId, running ? 'running' : 'not running', linkOpen],
  );
  const tx = loaded.data;
  const storedKeys = useMemo(() => new Set(tx?.meterValues.map(readingKey)), [tx]);
  const rows = useMemo(() => {
    if (!tx) return NO_ROWS;
    const fresh = liveRows.filter((v) => !storedKeys.has(readingKey(v)));
    return fresh.length ? [...tx.meterValues, ...fresh] : tx.meterValues;
  }, [tx, liveRows, storedKeys]);
  const samples = useMeterSeries(tx && { chargerId: tx.chargerId, connectorId: tx.connectorId, transactionId: tx.transactionId }, tx?.meterValues);

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

  const energy: EnergyShown = tx.active ? (energyReadingSoFar(tx, samples) ?? { wh: null, warning: null }) : { wh: tx.energyWh, warning: tx.warning ?? null };
  const latest = latestReading(samples);
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
        <Chip size="small" color={tx.active ? 'primary' : 'default'} variant={tx.active ? 'filled' : 'outlined'} label={tx.active ? 'Active' : 'Finished'} />
        {StopButton && <StopButton transaction={running ?? tx} />}
      </Stack>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 5, xl: 4 }}>
          <Summary tx={tx} energy={energy} />
        </Grid>
        <Grid size={{ xs: 12, md: 7, xl: 8 }}>
          <Paper component="section" aria-label="Meter over the session" sx={{ p: 2, height: '100%' }}>
            <Stack direction="row" sx={{ alignItems: 'baseline', justifyContent: 'space-between', mb: 1 }}>
              <Typography variant="h6" component="h2">
                Meter
              </Typography>
              <Typography variant="body2" data-testid="transaction-meter-latest" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                {readingText(latest, energySoFar(tx, samples))}
              </Typography>
            </Stack>
            <MeterChart
              data-testid="transaction-meter-chart"
              title={`Power and energy delivered in transaction ${tx.transactionId}`}
              samples={samples}
              meterStart={tx.meterStart}
              energyLabel="Energy delivered (kWh)"
              height={300}
              emptyText={tx.active ? 'No meter values yet. They appear as the charger sends MeterValues.' : 'The charger sent no power or energy readings for this session.'}
            />
          </Paper>
        </Grid>
      </Grid>
      <Paper component="section" aria-label="Meter values" sx={{ px: 2, pb: 2, pt: 1 }}>
        <Box sx={{ height: 480 }}>
          <DataGrid
            label={`Meter values (${rows.length})`}
            rows={rows}
            columns={meterColumns}
            density="compact"
            showToolbar
            disableRowSelectionOnClick
            initialState={{ pagination: { paginationModel: { pageSize: 100 } } }}
            pageSizeOptions={[50, 100]}
            localeText={{ noRowsLabel: 'No meter values were stored for this session.' }}
            sx={{ border: 0 }}
          />
        </Box>
      </Paper>
    </Stack>
  );
}
