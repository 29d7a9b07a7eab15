// A charger at a glance: one card per connector (status, error, running transaction, live meter chart)
// and what the charger said about itself at boot, with its firmware and diagnostics status.
import { useMemo, type ComponentType, type ReactNode } from 'react';
import Button from '@mui/material/Button';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useBench } from '../../stores/bench';
import { lastStopOf, newestRegister, stopOnChart, useStoppedSessions, type RegisterReading } from './last-stop';
import { StatusChip } from '../../components/StatusChip';
import { MeterChart, latestReading, readingText, typicalStep } from '../../components/MeterChart';
import { neverConnected, silenceOf, useNow, useReach } from '../../components/reach';
import { Ago, TimeAgo } from '../../components/Ago';
import { connectorConcern, connectorErrorWords } from '../../../../shared/api/connector-errors';
import { useMeterSeriesRead } from '../../components/useMeterSeries';
import { EarlierLoading, LOADING_READINGS, MeterLoading } from '../../components/MeterLoading';
import { formatAgo, formatClock, formatClockAgo, formatEnergy, formatPower, formatTime, formatWhen } from '../../components/format';
import { ChargerOfflineNotice } from '../../components/ChargerOfflineNotice';
import { UnconfirmedSession, unconfirmedSince } from '../../components/UnconfirmedSession';
import { StopsReadFailed, UnknownStopNote, useUnknownStopReadError, useUnknownStopRule, type StopDuringOf } from '../../components/unknownStops';
import { Facts } from '../../components/Facts';
import { noReadingsRecordedText } from '../../components/unconfirmedMeter';
import { noSessionSinceBoot } from '../../../../shared/api/session-state';
import { OlderOpenSessions } from './OlderOpenSessions';
import { beforeRebootText, energyReadingTimes, newestReadingTimes, oldReadingText } from './readingAge';
import { notRunningSessions } from '../../components/notRunning';
import { overdueWords } from './chargerFields';
import { givenInterval, intervalWords } from '../../components/heartbeatInterval';
import { sessionOnConnector, standingText, useProgressStanding } from '../../components/running';
import { monoFont } from '../../app/theme';
import { paths } from '../../app/routes';
import type { ChargerView, ConnectorView, TransactionView } from '../../../../shared/api/views';
import { belongsTo, energyReadingSoFar, type MeterSample } from '../../../../shared/api/meter';
import { identityProblem } from '../../../../shared/api/input-rules';

/** The quick actions on a connector card (unlock, remote start and stop), handed in by the app. */
export type ConnectorActionsSlot = ComponentType<{ chargerId: string; connectorId: number }>;

/** A power reading older than this (or than three usual steps) is not "now". */
const NOW_MS = 120_000;

/** What a connector card says of its session while the bench's running sessions are not loaded yet. */
export const SESSION_LOADING = 'Loading session…';

/** What a session's fact says with no reading of it among those shown, when that is not known to be "none" (null when it is). */
function unknownReading(loading: boolean, unread: boolean): string | null {
  return loading ? LOADING_READINGS : unread ? 'not known (the readings could not be read)' : null;
}

/** Connector statuses that say the session is over on the charger's side: its power is no longer "now". */
const SESSION_OVER: ReadonlySet<string> = new Set(['Finishing', 'Available']);

function ActiveTransaction({
  tx,
  samples,
  stale,
  unconfirmed,
  lost,
  unknown,
  over = null,
  lastBoot = null,
}: {
  tx: TransactionView;
  samples: MeterSample[];
  stale: boolean;
  unconfirmed: boolean;
  /** Not confirmed and its connector says no session since the boot (heard now): its readings are said in the past. */
  lost: boolean;
  unknown: string | null;
  over?: string | null;
  /** When its charger last booted (the bench's clock): a reading from before is never power now. */
  lastBoot?: string | null;
}) {
  const now = useNow();
  const during = useMemo(() => samples.filter((s) => belongsTo(tx, s)), [samples, tx]);
  const latest = latestReading(during);
  const energy = energyReadingSoFar(tx, during);
  // Old by the confirmations' rule (readingAge.ts): no newer reading within twice the usual interval, by when the bench received it.
  const oldPower = oldReadingText(newestReadingTimes(during), now);
  const beforeBoot = beforeRebootText(newestReadingTimes(during), lastBoot);
  const oldEnergy = oldReadingText(energyReadingTimes(tx, during), now);
  // `over`: the connector reports the session over (Finishing, Available): its last reading is not live power.
  const live = !stale && !lost && over === null;
  const fresh = latest && live && oldPower === null && beforeBoot === null && now - latest.t <= Math.max(NOW_MS, typicalStep(during) * 3);
  return (
    <Box sx={{ bgcolor: 'action.hover', borderRadius: 1, p: 1.5 }}>
      <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
        {stale ? 'Last known session' : unconfirmed ? 'Session not confirmed by the charger' : over !== null ? 'Session open in the record' : 'Charging session'}{' '}
        <Link component={RouterLink} to={paths.transaction(tx.transactionId)}>
          #{tx.transactionId}
        </Link>
        {!stale && !unconfirmed && over !== null && ` (the connector reports ${over})`}
      </Typography>
      <Facts
        items={[
          ['idTag', <span style={{ fontFamily: monoFont }}>{tx.idTag}</span>],
          ['Started', `${formatTime(tx.startTime)} (${formatAgo(tx.startTime, now)})`],
          [
            lost ? 'Energy recorded' : 'Energy so far',
            <>
              {/* While the stored readings load (or when they could not be read), none is not known. */}
              {!energy && unknown ? unknown : !energy && lost ? 'none recorded' : <strong>{formatEnergy(energy?.wh)}</strong>}
              {energy?.warning && (
                <Box component="span" sx={{ display: 'block', color: 'warning.main' }}>
                  {energy.warning}
                </Box>
              )}
              {energy && oldEnergy && (
                <Box component="span" data-stale="" sx={{ display: 'block', color: 'text.secondary' }}>
                  {oldEnergy}
                </Box>
              )}
            </>,
          ],
          fresh
            ? ['Power now', <strong>{formatPower(latest.powerW)}</strong>]
            : // A running session's readings still loading (or unread): the label it gets once they come, the value not known yet.
              live && unknown && latest?.powerW === undefined
              ? ['Power now', unknown]
              : [
                  'Last power reading',
                  latest?.powerW === undefined
                    ? (unknown ?? (lost ? 'none recorded' : 'none yet'))
                    : beforeBoot
                      ? `${formatPower(latest.powerW)} at ${formatClockAgo(latest.t, now)}, ${beforeBoot}`
                      : oldPower
                        ? `${formatPower(latest.powerW)}, ${oldPower}`
                        : `${formatPower(latest.powerW)} at ${formatClockAgo(latest.t, now)}`,
                ],
        ]}
      />
    </Box>
  );
}

/** What the meter says beside the chart: a session's reading, or, with none running, only the register (no power from a session that is over). */
function MeterLine({
  connectorId,
  samples,
  tx,
  unread = false,
  loading = false,
  sessionUnknown = false,
  lastStop = null,
  lost = false,
}: {
  connectorId: number;
  /** Its session is not confirmed by the charger: no more readings come, its own are said in the past. */
  lost?: boolean;
  /** The latest StopTransaction's meterStop on the connector (last-stop.ts), or null. */
  lastStop?: RegisterReading | null;
  samples: MeterSample[];
  tx: TransactionView | undefined;
  unread?: boolean;
  loading?: boolean;
  /** The bench's running sessions are not loaded yet: whether one runs here is not known. */
  sessionUnknown?: boolean;
}) {
  const latest = latestReading(tx ? samples.filter((s) => belongsTo(tx, s)) : samples);
  const register = newestRegister(latest, lastStop);
  let text: string;
  // `loading`: the stored readings are still being fetched; `unread`: the bench could not give them. Either way "none yet" is not known.
  if (!latest && loading) text = LOADING_READINGS;
  else if (!latest && unread) text = 'Not known: the readings could not be read';
  // The chart beside may show earlier sessions' readings: this one's are not among them yet.
  else if (!latest && !(lastStop && !tx))
    text = tx ? `${lost ? 'No readings were recorded in this session' : 'No readings in this session yet'}${samples.length ? ' (the chart shows earlier ones)' : ''}` : 'No readings yet';
  else if (tx && latest) text = `${lost ? 'Last reading: ' : ''}${readingText(latest)}`;
  // Whether a session runs is not known yet: the register only, not "no session".
  else if (sessionUnknown) text = latest?.energyWh === undefined ? SESSION_LOADING : `Register ${formatEnergy(latest.energyWh)} (${SESSION_LOADING})`;
  else text = register === null ? 'No session running' : `No session running · register ${formatEnergy(register.wh)}`;
  // With no session running, the register is the newest known: a later StopTransaction's meterStop, at its time.
  const at = !tx && !sessionUnknown && register ? register.t : latest?.t;
  return (
    <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
      <span data-testid={`meter-latest-${connectorId}`}>{text}</span>
      {at !== undefined && (
        <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
          at {formatClock(at)}
        </Typography>
      )}
    </Typography>
  );
}

function ConnectorProblem({ connector }: { connector: ConnectorView }) {
  const concern = connectorConcern(connector);
  if (!concern) return null;
  const words = connector.errorCode !== 'NoError' ? connectorErrorWords[connector.errorCode] : null;
  const vendor = connector.vendorErrorCode ? `Vendor code ${connector.vendorErrorCode}${connector.vendorId ? ` (${connector.vendorId})` : ''}.` : null;
  return (
    <Alert severity={concern === 'fault' ? 'error' : 'warning'} sx={{ mb: 1.5 }}>
      <AlertTitle>
        {words ? words.title : concern === 'fault' ? 'Faulted' : 'A problem reported'}
        {words && (
          <Typography component="span" variant="body2" sx={{ fontFamily: monoFont, ml: 1 }}>
            {connector.errorCode}
          </Typography>
        )}
      </AlertTitle>
      {[words?.meaning, connector.info && `The charger says: ${connector.info}.`, vendor].filter(Boolean).join(' ')}
    </Alert>
  );
}

function ConnectorCard({
  chargerId,
  connector,
  tx,
  Actions,
  silent,
  sessionsLoaded,
  lastStop,
  unknownStopOf,
  strayStopsUnread,
}: {
  chargerId: string;
  connector: ConnectorView;
  tx: TransactionView | undefined;
  Actions?: ConnectorActionsSlot;
  /** Online, but not heard from past its heartbeat: its values are the last known. */
  silent: boolean;
  /** Whether the bench's running sessions have been loaded (until then, no session known is not "none"). */
  sessionsLoaded: boolean;
  /** The latest StopTransaction's meterStop on the connector (from the charger's stopped sessions, read once for all its cards). */
  lastStop: RegisterReading | null;
  /** The unknown stops rule, read once for all the charger's cards (components/unknownStops). */
  unknownStopOf: StopDuringOf;
  /** Why the stray stops (unknownStopOf's) could not be read, tried again meanwhile; null: they were. */
  strayStopsUnread: string | null;
}) {
  // The bench may refuse to read them (a connector id it cannot take): said, not taken for "none yet".
  // While it fetches them, the card says so (a session of 10,000 readings takes seconds under load).
  const { samples, error: meterError, loading: meterLoading, retry: meterRetry } = useMeterSeriesRead({ chargerId, connectorId: connector.connectorId });
  const stale = useReach(chargerId).stale || silent;
  const { connectorId } = connector;
  const lastBoot = useBench((s) => s.chargers[chargerId]?.lastBoot);
  const sessionCharger = { connector, lastBoot };
  const concern = connectorConcern(connector);
  // Before the bench's running sessions are loaded, a connector that does not report Available may have one.
  const sessionUnknown = !tx && !sessionsLoaded && connector.status !== 'Available';
  const unknownStop = useMemo(() => (tx ? unknownStopOf(tx) : null), [tx, unknownStopOf]);
  const unconfirmed = !!tx && unconfirmedSince({ ...tx, unknownStop }, sessionCharger) !== null;
  // Not confirmed, its connector saying no session since the boot: its readings are said in the past, as its
  // page says them. One whose connector reports a session since (it may still run) keeps the live words.
  const lost = unconfirmed && !stale && noSessionSinceBoot(sessionCharger);
  // The chart draws the register the Meter line names, a stop's (lastStop is a new object each render).
  const [stopT, stopWh, stopTx] = [lastStop?.t, lastStop?.wh, lastStop?.transactionId];
  const ends = useMemo(() => stopOnChart(samples, stopT === undefined || stopWh === undefined ? null : { t: stopT, wh: stopWh, transactionId: stopTx }), [samples, stopT, stopWh, stopTx]);
  return (
    <Paper component="section" aria-label={`Connector ${connectorId}`} sx={{ p: 2, ...(concern && { borderColor: concern === 'fault' ? 'error.main' : 'warning.main', borderWidth: 2 }) }}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1.5, mb: 1.5, flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h3" sx={{ flexGrow: 1 }}>
          Connector {connectorId}
        </Typography>
        <Typography variant="caption" color="text.secondary" title={formatTime(connector.timestamp ?? connector.updatedAt)}>
          {stale ? 'last known, ' : ''}since <Ago iso={connector.timestamp ?? connector.updatedAt} />
        </Typography>
        <StatusChip status={connector.status} errorCode={connector.errorCode} size="medium" stale={stale} />
      </Stack>
      {Actions && <Actions chargerId={chargerId} connectorId={connectorId} />}
      <ConnectorProblem connector={connector} />
      {!connectorConcern(connector) && connector.info && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          {connector.info}
        </Typography>
      )}
      {/* "Not confirmed" names the stop itself when it shows. */}
      {tx && (stale || !unconfirmed) && <UnknownStopNote tx={tx} stop={unknownStop} />}
      {tx && <StopsReadFailed error={strayStopsUnread} />}
      {tx && !stale && (
        <Box sx={{ mb: 1.5 }}>
          <UnconfirmedSession tx={tx} charger={sessionCharger} stop={unknownStop} />
        </Box>
      )}
      <Box sx={stale ? { opacity: 0.6 } : undefined}>
        {tx ? (
          <ActiveTransaction
            tx={tx}
            samples={samples}
            stale={stale}
            unconfirmed={unconfirmed}
            lost={lost}
            unknown={unknownReading(meterLoading, !!meterError)}
            over={SESSION_OVER.has(connector.status) ? connector.status : null}
            lastBoot={lastBoot ?? null}
          />
        ) : (
          <Typography variant="body2" color="text.secondary" data-testid={`session-${connectorId}`}>
            {sessionUnknown ? SESSION_LOADING : 'No charging session running.'}
          </Typography>
        )}
        <OlderOpenSessions chargerId={chargerId} connectorId={connectorId} />
        <Stack direction="row" sx={{ alignItems: 'baseline', justifyContent: 'space-between', mt: 2, mb: 0.5, gap: 1, flexWrap: 'wrap' }}>
          <Typography variant="subtitle2">Meter</Typography>
          <MeterLine connectorId={connectorId} samples={samples} tx={tx} unread={!!meterError} loading={meterLoading} sessionUnknown={sessionUnknown} lastStop={lastStop} lost={lost} />
        </Stack>
        {meterError && (
          <Alert
            severity="error"
            sx={{ mb: 1 }}
            action={
              <Button color="inherit" size="small" onClick={meterRetry}>
                Try again
              </Button>
            }
          >
            <span data-testid={`meter-error-${connectorId}`}>
              The meter values could not be read: {meterError}
              {samples.length ? ' The chart shows only those received since this page opened.' : ''}
            </span>
          </Alert>
        )}
        {meterLoading && !samples.length ? (
          <MeterLoading data-testid={`meter-chart-${connectorId}`} title={`Power and energy of connector ${connectorId}`} height={96} />
        ) : (
          <MeterChart
            data-testid={`meter-chart-${connectorId}`}
            title={`Power and energy of connector ${connectorId}`}
            samples={samples}
            energyLabel="Energy register (kWh)"
            ends={ends}
            height={samples.length ? 220 : 96}
            emptyText={
              meterError
                ? 'No meter values to show: the bench could not read them (see above).'
                : tx && lost
                  ? noReadingsRecordedText(tx, unknownStop)
                  : 'No meter values yet. They appear here as the charger sends MeterValues while charging (every MeterValueSampleInterval seconds).'
            }
          />
        )}
        {meterLoading && samples.length > 0 && <EarlierLoading text="Loading the earlier readings… (the chart shows those received since this page opened)" />}
      </Box>
    </Paper>
  );
}

function ChargerFacts({ charger, heartbeatInterval }: { charger: ChargerView; heartbeatInterval: number | null }) {
  const { stale } = useReach(charger.id);
  // What "heartbeat overdue" is judged against, and where it comes from.
  const interval = givenInterval(charger, heartbeatInterval);
  const whole = charger.connectors.find((c) => c.connectorId === 0);
  const boot = charger.boot;
  // A charger registered ahead of its first connection has times from its registration only.
  const never = neverConnected(charger);
  // A status from before the charger's last reboot is said as such (it may have dropped what it spoke of).
  const firmware = useProgressStanding(charger.id, 'firmware');
  const diagnostics = useProgressStanding(charger.id, 'diagnostics');
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
          ['Charger status', whole ? <StatusChip status={whole.status} errorCode={whole.errorCode} stale={stale} /> : null],
          ['Firmware status', firmware ? standingText(firmware) : charger.firmwareStatus],
          ['Diagnostics status', diagnostics ? standingText(diagnostics) : charger.diagnosticsStatus],
          ['Last boot', charger.lastBoot ? <TimeAgo iso={charger.lastBoot} format={formatTime} /> : null],
          ['Last heartbeat', charger.lastHeartbeat ? <TimeAgo iso={charger.lastHeartbeat} format={formatTime} /> : 'never'],
          ['Heartbeat interval', interval && intervalWords(interval, formatTime)],
          ['Last seen', never ? 'never connected' : <TimeAgo iso={charger.lastSeen} format={formatTime} />],
          // Its registration until it first connects; then its first connection, with its registration apart.
          [never ? 'Known since' : 'First seen', formatTime(charger.firstSeen)],
          ...(charger.registered && !never ? [['Registered', charger.registeredAt ? formatTime(charger.registeredAt) : 'yes (the record does not say when)'] as [string, ReactNode]] : []),
        ]}
      />
    </Paper>
  );
}

/**
 * What the offline notice says of the charger: refused (why and the fix are above), and since when it was
 * last seen, or that it has never connected (its "last seen" is then its registration: neverConnected).
 * Undefined: the notice's own words.
 */
function offlineWords(charger: ChargerView, refused: boolean): ((seen: { time: string; ago: string }) => ReactNode) | undefined {
  const never = neverConnected(charger);
  // An id the bench refuses at connect (stored by an older version): no charger can connect under it.
  const badId = identityProblem(charger.id) !== null;
  if (!refused && !never && !badId) return undefined;
  const rest = badId
    ? 'operations are disabled: no charger can connect under this id (the fix above).'
    : refused
      ? 'operations are disabled until it is let in again.'
      : 'operations are disabled until it connects.';
  return (seen) => (
    <>
      {charger.id} {badId ? 'is offline: the bench refuses this id at connect.' : refused ? 'is offline: the bench refuses its connections (why and the fix above).' : 'is offline.'}{' '}
      {never ? 'It has never connected to the bench.' : `Last seen ${seen.time} (${seen.ago}).`}{' '}
      {never ? 'Nothing below is from it yet; ' : 'The statuses, sessions and readings below are the last known, not live; '}
      {rest}
    </>
  );
}

export function ChargerOverview({
  charger,
  ConnectorActions,
  refused = false,
  heartbeatInterval = null,
}: {
  charger: ChargerView;
  ConnectorActions?: ConnectorActionsSlot;
  /** The bench keeps refusing its connections (the page says why above). */
  refused?: boolean;
  /** The bench's heartbeat setting (s): what silence is judged against when the charger's view tells no interval it was given; null: not known. */
  heartbeatInterval?: number | null;
}) {
  const activeTransactions = useBench((s) => s.activeTransactions);
  // The running sessions come with the bench's snapshot: the charger may be known (listed) before it lands.
  // `loaded`: the bench's snapshot, its running sessions with it, has landed (the charger may be known before, from refreshChargers or events).
  const sessionsLoaded = useBench((s) => s.loaded);
  const stopped = useStoppedSessions(charger.id);
  const unknownStopOf = useUnknownStopRule(charger.id);
  const strayStopsUnread = useUnknownStopReadError(charger.id);
  const silence = silenceOf(charger, heartbeatInterval, useNow());
  const outlets = charger.connectors.filter((c) => c.connectorId > 0);
  // With several open on a connector (an older one's StopTransaction never came), the newest: the one that can be running;
  // none when that one is not running either (the connector reports no session since it started: OlderOpenSessions says it).
  const notRunning = useMemo(() => notRunningSessions(Object.values(activeTransactions), { [charger.id]: charger }), [activeTransactions, charger]);
  const txOf = (connectorId: number) => {
    const tx = sessionOnConnector(activeTransactions, charger.id, connectorId);
    return tx && !notRunning.has(tx.transactionId) ? tx : undefined;
  };
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, lg: 8 }}>
        <ChargerOfflineNotice chargerId={charger.id} sx={{ mb: 2 }} severity={refused ? 'error' : 'warning'} words={offlineWords(charger, refused)}>
          The statuses, sessions and readings below are the last known, not live; operations are disabled until it connects again.
        </ChargerOfflineNotice>
        {silence && (
          <Alert severity="warning" data-testid="charger-heartbeat-overdue" sx={{ mb: 2 }}>
            Nothing heard from {charger.id} since {formatWhen(silence.since)} (heartbeat overdue): {overdueWords(silence)}. Its connection is still open, but the network may be gone without it
            closing. The statuses, sessions and readings below are the last known.
          </Alert>
        )}
        <Stack spacing={2}>
          {outlets.length ? (
            outlets.map((c) => (
              <ConnectorCard
                key={c.connectorId}
                chargerId={charger.id}
                connector={c}
                tx={txOf(c.connectorId)}
                Actions={ConnectorActions}
                silent={silence !== null}
                sessionsLoaded={sessionsLoaded}
                lastStop={lastStopOf(stopped, c.connectorId)}
                unknownStopOf={unknownStopOf}
                strayStopsUnread={strayStopsUnread}
              />
            ))
          ) : (
            <Paper sx={{ p: 3 }}>
              <Typography color="text.secondary">No connector status yet. A charger reports each connector with a StatusNotification after it boots.</Typography>
            </Paper>
          )}
        </Stack>
      </Grid>
      <Grid size={{ xs: 12, lg: 4 }}>
        <ChargerFacts charger={charger} heartbeatInterval={heartbeatInterval} />
      </Grid>
    </Grid>
  );
}
