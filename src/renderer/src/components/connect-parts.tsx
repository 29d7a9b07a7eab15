// The pieces of the Connect assistant, shared by the Connect screen and the commissioning wizard's Connect
// step: the URL a charger is given on each address of this machine, its QR code, the settings the charger
// must match, and the connection attempts with each refusal's reason.
import { memo, useEffect, useMemo, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip, { type ChipProps } from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
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
import SettingsIcon from '@mui/icons-material/Settings';
import { QRCodeSVG } from 'qrcode.react';
import { useClient } from '../api/context';
import { useBench } from '../stores/bench';
import { useLoad } from './useCall';
import { CopyButton } from './CopyButton';
import { Facts } from './Facts';
import { formatAgo, formatClock, formatDateTime, formatTime } from './format';
import { refusalStatus } from './refusals';
import { monoFont } from '../app/theme';
import { paths } from '../app/routes';
import { ChargePointIdentity } from '../../../shared/api/commands';
import { issueWords } from '../../../shared/api/issues';
import type { NetworkAddress } from '../../../shared/api/contract';
import type { BenchSettings, ConnectionAttemptView } from '../../../shared/api/views';
import { benchNow } from './benchClock';

/** The URL a charger is given: the address's base URL and its identity (escaped as a path segment). */
export function chargerUrl(address: NetworkAddress, chargePointId: string): string {
  return address.url + encodeURIComponent(chargePointId);
}

export function AddressList({ addresses, chargePointId, selected, onSelect }: { addresses: NetworkAddress[]; chargePointId: string | null; selected: string; onSelect: (url: string) => void }) {
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
  return d.toDateString() === new Date(benchNow()).toDateString() ? formatClock(d) : formatDateTime(d);
}

/** IPv4 peers of a dual-stack socket read as ::ffff:192.168.1.20; installers know the plain form. */
export const plainAddress = (a: string | null) => (a ? a.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1') : '—');

export const AttemptsTable = memo(function AttemptsTable({ attempts }: { attempts: ConnectionAttemptView[] }) {
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
          {attempts.map((a) => {
            // Identical refusals in a row are one line: how many, the first and the newest.
            const count = a.count ?? 1;
            const first = a.firstTs ?? a.ts;
            const status = a.outcome === 'refused' ? refusalStatus(a.reason) : null;
            return (
              <TableRow key={a.id} hover sx={{ verticalAlign: 'top' }}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <Tooltip title={`${formatTime(a.ts)} (${formatAgo(a.ts)})`}>
                    <span>{count > 1 ? `last ${attemptTime(a.ts)}` : attemptTime(a.ts)}</span>
                  </Tooltip>
                  {count > 1 && (
                    <Tooltip title={`${formatTime(first)} (${formatAgo(first)})`}>
                      <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                        first {attemptTime(first)}
                      </Typography>
                    </Tooltip>
                  )}
                </TableCell>
                <TableCell sx={{ fontFamily: monoFont, overflowWrap: 'anywhere' }}>{a.chargerId ?? '—'}</TableCell>
                <TableCell sx={{ fontFamily: monoFont }}>{plainAddress(a.remoteAddress)}</TableCell>
                <TableCell>
                  <Tooltip
                    title={[
                      count > 1 && `${count} identical attempts in a row (same charger, address and reason), from ${formatTime(first)} to ${formatTime(a.ts)}`,
                      status !== null && `answered HTTP ${status}`,
                    ]
                      .filter(Boolean)
                      .join('; ')}
                  >
                    <Chip
                      size="small"
                      label={count > 1 ? `${outcomes[a.outcome].label} ${count}×` : outcomes[a.outcome].label}
                      color={outcomes[a.outcome].color}
                      variant={a.outcome === 'closed' ? 'outlined' : 'filled'}
                    />
                  </Tooltip>
                  {status !== null && (
                    <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 0.25 }}>
                      HTTP {status}
                    </Typography>
                  )}
                </TableCell>
                <TableCell sx={{ color: a.outcome === 'refused' ? 'error.main' : 'text.primary' }}>{a.reason ?? '—'}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
});

export function SecuritySummary({ settings, port }: { settings: BenchSettings | null; port: number | undefined }) {
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

/** The QR code of a charger's URL, for the charger's setup app. */
export function ChargerQr({ url, size = 196 }: { url: string; size?: number }) {
  return (
    <Stack spacing={1} sx={{ alignItems: 'center' }}>
      {/* Dark on white in both themes: scanners expect it. */}
      <Box sx={{ bgcolor: '#fff', p: 1.5, borderRadius: 1, lineHeight: 0 }}>
        <QRCodeSVG value={url} size={size} marginSize={0} level="M" title={`QR code of ${url}`} role="img" aria-label={`QR code of ${url}`} />
      </Box>
      <Typography variant="caption" color="text.secondary" sx={{ textAlign: 'center' }}>
        For the charger&apos;s setup app: scan instead of typing the URL.
      </Typography>
    </Stack>
  );
}

/** This machine's addresses, and the one chosen for the QR code: a network address unless the user picks another. */
export function useAddresses() {
  const client = useClient();
  const port = useBench((s) => s.status?.port);
  const addresses = useLoad(() => client.call('network:addresses', {}), [client, port]);
  const [selected, setSelected] = useState('');
  const list = useMemo(() => addresses.data ?? [], [addresses.data]);
  // A new list keeps the pick if it is still there.
  useEffect(() => {
    if (!list.length || list.some((a) => a.url === selected)) return;
    setSelected((list.find((a) => !a.internal) ?? list[0]).url);
  }, [list, selected]);
  return {
    loaded: addresses.data !== null,
    error: addresses.error,
    reload: addresses.reload,
    list,
    selected,
    setSelected,
    chosen: list.find((a) => a.url === selected) ?? null,
    onlyLoopback: list.length > 0 && list.every((a) => a.internal),
  };
}
export type Addresses = ReturnType<typeof useAddresses>;

/** The charge point id to put in the URL, checked as the bench checks it. */
export function ChargePointIdField({ value, onChange, helper }: { value: string; onChange: (id: string) => void; helper?: string }) {
  const check = ChargePointIdentity.safeParse(value);
  return (
    <TextField
      label="Charge point id"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={!check.success}
      helperText={
        check.success
          ? (helper ?? "The charger's identity (ChargeBoxIdentity): the last part of the URL. Set the same id on the charger.")
          : issueWords(check.error, { whole: 'id', labels: { id: 'Charge point id' } }).id
      }
      size="small"
      sx={{ mb: 1.5, width: 360, maxWidth: '100%' }}
      slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off', style: { fontFamily: monoFont } } }}
    />
  );
}

/** The URL to enter on the charger on every address (one chosen), what keeps a charger from reaching them, and the base URL for chargers that add their id. */
export function ChargerAddresses({ where, chargePointId }: { where: Addresses; chargePointId: string }) {
  const host = useBench((s) => s.status?.host);
  const id = ChargePointIdentity.safeParse(chargePointId).success ? chargePointId : null;
  const { list, chosen } = where;
  return (
    <>
      {where.error && <Alert severity="error">Could not list this computer&apos;s addresses: {where.error}</Alert>}
      {!where.loaded && !where.error && <Skeleton variant="rounded" height={96} />}
      {where.loaded && !list.length && <Alert severity="warning">This computer has no network address. Connect it to the chargers&apos; network, then look again.</Alert>}
      {where.onlyLoopback && (
        <Alert severity="warning" sx={{ mb: 1 }}>
          {host === '127.0.0.1' || host === '::1'
            ? 'The bench listens on this computer only, so chargers on the network cannot reach it. Start it listening on all addresses (serve --host 0.0.0.0).'
            : 'This computer has no network address besides itself. Connect it to the chargers\u2019 network (Ethernet or Wi-Fi), then look again.'}
        </Alert>
      )}
      {list.length > 0 && <AddressList addresses={list} chargePointId={id} selected={where.selected} onSelect={where.setSelected} />}
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
    </>
  );
}
