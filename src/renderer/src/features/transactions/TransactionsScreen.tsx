// The Transactions screen (/transactions): every charging session the bench recorded, live as they
// start and stop; a row opens the session's meter values.
import { useMemo } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useBench, type BenchState } from '../../stores/bench';
import { unconfirmedSince } from '../../components/UnconfirmedSession';
import { noSessionSinceBoot } from '../../../../shared/api/session-state';
import { useUnknownStopRule, type StopDuringOf } from '../../components/unknownStops';
import { plural } from '../../components/running';
import { notRunningSessions } from '../../components/notRunning';
import { formatClock } from '../../components/format';
import { linkProblem } from '../../components/reach';
import { TransactionsTable, type StopButtonSlot } from './TransactionsTable';
import { useTransactionsLive } from './liveList';

/** The sessions the record holds open, counted: see runningCounts. */
export interface RunningCounts {
  running: number;
  unconfirmed: number;
  offline: number;
  /** Held open in the record with a newer session open on the same connector: not running (the rule of components/running). */
  superseded?: number;
  /** Held open in the record with its connector reporting no session (Available, Reserved) since it started: not running (the same rule). */
  noSession?: number;
  /** Not confirmed by its charger, but its connector reports a session (or nothing) since the boot: it may still run (counted apart from `unconfirmed`, most likely lost). */
  mayStillRun?: number;
}

/**
 * The running sessions counted as the charger reports them: running, on an offline charger (what it said
 * at its last contact, not live: its row says Last known), not confirmed (its charger has most likely lost
 * them, or, while their connector reports a session since the boot, they may still run), and superseded (a newer session is open on its connector, so it is not running, whatever its charger).
 */
export function runningCounts(s: Pick<BenchState, 'activeTransactions' | 'chargers'>, unknownStopOf?: StopDuringOf): Required<RunningCounts> {
  let running = 0;
  let unconfirmed = 0;
  let offline = 0;
  let superseded = 0;
  let noSession = 0;
  let mayStillRun = 0;
  const open = Object.values(s.activeTransactions);
  const notRunning = notRunningSessions(open, s.chargers);
  for (const t of open) {
    const charger = s.chargers[t.chargerId];
    const connector = charger?.connectors.find((c) => c.connectorId === t.connectorId);
    const why = notRunning.get(t.transactionId);
    if (why?.supersededBy) superseded++;
    else if (why) noSession++;
    if (why) continue;
    if (charger && !charger.connected) offline++;
    else if (unconfirmedSince({ ...t, unknownStop: unknownStopOf?.(t) }, { connector, lastBoot: charger?.lastBoot }) === null) running++;
    else if (noSessionSinceBoot({ connector, lastBoot: charger?.lastBoot })) unconfirmed++;
    else mayStillRun++;
  }
  return { running, unconfirmed, offline, superseded, noSession, mayStillRun };
}

/** The link to the bench as the count is said by it: open, or down (since when) after the bench's state was read, or never read yet. */
export interface CountLink {
  link: BenchState['link'];
  linkSince: string | null;
  loaded: boolean;
}

/** When the bench's state was last known, in words: "at 03:12:10 PM, when the link to the bench was lost". */
function lostWords({ link, linkSince }: CountLink): string {
  const when = link === 'silent' ? 'the bench stopped answering this window' : link === 'unauthorised' ? 'the bench stopped accepting this window' : 'the link to the bench was lost';
  return linkSince ? `at ${formatClock(linkSince)}, when ${when}` : `when ${when}`;
}

/**
 * "1 charging session running now; 1 on an offline charger, last known; 1 held open in the record but not
 * running (a newer session started on its connector); 1 not confirmed by its charger (most likely lost)." While the link to
 * the bench is down (`link`), the count as last known, in the past tense and as of when it was lost: what
 * runs now is not known. Before the bench's state was ever read, no count.
 */
export function runningWords(
  { running, unconfirmed, offline = 0, superseded = 0, noSession = 0, mayStillRun = 0 }: Partial<RunningCounts> & Pick<RunningCounts, 'running' | 'unconfirmed'>,
  link?: CountLink,
): string {
  const lost = link && link.link !== 'open';
  if (link && !link.loaded) {
    // Not read yet: still connecting for the first time, or the link lost before the bench's state came.
    const problem = lost && (link.link !== 'connecting' || link.linkSince !== null) ? linkProblem(link.link, link.linkSince) : null;
    return problem ? `What is running is not known: ${problem.charAt(0).toLowerCase()}${problem.slice(1).replace(/\.$/, '')}.` : 'Reading the running sessions from the bench…';
  }
  const stale = (n: number) => `${plural(n, 'charging session')} ${n === 1 ? 'was' : 'were'} running`;
  const count = lost ? (running ? stale(running) : 'no charging session was running') : running ? `${plural(running, 'charging session')} running now` : 'No charging session is running now';
  const said = lost ? `As last known ${lostWords(link)}: ${count}` : count;
  // A session on an offline charger is what it said at its last contact: never counted as running now.
  const offlineToo = offline ? `${said}; ${offline} on ${offline === 1 ? 'an offline charger' : 'offline chargers'}${lost ? '' : ', last known'}` : said;
  const elsewhere = superseded
    ? `${offlineToo}; ${superseded} held open in the record but not running (a newer session started on ${superseded === 1 ? 'its connector' : 'their connectors'})`
    : offlineToo;
  const noSessionToo = noSession
    ? `${elsewhere}; ${noSession} held open in the record but not running (${noSession === 1 ? 'its connector reports' : 'their connectors report'} no session since ${noSession === 1 ? 'it' : 'they'} started)`
    : elsewhere;
  const lostToo = unconfirmed ? `${noSessionToo}; ${unconfirmed} not confirmed by ${unconfirmed === 1 ? 'its charger' : 'their chargers'} (most likely lost)` : noSessionToo;
  const mayRunToo = mayStillRun
    ? `${lostToo}; ${mayStillRun} not confirmed by ${mayStillRun === 1 ? 'its charger' : 'their chargers'}, may still be running (${mayStillRun === 1 ? 'its connector has' : 'their connectors have'} not reported Available since the reboot)`
    : lostToo;
  return `${mayRunToo}.`;
}

export function TransactionsScreen({ StopButton }: { StopButton?: StopButtonSlot }) {
  // The list's picture of the bench (redrawn at most once a second), so the count and the rows never disagree.
  const live = useTransactionsLive();
  // A stray StopTransaction after a reboot leaves a session not confirmed (shared/api/session-state), as its row says.
  const unknownStopOf = useUnknownStopRule();
  const counts = useMemo(() => runningCounts(live, unknownStopOf), [live, unknownStopOf]);
  const link = useBench((s) => s.link);
  const linkSince = useBench((s) => s.linkSince);
  const loaded = useBench((s) => s.loaded);
  return (
    <Box sx={{ height: '100%', display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box>
        <Typography variant="h5" component="h1">
          Transactions
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {runningWords(counts, { link, linkSince, loaded })}
        </Typography>
      </Box>
      <TransactionsTable StopButton={StopButton} live={live} />
    </Box>
  );
}
