// A charger at a glance: one card per connector (status, error, running transaction, live meter chart)
// and what the charger said about itself at boot, with its firmware and diagnostics status.
import { useMemo } from 'react';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useBench } from '../../stores/bench';
import { StatusChip } from '../../components/StatusChip';
import { MeterChart, latestReading, readingText } from '../../components/MeterChart';
import { useMeterSeries } from '../../components/useMeterSeries';
import { formatAgo, formatEnergy, formatPower, formatTime } from '../../components/format';
import { Facts } from '../../components/Facts';
import { monoFont } from '../../app/theme';
import { paths } from '../../app/routes';
import type { ChargerView, ConnectorView, TransactionView } from '../../../../shared/api/views';
import { belongsTo, energySoFar, type MeterSample } from '../../../../shared/api/meter';

function ActiveTransaction({ tx, samples }: { tx: TransactionView; samples: MeterSample[] }) {
  const during = useMemo(() => samples.filter((s) => belongsTo(tx, s)), [samples, tx]);
  const latest = latestReading(during);
  const energy = energySoFar(tx, during);
  return (
    <Box sx={{ bgcolor: 'action.hover', borderRadius: 1, p: 1.5 }}>
      <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
        Charging session{' '}
        <Link component={RouterLink} to={paths.transaction(tx.transactionId)}>
          #{tx.transactionId}
        </Link>
      </Typography>
      <Facts
        items={[
          ['idTag', <span style={{ fontFamily: monoFont }}>{tx.idTag}</span>],
          ['Started', `${formatTime(tx.startTime)} (${formatAgo(tx.startTime)})`],
          ['Energy so far', <strong>{formatEnergy(energy)}</strong>],
          ['Power now', <strong>{formatPower(latest?.powerW)}</strong>],
        ]}
      />
    </Box>
  );
}

function ConnectorCard({ chargerId, connector, tx }: { chargerId: string; connector: ConnectorView; tx: TransactionView | undefined }) {
  const samples = useMeterSeries({ chargerId, connectorId: connector.connectorId });
  const latest = latestReading(samples);
  const { connectorId } = connector;
  const hasError = connector.errorCode !== 'NoError' || connector.vendorErrorCode;
  return (
    <Paper component="section" aria-label={`Connector ${connectorId}`} sx={{ p: 2 }}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1.5, mb: 1.5 }}>
        <Typography variant="h6" component="h3" sx={{ flexGrow: 1 }}>
          Connector {connectorId}
        </Typography>
        <Typography variant="caption" color="text.secondary" title={formatTime(connector.timestamp ?? connector.updatedAt)}>
          since {formatAgo(connector.timestamp ?? connector.updatedAt)}
        </Typography>
        <StatusChip status={connector.status} size="medium" />
      </Stack>
      {hasError && (
        <Alert severity={connector.status === 'Faulted' ? 'error' : 'warning'} sx={{ mb: 1.5 }}>
          {connector.errorCode}
          {connector.info ? `: ${connector.info}` : ''}
          {connector.vendorErrorCode ? ` (vendor ${connector.vendorId ?? ''} code ${connector.vendorErrorCode})` : ''}
        </Alert>
      )}
      {!hasError && connector.info && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          {connector.info}
        </Typography>
      )}
      {tx ? (
        <ActiveTransaction tx={tx} samples={samples} />
      ) : (
        <Typography variant="body2" color="text.secondary">
          No charging session running.
        </Typography>
      )}
      <Stack direction="row" sx={{ alignItems: 'baseline', justifyContent: 'space-between', mt: 2, mb: 0.5 }}>
        <Typography variant="subtitle2">Meter</Typography>
        <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
          {latest && !tx && (
            <Typography component="span" variant="caption" color="text.secondary" sx={{ mr: 1 }}>
              last reading
            </Typography>
          )}
          <span data-testid={`meter-latest-${connectorId}`}>{readingText(latest)}</span>
          {latest && (
            <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
              at {new Date(latest.t).toLocaleTimeString()}
            </Typography>
          )}
        </Typography>
      </Stack>
      <MeterChart
        data-testid={`meter-chart-${connectorId}`}
        title={`Power and energy of connector ${connectorId}`}
        samples={samples}
        energyLabel="Energy register (kWh)"
        height={samples.length ? 220 : 96}
        emptyText="No meter values yet. They appear here as the charger sends MeterValues while charging (every MeterValueSampleInterval seconds)."
      />
    </Paper>
  );
}

function ChargerFacts({ charger }: { charger: ChargerView }) {
  const whole = charger.connectors.find((c) => c.connectorId === 0);
  const boot = charger.boot;
  // A charger registered ahead of its first connection has times from its registration only.
  const neverConnected = !charger.connected && !charger.lastBoot && !charger.remoteAddress && !charger.connectors.length;
  return (
    <Paper component="section" aria-label="About this charger" sx={{ p: 2, position: { lg: 'sticky' }, top: 0 }}>
      <Typography variant="h6" component="h3" sx={{ mb: 1.5 }}>
        About this charger
      </Typography>
      {!boot && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          No BootNotification received yet: the charger tells who it is when it boots.
        </Typography>
      )}
      <Facts
        items={[
          ['Vendor', boot?.chargePointVendor],
          ['Model', boot?.chargePointModel],
          ['Charge point serial', boot?.chargePointSerialNumber],
          ['Charge box serial', boot?.chargeBoxSerialNumber],
          ['Firmware', boot?.firmwareVersion],
          ['ICCID', boot?.iccid],
          ['IMSI', boot?.imsi],
          ['Meter type', boot?.meterType],
          ['Meter serial', boot?.meterSerialNumber],
        ]}
      />
      <Divider sx={{ my: 1.5 }} />
      <Facts
        items={[
          ['Charger status', whole ? <StatusChip status={whole.status} errorCode={whole.errorCode} /> : null],
          ['Firmware status', charger.firmwareStatus],
          ['Diagnostics status', charger.diagnosticsStatus],
          ['Last boot', charger.lastBoot ? `${formatTime(charger.lastBoot)} (${formatAgo(charger.lastBoot)})` : null],
          ['Last heartbeat', charger.lastHeartbeat ? `${formatTime(charger.lastHeartbeat)} (${formatAgo(charger.lastHeartbeat)})` : 'never'],
          ['Last seen', neverConnected ? 'never connected' : `${formatTime(charger.lastSeen)} (${formatAgo(charger.lastSeen)})`],
          [neverConnected ? 'Known since' : 'First seen', formatTime(charger.firstSeen)],
        ]}
      />
    </Paper>
  );
}

export function ChargerOverview({ charger }: { charger: ChargerView }) {
  const activeTransactions = useBench((s) => s.activeTransactions);
  const outlets = charger.connectors.filter((c) => c.connectorId > 0);
  const txOf = (connectorId: number) => Object.values(activeTransactions).find((t) => t.chargerId === charger.id && t.connectorId === connectorId);
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, lg: 8 }}>
        <Stack spacing={2}>
          {outlets.length ? (
            outlets.map((c) => <ConnectorCard key={c.connectorId} chargerId={charger.id} connector={c} tx={txOf(c.connectorId)} />)
          ) : (
            <Paper sx={{ p: 3 }}>
              <Typography color="text.secondary">No connector status yet. A charger reports each connector with a StatusNotification after it boots.</Typography>
            </Paper>
          )}
        </Stack>
      </Grid>
      <Grid size={{ xs: 12, lg: 4 }}>
        <ChargerFacts charger={charger} />
      </Grid>
    </Grid>
  );
}
