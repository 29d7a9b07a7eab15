// Commissioning for the faces (UI, API, CLI): templates (built-in and saved), sites remembered with their
// job, a commissioning of a charger for a site, its plan's steps run on the conformance engine (all of
// them, or some again: a re-run replaces a step's result), the on-site checklist and photos, and the signed
// handover after which the record is final. Every change is published as commissioningChanged.
import { createHash, randomUUID } from 'node:crypto';
import type { Bench } from '../core/bench';
import { BenchError } from '../errors';
import { noOperator } from '../conformance/unattended';
import { runConformance, type RunEvent } from '../conformance/runner';
import { commissioningRun } from './run-options';
import { runOperator, type RunOperator } from '../conformance/attended';
import { defaultTestData } from '../conformance/test-data';
import type { PicsDeclaration } from '../conformance/pics';
import type { Report } from '../conformance/service';
import type { OperatorAnswer, OperatorPrompt } from '../conformance/operator';
import {
  builtInTemplates,
  CommissioningTemplate,
  maxPhotoBytes,
  SiteJob,
  type ChecklistEntry,
  type CommissioningFile,
  type CommissioningListItem,
  type CommissioningView,
  type Handover,
  type PhotoView,
  type RunShutDown,
  type SiteSummary,
} from '../../shared/api/commissioning';
import { commissioningPlan } from './plan';
import { referenceTemplate } from './reference-template';
import { emptyChecklist, endedAtSigning, endedAtStart, identityOf, JUDGING_RULE, lastRunOf, listItemOf, photoBytes, shownVerdict, stateOf, verdictOf, viewOf, type StoredCommissioning } from './model';
import { commissioningFile, siteSummaryHtml } from './reports/files';
import { evidenceOf } from './reports/bundle';
import { promptsInWords } from './prompts';
import { takeSession } from './take-session';
import { judgedSteps } from './config-end';
import { savedChecklist } from './checklist-reading';
import { SiteSummaries, summaryOf } from './reports/site-summary';
import { ListedCommissionings } from './listed';
import { STOPPED_OFFLINE_NOT_READ, WindDown } from './wind-down';
import { firstStepTitle, RunStart, runningView } from './run-start';
import { readSavedTemplates, type SavedTemplates } from './saved-templates';
import { StopWhenBack } from '../conformance/come-back';
import { endedAs, shutDownResult, shutDownRun, stepEnded, stoppedOutcome } from './shutdown';
import { heldOpenNow, heldOpenOf, recordOnlyIn } from './held-open';
import { askStop, heard, recordStop, stopTook, type StopState } from './run-end';
import type { RunStopBy } from '../../shared/api/run-stop';
import { benchPassword, ConfigLeft, cutShortStop, readCutShort, withShutDownWords, type CutShort } from '../conformance/shutdown-put-back';

/** A run in progress; its StopState: the step begun last and the step that ended last (the same: none is going on), who asked for its stop and what it cut short. */
interface Active extends StopState {
  abort: AbortController;
  operator: RunOperator;
  done: Promise<void>;
  /** After Stop: what the run still waits for before it ends. */
  windDown?: WindDown;
  /** Before the first step: what the run does (waits for the charger to connect, prepares it). */ start?: RunStart;
  /** Its Stop (UI, API), made to wait for the charger when the run just reset it or it dropped a moment ago (the view's running.stopWaiting). */
  stopper: StopWhenBack;
  /** The bench's shutdown stopped it (nobody pressed Stop): when, and during which step. */ shutDown?: RunShutDown;
  /** The configuration keys the run changed, as the charger accepted them; why it was not put back once the shutdown's wait ran out on it. */
  left: ConfigLeft;
  late?: CutShort;
  /** Its steps have ended: what it does is what comes after them (putting MinimumStatusDuration back, reading the configuration). */
  afterSteps?: boolean;
}

export class CommissioningService {
  private readonly active = new Map<string, Active>();
  /**
   * Every commissioning this bench has read or made, one object each: runs, checklist saves, photos and the
   * handover all change the same object (and a change made while another waits on the record is not lost
   * when that one is saved), and a state checked (handed over?) is the state now, not the record's.
   */
  private readonly known = new Map<string, StoredCommissioning>();
  /** What a face declares of a charger (the CLI's --fixed-cable ...), per commissioning. */
  private readonly declared = new Map<string, PicsDeclaration>();
  private readonly siteSummaries = new SiteSummaries(() => this.bench.record.commissionings);
  /** The list's rows: verdicts judged again, how each latest run ended (listed.ts). */
  private readonly listed = new ListedCommissionings(() => this.bench.record.commissionings, this.siteSummaries);
  private readonly look = { known: (id: string) => this.known.get(id), running: (id: string) => this.active.has(id) };

  constructor(private readonly bench: Bench) {}
  private now(): string {
    return new Date(this.bench.clock.now()).toISOString();
  }

  templates(): { builtIn: CommissioningTemplate[] } & SavedTemplates {
    return { builtIn: builtInTemplates, ...readSavedTemplates(this.bench.record.commissionings.templateRows()) };
  }

  async saveTemplate(template: CommissioningTemplate): Promise<CommissioningTemplate> {
    if (builtInTemplates.some((b) => b.name === template.name))
      throw new BenchError(400, `Invalid field "template.name": "${template.name}" is a built-in template; save yours under another name`, { field: 'template.name' });
    await this.bench.record.commissionings.saveTemplate(template.name, template);
    return template;
  }

  async deleteTemplate(name: string): Promise<void> {
    if (builtInTemplates.some((b) => b.name === name)) throw new BenchError(400, `"${name}" is a built-in template: it cannot be deleted`, { field: 'name' });
    if (!(await this.bench.record.commissionings.deleteTemplate(name))) throw new BenchError(404, `No saved template "${name}"`, { field: 'name' });
  }

  /** A template whose baseline is the charger's writable configuration now (identity-like keys left out) and whose offline policy is its own. */
  referenceTemplate(chargerId: string, name: string): Promise<CommissioningTemplate> {
    return referenceTemplate(this.bench, chargerId, name);
  }

  sites(): SiteJob[] {
    return this.bench.record.commissionings.sites().map((j) => SiteJob.parse(j));
  }

  /** One site's chargers side by side (the newest commissioning of each charger), from what each row keeps (reports/site-summary.ts). */
  site(site: string): SiteSummary {
    return this.siteSummaries.of(site, { ...this.look, verdict: (r) => this.listed.verdict(r, this.look), now: () => this.now() });
  }

  /** A new commissioning of a connected charger; the site's job is remembered. Nothing runs yet. */
  async create(args: { chargerId: string; job: SiteJob; template: CommissioningTemplate; declared?: PicsDeclaration }): Promise<CommissioningView> {
    const { bench } = this;
    bench.centralSystem.registry.mustKnow(args.chargerId);
    if (!bench.centralSystem.isConnected(args.chargerId))
      throw new BenchError(409, `${args.chargerId} is not connected: connect it to this bench first (the Connect assistant shows how)`, { field: 'chargerId' });
    const at = this.now();
    const c: StoredCommissioning = {
      id: `com-${at.replace(/[:.]/g, '-')}-${randomUUID().slice(0, 6)}`,
      chargerId: args.chargerId,
      virtual: bench.virtualChargers.has(args.chargerId),
      job: args.job,
      template: args.template,
      createdAt: at,
      updatedAt: at,
      state: 'ready',
      steps: commissioningPlan(args.template).map((s) => ({ id: s.id, title: s.title, section: s.section, result: null, attempts: 0 })),
      identity: identityOf(bench.record.chargers.get(args.chargerId)?.boot),
      configBefore: null,
      configAfter: null,
      session: null,
      checklist: emptyChecklist(),
      handover: null,
      runs: [],
      pics: null,
      runError: null,
    };
    if (args.declared) this.declared.set(c.id, args.declared);
    this.known.set(c.id, c);
    await bench.record.commissionings.saveSite(args.job.site, args.job, at);
    await this.save(c);
    return this.view(c);
  }

  /** Runs the plan's steps (all, or the named ones) in the background; `watch` sees the engine's events (the CLI's progress). */
  /** `noOperator`: why nobody can be asked at a charger the bench cannot act on (a step needing a person ends inconclusive, saying so). */
  run(id: string, steps?: string[], watch?: (e: RunEvent) => void, noOperatorWhy?: string): void {
    const { bench } = this;
    const c = this.changeable(id);
    // A run that has finished while its record settles is not running (as runningOn: it is shown finished).
    if (this.runningOn(c.chargerId) === id) throw new BenchError(409, `${id} is running: wait for it, or stop it first`, { field: 'id' });
    const busy = this.runningOn(c.chargerId);
    if (busy) throw new BenchError(409, `${c.chargerId} is being commissioned in ${busy}: stop that first`, { field: 'id' });
    if (bench.conformance.runningOn(c.chargerId)) throw new BenchError(409, `A test run is running on ${c.chargerId}: stop it first`, { field: 'id' });
    const plan = commissioningPlan(c.template, (stepId) => c.steps.find((s) => s.id === stepId)?.result ?? null); // a step reads another's kept result
    const unknown = (steps ?? []).filter((s) => !plan.some((p) => p.id === s));
    if (unknown.length) throw new BenchError(400, `Invalid field "steps": no step ${unknown.join(', ')} (the steps are ${plan.map((p) => p.id).join(', ')})`, { field: 'steps' });
    const cases = steps ? plan.filter((p) => steps.includes(p.id)) : plan;
    const abort = new AbortController();
    const operator = promptsInWords(
      runOperator(bench, c.chargerId, abort.signal, (prompt) => bench.bus.publish({ type: 'commissioningPrompt', id, prompt, ts: this.now() })),
      plan,
    );
    const entry: Active = {
      abort,
      operator,
      stepId: null,
      step: null,
      done: Promise.resolve(),
      stopper: new StopWhenBack(bench, c.chargerId, () => this.changed(c)),
      left: new ConfigLeft(benchPassword(bench, c.chargerId)),
    };
    const window: StoredCommissioning['runs'][number] = { startedAt: this.now(), finishedAt: null, outcome: 'running', steps: cases.map((p) => p.id), stoppedIn: null };
    entry.start = new RunStart(bench, c.chargerId, firstStepTitle(c.steps, cases), cases.length, () => this.changed(c), window); // the sessions its preparation ends, listed as each ends
    this.active.set(id, entry);
    c.runError = null;
    c.setupProblems = undefined;
    c.state = 'finished'; // it has run from now on, even if the bench dies before the run ends (the faces say 'running' while it does)
    let run: Extract<RunEvent, { type: 'runStarted' }>['run'] | null = null;
    c.runs.push(window);
    // Recorded as running from the start, with where it is as it goes: a bench killed before the run ends leaves where it was.
    heard(window, entry, window.startedAt);
    void this.save(c).catch(() => undefined);
    // What the stop cut short, as it takes effect (after a wait for the charger, maybe).
    abort.signal.addEventListener('abort', () => stopTook(entry, c.steps, window.steps, entry.asking ?? this.now()), { once: true });
    const onEvent = (e: RunEvent) => {
      watch?.(e);
      if (e.type === 'runStarted') run = e.run;
      else if (e.type === 'runFinished') entry.windDown?.moveTo('record');
      else if (e.type === 'caseStarted') {
        if (run?.pics) {
          window.sessionsEnded = endedAtStart(bench, c.chargerId, run) ?? window.sessionsEnded; // the sessions its start ended (a customer's too)
          c.pics = run.pics;
          c.configBefore ??= { ...run.pics.config };
        }
        entry.start?.setupOver(); // its preparation is over: the sessions it ended are known (the run's own list stands)
        entry.stepId = e.caseId;
        entry.step = null;
        heard(window, entry, this.now());
        void this.save(c).catch(() => undefined);
      } else if (e.type === 'stepStarted') {
        entry.step = e.step;
        entry.afterSteps = entry.stepId !== null && entry.stepId === entry.ended; // the runner's doing after the last step
        this.changed(c);
      } else if (e.type === 'caseFinished') {
        const s = c.steps.find((x) => x.id === e.result.id)!;
        const cut = abort.signal.aborted && e.result.verdict === 'inconclusive';
        s.result = cut && entry.shutDown ? shutDownResult(e.result, entry.shutDown) : e.result; // the shutdown's words, not a Stop's
        s.attempts++;
        stepEnded(entry, c, e.result.id, cut); // a step that ended whole after the shutdown's mark: the mark says after it
        entry.stopper.moveOn(); // a Stop waiting for the charger takes effect once the step it stopped has ended, before the next begins
        if (cut) window.stoppedIn = e.result.id;
        entry.windDown?.moveTo('endRead');
        // The configuration after the baseline (its keys as read back) is shown at once, not at the run's end.
        if (e.result.id === 'C5_BASELINE' && run?.pics) {
          c.configAfter = { ...(c.configAfter ?? {}), ...run.pics.config };
          c.configAfterFrom = { read: 'baseline', at: this.now() };
        }
        if (e.result.id === 'C8_SESSION') void takeSession(bench, c, e.result, () => this.save(c));
        heard(window, entry, this.now());
        void this.save(c).catch(() => undefined);
      }
    };
    entry.done = runConformance(bench, {
      chargerId: c.chargerId,
      cases,
      data: defaultTestData(),
      declared: this.declared.get(id),
      operator: noOperatorWhy && !operator.virtual ? noOperator(noOperatorWhy) : operator.operator,
      busy: operator.busy,
      virtual: operator.virtual,
      onEvent,
      onCall: (action, payload) => entry.left.call(action, payload),
      beforeCase: () => entry.stopper.moveOn(), // a Stop waiting for the charger (in the run's setup) takes effect before the first step, which then does not begin
      signal: abort.signal,
      ...commissioningRun(cases.map((p) => p.id)),
    })
      .then((r) => {
        // Without the read at the end, configAfter is older: why and when are kept (saved, signed, read back); the faces say what it shows instead.
        const at = r.finishedAt ?? this.now();
        if (r.configAtEnd) {
          c.configAfter = r.configAtEnd;
          c.configAfterFrom = { read: 'end', at };
          delete c.configAtEndProblem;
          delete c.configAtEndProblemAt;
        } else {
          // Stopped with the charger offline: it was not asked (rather than "not connected at the end").
          const skipped = r.state === 'stopped' && !bench.centralSystem.isConnected(c.chargerId);
          c.configAtEndProblem = skipped ? STOPPED_OFFLINE_NOT_READ : (r.configAtEndProblem ?? 'it was not read');
          c.configAtEndProblemAt = at;
        }
        endedAs(window, r.state === 'stopped' ? 'stopped' : 'finished', entry.shutDown); // a shutdown's mark stays only on a run it cut short
        recordStop(window, r, entry); // who stopped it, when, and what it cut short
        if (r.error) c.runError = r.error; // a problem once every step had ended (the steps stand): said with the run, as a run that failed
        // What could not be put right before the first step (a cable left in) is listed among what is open.
        c.setupProblems = r.setupProblems;
        // Of those, a transaction whose stop it refused and that it shows it no longer runs is the bench's record's: the installer's note.
        window.heldOpen = heldOpenOf(r.setupProblems, window.startedAt, recordOnlyIn(bench, c.chargerId));
      })
      .catch((e) => {
        // Stopped before the first step (while the charger was being read): stopped, not broken.
        endedAs(window, abort.signal.aborted ? 'stopped' : 'broken', entry.shutDown);
        recordStop(window, null, entry);
        if (!abort.signal.aborted) c.runError = (e as Error).message;
      })
      .then(async () => {
        window.finishedAt = this.now();
        if (window.stop) window.stop = withShutDownWords(window.stop, entry.late, entry.left.left()); // after the shutdown's wait ran out: said as its doing
        delete window.heard; // its end is recorded
        window.sessionsEnded = endedAtStart(bench, c.chargerId, run) ?? window.sessionsEnded; // a run stopped before its first step, too
        c.identity = identityOf(bench.record.chargers.get(c.chargerId)?.boot);
        c.state = 'finished';
        await bench.record.settled();
        // A new run of the same commissioning may have started meanwhile: its entry stays.
        if (this.active.get(id) === entry) this.active.delete(id);
        entry.windDown?.dispose();
        entry.start?.dispose();
        entry.stopper.dispose();
        await this.save(c).catch((e) => console.error(`chargebench: the commissioning ${id} could not be recorded: ${(e as Error).message}`));
      });
    this.changed(c);
  }

  /** Resolves when the run in progress (if any) has ended and been recorded. */
  async settled(id: string): Promise<void> {
    await this.active.get(id)?.done;
  }

  /**
   * Ends the step in progress; the run then ends as soon as the charger is put back (an offline one is asked nothing), saying meanwhile what it waits for.
   * While the charger is away because the run just reset it or it dropped a moment ago, the step ends once it is back (at most COME_BACK_S; running.stopWaiting
   * says so meanwhile); a second stop ends that wait, the charger left as it is. `atOnce`: no wait (a face that waited itself: the CLI).
   */
  stop(id: string, o: { atOnce?: boolean; by?: RunStopBy; signal?: string; requestedAt?: string } = {}): void {
    const a = this.active.get(id);
    if (!a) throw new BenchError(409, `${id} is not running`, { field: 'id' });
    if (a.abort.signal.aborted) return;
    const c = this.stored(id);
    askStop(a, o, this.now()); // the first stop asked is the one recorded (`by`, `signal`: the CLI's; a second only ends the wait)
    const stop = () => {
      const title = c.steps.find((s) => s.id === a.stepId)?.title ?? null;
      a.windDown = new WindDown(this.bench, c.chargerId, title, defaultTestData().chargerTimeoutS, () => this.changed(c));
      a.abort.abort();
      this.changed(c);
    };
    try {
      if (!o.atOnce) return a.stopper.request(stop);
      a.stopper.stoppedAtOnce(); // a stop asked later neither waits nor says it waits
      stop();
    } finally {
      a.asking = undefined;
    }
  }

  prompt(id: string): OperatorPrompt | null {
    this.stored(id);
    return this.active.get(id)?.operator.prompt() ?? null;
  }

  answer(id: string, answer: OperatorAnswer): void {
    this.stored(id);
    if (!this.active.get(id)?.operator.answer(answer)) throw new BenchError(409, `${id} is not waiting for the person at the charger`, { field: 'id' });
  }

  get(id: string): CommissioningView {
    return this.view(this.stored(id));
  }

  /** The commissionings, newest first, each in its page's words (a latest run the bench's unexpected stop cut short says so: listed.ts). */
  list(q: { site?: string; chargerId?: string } = {}): CommissioningListItem[] {
    return this.listed.list(q, this.look);
  }

  async setChecklist(id: string, entries: ChecklistEntry[]): Promise<CommissioningView> {
    const c = this.changeable(id);
    c.checklist = savedChecklist(c.checklist, entries);
    await this.save(c);
    return this.view(c);
  }

  async addPhoto(args: { id: string; name: string; contentType: PhotoView['contentType']; dataBase64: string; caption: string }): Promise<PhotoView> {
    const c = this.changeable(args.id);
    const bytes = photoBytes(args.dataBase64, args.contentType, maxPhotoBytes);
    const photo: PhotoView = {
      id: `photo-${randomUUID()}`,
      name: args.name,
      contentType: args.contentType,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      caption: args.caption,
      addedAt: this.now(),
    };
    await this.bench.record.commissionings.addPhoto({ ...photo, commissioningId: c.id }, bytes);
    await this.save(c);
    return photo;
  }

  async removePhoto(id: string, photoId: string): Promise<void> {
    const c = this.changeable(id);
    if (!this.bench.record.commissionings.photoData(id, photoId)) throw new BenchError(404, `${id} has no photo ${photoId}`, { field: 'photoId' });
    await this.bench.record.commissionings.removePhoto(id, photoId);
    await this.save(c);
  }

  photo(id: string, photoId: string): { contentType: string; data: Buffer } {
    this.stored(id);
    const p = this.bench.record.commissionings.photoData(id, photoId);
    if (!p) throw new BenchError(404, `${id} has no photo ${photoId}`, { field: 'photoId' });
    return p;
  }

  /** Signs the handover with the verdict as it stands; the commissioning is final afterwards. */
  async handover(id: string, handover: Handover): Promise<CommissioningView> {
    const c = this.changeable(id);
    if (this.runningOn(c.chargerId) === id) throw new BenchError(409, `${id} is running: wait for the run to end (or stop it) before the handover`, { field: 'id' });
    // Final from this moment (a change arriving meanwhile is refused), with the evidence's SHA-256 as it is now.
    // The steps as judged now are what is signed: a signed record is never judged again (its verdict stands).
    c.steps = judgedSteps(c);
    c.handover = { ...handover, signedAt: this.now(), verdict: verdictOf(c) };
    c.state = 'handedOver';
    // A run cut off by a crash never recorded its end: it is kept as interrupted (not ended by the signing), its frames up to the signing.
    c.runs = endedAtSigning(c, c.handover.signedAt);
    c.handover.evidenceSha256 = evidenceOf(this.view(c), await this.framesJsonl(c)).sha256;
    await this.save(c);
    return this.view(c);
  }

  /** A file of the commissioning: the report (HTML, PDF, JSON) or the diagnostic bundle. */
  async file(id: string, file: CommissioningFile): Promise<Report> {
    const c = this.stored(id);
    return commissioningFile(file, {
      view: this.view(c),
      photo: (photoId) => this.bench.record.commissionings.photoData(id, photoId)?.data ?? null,
      framesJsonl: () => this.framesJsonl(c),
      printPdf: this.bench.printPdf,
      clock: this.bench.clock,
    });
  }

  /** Every frame of the commissioning's runs, from the record. */
  private framesJsonl(c: StoredCommissioning): Promise<string> {
    return c.runs.length ? this.bench.conformance.framesJsonl({ chargerId: c.chargerId, ...c.runs[0]! }, c.runs.slice(1)) : Promise.resolve('');
  }

  /** The site summary as one self-contained HTML page. */
  siteSummary(site: string): Report {
    const summary = this.site(site);
    return { body: siteSummaryHtml(summary), contentType: 'text/html; charset=utf-8', fileName: `site-${site.replace(/[^A-Za-z0-9_.-]/g, '_')}.html` };
  }

  /** The commissioning running on a charger now, if any (a test run must not drive the same charger). */
  runningOn(chargerId: string): string | null {
    // One that has finished while the record settles is not (it is shown finished: a test run may start).
    for (const id of this.active.keys()) {
      const c = this.known.get(id);
      if (c?.chargerId === chargerId && c.runs.at(-1)?.finishedAt === null) return id;
    }
    return null;
  }

  /** Stops every run (the bench is stopping); resolves once each has recorded how it ended. */
  stopAll(): Promise<void> {
    // Nobody pressed Stop: the record says the bench shut down (a person's Stop, even one waiting for the charger, stands).
    for (const [id, a] of this.active) {
      askStop(a, { by: 'shutdown' }, this.now()); // a person's Stop asked before stands
      shutDownRun(a, this.known.get(id), this.now(), (c) => void this.save(c).catch(() => undefined));
      a.asking = undefined;
    }
    return Promise.all([...this.active.values()].map((a) => a.done.catch(() => undefined))).then(() => undefined);
  }

  /**
   * The bench's shutdown waited `withinMs` for its runs (stopAll): each still going is recorded as cut short by it, not put back, with the keys it left
   * changed; one whose own end is recorded but not yet saved is saved now (its end is not lost when the record closes).
   */
  cutShort(withinMs: number): Promise<void> {
    const saves = [...this.active].map(([id, a]) => {
      const c = this.known.get(id);
      const window = c?.runs.at(-1);
      if (!c || !window || (window.finishedAt === null && !a.took)) return undefined;
      if (window.finishedAt === null) {
        a.late = { withinMs, after: a.took!.caseId ?? a.ended ?? null };
        const cut = cutShortStop(withinMs, { asked: a.asked, took: a.took!, after: a.late.after, afterCases: !!a.afterSteps }, a.left);
        window.stop = cut.stop;
        if (cut.readCut) [c.configAtEndProblem, c.configAtEndProblemAt] = [readCutShort(withinMs), this.now()];
        window.outcome = stoppedOutcome(a.shutDown);
        window.finishedAt = this.now();
      }
      return this.save(c).catch(() => undefined);
    });
    return Promise.all(saves).then(() => undefined);
  }

  /** The commissioning's one object (see `known`). */
  private stored(id: string): StoredCommissioning {
    let c = this.known.get(id);
    if (!c) {
      c = (this.bench.record.commissionings.get(id) as StoredCommissioning | null) ?? undefined;
      if (!c) throw new BenchError(404, `No commissioning ${id}`, { field: 'id' });
      this.known.set(id, c);
    }
    return c;
  }

  /** A commissioning that may still change: not handed over. */
  private changeable(id: string): StoredCommissioning {
    const c = this.stored(id);
    if (c.state === 'handedOver')
      throw new BenchError(409, `${id} was handed over on ${c.handover?.signedAt ?? 'an earlier day'}: it is final. Start a new commissioning to check the charger again.`, { field: 'id' });
    return c;
  }

  private view(c: StoredCommissioning): CommissioningView {
    const a = this.active.get(c.id);
    const photos = this.bench.record.commissionings.photos(c.id).map(({ commissioningId: _c, ...p }) => p as PhotoView);
    const held = heldOpenNow(c.runs, (t) => this.bench.record.transactions.get(t)?.active ?? false); // found held open in the record only, and still so: the installer's notes
    return viewOf(c, photos, a ? runningView(a) : null, held);
  }

  /** Records the commissioning and tells the faces. */
  private async save(c: StoredCommissioning): Promise<void> {
    c.updatedAt = this.now();
    this.changed(c);
    await this.bench.record.commissionings.save({ ...listItemOf(c, stateOf(c), shownVerdict(c)), judgedBy: JUDGING_RULE, summary: summaryOf(c) }, c);
  }

  private changed(c: StoredCommissioning): void {
    const a = this.active.get(c.id);
    const running = a ? runningView(a) : null;
    this.bench.bus.publish({ type: 'commissioningChanged', commissioning: { ...listItemOf(c, running ? 'running' : stateOf(c), shownVerdict(c), lastRunOf(c, !!a)), running }, ts: this.now() });
  }
}
