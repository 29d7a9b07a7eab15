// One charger (/chargers/:id): who it is, whether it is online, what the bench lets it do, and tabs
// for its connectors, operations, transactions, message log, files and the bench's behaviour toward it
// (the tab is in the URL: ?tab=…; a header chip says while the bench misbehaves on purpose). The
// operations, transactions, log and files tabs are other features' parts, handed in by the app.
import { useState, type ComponentType, type ReactNode } from 'react';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import LinkOffIcon from '@mui/icons-material/LinkOff';
import KeyIcon from '@mui/icons-material/Key';
import { useClient } from '../../api/context';
import { useBench } from '../../stores/bench';
import { useCall } from '../../components/useCall';
import { formatTime } from '../../components/format';
import { Ago } from '../../components/Ago';
import { changedSinceRefusal, changeWords, useBenchSettings, useConnectionNews, type Drop, type Refusal } from '../../components/refusals';
import { monoFont } from '../../app/theme';
import { paths, type ChargerTab } from '../../app/routes';
import type { AdmissionChangeView, BenchSettings, ChargerView } from '../../../../shared/api/views';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ConfirmDeleteDialog } from '../../components/ConfirmDeleteDialog';
import { ChargerBadges } from '../../components/ChargerBadges';
import { linkProblem, neverConnected, silenceOf, useNow, useReach } from '../../components/reach';
import { useHeartbeatGivenRead } from '../../components/heartbeatInterval';
import { plural } from '../../components/running';
import { ConnectionChip, RegistrationChip, refusalWords, silentDropOf } from './chargerFields';
import { ChargerOverview, type ConnectorActionsSlot } from './ChargerOverview';
import { ChargerSettingsDialog, useSettingsBlocked } from './ChargerSettingsDialog';
import { useChargerRefresh } from './useChargerRefresh';
import { BenchBehaviourChip, BenchBehaviourPanel, useBenchBehaviour, type BehaviourState } from './BenchBehaviour';
import { busyWarning, type ChargerBusy } from '../../components/busy';
import { ErrorBoundary } from '../../components/ErrorBoundary';
import { ConnectorIdsNotice } from './ConnectorIdsNotice';
import { identityProblem } from '../../../../shared/api/input-rules';

const tabs: Array<{ value: ChargerTab; label: string }> = [
  { value: 'overview', label: 'Overview' },
  { value: 'operations', label: 'Operations' },
  { value: 'transactions', label: 'Transactions' },
  { value: 'log', label: 'Message log' },
  { value: 'files', label: 'Files' },
  { value: 'behaviour', label: 'Bench behaviour' },
];

/** The tabs other features fill, each given the charger's id, and the quick actions on each connector card. */
export type ChargerSections = Record<Exclude<ChargerTab, 'overview' | 'behaviour'>, ComponentType<{ chargerId: string }>> & { connectorActions: ConnectorActionsSlot };

/** Why the charger cannot be deleted now (the link to the bench is down), in words; null while it can. */
function useDeleteBlocked(chargerId: string): string | null {
  const problem = useBench((s) => linkProblem(s.link, s.linkSince));
  return problem && `${problem}: ${chargerId} cannot be deleted until the link is back.`;
}

function DeleteDialog({ charger, open, onClose, onDeleted }: { charger: ChargerView; open: boolean; onClose: () => void; onDeleted: () => void }) {
  const client = useClient();
  const blocked = useDeleteBlocked(charger.id);
  // The chargers list refreshes itself when it opens, so the deleted charger is gone there.
  const [state, remove, reset] = useCall(() => client.call('chargers:delete', { id: charger.id }));
  const close = () => {
    reset();
    onClose();
  };
  return (
    <ConfirmDeleteDialog
      open={open}
      titleId="delete-charger-title"
      title={`Delete ${charger.id}?`}
      text="The bench forgets this charger: its registration, password and boot policy. Its message log and transactions stay. If it connects again, it shows up as a new, unregistered charger."
      error={state.error}
      blocked={blocked}
      pending={state.pending}
      disabled={charger.connected}
      deleteLabel="Delete charger"
      onClose={close}
      onDelete={async () => (await remove()) !== undefined && onDeleted()}
    >
      {charger.connected && (
        <Alert severity="warning" sx={{ mt: 2 }}>
          {charger.id} is online. Disconnect it first (and stop it from reconnecting), or it would just come back.
        </Alert>
      )}
    </ConfirmDeleteDialog>
  );
}

/** Why the bench lets the charger in, or would not, as the settings are now: "not registered (let in as unknown)" only while unknown chargers are let in. */
export function registrationWords(registered: boolean, unknownChargers: BenchSettings['unknownChargers'] | undefined): string {
  if (registered) return 'registered on the bench';
  if (unknownChargers === 'reject') return 'not registered: refused at its next connection (unknown chargers are refused)';
  if (unknownChargers === 'accept') return 'not registered (let in as unknown)';
  return 'not registered';
}

function Header({
  charger,
  behaviour,
  onNotice,
  settings,
  refusal,
  drop,
}: {
  charger: ChargerView;
  behaviour: BehaviourState;
  onNotice: (m: { text: string; error?: boolean }) => void;
  settings: BenchSettings | null;
  refusal: Refusal | undefined;
  drop: Drop | undefined;
}) {
  const client = useClient();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<'settings' | 'delete' | null>(null);
  const [disconnect, runDisconnect] = useCall(() => client.call('chargers:disconnect', { id: charger.id }));
  const [confirmDisconnect, setConfirmDisconnect] = useState(false);
  const reach = useReach(charger.id);
  // Both are the bench's own records: they need the bench, not the charger.
  const settingsBlocked = useSettingsBlocked(charger.id);
  const deleteBlocked = useDeleteBlocked(charger.id);
  const silence = silenceOf(charger, settings?.heartbeatInterval, useNow());
  const details: ReactNode[] = [
    charger.remoteAddress && (
      <span key="addr">
        from <span style={{ fontFamily: monoFont }}>{charger.remoteAddress}</span>
      </span>
    ),
    <span key="hb" title={charger.lastHeartbeat ? formatTime(charger.lastHeartbeat) : undefined}>
      last heartbeat <Ago iso={charger.lastHeartbeat} />
    </span>,
    <span key="reg">{registrationWords(charger.registered, settings?.unknownChargers)}</span>,
    <span key="pw">{charger.hasPassword ? 'password set' : 'no password'}</span>,
    <span key="boot">boot policy: {charger.bootPolicy ?? 'bench default'}</span>,
  ].filter(Boolean);
  return (
    <Stack direction="row" sx={{ alignItems: 'flex-start', gap: 2, flexWrap: 'wrap' }}>
      {/* The facts wrap rather than push the buttons to a line of their own on a laptop's screen. */}
      <Box sx={{ flex: '1 1 0', minWidth: 320 }}>
        <Stack direction="row" sx={{ alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
          <Typography variant="h5" component="h1" sx={{ fontFamily: monoFont, overflowWrap: 'anywhere' }}>
            {charger.id}
          </Typography>
          <ConnectionChip
            connected={charger.connected}
            lastSeen={charger.lastSeen}
            never={neverConnected(charger)}
            admissionChange={charger.admissionChange}
            withLastSeen
            refusal={refusal}
            silence={silence}
            silentDrop={silentDropOf(charger, drop, settings?.heartbeatInterval)}
          />
          <RegistrationChip status={charger.registrationStatus} />
          <ChargerBadges chargerId={charger.id} connectors />
          <BenchBehaviourChip state={behaviour} onOpen={() => navigate(paths.charger(charger.id, 'behaviour'), { replace: true })} />
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {details.map((d, i) => (
            <span key={i}>
              {i > 0 && ' · '}
              {d}
            </span>
          ))}
        </Typography>
      </Box>
      <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }}>
        <Tooltip title={reach.reachable ? 'Close its WebSocket connection; a charger normally reconnects by itself' : (reach.reason ?? '')}>
          <span>
            <Button variant="outlined" startIcon={<LinkOffIcon />} disabled={!reach.reachable} loading={disconnect.pending} onClick={() => setConfirmDisconnect(true)}>
              Disconnect…
            </Button>
          </span>
        </Tooltip>
        <Tooltip title={settingsBlocked ?? ''}>
          <span>
            <Button variant="outlined" startIcon={<KeyIcon />} disabled={!!settingsBlocked} onClick={() => setDialog('settings')}>
              Password &amp; boot policy
            </Button>
          </span>
        </Tooltip>
        <Tooltip title={deleteBlocked ?? ''}>
          <span>
            <Button variant="outlined" color="error" startIcon={<DeleteOutlineIcon />} disabled={!!deleteBlocked} onClick={() => setDialog('delete')}>
              Delete
            </Button>
          </span>
        </Tooltip>
      </Stack>
      <ConfirmDialog
        open={confirmDisconnect}
        title={`Disconnect ${charger.id}?`}
        chargerId={charger.id}
        target={`${charger.id} · its connection to the bench`}
        consequence={(running) =>
          running.length
            ? `${charger.id} loses its connection in the middle of ${plural(running.length, 'session')}. The bench does not stop them: the charger keeps charging or ends them as its offline settings say, queues their messages and normally reconnects by itself.`
            : `The bench closes ${charger.id}'s WebSocket connection; a charger normally reconnects by itself within a minute.`
        }
        confirmLabel={(running) => (running.length ? `Disconnect ${charger.id} during ${plural(running.length, 'session')}` : `Disconnect ${charger.id}`)}
        onCancel={() => setConfirmDisconnect(false)}
        onConfirm={async () => {
          setConfirmDisconnect(false);
          const r = await runDisconnect();
          if (r) onNotice({ text: r.disconnected ? `Disconnected ${charger.id}. It will likely reconnect by itself.` : `${charger.id} was not connected.` });
          else onNotice({ text: `Could not disconnect ${charger.id}.`, error: true });
        }}
      />
      <ChargerSettingsDialog
        charger={charger}
        open={dialog === 'settings'}
        onClose={() => setDialog(null)}
        onSaved={(text) => {
          setDialog(null);
          onNotice({ text });
        }}
      />
      <DeleteDialog
        charger={charger}
        open={dialog === 'delete'}
        onClose={() => setDialog(null)}
        onDeleted={() => {
          setDialog(null);
          navigate(paths.chargers());
        }}
      />
    </Stack>
  );
}

function NotFound({ id }: { id: string }) {
  return (
    <Stack spacing={2} sx={{ maxWidth: 640 }}>
      <Typography variant="h5" component="h1" sx={{ fontFamily: monoFont }}>
        {id}
      </Typography>
      <Alert severity="info">No charger “{id}” is known to this bench: it has never connected and is not registered, or it was deleted.</Alert>
      <Box>
        <Button component={RouterLink} to={paths.chargers()} variant="outlined">
          Back to chargers
        </Button>
      </Box>
    </Stack>
  );
}

export function ChargerDetailScreen({ sections }: { sections: ChargerSections }) {
  useChargerRefresh();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  // With the interval it was given read from the record when its view holds none (a boot an earlier version recorded).
  const charger = useHeartbeatGivenRead(useBench((s) => s.chargers[id]));
  const loaded = useBench((s) => s.loaded);
  const [notice, setNotice] = useState<{ text: string; error?: boolean } | null>(null);
  const asked = params.get('tab');
  const tab: ChargerTab = tabs.find((t) => t.value === asked)?.value ?? 'overview';
  const behaviour = useBenchBehaviour(id);
  const settings = useBenchSettings();
  const { refusals, drops } = useConnectionNews();
  const refusal = charger && !charger.connected ? refusals[charger.id] : undefined;

  if (!charger) return loaded ? <NotFound id={id} /> : <Typography color="text.secondary">Loading {id}…</Typography>;

  return (
    <Box sx={{ height: '100%', display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      <Breadcrumbs aria-label="Breadcrumb">
        <Link component={RouterLink} to={paths.chargers()} underline="hover" color="inherit">
          Chargers
        </Link>
        <Typography color="text.primary" sx={{ fontFamily: monoFont }}>
          {charger.id}
        </Typography>
      </Breadcrumbs>
      <ErrorBoundary what={`${charger.id}'s summary`} resetKey={[charger.id, charger]}>
        <Header charger={charger} behaviour={behaviour} onNotice={setNotice} settings={settings} refusal={refusal} drop={drops[charger.id]} />
      </ErrorBoundary>
      <RefusedIdBanner id={charger.id} />
      {refusal && <RefusedBanner refusal={refusal} changed={changedSinceRefusal(refusal, charger.admissionChange)} />}
      <BusyBanner chargerId={charger.id} busy={behaviour.busy} />
      <ConnectorIdsNotice charger={charger} />
      <Tabs
        value={tab}
        onChange={(_e, v: ChargerTab) => navigate(paths.charger(charger.id, v), { replace: true })}
        aria-label="Charger sections"
        sx={{ borderBottom: 1, borderColor: 'divider', minHeight: 40 }}
      >
        {tabs.map((t) => (
          <Tab key={t.value} value={t.value} label={t.label} id={`charger-tab-${t.value}`} aria-controls={`charger-tabpanel-${t.value}`} sx={{ minHeight: 40 }} />
        ))}
      </Tabs>
      <Box
        role="tabpanel"
        id={`charger-tabpanel-${tab}`}
        aria-labelledby={`charger-tab-${tab}`}
        // The operations tab scrolls its menu and its panel apart; the overview scrolls as a whole.
        sx={{ flex: 1, minHeight: 0, overflow: tab === 'overview' || tab === 'behaviour' ? 'auto' : 'hidden', display: 'flex', flexDirection: 'column', pt: 0.5 }}
      >
        <ErrorBoundary what={`${charger.id}'s ${tabs.find((t) => t.value === tab)?.label.toLowerCase() ?? tab}`} resetKey={[`${charger.id}/${tab}`, charger]}>
          {tab === 'overview' && (
            <ChargerOverview
              charger={charger}
              ConnectorActions={sections.connectorActions}
              refused={!!refusal && !changedSinceRefusal(refusal, charger.admissionChange)}
              heartbeatInterval={settings?.heartbeatInterval ?? null}
            />
          )}
          {tab === 'operations' && <sections.operations chargerId={charger.id} />}
          {tab === 'transactions' && <sections.transactions chargerId={charger.id} />}
          {tab === 'log' && <sections.log chargerId={charger.id} />}
          {tab === 'files' && <sections.files chargerId={charger.id} />}
          {tab === 'behaviour' && <BenchBehaviourPanel chargerId={charger.id} state={behaviour} />}
        </ErrorBoundary>
      </Box>
      <Snackbar open={!!notice} autoHideDuration={6000} onClose={() => setNotice(null)} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}>
        <Alert severity={notice?.error ? 'error' : 'success'} variant="filled" onClose={() => setNotice(null)}>
          {notice?.text}
        </Alert>
      </Snackbar>
    </Box>
  );
}

/**
 * The bench keeps refusing the charger: why (the Connect screen's reason), since when, and where to fix it;
 * or, after a change to how it is let in made since its last refusal (`changed`), that its next attempt is
 * awaited (the fix is not asked again).
 */
function RefusedBanner({ refusal, changed }: { refusal: Refusal; changed: AdmissionChangeView | null }) {
  const now = useNow();
  return (
    <Alert
      severity={changed ? 'info' : 'error'}
      data-testid="charger-refused"
      action={
        <Button component={RouterLink} to={paths.connect()} color="inherit" size="small">
          Open Connect
        </Button>
      }
    >
      {changed ? (
        <>
          <strong>{changeWords(changed, now)}.</strong> The last refusal, {formatTime(refusal.last)} ({refusal.count}× in a row): {refusal.reason}.
        </>
      ) : (
        <>
          <strong>{refusalWords(refusal, now)}.</strong> The newest, {formatTime(refusal.last)}: {refusal.reason}.
        </>
      )}
    </Alert>
  );
}

/**
 * A charger an older bench stored under an id the identity rule now refuses (core/stored-ids.ts, said at
 * start and in the health banner): a connection under it is turned away, so this page says so, why, and
 * what to do, rather than leave the user waiting for it to connect.
 */
function RefusedIdBanner({ id }: { id: string }) {
  const problem = identityProblem(id);
  if (!problem) return null;
  const fixed = id.trim();
  const anew =
    problem.problem === 'spaceAtEnds' ? (
      <>
        register the charger under <span style={{ fontFamily: monoFont }}>{JSON.stringify(fixed)}</span> (this id without the spaces)
      </>
    ) : (
      'register the charger under a valid id'
    );
  return (
    <Alert
      severity="warning"
      data-testid="charger-id-refused"
      action={
        <Button component={RouterLink} to={paths.connect()} color="inherit" size="small">
          Open Connect
        </Button>
      }
    >
      <strong>
        The bench refuses this id, <span style={{ fontFamily: monoFont, whiteSpace: 'pre' }}>{JSON.stringify(id)}</span>, when a charger connects.
      </strong>{' '}
      The charge point identity {problem.message}. A connection under it is turned away, so this charger cannot connect as it is stored. To let it connect, {anew} and set that identity in the charger;
      this entry keeps its record, and its password, boot policy and registration can still be changed, or it can be deleted.
    </Alert>
  );
}

/** A test run or a commissioning runs on the charger: what is sent from here disturbs it. */
function BusyBanner({ chargerId, busy }: { chargerId: string; busy: ChargerBusy }) {
  const warning = busyWarning(busy, chargerId);
  if (!warning) return null;
  const to = busy.commissioning ? paths.commissioningOne(busy.commissioning.id, 'checks') : paths.testRun(busy.testRun ?? '');
  return (
    <Alert
      severity="warning"
      action={
        <Button component={RouterLink} to={to} color="inherit" size="small">
          {busy.commissioning ? 'Open the commissioning' : 'Open the test run'}
        </Button>
      }
    >
      {warning}
    </Alert>
  );
}
