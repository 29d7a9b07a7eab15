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
import { runConformance, type RunEvent } from '../conformance/runner';
import { virtualTarget } from '../conformance/virtual';
import { PromptOperator, type OperatorAnswer } from '../conformance/operator';
import type { TestData } from '../conformance/test-data';
import type { CaseDefinition, RunResult } from '../conformance/types';
import { junitReport } from '../conformance/reports/junit';
import { htmlReport } from '../conformance/reports/html';
import { htmlToPdf } from '../conformance/reports/pdf';
import { evidencePack } from '../conformance/reports/evidence';
import { formatClock } from '../../shared/format/time';
import { featureProfiles, type FeatureProfile } from '../../shared/ocpp16';
import type { PicsDeclaration } from '../conformance/pics';
import { defaultDataDir, int } from './options';
import { printable } from './terminal';

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
    .option('--fixed-cable', 'the charger has a fixed cable (no socket)')
    .option('--no-connector-lock', 'the socket has no lock')
    .option('--no-reader', 'the charger has no card reader or start button')
    .option('--backup-power', 'the charger has back-up power to stop its sessions on a power cut');
}

/** What the person declares of the charger, over what it reports; a clear error for an unknown profile. */
export function declaredPics(opts: Record<string, any>): PicsDeclaration {
  const declared: PicsDeclaration = { fixedCable: !!opts.fixedCable, connectorLock: opts.connectorLock !== false, reader: opts.reader !== false, backupPower: !!opts.backupPower };
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
  title: string;
  /** Extra reports: the evidence pack / bundle (zip) and JUnit, where the command has them. */
  bundle?: string;
  junit?: string;
  /** Fills in the run before the reports (e.g. the commissioning job). */
  decorate?: (run: RunResult) => void;
}

export async function runOnCharger(r: ChargerRun): Promise<number> {
  const { opts } = r;
  try {
    declaredPics(opts);
  } catch (e) {
    console.error(`chargebench ${r.command}: ${(e as Error).message}`);
    return 2;
  }
  if (!opts.virtual && !opts.charger) {
    console.error(`chargebench ${r.command}: say which charger: --charger <id> (a charger connecting to this bench) or --virtual`);
    return 2;
  }
  const temp = opts.virtual ? mkdtempSync(join(tmpdir(), `chargebench-${r.command}-`)) : null;
  let bench: Bench;
  try {
    bench = opts.virtual
      ? await Bench.start({ dataDir: temp!, host: '127.0.0.1', port: 0, clock: new FakeClock(Date.now()), face: `chargebench ${r.command}` } as never)
      : await Bench.start({ dataDir: resolve(opts.dataDir), host: opts.host, port: opts.port, face: `chargebench ${r.command}` });
  } catch (e) {
    console.error(`chargebench: ${(e as Error).message}`);
    return 1;
  }
  const rl = !opts.virtual && process.stdin.isTTY ? createInterface({ input: process.stdin, output: process.stdout }) : null;
  try {
    const target = opts.virtual ? await virtualTarget(bench) : null;
    const chargerId = target?.id ?? String(opts.charger);
    if (!target) console.log(`Waiting for ${chargerId} to connect to ws://<this machine>:${bench.centralSystem.address().port}/ocpp/${chargerId} ...`);
    const operator =
      target?.operator ??
      new PromptOperator(async (p) => {
        if (!rl) return 'skip';
        try {
          const question = `\n>>> ${p.text}\n    [Enter] done, c = cannot do, s = skip (${p.timeoutS} s): `;
          const answer = (await rl.question(question, { signal: AbortSignal.timeout(p.timeoutS * 1000) })).trim().toLowerCase();
          return (answer === 'c' ? 'cannot' : answer === 's' ? 'skip' : 'done') as OperatorAnswer;
        } catch {
          console.log('\n    (nobody answered in time: the step is inconclusive)');
          return 'timeout';
        }
      });
    const onEvent = (e: RunEvent) => {
      if (e.type !== 'caseFinished') return;
      const c = e.result;
      console.log(printable(`${formatClock(Date.now())}  ${verdictWords[c.verdict].padEnd(5)} ${c.id.padEnd(15)} ${c.title}`));
      if (c.reason && c.verdict !== 'pass') console.log(`${' '.repeat(17)}${printable(`${c.decidingStep ? `step ${c.decidingStep}: ` : ''}${c.reason}`)}`);
    };
    const run = await runConformance(bench, { chargerId, cases: r.cases, data: r.data, declared: declaredPics(opts), operator, virtual: !!target, onEvent, busy: target?.busy });
    r.decorate?.(run);
    const s = run.summary;
    console.log(
      `\n${run.cases.length} ${r.command === 'test' ? 'cases' : 'steps'}: ${s.pass} passed, ${s.fail} failed, ${s.notApplicable} not applicable, ${s.inconclusive} inconclusive, ${s.error} errors${s.notSupported ? `, ${s.notSupported} not supported` : ''}; ${(run.wallMs / 1000).toFixed(1)} s${run.virtual ? ` (${Math.round(run.ms / 1000)} s of charger time)` : ''}`,
    );
    const html = htmlReport(run, r.title);
    if (opts.json) writeFileSync(resolve(opts.json), `${JSON.stringify(run, null, 2)}\n`);
    if (r.junit) writeFileSync(resolve(r.junit), junitReport(run));
    if (opts.html) writeFileSync(resolve(opts.html), html);
    const pdf = opts.pdf || r.bundle ? await htmlToPdf(html) : null;
    if (opts.pdf) {
      if (pdf?.pdf) writeFileSync(resolve(opts.pdf), pdf.pdf);
      else console.error(`chargebench ${r.command}: no PDF: ${pdf && !pdf.pdf ? pdf.reason : ''}`);
    }
    if (r.bundle) writeFileSync(resolve(r.bundle), evidencePack({ run, framesJsonl: await bench.conformance.framesJsonl(run), pdf: pdf?.pdf ?? null, title: r.title }));
    return s.fail + s.error > 0 ? 1 : 0;
  } catch (e) {
    console.error(`chargebench ${r.command}: ${(e as Error).message}`);
    return 1;
  } finally {
    rl?.close();
    await bench.stop();
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}
