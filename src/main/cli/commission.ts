// `chargebench commission`: the commissioning plan against a newly installed charger, headless, through
// the same commissioning service as the UI and the API: identity and clock, connectors, the configuration
// baseline of a template, the card reader, the offline policy, the site's load limit, a test session with
// its meter values checked, unlock, availability and reset; then the same report and diagnostic bundle.
// Exit status 1 when a step fails, errs or is left inconclusive, or the run could not go on (why is said on
// stderr), 2 for a usage error (a template or a site and job that is not valid: named on one line, with the
// field; a report's folder that is not there; a list option given empty), 3 when a report could not be
// written, 4 when the charger did not connect, 130/143/129 when stopped by a signal (Ctrl-C, SIGTERM, SIGHUP).
import { Command } from 'commander';
import { builtInTemplates, CommissioningTemplate, SiteJob, type CommissioningFile } from '../../shared/api/commissioning';
import type { CaseResult, RunResult } from '../conformance/types';
import { chargerRunOptions, couldNotRunLine, declaredPics, openRun, printCase, printSummary, usageConflict, type OpenRun } from './run-on-charger';
import { printable } from './terminal';
import { changesTo, exitStatus, hearEarly, signalWords, type Stays } from './interrupt';
import { checkOutputs, unwritten, writeOutputs, type Output } from './outputs';
import { SITE_LIMIT_PROFILE_ID } from '../commissioning/plan';
import { int, jsonFileOption } from './options';
import { firstIssue } from '../../shared/api/issues';
import { defaultTestData } from '../conformance/test-data';
import { chargerWhileAsked, commissionFailedLine, verdictChangeLines } from './commission-terminal';
import { comeBack, notPutBackLines, stopAfterComeBack } from './come-back';
import { answerIfOpen } from './terminal-ask';

/** The option each field of the site and job comes from. */
const jobOptions: Record<string, string> = { site: '--site', address: '--address', location: '--location', installer: '--installer', company: '--company', customer: '--customer' };

export function registerCommissionCommand(program: Command): void {
  chargerRunOptions(program.command('commission').description('Commission a newly installed charger: a guided check that ends in a handover report'), 'commission')
    .option(
      '--template <file|name>',
      `the configuration baseline and site policy: a JSON file, or a built-in one (${builtInTemplates.map((t) => `"${t.name}"`).join(', ')})`,
      builtInTemplates[0]!.name,
    )
    .option('--session-seconds <s>', 'how long the test session delivers meter values (default: the template, 300)', int('--session-seconds', 10, 3600))
    .option('--site <name>', 'the site', 'Unnamed site')
    .option('--address <address>', "the site's address")
    .option('--location <where>', 'where the charger is on the site (e.g. parking bay 4)')
    .option('--installer <name>', 'the installer', 'Not given')
    .option('--company <name>', "the installer's company")
    .option('--customer <name>', 'the customer')
    .option('--bundle <file>', 'write the diagnostic bundle (zip): the report, every frame, the configuration before and after, the identity')
    .option('--list-templates', 'print the built-in templates as JSON and exit')
    .action(async (opts, command: Command) => {
      const conflict = usageConflict(command);
      if (conflict) {
        console.error(`chargebench commission: ${conflict}`);
        process.exit(2);
      }
      if (opts.listTemplates) {
        console.log(JSON.stringify(builtInTemplates, null, 2));
        return;
      }
      // A signal from here on is heard, while the bench starts too (before the run's own Interrupt is made).
      hearEarly('commission');
      let template = builtInTemplates.find((t) => t.name === opts.template);
      if (!template) {
        template = jsonFileOption('commission', '--template', opts.template, CommissioningTemplate, (e) =>
          e.code === 'ENOENT' ? `neither a file nor a built-in template (${builtInTemplates.map((t) => `"${t.name}"`).join(', ')})` : null,
        );
      }
      if (opts.sessionSeconds) template = { ...template, sessionSeconds: opts.sessionSeconds };
      const checkedJob = SiteJob.safeParse({ site: opts.site, address: opts.address, location: opts.location, installer: opts.installer, company: opts.company, customer: opts.customer });
      if (!checkedJob.success) {
        const { field, message } = firstIssue(checkedJob.error, { key: 'first' });
        console.error(`chargebench commission: ${jobOptions[field] ?? field}: ${message}`);
        process.exit(2);
      }
      const job = checkedJob.data;
      const unwritable = checkOutputs(commissionOutputs(opts));
      if (unwritable) {
        console.error(`chargebench commission: ${unwritable}`);
        process.exit(2);
      }
      process.exit(await commission(opts, template, job));
    });
}

/** The reports a commissioning writes, in the order written. */
export function commissionOutputs(opts: Record<string, any>): Array<Output & { file: CommissioningFile }> {
  return [
    { option: '--json', label: 'the JSON report', path: opts.json, file: 'report.json' },
    { option: '--html', label: 'the HTML report', path: opts.html, file: 'report.html' },
    { option: '--pdf', label: 'the PDF report', path: opts.pdf, file: 'report.pdf' },
    { option: '--bundle', label: 'the diagnostic bundle', path: opts.bundle, file: 'bundle.zip' },
  ];
}

/**
 * What a commissioning puts on the charger to stay there: the template's baseline keys (at their values) and
 * the site's load limit (its charging profile). A second Ctrl-C does not name them as not put back.
 */
export function commissionStays(template: CommissioningTemplate): Stays {
  return (action, payload) => {
    if (action === 'ChangeConfiguration') return typeof payload.key === 'string' && Object.hasOwn(template.keys, payload.key) && template.keys[payload.key] === String(payload.value);
    if (action === 'SetChargingProfile') return (payload.csChargingProfiles as { chargingProfileId?: unknown } | undefined)?.chargingProfileId === SITE_LIMIT_PROFILE_ID;
    return false;
  };
}

/** A commissioning on the charger `opts` names; `opened`: a run already opened (tests), else one is opened as `opts` say. */
export async function commission(opts: Record<string, any>, template: CommissioningTemplate, job: SiteJob, opened?: OpenRun): Promise<number> {
  const open = opened ?? (await openRun('commission', opts));
  if (typeof open === 'number') return open;
  const { bench, chargerId, interrupt } = open;
  const service = bench.commissioning;
  try {
    const notConnected = await open.connected(opts.connectTimeout ?? 600);
    if (notConnected !== null) return notConnected;
    // Stopped while the charger was connecting ("nothing was run"): nothing is created or started.
    if (interrupt.signal.aborted) return interrupt.status;
    const c = await service.create({ chargerId, job, template, declared: declaredPics(opts) });
    // Stopped while the commissioning was being created: it is kept, ready, and nothing is run.
    if (interrupt.signal.aborted) return interrupt.status;
    // The person at the charger answers on the terminal what the run asks; a question withdrawn (the run
    // stopped, or answered elsewhere) is no longer asked.
    let asking: AbortController | null = null;
    // The charger going offline (or back) while a question waits is said, and a Done while it is offline says what the run waits for.
    const charger = chargerWhileAsked(bench, chargerId, () => asking !== null && !asking.signal.aborted, defaultTestData().chargerTimeoutS);
    const off = bench.bus.subscribe((e) => {
      if (e.type !== 'commissioningPrompt' || e.id !== c.id) return;
      asking?.abort();
      asking = null;
      if (!e.prompt) return;
      const ask = (asking = new AbortController());
      charger.asked();
      const asked = e.prompt;
      void open.ask(asked, ask.signal).then((a) => {
        // Nobody answered on the terminal: the run's own timer says so (not that the person skipped). An answer
        // goes to the request it was typed for, never to the next.
        const offline = a === 'done' ? charger.doneWhile() : null;
        if (answerIfOpen(asked, a, service.prompt(c.id), (given) => service.answer(c.id, given)) && offline) console.log(offline);
      });
    });
    // What the run and the step in progress changed on the charger and is to be put back (the baseline and
    // the site's limit are meant to stay), for a second Ctrl-C that leaves it so.
    const changes = changesTo(bench, chargerId, commissionStays(template));
    // The charger's comings and goings: a stop while it reboots after the run's Reset waits for it to put it back.
    const cb = comeBack(bench, chargerId);
    let step: string | null = null;
    interrupt.left = () => [step && `the step “${step}” was in progress`, changes.describe()].filter(Boolean).join('; ');
    // Before the first step (the run's setup: the charger read and prepared) no step is in progress: the words say so.
    interrupt.stopsRun(() =>
      step
        ? 'ending the step in progress (inconclusive), putting the charger back, writing the reports'
        : 'ending the run before its first step (none has started), putting the charger back, writing the reports',
    );
    // When the signal came (the bench's clock, as the commissioning's record): a stop that waited for the charger took effect later, and the record says both.
    let heardAt: string | undefined;
    interrupt.signal.addEventListener('abort', () => (heardAt = new Date(bench.clock.now()).toISOString()), { once: true });
    const stop = (waited: boolean) => {
      changes.freeze();
      // The record names the signal that stopped it.
      const by = { by: 'signal', signal: interrupt.by ?? 'SIGINT', ...(waited && heardAt && { requestedAt: heardAt }) } as const;
      if (service.runningOn(chargerId) === c.id) service.stop(c.id, { atOnce: true, ...by });
    };
    let stopping: ReturnType<typeof stopAfterComeBack> | null = null;
    const started = Date.now();
    const t0 = bench.clock.now();
    if (open.noOperator) console.log(`No one can be asked at the charger: ${open.noOperator}. A step that needs a person ends inconclusive.`);
    // Each step's verdict as its line said it: one judged again at the end (the baseline) gets a line saying so.
    const printed = new Map<string, CaseResult['verdict']>();
    let engineRun: RunResult | null = null;
    service.run(
      c.id,
      undefined,
      (e) => {
        // The engine's run, as it goes and as it ends: why it could not go on, what its setup could not put right.
        if (e.type === 'runStarted') engineRun = e.run;
        else if (e.type === 'caseStarted') {
          // (In the run's setup, before its first step: a stop waiting for the charger takes effect as the first step begins.)
          if (interrupt.by) stopping?.moveOn();
          step = c.steps.find((s) => s.id === e.caseId)?.title ?? e.caseId;
          changes.reset();
        } else if (e.type === 'caseFinished') {
          printed.set(e.result.id, e.result.verdict);
          printCase(e.result);
          // A stop waiting for the charger to come back takes effect once the step it stopped has ended, before the next begins.
          if (interrupt.by) stopping?.moveOn();
        }
      },
      open.noOperator,
    );
    stopping = stopAfterComeBack(interrupt, cb, chargerId, stop);
    await service.settled(c.id);
    stopping.moveOn(true);
    cb.off();
    off();
    charger.off();
    changes.off();
    (asking as AbortController | null)?.abort();
    // The commissioning has ended: a signal from now on changes neither its result nor the exit status.
    const outputs = commissionOutputs(opts);
    const tried = new Set<string>();
    interrupt.left = () => unwritten(outputs, tried);
    interrupt.ended('writing the reports');
    const view = service.get(c.id);
    const results = view.steps.map((s) => s.result).filter((r): r is CaseResult => r !== null);
    // Why the run could not go on (or what went wrong once its steps had ended), and what it could not put
    // right before its first step, said as `chargebench test` says them, not only in the reports.
    const broken = view.lastRun?.outcome === 'broken';
    const engine = engineRun as RunResult | null;
    if (engine?.error) console.error(printable(`chargebench commission: ${broken ? 'the run could not be carried out: ' : ''}${engine.error}`));
    for (const p of engine?.setupProblems ?? []) console.error(printable(`chargebench commission: before the first step: ${p}`));
    for (const line of verdictChangeLines(printed, view.steps)) console.log(line);
    const wallMs = Date.now() - started;
    const chargerMs = open.target ? bench.clock.now() - t0 : null;
    // A run the bench could not carry out says so, why, and how many steps it did not run (not "0 steps: 0 passed").
    if (!broken || results.length) printSummary('step', results, wallMs, chargerMs);
    if (broken) {
      const run = engine ?? { planned: view.lastRun?.steps, cases: results, wallMs, ms: chargerMs ?? 0, virtual: !!open.target, fakeTime: !!open.target };
      console.log(`${results.length ? '' : '\n'}${couldNotRunLine(run, view.steps.length, 'step')}`);
    }
    const written = await writeOutputs(
      'commission',
      outputs.map((o) => ({ ...o, body: async () => (await service.file(c.id, o.file)).body })),
      tried,
    );
    // What the last step left on the charger (a stop's put-back cut short too), as the reports list it.
    const stopped = interrupt.by !== null && view.lastRun?.outcome === 'stopped';
    for (const line of notPutBackLines(results, stopped)) console.log(line);
    if (stopped) {
      // A temporary bench (--virtual) is deleted on the way out: only a charger's commissioning is kept in a record.
      const kept = open.target ? '' : '; the commissioning is kept in the record as stopped';
      console.log(`Stopped by ${signalWords(interrupt.by!)}: ${results.length} of ${view.steps.length} steps ended${kept}`);
      return interrupt.status;
    }
    if (!written) return exitStatus.reportNotWritten;
    // Inconclusive (an operator step timed out or skipped) leaves the commissioning incomplete: not a success;
    // the last line says why the status is 1 (a run that could not go on has said so on its own last line).
    const failed = commissionFailedLine(results, view.steps.length);
    if (failed && !broken) console.log(failed);
    return failed ? exitStatus.failed : exitStatus.ok;
  } catch (e) {
    console.error(`chargebench commission: ${(e as Error).message}`);
    return interrupt.by ? interrupt.status : exitStatus.failed;
  } finally {
    await open.close();
  }
}
