// The charging sessions the bench recorded, newest first, filtered by charger and by running/finished
// (filters live in the URL: ?charger=…&state=active). Used by the Transactions screen and a charger's tab.
import { useMemo } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useClient } from '../../api/context';
import { meterKey, useBench } from '../../stores/bench';
import { useLoad } from '../../components/useCall';
import { formatEnergy, formatTime } from '../../components/format';
import { monoFont } from '../../app/theme';
import { paths } from '../../app/routes';
import type { TransactionView } from '../../../../shared/api/views';
import { energySoFar } from '../../../../shared/api/meter';

/** The most rows one list fetches; the bench keeps more, the newest come first. */
export const LIST_LIMIT = 1000;

type StateFilter = 'all' | 'active' | 'finished';

/** "1 h 05 min", "12 min 30 s", "45 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

interface Row extends TransactionView {
  id: number;
  /** Wh: delivered once stopped, so far while running. */
  energy: number | null;
}

function columnsFor(showCharger: boolean): GridColDef<Row>[] {
  return [
    { field: 'transactionId', headerName: 'ID', width: 80, type: 'number', renderCell: ({ value }) => <strong>#{value}</strong> },
    ...(showCharger
      ? [{ field: 'chargerId', headerName: 'Charger', minWidth: 110, flex: 0.8, renderCell: ({ value }) => <span style={{ fontFamily: monoFont }}>{value}</span> } satisfies GridColDef<Row>]
      : []),
    { field: 'connectorId', headerName: 'Connector', width: 110, type: 'number' },
    { field: 'idTag', headerName: 'idTag', minWidth: 110, flex: 0.6, renderCell: ({ value }) => <span style={{ fontFamily: monoFont }}>{value}</span> },
    { field: 'startTime', headerName: 'Started', minWidth: 190, flex: 1, type: 'dateTime', valueGetter: (v: string) => new Date(v), renderCell: ({ row }) => formatTime(row.startTime) },
    {
      field: 'stopTime',
      headerName: 'Stopped',
      minWidth: 190,
      flex: 1,
      type: 'dateTime',
      valueGetter: (v: string | null) => (v ? new Date(v) : null),
      renderCell: ({ row }) => (row.stopTime ? formatTime(row.stopTime) : '—'),
    },
    {
      field: 'energy',
      headerName: 'Energy',
      width: 130,
      type: 'number',
      renderCell: ({ row }) =>
        row.active ? (
          <span>
            {formatEnergy(row.energy)}{' '}
            <Typography component="span" variant="caption" color="text.secondary">
              so far
            </Typography>
          </span>
        ) : (
          formatEnergy(row.energy)
        ),
    },
    { field: 'stopReason', headerName: 'Stop reason', minWidth: 120, flex: 0.8, valueGetter: (v: string | null, row) => v ?? (row.active ? '' : 'Local') },
    {
      field: 'active',
      headerName: 'State',
      width: 110,
      type: 'boolean',
      renderCell: ({ value }) => <Chip size="small" color={value ? 'primary' : 'default'} variant={value ? 'filled' : 'outlined'} label={value ? 'Active' : 'Finished'} />,
    },
  ];
}

export function TransactionsTable({ chargerId: fixedCharger }: { chargerId?: string }) {
  const client = useClient();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const transactionsVersion = useBench((s) => s.transactionsVersion);
  const meter = useBench((s) => s.meter);
  const knownChargers = useBench((s) => s.chargers);

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

  const list = useLoad(
    () => client.call('transactions:list', { chargerId: chargerFilter ?? undefined, active: state === 'all' ? undefined : state === 'active', limit: LIST_LIMIT }),
    [client, chargerFilter, state, transactionsVersion],
  );

  const rows = useMemo<Row[]>(
    () =>
      (list.data ?? []).map((t) => ({
        ...t,
        id: t.transactionId,
        energy: t.active ? energySoFar(t, meter[meterKey(t.chargerId, t.connectorId)]) : t.energyWh,
      })),
    [list.data, meter],
  );
  const columns = useMemo(() => columnsFor(!fixedCharger), [fixedCharger]);
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
          {list.data ? (list.data.length >= LIST_LIMIT ? `Showing the newest ${LIST_LIMIT}` : `${list.data.length} transaction${list.data.length === 1 ? '' : 's'}`) : ''}
        </Typography>
      </Stack>
      {list.error && <Alert severity="error">Could not load the transactions: {list.error}</Alert>}
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
          localeText={{ noRowsLabel: state === 'active' ? 'No charging session is running.' : 'No transactions yet. They appear when a charger sends StartTransaction.' }}
          initialState={{ pagination: { paginationModel: { pageSize: 100 } } }}
          pageSizeOptions={[25, 50, 100]}
          sx={{ border: 0, '& .MuiDataGrid-row': { cursor: 'pointer' } }}
        />
      </Paper>
    </Box>
  );
}
