// What `chargebench test` and `chargebench commission` share: a bench (a temporary one on fake time with a
// built-in virtual charger, or the user's, waiting for the charger), the person asked on the terminal,
// the progress lines, and the reports written where asked. Resolves with the exit status.
import { Command } from 'commander';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Bench } from '../core/bench';
import { FakeClock } from '../clock';
import { virtualTarget, type VirtualTarget } from '../conformance/virtual';
import type { OperatorAnswer, OperatorPrompt } from '../conformance/operator';
import type { ReportKind } from '../conformance/service';
import type { TestData } from '../conformance/test-data';
import type { CaseDefinition, CaseResult } from '../conformance/types';
import { formatClock } from '../../shared/format/time';
import { featureProfiles, type FeatureProfile } from '../../shared/ocpp16';
import type { PicsDeclaration } from '../conformance/pics';
import { defaultDataDir, int } from './options';
import { printable } from './terminal';
import { ranOnFakeTime } from '../../shared/api/test-runs';

const verdictWords = { pass: 'PASS', fail: 'FAIL', notApplicable: 'N/A ', inconclusive: 'INCONCLUSIVE', error: 'ERROR', notSupported: 'NOT SUPPORTED' } as const;

/** The options both commands take: which charger, which bench, which reports. */
export function chargerRunOptions(command: Command, what: string): Command {
  return command
    .option('--charger <id>', `the charge point id of the charger to ${what} (it connects to this bench)`)
    .option('--virtual', 'run against a built-in virtual charger, every operator step automatic, on fake time')
    .option('--data-dir <dir>', 'the bench record to use (with --charger); --virtual uses a temporary one', defaultDataDir())
    .option('--host <address>', 'address the central system listens on (with --charger)', '0.0.0.0')
    .option('--port <port>', 'port chargers connect to (with --charger; default: the saved OCPP port)', int('--port', 0, 65535))
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
  // back-up power) stands.
  const declared: PicsDeclaration = {
    connectorLock: opts.connectorLock !== false,
    reader: opts.reader !== false,
    ...(opts.fixedCable ? { fixedCable: true } : {}),
    ...(opts.backupPower ? { backupPower: true } : {}),
  };
  if (opts.profiles) {
    const list = String(opts.profiles)
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const unknown = list.filter((p) => !(featureProfiles as readonly string[]).includes(p));
    if (unknown.length) throw new Error(`--profiles: ${unknown.join(', ')} ${unknown.length > 1 ? 'are not feature profiles' : 'is not a feature profile'} (one of ${featureProfiles.join(', ')})`);
    declared.profiles = list as FeatureProfile[];
  }
  return declared;
}

export interface ChargerRun {
  command: string;
  opts: Record<string, any>;
  cases: CaseDefinition[];
  data: TestData;
  /** Extra reports: the evidence pack (zip) and JUnit. */
  bundle?: string;
  junit?: string;
}

/** A bench for one command's run: the charger it runs on, who does its operator steps, and how to close it. */
export interface OpenRun {
  bench: Bench;
  chargerId: string;
  target: VirtualTarget | null;
  /** The person at the charger, asked on the terminal (skip when there is no terminal). */
  ask: (p: OperatorPrompt) => Promise<OperatorAnswer>;
  close(): Promise<void>;
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
    bench = opts.virtual
      ? await Bench.start({ dataDir: temp!, host: '127.0.0.1', port: 0, clock: new FakeClock(Date.now()), face: `chargebench ${command}` })
      : await Bench.start({ dataDir: resolve(opts.dataDir), host: opts.host, port: opts.port, face: `chargebench ${command}` });
  } catch (e) {
    console.error(`chargebench: ${(e as Error).message}`);
    return 1;
  }
  const rl = !opts.virtual && process.stdin.isTTY ? createInterface({ input: process.stdin, output: process.stdout }) : null;
  const close = async () => {
    rl?.close();
    await bench.stop();
    if (temp) rmSync(temp, { recursive: true, force: true });
  };
  try {
    // A built-in virtual charger is built with what is declared of it (--fixed-cable, --backup-power).
    const target = opts.virtual ? await virtualTarget(bench, undefined, undefined, { fixedCable: opts.fixedCable === true, backupPower: opts.backupPower === true }) : null;
    const chargerId = target?.id ?? String(opts.charger);
    if (!target) console.log(`Waiting for ${chargerId} to connect to ws://<this machine>:${bench.ocppAddress().port}/ocpp/${chargerId} ...`);
    const ask = async (p: OperatorPrompt): Promise<OperatorAnswer> => {
      if (!rl) return 'skip';
      try {
        const question = `\n>>> ${p.text}\n    [Enter] done, c = cannot do, s = skip (${p.timeoutS} s): `;
        const answer = (await rl.question(question, { signal: AbortSignal.timeout(p.timeoutS * 1000) })).trim().toLowerCase();
        return answer === 'c' ? 'cannot' : answer === 's' ? 'skip' : 'done';
      } catch {
        console.log('\n    (nobody answered in time: the step is inconclusive)');
        return 'timeout';
      }
    };
    return { bench, chargerId, target, ask, close };
  } catch (e) {
    console.error(`chargebench ${command}: ${(e as Error).message}`);
    await close();
    return 1;
  }
}

/** One line per finished case or step, with why when it did not pass. */
export function printCase(c: CaseResult): void {
  console.log(printable(`${formatClock(Date.now())}  ${verdictWords[c.verdict].padEnd(5)} ${c.id.padEnd(15)} ${c.title}`));
  if (c.reason && c.verdict !== 'pass') console.log(`${' '.repeat(17)}${printable(`${c.decidingStep ? `step ${c.decidingStep}: ` : ''}${c.reason}`)}`);
}

/** The closing line: how many cases (or steps) of each verdict, and the time taken. */
export function printSummary(noun: string, results: CaseResult[], wallMs: number, chargerMs: number | null): void {
  const n = (v: CaseResult['verdict']) => results.filter((c) => c.verdict === v).length;
  console.log(
    `\n${results.length} ${noun}: ${n('pass')} passed, ${n('fail')} failed, ${n('notApplicable')} not applicable, ${n('inconclusive')} inconclusive, ${n('error')} errors${n('notSupported') ? `, ${n('notSupported')} not supported` : ''}; ${(wallMs / 1000).toFixed(1)} s${chargerMs !== null ? ` (${Math.round(chargerMs / 1000)} s of charger time)` : ''}`,
  );
}

/**
 * A conformance run through the same service as the UI's and the API's: it lands in the record's run
 * history (the UI lists it), its operator prompts are asked on the terminal, its reports written where asked.
 */
export async function runOnCharger(r: ChargerRun): Promise<number> {
  const { opts } = r;
  const open = await openRun(r.command, opts);
  if (typeof open === 'number') return open;
  const { bench, chargerId } = open;
  const service = bench.conformance;
  try {
    await bench.waitForCharger(chargerId, r.data.operatorTimeoutS * 1000);
    const { runId } = service.start({ chargerId, cases: r.cases.map((c) => c.id), data: r.data, declared: declaredPics(opts) });
    const off = bench.bus.subscribe((e) => {
      if (e.type === 'testCaseFinished' && e.runId === runId) printCase(e.result);
      // Nobody answering in time is the run's own time-out (Inconclusive), not an answer.
      else if (e.type === 'testPrompt' && e.runId === runId && e.prompt) void open.ask(e.prompt).then((a) => a !== 'timeout' && service.prompt(runId) && service.answer(runId, a));
    });
    const run = await service.settled(runId).finally(off);
    if (run.error) console.error(`chargebench ${r.command}: ${run.error}`);
    for (const p of run.setupProblems ?? []) console.error(`chargebench ${r.command}: before the first case: ${p}`);
    printSummary('cases', run.cases, run.wallMs, ranOnFakeTime(run) ? run.ms : null);
    const write = async (kind: ReportKind, to: string | undefined) => {
      if (!to) return;
      try {
        writeFileSync(resolve(to), (await service.reportOf(run, kind)).body);
      } catch (e) {
        console.error(`chargebench ${r.command}: no ${kind === 'pdf' ? 'PDF' : kind}: ${(e as Error).message}`);
      }
    };
    await write('json', opts.json);
    await write('junit', r.junit);
    await write('html', opts.html);
    await write('pdf', opts.pdf);
    await write('evidence', r.bundle);
    const s = run.summary;
    return s.fail + s.error > 0 || run.error ? 1 : 0;
  } catch (e) {
    console.error(`chargebench ${r.command}: ${(e as Error).message}`);
    return 1;
  } finally {
    await open.close();
  }
}
