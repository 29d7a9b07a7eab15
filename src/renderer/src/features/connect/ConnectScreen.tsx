// Connect: how to point a charger at this bench. Every address of this machine as the full URL to enter
// (with a QR code), the settings the charger must match, and every connection attempt with, for a
// refusal, the reason in plain words and what to fix.
import { memo, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip, { type ChipProps } from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Grid from '@mui/material/Grid';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import RefreshIcon from '@mui/icons-material/Refresh';
import SettingsIcon from '@mui/icons-material/Settings';
import { QRCodeSVG } from 'qrcode.react';
import { useClient } from '../../api/context';
import { useBench } from '../../stores/bench';
import { useLoad } from '../../components/useCall';
import { CopyButton } from '../../components/CopyButton';
import { Facts } from '../../components/Facts';
import { formatAgo, formatClock, formatDateTime, formatTime } from '../../components/format';
import { monoFont } from '../../app/theme';
import { paths } from '../../app/routes';
import { ChargePointIdentity } from '../../../../shared/api/commands';
import { issueWords } from '../../../../shared/api/issues';
import type { NetworkAddress } from '../../../../shared/api/contract';
import type { BenchSettings, ConnectionAttemptView } from '../../../../shared/api/views';

const ID_KEY = 'chargebench.connect.chargePointId';
const DEFAULT_ID = 'CP001';

/** The URL a charger is given: the address's base URL and its identity (escaped as a path segment). */
export function chargerUrl(address: NetworkAddress, chargePointId: string): string {
  return address.url + encodeURIComponent(chargePointId);
}

function rememberedId(): string {
  try {
    return localStorage.getItem(ID_KEY) || DEFAULT_ID;
  } catch {
    return DEFAULT_ID;
  }
}

function remember(id: string): void {
  try {
    localStorage.setItem(ID_KEY, id);
  } catch {
    // not remembered; still used
  }
}

function Section({ title, id, action, children }: { title: string; id: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={id} sx={{ p: 2.5, height: '100%' }}>
      <Stack direction="row" sx={{ alignItems: 'center', mb: 1.5, gap: 1 }}>
        <Typography id={id} variant="h6" component="h2" sx={{ flexGrow: 1, fontSize: '1.05rem' }}>
          {title}
        </Typography>
        {action}
      </Stack>
      {children}
    </Paper>
  );
}

function AddressList({ addresses, chargePointId, selected, onSelect }: { addresses: NetworkAddress[]; chargePointId: string | null; selected: string; onSelect: (url: string) => void }) {
  return (
    <RadioGroup aria-labelledby="connect-urls" value={selected} onChange={(e) => onSelect(e.target.value)}>
      {addresses.map((a) => {
        const full = chargePointId === null ? `${a.url}<chargePointId>` : chargerUrl(a, chargePointId);
        return (
          <Stack key={a.url} direction="row" sx={{ alignItems: 'center', gap: 1, py: 0.75, borderBottom: 1, borderColor: 'divider', '&:last-of-type': { borderBottom: 0 } }}>
            <FormControlLabel
              value={a.url}
              control={<Radio size="small" />}
              sx={{ flexGrow: 1, minWidth: 0, mr: 0 }}
              label={
                <Box sx={{ minWidth: 0 }}>
                  <Typography sx={{ fontFamily: monoFont, fontSize: '0.95rem', overflowWrap: 'anywhere', opacity: a.internal ? 0.75 : 1 }}>{full}</Typography>
                  <Typography variant="caption" color="text.secondary">
                    {[a.interface || 'listening address', a.family, a.internal ? 'this computer only: a charger cannot reach it' : 'on the network'].join(' · ')}
                  </Typography>
                </Box>
              }
            />
            <CopyButton text={full} label={`Copy ${full}`} disabled={chargePointId === null} />
          </Stack>
        );
      })}
    </RadioGroup>
  );
}

const outcomes: Record<ConnectionAttemptView['outcome'], { label: string; color: ChipProps['color'] }> = {
  accepted: { label: 'Connected', color: 'success' },
  refused: { label: 'Refused', color: 'error' },
  replaced: { label: 'Replaced', color: 'warning' },
  closed: { label: 'Disconnected', color: 'default' },
};

/** Today's attempts by their time alone; older ones with the date. */
function attemptTime(iso: string): string {
  const d = new Date(iso);
  return d.toDateString() === new Date().toDateString() ? formatClock(d) : formatDateTime(d);
}

/** IPv4 peers of a dual-stack socket read as ::ffff:192.168.1.20; installers know the plain form. */
const plainAddress = (a: string | null) => (a ? a.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1') : '—');

const AttemptsTable = memo(function AttemptsTable({ attempts }: { attempts: ConnectionAttemptView[] }) {
  return (
    <TableContainer sx={{ maxHeight: 440 }}>
      <Table size="small" stickyHeader aria-label="Connection attempts">
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 110 }}>Time</TableCell>
            <TableCell sx={{ width: 140 }}>Charger</TableCell>
            <TableCell sx={{ width: 140 }}>From</TableCell>
            <TableCell sx={{ width: 120 }}>Outcome</TableCell>
            <TableCell>Reason</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {attempts.map((a) => (
            <TableRow key={a.id} hover sx={{ verticalAlign: 'top' }}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <Tooltip title={`${formatTime(a.ts)} (${formatAgo(a.ts)})`}>
                  <span>{attemptTime(a.ts)}</span>
                </Tooltip>
              </TableCell>
              <TableCell sx={{ fontFamily: monoFont, overflowWrap: 'anywhere' }}>{a.chargerId ?? '—'}</TableCell>
              <TableCell sx={{ fontFamily: monoFont }}>{plainAddress(a.remoteAddress)}</TableCell>
              <TableCell>
                <Chip size="small" label={outcomes[a.outcome].label} color={outcomes[a.outcome].color} variant={a.outcome === 'closed' ? 'outlined' : 'filled'} />
              </TableCell>
              <TableCell sx={{ color: a.outcome === 'refused' ? 'error.main' : 'text.primary' }}>{a.reason ?? '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
});

function SecuritySummary({ settings, port }: { settings: BenchSettings | null; port: number | undefined }) {
  if (!settings) return <Skeleton variant="rounded" height={120} />;
  return (
    <Stack spacing={2}>
      <Facts
        items={[
          ['OCPP version', 'OCPP 1.6J (JSON over WebSocket, subprotocol ocpp1.6)'],
          ['Port', port ?? '—'],
          ['Encryption', 'None: plain ws://, no TLS (security profile 0 or 1)'],
          [
            'Password',
            settings.requirePassword
              ? 'Required from every charger (security profile 1): the charger logs in with its charge point id and its AuthorizationKey, which must match the password set for it on the bench'
              : 'Not required: only chargers given a password on the bench must send it (security profile 1); the others connect without one',
          ],
          ['Unknown chargers', settings.unknownChargers === 'accept' ? 'Any charge point id may connect' : 'Refused: only chargers registered on the bench (Chargers screen) may connect'],
        ]}
      />
      <Box>
        <Button component={RouterLink} to={paths.settings()} startIcon={<SettingsIcon />} size="small">
          Change in Settings
        </Button>
      </Box>
    </Stack>
  );
}

export function ConnectScreen() {
  const client = useClient();
  const status = useBench((s) => s.status);
  const connectionsVersion = useBench((s) => s.connectionsVersion);
  const [chargePointId, setChargePointId] = useState(rememberedId);
  const [selected, setSelected] = useState('');
  const [refusalsOnly, setRefusalsOnly] = useState(false);
  const [thisIdOnly, setThisIdOnly] = useState(false);

  const addresses = useLoad(() => client.call('network:addresses', {}), [client, status?.port]);
  const settings = useLoad(() => client.call('settings:get', {}), [client]);
  const attempts = useLoad(() => client.call('connectionAttempts:list', { limit: 200 }), [client, connectionsVersion]);

  const idCheck = ChargePointIdentity.safeParse(chargePointId);
  const id = idCheck.success ? chargePointId : null;
  const list = addresses.data ?? [];
  // The QR code shows a network address unless the user picks another; a new list keeps the pick if it is still there.
  useEffect(() => {
    if (!list.length || list.some((a) => a.url === selected)) return;
    setSelected((list.find((a) => !a.internal) ?? list[0]).url);
  }, [list, selected]);
  const chosen = list.find((a) => a.url === selected) ?? null;
  const onlyLoopback = list.length > 0 && list.every((a) => a.internal);

  // Typing an id re-filters only when the list is limited to it.
  const onlyId = thisIdOnly ? chargePointId : null;
  const shown = useMemo(() => (attempts.data ?? []).filter((a) => (!refusalsOnly || a.outcome === 'refused') && (onlyId === null || a.chargerId === onlyId)), [attempts.data, refusalsOnly, onlyId]);

  return (
    <Stack spacing={2.5} sx={{ maxWidth: 1280 }}>
      <Box>
        <Typography variant="h5" component="h1">
          Connect a charger
        </Typography>
        <Typography variant="body2" color="text.secondary">
          In the charger&apos;s OCPP settings, enter one of these addresses as the central system (OCPP server) URL. It shows up on the Chargers screen the moment it connects; if it is refused, the
          reason is listed below.
        </Typography>
      </Box>

      <Grid container spacing={2.5}>
        <Grid size={{ xs: 12, md: 8 }}>
          <Section
            title="Address to enter on the charger"
            id="connect-urls"
            action={
              <Tooltip title="Look for network addresses again">
                <IconButton aria-label="Look for network addresses again" onClick={addresses.reload} size="small">
                  <RefreshIcon fontSize="small" />
                </IconButton>
              </Tooltip>
            }
          >
            <TextField
              label="Charge point id"
              value={chargePointId}
              onChange={(e) => {
                setChargePointId(e.target.value);
                remember(e.target.value);
              }}
              error={!idCheck.success}
              helperText={
                idCheck.success
                  ? "The charger's identity (ChargeBoxIdentity): the last part of the URL. Set the same id on the charger."
                  : issueWords(idCheck.error, { whole: 'id', labels: { id: 'Charge point id' } }).id
              }
              size="small"
              sx={{ mb: 1.5, width: 360, maxWidth: '100%' }}
              slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off', style: { fontFamily: monoFont } } }}
            />
            {addresses.error && <Alert severity="error">Could not list this computer&apos;s addresses: {addresses.error}</Alert>}
            {!addresses.data && !addresses.error && <Skeleton variant="rounded" height={96} />}
            {addresses.data && !list.length && <Alert severity="warning">This computer has no network address. Connect it to the chargers&apos; network, then look again.</Alert>}
            {onlyLoopback && (
              <Alert severity="warning" sx={{ mb: 1 }}>
                {status?.host === '127.0.0.1' || status?.host === '::1'
                  ? 'The bench listens on this computer only, so chargers on the network cannot reach it. Start it listening on all addresses (serve --host 0.0.0.0).'
                  : 'This computer has no network address besides itself. Connect it to the chargers\u2019 network (Ethernet or Wi-Fi), then look again.'}
              </Alert>
            )}
            {list.length > 0 && <AddressList addresses={list} chargePointId={id} selected={selected} onSelect={setSelected} />}
            {chosen && id !== null && (
              <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
                Charger adds its id to the URL by itself? Enter{' '}
                <Box component="span" sx={{ fontFamily: monoFont, color: 'text.primary' }}>
                  {chosen.url}
                </Box>{' '}
                <CopyButton text={chosen.url} label={`Copy ${chosen.url}`} sx={{ p: 0.25 }} /> and set its charge point id to{' '}
                <Box component="span" sx={{ fontFamily: monoFont, color: 'text.primary' }}>
                  {chargePointId}
                </Box>
                .
              </Typography>
            )}
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
          <Section title="QR code" id="connect-qr">
            {chosen && id !== null ? (
              <Stack spacing={1} sx={{ alignItems: 'center' }}>
                {/* Dark on white in both themes: scanners expect it. */}
                <Box sx={{ bgcolor: '#fff', p: 1.5, borderRadius: 1, lineHeight: 0 }}>
                  <QRCodeSVG
                    value={chargerUrl(chosen, id)}
                    size={196}
                    marginSize={0}
                    level="M"
                    title={`QR code of ${chargerUrl(chosen, id)}`}
                    role="img"
                    aria-label={`QR code of ${chargerUrl(chosen, id)}`}
                  />
                </Box>
                <Typography variant="caption" color="text.secondary" sx={{ textAlign: 'center' }}>
                  For the charger&apos;s setup app: scan instead of typing the URL.
                </Typography>
              </Stack>
            ) : (
              <Typography variant="body2" color="text.secondary">
                {id === null ? 'Enter a valid charge point id to see the QR code.' : 'Pick an address to see its QR code.'}
              </Typography>
            )}
          </Section>
        </Grid>
        <Grid size={{ xs: 12 }}>
          <Section title="Charger settings to match" id="connect-security">
            <SecuritySummary settings={settings.data} port={status?.port} />
          </Section>
        </Grid>
      </Grid>

      <Section
        title="Connection attempts"
        id="connect-attempts"
        action={
          <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }}>
            <FormControlLabel control={<Checkbox size="small" checked={refusalsOnly} onChange={(e) => setRefusalsOnly(e.target.checked)} />} label="Refusals only" />
            <FormControlLabel control={<Checkbox size="small" checked={thisIdOnly} onChange={(e) => setThisIdOnly(e.target.checked)} />} label={`Only ${chargePointId || 'this id'}`} />
          </Stack>
        }
      >
        {attempts.error && <Alert severity="error">Could not load the connection attempts: {attempts.error}</Alert>}
        {!attempts.data && !attempts.error && <Skeleton variant="rounded" height={80} />}
        {attempts.data && shown.length > 0 && <AttemptsTable attempts={shown} />}
        {attempts.data && !shown.length && (
          <Typography variant="body2" color="text.secondary">
            {attempts.data.length ? 'No attempt matches these filters.' : 'No charger has tried to connect yet. Attempts show up here as they happen, refusals with the reason.'}
          </Typography>
        )}
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
          The charger tries but nothing shows up here? Its connection never reached the bench: check the address, that the charger is on the same network, and that this computer&apos;s firewall lets
          in TCP port {status?.port ?? '…'}.
        </Typography>
      </Section>
    </Stack>
  );
}
