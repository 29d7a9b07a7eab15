// `chargebench test`: OCTT 1.6 charge-point test cases against a charger, headless. Against a real
// charger (--charger) the bench waits for it to connect and asks the person at it on the terminal;
// against a built-in virtual charger (--virtual) every step is automatic and timed waits take no time.
// Exit status 1 when any case fails or errs.
import { Command, Option } from 'commander';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Bench } from '../core/bench';
import { FakeClock } from '../clock';
import { runConformance, type RunEvent } from '../conformance/runner';
import { octt16Cases, findCases } from '../conformance/octt16';
import { virtualTarget } from '../conformance/virtual';
import { PromptOperator, type OperatorAnswer } from '../conformance/operator';
import { TestData } from '../conformance/test-data';
import { junitReport } from '../conformance/reports/junit';
import { htmlReport } from '../conformance/reports/html';
import { htmlToPdf } from '../conformance/reports/pdf';
import { evidencePack } from '../conformance/reports/evidence';
import { featureProfiles } from '../../shared/ocpp16';
import { formatClock } from '../../shared/format/time';
import { defaultDataDir, int } from './options';
import { printable } from './terminal';

const verdictWords = { pass: 'PASS', fail: 'FAIL', notApplicable: 'N/A ', inconclusive: 'INCONCLUSIVE', error: 'ERROR', notSupported: 'NOT SUPPORTED' } as const;

export function registerTestCommand(program: Command): void {
  program
    .command('test')
    .description('Run the OCTT 1.6 charge-point test cases against a charger (the bench plays the central system)')
    .option('--charger <id>', 'the charge point id of the charger under test (it connects to this bench)')
    .option('--virtual', 'run against a built-in virtual charger, every operator step automatic, on fake time')
    .option('--cases <ids>', 'comma-separated case ids, e.g. TC_003_CS,TC_010_CS (default: every case)')
    .addOption(new Option('--profile <profile>', 'only the cases of one feature profile').choices([...featureProfiles, 'Security']))
    .option('--data <file>', 'test data (JSON): idTags, connector, durations, locations (see the README)')
    .option('--data-dir <dir>', 'the bench record to use (with --charger); --virtual uses a temporary one', defaultDataDir())
    .option('--host <address>', 'address the central system listens on (with --charger)', '0.0.0.0')
    .option('--port <port>', 'port chargers connect to (with --charger; default: the saved OCPP port)', int('--port', 0, 65535))
    .option('--json <file>', 'write the result as JSON')
    .option('--junit <file>', 'write the result as JUnit XML')
    .option('--html <file>', 'write the report as one self-contained HTML page')
    .option('--pdf <file>', 'write the report as PDF (printed by a headless Chromium where installed)')
    .option('--evidence <file>', 'write the evidence pack (zip): reports, every frame, configuration, test data, SHA-256 manifest')
    .option('--list', 'list the cases and exit')
    .action(async (opts) => {
      let cases = octt16Cases;
      try {
        if (opts.cases)
          cases = findCases(
            String(opts.cases)
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          );
        if (opts.profile) cases = cases.filter((c) => c.profile === opts.profile);
      } catch (e) {
        console.error(`chargebench test: ${(e as Error).message}`);
        process.exit(2);
      }
      if (opts.list) {
        for (const c of octt16Cases) console.log(`${c.id.padEnd(12)} ${c.profile.padEnd(24)} ${c.title}`);
        return;
      }
      if (!opts.virtual && !opts.charger) {
        console.error('chargebench test: say which charger: --charger <id> (a charger connecting to this bench) or --virtual');
        process.exit(2);
      }
      let data: TestData;
      try {
        data = TestData.parse(opts.data ? JSON.parse(readFileSync(resolve(opts.data), 'utf8')) : {});
      } catch (e) {
        console.error(`chargebench test: --data ${opts.data}: ${(e as Error).message}`);
        process.exit(2);
      }
      const temp = opts.virtual ? mkdtempSync(join(tmpdir(), 'chargebench-test-')) : null;
      let bench: Bench;
      try {
        bench = opts.virtual
          ? await Bench.start({ dataDir: temp!, host: '127.0.0.1', port: 0, clock: new FakeClock(Date.now()), face: 'chargebench test' } as never)
          : await Bench.start({ dataDir: resolve(opts.dataDir), host: opts.host, port: opts.port, face: 'chargebench test' });
      } catch (e) {
        console.error(`chargebench: ${(e as Error).message}`);
        process.exit(1);
      }
      const rl = !opts.virtual && process.stdin.isTTY ? createInterface({ input: process.stdin, output: process.stdout }) : null;
      let exit: number;
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
              console.log('\n    (nobody answered in time: the case is inconclusive)');
              return 'timeout';
            }
          });
        const onEvent = (e: RunEvent) => {
          if (e.type === 'caseFinished') {
            const r = e.result;
            console.log(printable(`${formatClock(Date.now())}  ${verdictWords[r.verdict].padEnd(5)} ${r.id.padEnd(12)} ${r.title}`));
            if (r.reason && r.verdict !== 'pass') console.log(`${' '.repeat(14)}${printable(`${r.decidingStep ? `step ${r.decidingStep}: ` : ''}${r.reason}`)}`);
          }
        };
        const run = await runConformance(bench, { chargerId, cases, data, operator, virtual: !!target, onEvent, busy: target?.busy });
        const s = run.summary;
        console.log(
          `\n${run.cases.length} cases: ${s.pass} passed, ${s.fail} failed, ${s.notApplicable} not applicable, ${s.inconclusive} inconclusive, ${s.error} errors, ${s.notSupported} not supported; ${(run.wallMs / 1000).toFixed(1)} s${run.virtual ? ` (${Math.round(run.ms / 1000)} s of charger time)` : ''}`,
        );
        if (opts.json) writeFileSync(resolve(opts.json), `${JSON.stringify(run, null, 2)}\n`);
        if (opts.junit) writeFileSync(resolve(opts.junit), junitReport(run));
        if (opts.html) writeFileSync(resolve(opts.html), htmlReport(run));
        const pdf = opts.pdf || opts.evidence ? await htmlToPdf(htmlReport(run)) : null;
        if (opts.pdf) {
          if (pdf?.pdf) writeFileSync(resolve(opts.pdf), pdf.pdf);
          else console.error(`chargebench test: no PDF: ${pdf && !pdf.pdf ? pdf.reason : ''}`);
        }
        if (opts.evidence) writeFileSync(resolve(opts.evidence), evidencePack({ run, framesJsonl: await bench.conformance.framesJsonl(run), pdf: pdf?.pdf ?? null }));
        exit = s.fail + s.error > 0 ? 1 : 0;
      } catch (e) {
        console.error(`chargebench test: ${(e as Error).message}`);
        exit = 1;
      } finally {
        rl?.close();
        await bench.stop();
        if (temp) rmSync(temp, { recursive: true, force: true });
      }
      process.exit(exit);
    });
}
