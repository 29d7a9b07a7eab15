// Connect: how to point a charger at this bench. Every address of this machine as the full URL to enter
// (with a QR code), the settings the charger must match, and every connection attempt with, for a
// refusal, the reason in plain words and what to fix.
import { useMemo, useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Grid from '@mui/material/Grid';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import RefreshIcon from '@mui/icons-material/Refresh';
import { useClient } from '../../api/context';
import { useBench } from '../../stores/bench';
import { useLoad } from '../../components/useCall';
import { AttemptsTable, ChargePointIdField, ChargerAddresses, ChargerQr, chargerUrl, SecuritySummary, useAddresses } from '../../components/connect-parts';
import { ChargePointIdentity } from '../../../../shared/api/commands';

const ID_KEY = 'chargebench.connect.chargePointId';
const DEFAULT_ID = 'CP001';

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

/** The newest attempts listed; one more is read to know whether older ones are left out. */
export const ATTEMPTS_SHOWN = 200;

export function ConnectScreen() {
  const client = useClient();
  const status = useBench((s) => s.status);
  const connectionsVersion = useBench((s) => s.connectionsVersion);
  const [chargePointId, setChargePointId] = useState(rememberedId);
  const [refusalsOnly, setRefusalsOnly] = useState(false);
  const [thisIdOnly, setThisIdOnly] = useState(false);

  const where = useAddresses();
  const settings = useLoad(() => client.call('settings:get', {}), [client]);
  const attempts = useLoad(() => client.call('connectionAttempts:list', { limit: ATTEMPTS_SHOWN + 1 }), [client, connectionsVersion]);
  // More than ATTEMPTS_SHOWN came: older attempts are left out, and the list says so.
  const older = (attempts.data?.length ?? 0) > ATTEMPTS_SHOWN;
  const newest = useMemo(() => attempts.data?.slice(0, ATTEMPTS_SHOWN), [attempts.data]);

  const id = ChargePointIdentity.safeParse(chargePointId).success ? chargePointId : null;
  const { chosen } = where;

  // Typing an id re-filters only when the list is limited to it.
  const onlyId = thisIdOnly ? chargePointId : null;
  const shown = useMemo(() => (newest ?? []).filter((a) => (!refusalsOnly || a.outcome === 'refused') && (onlyId === null || a.chargerId === onlyId)), [newest, refusalsOnly, onlyId]);

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
                <IconButton aria-label="Look for network addresses again" onClick={where.reload} size="small">
                  <RefreshIcon fontSize="small" />
                </IconButton>
              </Tooltip>
            }
          >
            <ChargePointIdField
              value={chargePointId}
              onChange={(v) => {
                setChargePointId(v);
                remember(v);
              }}
            />
            <ChargerAddresses where={where} chargePointId={chargePointId} />
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
          <Section title="QR code" id="connect-qr">
            {chosen && id !== null ? (
              <ChargerQr url={chargerUrl(chosen, id)} />
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
            {attempts.data.length
              ? `No attempt ${older ? `among the newest ${ATTEMPTS_SHOWN} ` : ''}matches these filters.`
              : 'No charger has tried to connect yet. Attempts show up here as they happen, refusals with the reason.'}
          </Typography>
        )}
        {older && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} data-testid="attempts-newest-only">
            Only the newest {ATTEMPTS_SHOWN} connection attempts are listed; older ones are left out (GET /api/connection-attempts pages back to them with beforeId).
          </Typography>
        )}
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1.5 }}>
          The charger tries but nothing shows up here? Its connection never reached the bench: check the address, that the charger is on the same network, and that this computer&apos;s firewall lets
          in TCP port {status?.port ?? '…'}. A charger set to wss:// (TLS) does reach it, and is listed as a refused <em>TLS handshake</em> without its id (TLS hides it): set it to ws://.
        </Typography>
      </Section>
    </Stack>
  );
}
