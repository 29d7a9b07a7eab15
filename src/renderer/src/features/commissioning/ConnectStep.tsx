// Step 2, connect: the Connect assistant inline (the URL for this charger's id on each address, its QR
// code, the settings the charger must match), the reason of the last refused attempt as it happens, and the
// connected chargers to choose from, until the charger is in.
import { useEffect, useMemo } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Grid from '@mui/material/Grid';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Radio from '@mui/material/Radio';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useClient } from '../../api/context';
import { useBench } from '../../stores/bench';
import { useLoad } from '../../components/useCall';
import { ChargerBadges } from '../../components/ChargerBadges';
import { ChargePointIdField, ChargerAddresses, ChargerQr, chargerUrl, plainAddress, SecuritySummary, useAddresses } from '../../components/connect-parts';
import { formatAgo, formatClock } from '../../components/format';
import { ChargePointIdentity } from '../../../../shared/api/commands';
import { setDraft, useDraft } from './draft';
import { StepNav } from './WizardScreen';
import { benchNow } from '../../components/benchClock';

function Part({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box component="section" aria-label={title}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

/** The newest refused connection attempt, as the bench records them (refreshed as attempts happen). */
function LastRefusal({ since }: { since: string }) {
  const client = useClient();
  const version = useBench((s) => s.connectionsVersion);
  const attempts = useLoad(() => client.call('connectionAttempts:list', { limit: 50 }), [client, version]);
  // Only refusals since this step opened: an old one would send the installer after a problem long fixed.
  const last = attempts.data?.find((a) => a.outcome === 'refused' && a.ts >= since) ?? null;
  if (attempts.error) return <Alert severity="warning">Could not read the connection attempts: {attempts.error}</Alert>;
  if (!last)
    return (
      <Typography variant="body2" color="text.secondary" role="status">
        No charger has been refused since {formatClock(since)}. A refusal shows up here the moment it happens, with the reason.
      </Typography>
    );
  return (
    <Alert severity="error" role="status" aria-label="Last refused attempt">
      <AlertTitle>
        Refused at {formatClock(last.ts)} ({formatAgo(last.ts)}): {last.chargerId ?? 'no charge point id'} from {plainAddress(last.remoteAddress)}
      </AlertTitle>
      {last.reason ?? 'No reason recorded.'}
    </Alert>
  );
}

export function ConnectStep({ back, next }: { back: () => void; next: () => void }) {
  const client = useClient();
  const chargerId = useDraft((d) => d.chargerId);
  const chargers = useBench((s) => s.chargers);
  const status = useBench((s) => s.status);
  const where = useAddresses();
  const settings = useLoad(() => client.call('settings:get', {}), [client]);
  const since = useMemo(() => new Date(benchNow()).toISOString(), []);
  const connected = useMemo(() => Object.values(chargers).filter((c) => c.connected), [chargers]);
  // A first id: the only charger in, or the usual first one.
  useEffect(() => {
    if (!chargerId) setDraft({ chargerId: connected.length === 1 ? connected[0].id : 'CP001' });
  }, [chargerId, connected]);
  const valid = ChargePointIdentity.safeParse(chargerId).success;
  const chosen = chargers[chargerId];
  const isIn = !!chosen?.connected;

  return (
    <Stack spacing={3}>
      {isIn ? (
        <Alert severity="success" role="status">
          {chargerId} is connected{chosen.boot ? ` (${[chosen.boot.chargePointVendor, chosen.boot.chargePointModel].join(' ')})` : ''}
          {chosen.virtual ? ', a virtual charger' : ''}. Go on to the plan.
        </Alert>
      ) : (
        <Alert severity="info" role="status">
          Waiting for {valid ? chargerId : 'the charger'} to connect: enter the address below on the charger, or choose a charger already connected.
        </Alert>
      )}
      <Grid container spacing={3}>
        <Grid size={{ xs: 12, md: 8 }}>
          <Part title="Address to enter on the charger">
            <ChargePointIdField value={chargerId} onChange={(v) => setDraft({ chargerId: v })} />
            <ChargerAddresses where={where} chargePointId={chargerId} />
          </Part>
        </Grid>
        <Grid size={{ xs: 12, md: 4 }}>
          <Part title="QR code">
            {where.chosen && valid ? (
              <ChargerQr url={chargerUrl(where.chosen, chargerId)} size={160} />
            ) : (
              <Typography variant="body2" color="text.secondary">
                Enter a valid charge point id to see the QR code.
              </Typography>
            )}
          </Part>
        </Grid>
      </Grid>
      <Part title="Last refused attempt">
        <LastRefusal since={since} />
      </Part>
      <Part title="Connected chargers">
        {connected.length ? (
          <List dense aria-label="Connected chargers" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, py: 0 }}>
            {connected.map((c) => (
              <ListItemButton key={c.id} selected={c.id === chargerId} onClick={() => setDraft({ chargerId: c.id })}>
                <ListItemIcon sx={{ minWidth: 36 }}>
                  <Radio size="small" edge="start" checked={c.id === chargerId} tabIndex={-1} slotProps={{ input: { 'aria-label': c.id } }} />
                </ListItemIcon>
                <ListItemText
                  primary={
                    <>
                      {c.id} <ChargerBadges chargerId={c.id} compact />
                    </>
                  }
                  secondary={
                    [c.boot?.chargePointVendor, c.boot?.chargePointModel, c.boot?.firmwareVersion && `firmware ${c.boot.firmwareVersion}`].filter(Boolean).join(' · ') || 'No BootNotification yet'
                  }
                />
              </ListItemButton>
            ))}
          </List>
        ) : (
          <Typography variant="body2" color="text.secondary">
            No charger is connected yet.
          </Typography>
        )}
      </Part>
      <Part title="Charger settings to match">
        <SecuritySummary settings={settings.data} port={status?.port} />
      </Part>
      <StepNav back={back} next={next} disabled={!isIn} nextLabel={isIn ? `Next: plan for ${chargerId}` : 'Next'} />
    </Stack>
  );
}
