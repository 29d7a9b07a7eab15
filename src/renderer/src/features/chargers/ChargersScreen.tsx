// The chargers the bench knows, live (the list redrawn at most once a second, so a thousand busy chargers
// do not make the page stutter): connection, connector statuses, last heartbeat and what each charger
// said it is. Unknown chargers appear as they connect; a row opens the charger's detail; the
// selected ones get an operation through the send dialog the app hands in.
import { createContext, memo, useCallback, useContext, useMemo, useState, type ComponentType } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import SendIcon from '@mui/icons-material/Send';
import ElectricalServicesIcon from '@mui/icons-material/ElectricalServices';
import { alpha } from '@mui/material/styles';
import {
  GRID_CHECKBOX_SELECTION_COL_DEF,
  type DataGridProps,
  type GridCellParams,
  type GridColDef,
  type GridColumnVisibilityModel,
  type GridFilterModel,
  type GridRowSelectionModel,
} from '@mui/x-data-grid';
import useMediaQuery from '@mui/material/useMediaQuery';
import { NARROW_WINDOW } from '../../app/theme';
import { useBench } from '../../stores/bench';
import { useListedChargers } from '../../stores/listedChargers';
import { StatusChip } from '../../components/StatusChip';
import { ChargerBadges } from '../../components/ChargerBadges';
import { linkLostWhy, linkProblem, neverConnected, silenceOf, useNow } from '../../components/reach';
import { useBenchSettings, useConnectionNews, type Drop, type Refusal } from '../../components/refusals';
import { Ago } from '../../components/Ago';
import { connectorConcern, errorCodeInWords } from '../../../../shared/api/connector-errors';
import { formatClock, formatTime } from '../../components/format';
import { monoFont } from '../../app/theme';
import { paths } from '../../app/routes';
import type { LinkState } from '../../api/client';
import type { ChargerView, ConnectorView } from '../../../../shared/api/views';
import { ConnectionChip, RegistrationChip, silentDropOf } from './chargerFields';
import { RegisterChargerDialog, useRegisterBlocked } from './RegisterChargerDialog';
import { useChargerRefresh } from './useChargerRefresh';
import { chargerOrder, concernRank, sameFields, SteadyCell, SteadyDataGrid, type ShownCount } from './steadyRows';
import { headerRoomSx } from './headerRoom';

/** Connector chips: each outlet, plus the charger as a whole (connector 0) when it is out of order; `stale` draws them as last known. */
export function ConnectorChips({ connectors, stale = false }: { connectors: ConnectorView[]; stale?: boolean }) {
  const shown = connectors.filter((c) => c.connectorId > 0 || c.status === 'Faulted' || c.status === 'Unavailable');
  if (!shown.length)
    return (
      <Typography variant="body2" color="text.secondary">
        No status yet
      </Typography>
    );
  return (
    <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5, py: 0.5 }}>
      {shown.map((c) => (
        <Tooltip
          key={c.connectorId}
          title={[
            c.connectorId === 0 ? 'The charger as a whole' : `Connector ${c.connectorId}`,
            c.errorCode !== 'NoError' && errorCodeInWords(c.errorCode),
            c.info,
            c.vendorErrorCode && `vendor code ${c.vendorErrorCode}`,
            `${stale ? 'last known, ' : ''}since ${formatTime(c.timestamp ?? c.updatedAt)}`,
          ]
            .filter(Boolean)
            .join(' · ')}
        >
          <span style={{ maxWidth: '100%', display: 'inline-flex' }}>
            <StatusChip status={c.status} errorCode={c.errorCode} label={c.connectorId === 0 ? 'Charger' : String(c.connectorId)} stale={stale} warning={connectorConcern(c) === 'warning'} wrap />
          </span>
        </Tooltip>
      ))}
    </Stack>
  );
}

// A cell's content, drawn again only when what it shows changed (a charger's news changes a field or two
// of its row, most often only when it was last heard from): the rest of the row's cells stay as drawn.
const IdCell = memo(function IdCell({ id }: { id: string }) {
  return (
    <Stack sx={{ py: 0.5, gap: 0.5, minWidth: 0, maxWidth: '100%' }}>
      {/* A long id wraps rather than lose its end (what tells a site's chargers apart). */}
      <Typography component="span" sx={{ fontFamily: monoFont, fontWeight: 600, fontSize: '0.875rem', overflowWrap: 'anywhere' }}>
        {id}
      </Typography>
      {/* Virtual, and fault switches on; a connector's problem is on its chip, and the row stands out. */}
      <ChargerBadges chargerId={id} />
    </Stack>
  );
});

const HeartbeatCell = memo(function HeartbeatCell({ iso }: { iso: ChargerView['lastHeartbeat'] }) {
  return (
    <Tooltip title={iso ? formatTime(iso) : 'No Heartbeat received yet'}>
      <span>
        <Ago iso={iso} />
      </span>
    </Tooltip>
  );
});

const ModelCell = memo(function ModelCell({ boot }: { boot: ChargerView['boot'] }) {
  return boot ? (
    <Box sx={{ lineHeight: 1.3, py: 0.5 }}>
      <Typography variant="body2">{boot.chargePointVendor}</Typography>
      <Typography variant="caption" color="text.secondary">
        {boot.chargePointModel}
      </Typography>
    </Box>
  ) : (
    <Typography variant="body2" color="text.secondary">
      Not booted yet
    </Typography>
  );
});

// A long version (a build number, a hash) wraps anywhere rather than losing its middle.
const FirmwareCell = memo(function FirmwareCell({ value }: { value: string }) {
  return (
    <Typography variant="body2" title={value} sx={{ overflowWrap: 'anywhere', lineHeight: 1.3 }}>
      {value}
    </Typography>
  );
});

const BootCell = memo(function BootCell({ status }: { status: ChargerView['registrationStatus'] }) {
  return <RegistrationChip status={status} short />;
});

/**
 * The list's columns. Their least widths (with the selection column's 50 px) fit a 1280 px window beside the
 * navigation with room for a vertical scrollbar, so the list never scrolls sideways; wider, the flex
 * columns share the rest.
 */
export const chargerColumns: GridColDef<ChargerView>[] = [
  {
    field: 'id',
    headerName: 'Charger',
    minWidth: 100,
    flex: 0.8,
    renderCell: ({ row }) => <IdCell id={row.id} />,
  },
  {
    field: 'connected',
    headerName: 'Connection',
    minWidth: 130,
    flex: 0.9,
    // Filtered (and sorted) as Online / Offline, not as a raw true / false.
    type: 'singleSelect',
    valueOptions: [
      { value: 'online', label: 'Online' },
      { value: 'offline', label: 'Offline' },
    ],
    valueGetter: (connected: boolean) => (connected ? 'online' : 'offline'),
    renderCell: ({ row }) => <ConnectionCell charger={row} />,
  },
  { field: 'connectors', headerName: 'Connectors', minWidth: 144, flex: 1.5, sortable: false, renderCell: ({ row }) => <LiveConnectorChips charger={row} /> },
  {
    field: 'lastHeartbeat',
    headerName: 'Last heartbeat',
    width: 125,
    type: 'dateTime',
    valueGetter: (v: string | null) => (v ? new Date(v) : null),
    renderCell: ({ row }) => <HeartbeatCell iso={row.lastHeartbeat} />,
  },
  {
    field: 'model',
    headerName: 'Vendor / model',
    minWidth: 120,
    flex: 1,
    valueGetter: (_v, row) => (row.boot ? `${row.boot.chargePointVendor} ${row.boot.chargePointModel}` : ''),
    renderCell: ({ row }) => <ModelCell boot={row.boot} />,
  },
  {
    field: 'firmware',
    headerName: 'Firmware',
    // Filtered, "Firmware" with its filter mark, and hovered, with the column menu's button too (headerRoom):
    // at 1366 px its share is about 125 px; at its least width it still fits the 1280 px window.
    minWidth: 94,
    flex: 1,
    valueGetter: (_v, row) => row.boot?.firmwareVersion ?? '',
    renderCell: ({ value }) => <FirmwareCell value={value as string} />,
  },
  { field: 'registrationStatus', headerName: 'Boot', width: 110, renderCell: ({ row }) => <BootCell status={row.registrationStatus} /> },
  {
    field: 'registered',
    headerName: 'Registered',
    description: 'Registered on the bench ahead of connecting. When Settings let only registered chargers in, the others are refused.',
    type: 'boolean',
    width: 100,
  },
  { field: 'remoteAddress', headerName: 'Address', minWidth: 120, flex: 0.8, renderCell: ({ value }) => <span style={{ fontFamily: monoFont }}>{value ?? '—'}</span> },
];

/**
 * What the list knows of every charger beyond its row, read once for the screen: who is being refused, how
 * each one's last connection ended, and the bench's heartbeat setting (for a charger whose row tells no
 * interval it was given: its `heartbeatGiven`, tracked by the bench, is what an online one is judged by).
 */
const FleetContext = createContext<{ refusals: Record<string, Refusal>; drops: Record<string, Drop>; heartbeatInterval: number | null }>({ refusals: {}, drops: {}, heartbeatInterval: null });

/** Online, offline (last seen; dropped after a silence past its heartbeat), refused (why, since when; the fix in its tooltip) or online but silent past the heartbeat it was given. */
function ConnectionCell({ charger }: { charger: ChargerView }) {
  const { refusals, drops, heartbeatInterval } = useContext(FleetContext);
  const silence = silenceOf(charger, heartbeatInterval, useNow());
  return (
    <SteadyConnectionChip
      connected={charger.connected}
      // Shown for an offline charger only: an online one's, new with each frame it sends, would draw the chip again for nothing.
      lastSeen={charger.connected ? undefined : charger.lastSeen}
      never={neverConnected(charger)}
      admissionChange={charger.admissionChange}
      withLastSeen
      refusal={refusals[charger.id]}
      silence={silence}
      silentDrop={silentDropOf(charger, drops[charger.id], heartbeatInterval)}
    />
  );
}

/** The chips as live while the charger is online, heard from and the bench reachable, else as last known; from the row, so they change with the list. */
function LiveConnectorChips({ charger }: { charger: ChargerView }) {
  const linkDown = useBench((s) => linkProblem(s.link, s.linkSince) !== null);
  const { heartbeatInterval } = useContext(FleetContext);
  const silent = silenceOf(charger, heartbeatInterval, useNow()) !== null;
  return <SteadyConnectorChips connectors={charger.connectors} stale={linkDown || !charger.connected || silent} />;
}

type ConnectionChipProps = Parameters<typeof ConnectionChip>[0];
const sameOrNone = <T extends object>(a: T | null | undefined, b: T | null | undefined, same: (a: T, b: T) => boolean) => a === b || (!!a && !!b && same(a, b));
/** The chip drawn again only when what it says changed: a silence or a drop worked out anew is the same when its fields are. */
const SteadyConnectionChip = memo(ConnectionChip, (a: ConnectionChipProps, b: ConnectionChipProps) =>
  (Object.keys({ ...a, ...b }) as Array<keyof ConnectionChipProps>).every((k) =>
    k === 'silence'
      ? sameOrNone(a.silence, b.silence, (x, y) => x.since === y.since && sameOrNone(x.interval, y.interval, sameFields))
      : k === 'silentDrop'
        ? sameOrNone(a.silentDrop, b.silentDrop, sameFields)
        : Object.is(a[k], b[k]),
  ),
);
const SteadyConnectorChips = memo(ConnectorChips);

function EmptyState({ onRegister }: { onRegister: () => void }) {
  const port = useBench((s) => s.status?.port);
  const registerBlocked = useRegisterBlocked();
  return (
    <Paper sx={{ p: 5, textAlign: 'center', maxWidth: 720, mx: 'auto', mt: 4 }}>
      <ElectricalServicesIcon color="primary" sx={{ fontSize: 48, mb: 1 }} />
      <Typography variant="h6" gutterBottom>
        No chargers yet
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        Point a charger at this bench: in its OCPP settings, set the central system URL to this computer&apos;s address followed by the charger&apos;s identity. It shows up here the moment it
        connects.
      </Typography>
      <Box component="code" sx={{ display: 'inline-block', fontFamily: monoFont, bgcolor: 'action.hover', px: 1.5, py: 0.75, borderRadius: 1, mb: 3 }}>
        ws://&lt;this computer&gt;:{port ?? '<port>'}/ocpp/&lt;charger identity&gt;
      </Box>
      <Stack direction="row" spacing={1.5} sx={{ justifyContent: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Button variant="contained" component={RouterLink} to={paths.connect()}>
          Show the addresses to use
        </Button>
        <Button variant="outlined" component={RouterLink} to={paths.virtual()}>
          Try a virtual charger
        </Button>
        <Tooltip title={registerBlocked ?? ''}>
          <span>
            <Button onClick={onRegister} disabled={!!registerBlocked}>
              Register a charger first
            </Button>
          </span>
        </Tooltip>
      </Stack>
    </Paper>
  );
}

/** Sends one operation to the chargers selected (the operations feature's dialog). */
export type SendDialogSlot = ComponentType<{ chargerIds: string[]; open: boolean; onClose: () => void }>;

// What the grid is handed stays the same object from one render to the next (module constants, callbacks
// kept): any new prop makes the grid redraw every row in sight (and a new getRowHeight measure them again),
// so ticking one checkbox redrew them all. With them kept, a selection change redraws the rows whose
// selection changed only. The rows' new lists go to it another way (SteadyDataGrid), for the same reason.
const autoHeight = () => 'auto' as const;
const concernClass: DataGridProps<ChargerView>['getRowClassName'] = ({ row }) => ['concern-fault', 'concern-warning', ''][concernRank(row)];
const gridSx: DataGridProps['sx'] = {
  border: 0,
  '& .MuiDataGrid-row': { cursor: 'pointer' },
  '& .MuiDataGrid-cell': { display: 'flex', alignItems: 'center', py: 0.5 },
  // The last header's hidden column-menu button (drawn 0 wide until hovered) and its resize handle
  // reach past the grid's edge: clipped, they no longer make the list scroll sideways.
  '& .MuiDataGrid-columnHeader--last': { overflow: 'hidden' },
  ...headerRoomSx,
  // A faulted or suspicious charger stands out: a bar on its left and a tint.
  '& .concern-fault': { boxShadow: (t) => `inset 4px 0 0 ${t.palette.error.main}`, bgcolor: (t) => alpha(t.palette.error.main, 0.06) },
  '& .concern-warning': { boxShadow: (t) => `inset 4px 0 0 ${t.palette.warning.main}` },
};
const gridSlots: DataGridProps['slots'] = { cell: SteadyCell };
// The Registered column's filter offers Any / Yes / No, not a raw any / true / false.
const gridLocale: DataGridProps['localeText'] = { filterValueAny: 'Any', filterValueTrue: 'Yes', filterValueFalse: 'No' };
const noFilter: GridFilterModel = { items: [] };

/** The heading's count: as last known, with since when, while the bench is out of reach (no news comes then). */
export function fleetWords(online: number, known: number, link: LinkState, since: string | null): string {
  const counted = `${online} online of ${known} known`;
  if (link === 'open') return counted;
  const why = linkLostWhy(link);
  return `${counted}${since ? ` as of ${formatClock(since)}` : ' (last known)'} (${why})`;
}
const isCheckbox = (p: GridCellParams) => p.field === GRID_CHECKBOX_SELECTION_COL_DEF.field;

const COLUMNS_KEY = 'chargebench.chargers.columns';

/** The columns the user showed or hid unlike the defaults (a column absent from a model is shown). */
export function columnChanges(model: GridColumnVisibilityModel, defaults: GridColumnVisibilityModel): GridColumnVisibilityModel {
  const changes: GridColumnVisibilityModel = {};
  for (const field of new Set([...Object.keys(model), ...Object.keys(defaults)])) {
    const shown = model[field] ?? true;
    if (shown !== (defaults[field] ?? true)) changes[field] = shown;
  }
  return changes;
}

/** The columns shown by default: below 1440 px the registered flag, and in a narrow window the address too, start hidden. */
export const defaultColumns = (belowWide: boolean, narrow: boolean): GridColumnVisibilityModel => ({ registered: !belowWide, remoteAddress: !narrow });

function readChosenColumns(): GridColumnVisibilityModel {
  try {
    const kept: unknown = JSON.parse(sessionStorage.getItem(COLUMNS_KEY) ?? '{}');
    if (!kept || typeof kept !== 'object') return {};
    return Object.fromEntries(Object.entries(kept).filter((e): e is [string, boolean] => typeof e[1] === 'boolean'));
  } catch {
    return {};
  }
}

export function ChargersScreen({ SendDialog }: { SendDialog: SendDialogSlot }) {
  useChargerRefresh();
  const navigate = useNavigate();
  const chargersById = useListedChargers();
  const loaded = useBench((s) => s.loaded);
  const { refusals, drops } = useConnectionNews();
  const heartbeatInterval = useBenchSettings()?.heartbeatInterval ?? null;
  const fleet = useMemo(() => ({ refusals, drops, heartbeatInterval }), [refusals, drops, heartbeatInterval]);
  // Online first, and among them the ones that need a look (not sorted again while no charger can have moved).
  const [order] = useState(chargerOrder);
  const rows = useMemo(() => order(chargersById), [order, chargersById]);
  const online = rows.filter((c) => c.connected).length;
  const link = useBench((s) => s.link);
  const linkSince = useBench((s) => s.linkSince);
  // The grid filters (its column menus): what it leaves of the list, as it counts it, and a way back to all.
  const [filterModel, setFilterModel] = useState<GridFilterModel>(noFilter);
  const [counted, setCounted] = useState<{ shown: number; total: number } | null>(null);
  const countShown = useCallback<ShownCount>((shown, total) => setCounted((c) => (c?.shown === shown && c.total === total ? c : { shown, total })), []);
  const gridShown = !(loaded && !rows.length);
  // The grid keeps the selection itself (told here what it is, for the send button): handed back to it as a
  // prop, every change of it was a new prop, and a new prop redraws every row of the grid.
  const [selection, setSelection] = useState<GridRowSelectionModel>({ type: 'include', ids: new Set() });
  // Every column fits a laptop's screen without scrolling sideways: on a smaller window the columns the
  // charger's own page shows too (registered on the bench, its address) start hidden; the column menu
  // shows them again, and what the user chooses there stays.
  const belowWide = useMediaQuery('(max-width: 1439.95px)');
  const narrow = useMediaQuery(NARROW_WINDOW);
  // Only what the user changed from the defaults is kept (for this window's session: a row's page and back
  // keeps it), laid over the defaults of the window's width, which still apply to the columns not touched.
  const [chosenColumns, setChosenColumns] = useState<GridColumnVisibilityModel>(readChosenColumns);
  const defaults = useMemo(() => defaultColumns(belowWide, narrow), [belowWide, narrow]);
  // One object while nothing changes: the grid rebuilds its columns for a new one.
  const visibility = useMemo<GridColumnVisibilityModel>(() => ({ ...defaults, ...chosenColumns }), [defaults, chosenColumns]);
  const chooseColumns = useCallback(
    (model: GridColumnVisibilityModel) => {
      const chosen = columnChanges(model, defaults);
      setChosenColumns(chosen);
      try {
        sessionStorage.setItem(COLUMNS_KEY, JSON.stringify(chosen));
      } catch {
        // Not kept: it still holds on this screen.
      }
    },
    [defaults],
  );
  const openCharger = useCallback<NonNullable<DataGridProps['onCellClick']>>((p) => !isCheckbox(p) && navigate(paths.charger(String(p.id))), [navigate]);
  const openChargerByKey = useCallback<NonNullable<DataGridProps['onCellKeyDown']>>(
    (p, e) => {
      if (e.key === 'Enter' && !isCheckbox(p)) navigate(paths.charger(String(p.id)));
    },
    [navigate],
  );
  const [registerOpen, setRegisterOpen] = useState(false);
  // Registering writes the bench's own record: not while the link to it is lost.
  const registerBlocked = useRegisterBlocked();
  const [sendOpen, setSendOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const selectedIds = useMemo(() => (selection.type === 'include' ? rows.filter((r) => selection.ids.has(r.id)) : rows.filter((r) => !selection.ids.has(r.id))).map((r) => r.id), [rows, selection]);

  return (
    <Box sx={{ height: '100%', display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Box sx={{ flexGrow: 1 }}>
          <Typography variant="h5" component="h1">
            Chargers
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {rows.length ? fleetWords(online, rows.length, link, linkSince) : 'Chargers appear here as they connect.'}
          </Typography>
          {gridShown && counted && counted.shown < counted.total && (
            <Stack direction="row" role="status" sx={{ alignItems: 'center', gap: 1 }}>
              <Typography variant="body2" color="warning.main">
                Showing {counted.shown} of {counted.total} {counted.total === 1 ? 'charger' : 'chargers'} (filtered)
              </Typography>
              <Button size="small" onClick={() => setFilterModel(noFilter)}>
                Clear filters
              </Button>
            </Stack>
          )}
        </Box>
        <Button variant="outlined" startIcon={<SendIcon />} disabled={!selectedIds.length} onClick={() => setSendOpen(true)}>
          {selectedIds.length ? `Send to selected (${selectedIds.length})…` : 'Send to selected…'}
        </Button>
        <Tooltip title={registerBlocked ?? ''}>
          <span>
            <Button variant="contained" startIcon={<AddIcon />} disabled={!!registerBlocked} onClick={() => setRegisterOpen(true)}>
              Register charger
            </Button>
          </span>
        </Tooltip>
      </Stack>

      {!gridShown ? (
        <EmptyState onRegister={() => setRegisterOpen(true)} />
      ) : (
        <Paper sx={{ flex: 1, minHeight: 280, overflow: 'hidden' }}>
          <FleetContext.Provider value={fleet}>
            <SteadyDataGrid
              label="Chargers"
              rows={rows}
              columns={chargerColumns}
              loading={!loaded}
              checkboxSelection
              disableRowSelectionOnClick
              columnVisibilityModel={visibility}
              onColumnVisibilityModelChange={chooseColumns}
              filterModel={filterModel}
              onFilterModelChange={setFilterModel}
              onShownCount={countShown}
              localeText={gridLocale}
              onRowSelectionModelChange={setSelection}
              getRowHeight={autoHeight}
              onCellClick={openCharger}
              onCellKeyDown={openChargerByKey}
              hideFooter={rows.length <= 100}
              getRowClassName={concernClass}
              slots={gridSlots}
              sx={gridSx}
            />
          </FleetContext.Provider>
        </Paper>
      )}

      <RegisterChargerDialog
        open={registerOpen}
        onClose={() => setRegisterOpen(false)}
        onRegistered={(c, created) => {
          setRegisterOpen(false);
          // Said as it is: a charger the bench knew already (perhaps online now) had its registration updated.
          setNotice(
            created
              ? `Registered ${c.id}. It shows as online as soon as it connects.`
              : `${c.id} was already known to the bench: its registration is updated${c.connected ? '; it is online now.' : '. It shows as online as soon as it connects.'}`,
          );
        }}
      />
      <SendDialog chargerIds={selectedIds} open={sendOpen} onClose={() => setSendOpen(false)} />
      <Snackbar open={!!notice} autoHideDuration={6000} onClose={() => setNotice(null)} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}>
        <Alert severity="success" variant="filled" onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      </Snackbar>
    </Box>
  );
}
