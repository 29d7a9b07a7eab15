// What `chargebench test` and `chargebench commission` share: a bench (a temporary one on fake time with a
// built-in virtual charger, or the user's, waiting for the charger), the person asked on the terminal,
// the progress lines, and the reports written where asked. Resolves with the exit status.
import { Command } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Bench } from '../core/bench';
import { FakeClock } from '../clock';
import { virtualTarget, type VirtualTarget } from '../conformance/virtual';
import type { OperatorAnswer, OperatorPrompt } from '../conformance/operator';
import type { ReportKind } from '../conformance/service';
import type { TestData } from '../conformance/test-data';
import type { CaseDefinition, CaseResult, RunResult } from '../conformance/types';
import { formatClock, formatDateTime } from '../../shared/format/time';
import { timesInText } from '../../shared/format/times-in-text';
import { featureProfiles, type FeatureProfile } from '../../shared/ocpp16';
import type { PicsDeclaration } from '../conformance/pics';
import { chargerIdArg, dataDirOption, int, listItems } from './options';
import { printable } from './terminal';
import { ranOnFakeTime } from '../../shared/api/test-runs';
import { reachableAddresses } from '../core/network';
import { changesTo, exitStatus, Interrupt, signalWords } from './interrupt';
import { unwritten, writeOutputs, type Output } from './outputs';
import { firmwareLine, nothingConcluded, runExitStatus, setupEndedLine } from './run-status';
import { forWantOfOperator } from '../conformance/unattended';
import { comeBack, notPutBackLines, stopAfterComeBack } from './come-back';
import { BenchError } from '../errors';
import { answerIfOpen, caseStepOf, terminalAsk } from './terminal-ask';

const verdictWords = { pass: 'PASS', fail: 'FAIL', notApplicable: 'N/A ', inconclusive: 'INCONCLUSIVE', error: 'ERROR', notSupported: 'NOT SUPPORTED' } as const;

/** The options both commands take: which charger, which bench, which reports. */
export function chargerRunOptions(command: Command, what: string): Command {
  return command
    .option('--charger <id>', `the charge point id of the charger to ${what} (it connects to this bench)`, chargerIdArg)
    .option('--virtual', 'run against a built-in virtual charger, every operator step automatic, on fake time')
    .addOption(dataDirOption('the bench record to use (with --charger); --virtual uses a temporary one'))
    .option('--host <address>', 'address the central system listens on (with --charger)', '0.0.0.0')
    .option('--port <port>', 'port chargers connect to (with --charger; default: the saved OCPP port)', int('--port', 0, 65535))
    .option('--connect-timeout <s>', 'with --charger: seconds to wait for the charger to connect, 0 = for ever (exit 4 when it does not)', int('--connect-timeout', 0, 86_400), 600)
    .option('--json <file>', 'write the result as JSON')
    .option('--html <file>', 'write the report as one self-contained HTML page')
    .option('--pdf <file>', 'write the report as PDF (printed by a headless Chromium where installed)')
    .option('--profiles <list>', `the feature profiles the charger supports, comma-separated (default: its SupportedFeatureProfiles): ${featureProfiles.join(', ')}`)
    .option('--fixed-cable', 'the charger has a fixed cable (no socket); with --virtual, the virtual charger is built with one')
    .option('--no-connector-lock', 'the socket has no lock')
    .option('--no-reader', 'the charger has no card reader or start button')
    .option('--backup-power', 'the charger has back-up power to stop its sessions on a power cut; with --virtual, the virtual charger is built with it');
}

/** What the person declares of the charger, over what it reports; a clear error for an unknown profile. */
export function declaredPics(opts: Record<string, any>): PicsDeclaration {
  // A switch not given is not declared: what the charger is known to have (a virtual one's cable and
  // back-up power) or the bench's default (a lock, a reader) stands, and the run says so.
  const declared: PicsDeclaration = {
    ...(opts.connectorLock === false ? { connectorLock: false } : {}),
    ...(opts.reader === false ? { reader: false } : {}),
    ...(opts.fixedCable ? { fixedCable: true } : {}),
    ...(opts.backupPower ? { backupPower: true } : {}),
  };
  if (opts.profiles !== undefined) {
    const list = listItems('--profiles', opts.profiles, 'feature profile', 'profiles, comma-separated (e.g. Core,SmartCharging)', "to take the charger's SupportedFeatureProfiles");
    const unknown = list.filter((p) => !(featureProfiles as readonly string[]).includes(p));
    if (unknown.length) throw new Error(`--profiles: ${unknown.join(', ')} ${unknown.length > 1 ? 'are not feature profiles' : 'is not a feature profile'} (one of ${featureProfiles.join(', ')})`);
    declared.profiles = list as FeatureProfile[];
  }
  return declared;
}

/** The options that are for a charger connecting to this bench, which --virtual does not take. */
const chargerOnly = ['charger', 'dataDir', 'host', 'port', 'connectTimeout'];

/** Two options that cannot go together, in words (one line, naming both); null when none. */
export function usageConflict(command: Command): string | null {
  const opts = command.opts();
  if (!opts.virtual) return null;
  for (const key of chargerOnly) {
    if (command.getOptionValueSource(key) !== 'cli') continue;
    const flag = command.options.find((o) => o.attributeName() === key)!.long!;
    return key === 'charger'
      ? '--virtual and --charger cannot be used together: --virtual runs a built-in virtual charger, --charger a charger that connects to this bench'
      : `--virtual and ${flag} cannot be used together: ${flag} is for a charger that connects to this bench (--charger); --virtual runs on a temporary bench`;
  }
  return null;
}

export interface ChargerRun {
  command: string;
  opts: Record<string, any>;
  cases: CaseDefinition[];
  data: TestData;
  /** Extra reports: the evidence pack (zip) and JUnit. */
  bundle?: string;
  junit?: string;
  /** The bench to run on, already open (tests); otherwise one is opened as the options say. */
  open?: OpenRun;
}

/** The reports a `test` run writes, in the order written. */
export function testOutputs(opts: Record<string, any>): Output[] {
  return [
    { option: '--json', label: 'the JSON report', path: opts.json },
    { option: '--junit', label: 'the JUnit report', path: opts.junit },
    { option: '--html', label: 'the HTML report', path: opts.html },
    { option: '--pdf', label: 'the PDF report', path: opts.pdf },
    { option: '--evidence', label: 'the evidence pack', path: opts.evidence },
  ];
}

/** A bench for one command's run: the charger it runs on, who does its operator steps, and how to close it. */
export interface OpenRun {
  bench: Bench;
  chargerId: string;
  target: VirtualTarget | null;
  /** Ctrl-C and SIGTERM: the first stops the run, a second quits at once. */
  interrupt: Interrupt;
  /** The person at the charger, asked on the terminal (skip when there is no terminal); `withdrawn` ends the question ('stopped'). */
  ask: (p: OperatorPrompt, withdrawn: AbortSignal) => Promise<OperatorAnswer>;
  /** Why nobody can be asked at a real charger (no terminal): a case's operator step then ends it inconclusive, saying so. */
  noOperator?: string;
  /** Waits for the charger to connect; the exit status when it did not (timed out, or stopped by a signal), null once it has. */
  connected(timeoutS: number): Promise<number | null>;
  close(): Promise<void>;
}

// The terminal's prompt (and how a request that went away unanswered is said there) lives in terminal-ask.ts.
export { caseStepOf, terminalAsk } from './terminal-ask';

/** Resolves 'connected', or 'timeout' after `timeoutS` (0: never), or 'stopped' when `signal` aborts. */
export function waitForConnection(bench: Pick<Bench, 'connectedChargers' | 'bus'>, chargerId: string, timeoutS: number, signal: AbortSignal): Promise<'connected' | 'timeout' | 'stopped'> {
  // A signal before the charger connected stops the command, however soon the charger comes.
  if (signal.aborted) return Promise.resolve('stopped');
  if (bench.connectedChargers().includes(chargerId)) return Promise.resolve('connected');
  return new Promise((resolve) => {
    const done = (how: 'connected' | 'timeout' | 'stopped') => {
      off();
      clearTimeout(timer);
      signal.removeEventListener('abort', stopped);
      resolve(how);
    };
    const off = bench.bus.subscribe((e) => e.type === 'chargerConnected' && e.chargerId === chargerId && done('connected'));
    const timer = timeoutS > 0 ? setTimeout(() => done('timeout'), timeoutS * 1000) : undefined;
    const stopped = () => done('stopped');
    signal.addEventListener('abort', stopped, { once: true });
    if (signal.aborted) done('stopped');
  });
}

/** Starts the bench for a command (a temporary one on fake time with a virtual charger, or the user's); a number is the exit status of a refusal. */
export async function openRun(command: string, opts: Record<string, any>): Promise<OpenRun | number> {
  try {
    declaredPics(opts);
  } catch (e) {
    console.error(`chargebench ${command}: ${(e as Error).message}`);
    return 2;
  }
  if (!opts.virtual && !opts.charger) {
    console.error(`chargebench ${command}: say which charger: --charger <id> (a charger connecting to this bench) or --virtual`);
    return 2;
  }
  const temp = opts.virtual ? mkdtempSync(join(tmpdir(), `chargebench-${command}-`)) : null;
  let bench: Bench;
  try {
    // The command's bench puts its FTP server (firmware and diagnostics locations, given to the charger with
    // their port) on any free port: the saved FTP port is the desktop app's and serve's, and may be taken.
    bench = opts.virtual
      ? await Bench.start({ dataDir: temp!, host: '127.0.0.1', port: 0, ftpPort: 0, clock: new FakeClock(Date.now()), face: `chargebench ${command}` })
      : await Bench.start({ dataDir: resolve(opts.dataDir), host: opts.host, port: opts.port, ftpPort: 0, face: `chargebench ${command}` });
  } catch (e) {
    console.error(`chargebench: ${(e as Error).message}`);
    return 1;
  }
  const rl = !opts.virtual && process.stdin.isTTY ? createInterface({ input: process.stdin, output: process.stdout }) : null;
  // A terminal closed under the run (SIGHUP) fails its reads (EIO): the question ends, the stop goes on.
  if (rl) process.stdin.on('error', () => rl.close());
  const interrupt = new Interrupt(command, { rl });
  const close = async () => {
    interrupt.dispose();
    rl?.close();
    await bench.stop();
    if (temp) rmSync(temp, { recursive: true, force: true });
  };
  try {
    // A built-in virtual charger is built with what is declared of it (--fixed-cable, --backup-power).
    const target = opts.virtual ? await virtualTarget(bench, undefined, undefined, { fixedCable: opts.fixedCable === true, backupPower: opts.backupPower === true }) : null;
    const chargerId = target?.id ?? String(opts.charger);
    const connected = async (timeoutS: number): Promise<number | null> => {
      if (!target && !bench.connectedChargers().includes(chargerId)) {
        const urls = reachableAddresses(bench.ocppAddress()).map((a) => `  ${a.url}${encodeURIComponent(chargerId)}`);
        console.log(printable(`Waiting for ${chargerId} to connect (${timeoutS ? `up to ${timeoutS} s` : 'no time limit'}, --connect-timeout); its central system URL is one of:`));
        for (const url of urls) console.log(printable(url));
      }
      const already = bench.connectedChargers().includes(chargerId);
      const how = await waitForConnection(bench, chargerId, timeoutS, interrupt.signal);
      if (how === 'stopped' || interrupt.signal.aborted) return interrupt.status;
      if (how === 'timeout') {
        console.error(printable(`chargebench ${command}: ${chargerId} did not connect within ${timeoutS} s (--connect-timeout); nothing was run`));
        return exitStatus.notConnected;
      }
      // The person at a real charger sees it came, before anything is asked of them.
      if (!target) console.log(printable(`${formatClock(Date.now())}  ${chargerId} ${already ? 'is connected' : 'connected'}`));
      return null;
    };
    // A commissioning's requests name its step as its checks screen does; a conformance run's, the case and step.
    const ask = rl ? terminalAsk(rl, command === 'commission' ? (p) => p.during ?? `Step ${p.caseId}` : caseStepOf) : async () => 'skip' as const;
    const noOperator = !target && !rl ? 'the run had no terminal to ask (stdin is not a terminal)' : undefined;
    return { bench, chargerId, target, interrupt, ask, connected, close, ...(noOperator && { noOperator }) };
  } catch (e) {
    console.error(`chargebench ${command}: ${(e as Error).message}`);
    await close();
    return 1;
  }
}

/** The verdict labels, all as wide as the widest, so the case ids line up. */
const labelWidth = Math.max(...Object.values(verdictWords).map((w) => w.trim().length));

/** One line per finished case or step, with why (under the case id) when it did not pass. */
export function caseLines(c: CaseResult, now = Date.now()): string[] {
  const head = `${formatClock(now)}  ${verdictWords[c.verdict].trim().padEnd(labelWidth)} `;
  const lines = [printable(`${head}${c.id.padEnd(15)} ${c.title}`)];
  const indent = ' '.repeat(head.length);
  // The times the engine names (ISO UTC in the record) as the terminal writes its times.
  const clock = (text: string) => timesInText(text, (iso) => formatClock(iso), { of: c.startedAt, dated: (iso) => formatDateTime(iso) });
  if (c.reason && c.verdict !== 'pass') lines.push(`${indent}${printable(`${c.decidingStep ? `step ${c.decidingStep}: ` : ''}${clock(c.reason)}`)}`);
  // What the case or step noted for the reader, whatever its verdict (a commissioning: the charger offline during the session).
  for (const o of c.observations) if (o.note) lines.push(`${indent}${printable(`Note: ${clock(o.text)}`)}`);
  return lines;
}

/** A case as it starts: "16:41:36  TC_003_CS: Regular Charging Session - Plugin First". */
export const caseStartLine = (id: string, title: string | undefined, now = Date.now()): string => printable(`${formatClock(now)}  ${id}${title ? `: ${title}` : ''}`);

/** A case a signal's stop came too late for: it ended with its verdict, which stands (not inconclusive, as the stop's line said it would be). */
export const finishedBeforeStop = (c: Pick<CaseResult, 'id' | 'verdict'>): string => `${c.id} finished before the stop took effect: ${verdictWords[c.verdict].trim()}`;

export function printCase(c: CaseResult): void {
  for (const line of caseLines(c)) console.log(line);
}

/** The closing line: how many cases (or steps) of each verdict, and the time taken. */
export function summaryLine(noun: 'case' | 'step', results: CaseResult[], wallMs: number, chargerMs: number | null): string {
  const n = (v: CaseResult['verdict']) => results.filter((c) => c.verdict === v).length;
  return `${results.length} ${noun}${results.length === 1 ? '' : 's'}: ${n('pass')} passed, ${n('fail')} failed, ${n('notApplicable')} not applicable, ${n('inconclusive')} inconclusive, ${n('error')} ${n('error') === 1 ? 'error' : 'errors'}${n('notSupported') ? `, ${n('notSupported')} not supported` : ''}; ${(wallMs / 1000).toFixed(1)} s${chargerMs !== null ? ` (${Math.round(chargerMs / 1000)} s of charger time)` : ''}`;
}

/** The closing line of a run the bench could not carry out: why, and how many of its planned cases (a commissioning's: steps) it did not run. */
export function couldNotRunLine(run: Pick<RunResult, 'error' | 'planned' | 'cases' | 'wallMs' | 'ms' | 'virtual' | 'fakeTime'>, plannedCount: number, noun: 'case' | 'step' = 'case'): string {
  const planned = run.planned?.length ?? plannedCount;
  const notRun = Math.max(0, planned - run.cases.length);
  const took = `${(run.wallMs / 1000).toFixed(1)} s${ranOnFakeTime(run) ? ` (${Math.round(run.ms / 1000)} s of charger time)` : ''}`;
  return printable(`Could not run: ${run.error ?? 'the bench could not go on'}; ${notRun} of ${planned} planned ${noun}${planned === 1 ? '' : 's'} not run; ${took}`);
}

export function printSummary(noun: 'case' | 'step', results: CaseResult[], wallMs: number, chargerMs: number | null): void {
  console.log(`\n${summaryLine(noun, results, wallMs, chargerMs)}`);
}

/**
 * A conformance run through the same service as the UI's and the API's: it lands in the record's run
 * history (the UI lists it), its operator prompts are asked on the terminal, its reports written where asked.
 * Ctrl-C stops it as the UI's Stop does: the case in progress ends inconclusive, the charger is put back,
 * the reports are written and the run recorded; the status is then 130 (143 for SIGTERM). A run that ended
 * otherwise: 3, 1, 5 or 0 (runExitStatus); 5, nothing concluded, with a closing line that says why.
 */
export async function runOnCharger(r: ChargerRun): Promise<number> {
  const { opts } = r;
  const open = r.open ?? (await openRun(r.command, opts));
  if (typeof open === 'number') return open;
  const { bench, chargerId, interrupt } = open;
  const service = bench.conformance;
  try {
    const notConnected = await open.connected(opts.connectTimeout ?? 600);
    if (notConnected !== null) return notConnected;
    // Stopped while the charger was connecting ("nothing was run"): nothing is started.
    if (interrupt.signal.aborted) return interrupt.status;
    let runId: string;
    try {
      ({ runId } = service.start({ chargerId, cases: r.cases.map((c) => c.id), data: r.data, declared: declaredPics(opts), ...(open.noOperator && { noOperator: open.noOperator }) }));
    } catch (e) {
      // What the API refuses as a bad request (test data the charger cannot take: a connector it does not have) is a usage error.
      if (e instanceof BenchError && e.status === 400) {
        console.error(printable(`chargebench ${r.command}: ${e.message}; nothing was run`));
        return exitStatus.usage;
      }
      throw e;
    }
    if (open.noOperator) console.log(`No one can be asked at the charger: ${open.noOperator}. A case that needs a person ends inconclusive.`);
    // What the run and the case in progress changed on the charger, for a second Ctrl-C that leaves it so.
    const changes = changesTo(bench, chargerId);
    // The charger's comings and goings: a stop while it reboots after the run's Reset waits for it to put it back.
    const cb = comeBack(bench, chargerId);
    let caseId: string | null = null;
    // The case in progress when a signal stopped the run: one that ends with a verdict all the same finished before the stop took effect.
    let stoppedIn: string | null = null;
    const titles = new Map(r.cases.map((c) => [c.id, c.title]));
    interrupt.left = () => [caseId && `${caseId} was in progress`, changes.describe()].filter(Boolean).join('; ');
    // Before the first case (the run's setup) no case is in progress: the words say so.
    interrupt.stopsRun(() =>
      caseId
        ? 'ending the case in progress (inconclusive), putting the charger back, writing the reports'
        : 'ending the run before its first case (none has started), putting the charger back, writing the reports',
    );
    // When the signal came (the wall clock): a stop that waits for the charger first takes effect later, and the reports say both.
    let heardAt: string | undefined;
    const heard = () => {
      stoppedIn = caseId;
      heardAt = new Date().toISOString();
    };
    interrupt.signal.addEventListener('abort', heard, { once: true });
    if (interrupt.signal.aborted) stoppedIn = caseId;
    // `waited`: for the charger to come back first (then the reports say when the signal came, and when the stop took effect).
    const stop = (waited: boolean) => {
      changes.freeze();
      // This run, by its id, from the moment it is started (setting up included); one that has already ended stands as it ended.
      try {
        // The reports name the signal that stopped it.
        service.stop(runId, { atOnce: true, by: 'signal', signal: interrupt.by ?? 'SIGINT', ...(waited && heardAt && { requestedAt: heardAt }) });
      } catch (e) {
        // Ended already (409), or ended and not kept (404): nothing left to stop.
        if (!(e instanceof BenchError)) throw e;
      }
    };
    const stopping = stopAfterComeBack(interrupt, cb, chargerId, stop);
    let asking: AbortController | null = null;
    const off = bench.bus.subscribe((e) => {
      if (e.type === 'testCaseFinished' && e.runId === runId) {
        if (e.result.id === stoppedIn && e.result.verdict !== 'inconclusive') console.log(finishedBeforeStop(e.result));
        printCase(e.result);
        // A stop waiting for the charger to come back takes effect once the case it stopped has ended, before the next begins.
        if (interrupt.by) stopping.moveOn();
      } else if (e.type === 'testRunChanged' && e.run.id === runId && e.run.caseId !== caseId) {
        caseId = e.run.caseId;
        // (In the run's setup, before its first case: the stop takes effect as the first case begins.)
        if (interrupt.by) stopping.moveOn();
        if (caseId) changes.reset();
        // At a real charger each case is named as it starts, so what the person is asked next has its context.
        if (caseId && !open.target) console.log(caseStartLine(caseId, titles.get(caseId)));
      } else if (e.type === 'testPrompt' && e.runId === runId) {
        // A new question, or the one asked withdrawn (the run stopped, or it was answered through the UI or the API).
        asking?.abort();
        asking = null;
        if (!e.prompt) return;
        const ask = (asking = new AbortController());
        const asked = e.prompt;
        // Nobody answering in time is the run's own time-out (Inconclusive), not an answer; an answer goes to the request it was typed for, never the next.
        void open.ask(asked, ask.signal).then((a) => answerIfOpen(asked, a, service.prompt(runId), (given) => service.answer(runId, given)));
      }
    });
    const run = await service.settled(runId).finally(() => {
      off();
      changes.off();
      cb.off();
      stopping.moveOn(true);
      asking?.abort();
    });
    // The run has ended: a signal from now on changes neither its result nor the exit status.
    const outputs = testOutputs({ ...opts, junit: r.junit, evidence: r.bundle });
    const tried = new Set<string>();
    interrupt.left = () => unwritten(outputs, tried);
    interrupt.ended('writing the reports');
    if (run.error) console.error(`chargebench ${r.command}: ${run.state === 'error' ? 'the run could not be carried out: ' : ''}${run.error}`);
    for (const p of run.setupProblems ?? []) console.error(`chargebench ${r.command}: before the first case: ${p}`);
    // The sessions the run ended before its first case (a customer's too), as the reports say them.
    const endedInSetup = setupEndedLine(run);
    if (endedInSetup) console.log(printable(endedInSetup));
    if (run.configAtEndProblem) console.error(`chargebench ${r.command}: the configuration at the end was not read: ${run.configAtEndProblem}`);
    // A run the bench could not carry out says so, why, and what it did not run (not "0 cases: 0 passed").
    if (run.state !== 'error' || run.cases.length) printSummary('case', run.cases, run.wallMs, ranOnFakeTime(run) ? run.ms : null);
    if (run.state === 'error') console.log(`${run.cases.length ? '' : '\n'}${couldNotRunLine(run, r.cases.length)}`);
    // A firmware the run left on the charger (the test's file) is said with the summary, as the reports say it.
    const firmware = firmwareLine(run);
    if (firmware) console.log(printable(firmware));
    const written = await writeOutputs(
      r.command,
      outputs.map((o) => ({ ...o, body: async () => (await service.reportOf(run, reportKind[o.option]!)).body })),
      tried,
    );
    // What the last case left on the charger (a stop's put-back cut short too), as the reports list it.
    for (const line of notPutBackLines(run.cases, interrupt.by !== null && run.state === 'stopped')) console.log(line);
    if (interrupt.by && run.state === 'stopped') {
      // A temporary bench (--virtual) is deleted on the way out: only a charger's run is kept in a record.
      const kept = open.target ? '' : '; the run is kept in the record as stopped';
      console.log(`Stopped by ${signalWords(interrupt.by)}: ${run.cases.length} of ${run.planned?.length ?? r.cases.length} cases ended${kept}`);
      return interrupt.status;
    }
    // A case left inconclusive because nobody could be asked concluded nothing, whatever else passed.
    const unasked = run.cases.filter(forWantOfOperator).length;
    const status = runExitStatus(run, written, opts.strict === true, unasked);
    // Said last, once the status is known (a report not written comes first): why a run with no failure is not green.
    if (status === exitStatus.nothingConcluded) console.log(nothingConcluded(run.summary, opts.strict === true, unasked));
    return status;
  } catch (e) {
    console.error(`chargebench ${r.command}: ${(e as Error).message}`);
    return interrupt.by ? interrupt.status : exitStatus.failed;
  } finally {
    await open.close();
  }
}

const reportKind: Record<string, ReportKind> = { '--json': 'json', '--junit': 'junit', '--html': 'html', '--pdf': 'pdf', '--evidence': 'evidence' };
