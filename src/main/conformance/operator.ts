// The person at the charger: the physical steps a case needs (plug, present a card, cut the power ...),
// asked of a person in plain words against a real charger, and done through the physical actions of a
// built-in virtual charger, so the same case runs unattended.
import type { VirtualChargePoint } from '../virtual-cp/charge-point';
import type { OperatorAction, OperatorAnswer, OperatorPrompt } from '../../shared/api/test-runs';
import type { Faults } from '../../shared/api/virtual-chargers';
import { Inconclusive } from './types';
import type { FaultsSwitchedListener } from '../virtual-cp/manager';

export type { OperatorAction, OperatorAnswer, OperatorPrompt } from '../../shared/api/test-runs';

export interface Operator {
  /** Whether steps are done by a machine (a virtual charger) rather than asked of a person. */
  readonly automatic: boolean;
  /** Why nobody can be asked (a run with no terminal): the requests outside a case are passed over, said so. */
  readonly nobody?: string;
  perform(prompt: OperatorPrompt): Promise<OperatorAnswer>;
}

/** The words a person reads for a step. */
export function operatorText(a: OperatorAction): string {
  switch (a.kind) {
    case 'plug':
      return `Plug the EV cable into connector ${a.connectorId}, then press Done.`;
    case 'plugHalfway':
      return `Push the EV cable into connector ${a.connectorId} only halfway, so that the connector lock cannot close, then press Done.`;
    case 'jamLock':
      return `Make the lock of connector ${a.connectorId} unable to open (block it, or hold the plug so it cannot be released), then press Done.`;
    case 'unplug':
      return `Unplug the EV cable from connector ${a.connectorId} (the EV side if the cable is fixed), then press Done.`;
    case 'presentIdTag':
      return `Present the card with idTag ${a.idTag} at connector ${a.connectorId} (or press its start/stop button), then press Done.`;
    case 'suspendEv':
      return `Make the EV on connector ${a.connectorId} stop drawing power (suspend charging in the EV), then press Done.`;
    case 'resumeEv':
      return `Let the EV on connector ${a.connectorId} draw power again, then press Done.`;
    case 'fault':
      return `Cause a ${a.errorCode} fault on connector ${a.connectorId}, then press Done.`;
    case 'clearFault':
      return `Clear the fault on connector ${a.connectorId}, then press Done.`;
    case 'powerCycle':
      return 'Switch the charger off at the mains, wait 10 seconds, switch it on again, then press Done.';
    case 'powerOff':
      return 'Switch the charger off at the mains (cut its power supply) and leave it off, then press Done.';
    case 'powerOn':
      return 'Switch the charger on again at the mains, then press Done.';
    case 'disconnectNetwork':
      return "Disconnect the charger's network (unplug its Ethernet cable or switch off its modem), then press Done.";
    case 'reconnectNetwork':
      return "Reconnect the charger's network, then press Done.";
    case 'confirm':
      return a.question;
  }
}

/** The fault switches the virtual charger's hands use for a step: a jammed lock, the network cut. */
export type OperatorSwitch = 'stuckConnector' | 'offline';

/** Told of each fault switch a virtual charger's hands change (its id, its switches after): a run records it with the switches a person changed. */
type SwitchListener = (chargerId: string, faults: Faults) => void;
const switchListeners = new Set<SwitchListener>();

/** Follows the fault switches the virtual chargers' hands change during a step and its put-back; returns the unsubscribe. */
export function onOperatorSwitched(listener: SwitchListener): () => void {
  switchListeners.add(listener);
  return () => void switchListeners.delete(listener);
}

/**
 * The person said they cannot do a step ("Cannot do"): its own outcome, apart from a skip (the step reads
 * "Operator could not"), and the case Inconclusive, as for a skip.
 */
export class OperatorCouldNot extends Inconclusive {}
/** The person pressed Skip: the only outcome that reads "Skipped". */
export class OperatorSkipped extends Inconclusive {}
/** Nobody acted within the test data's operatorTimeoutS: the step reads "Timed out". */
export class OperatorTimedOut extends Inconclusive {}
/** The run was stopped while it waited for the person: the step reads "Stopped", as any step a Stop cut short. */
export class OperatorStopped extends Inconclusive {}

/**
 * A step's status when it ended without a verdict of its own (the case Inconclusive or not applicable): the
 * person's answer where it was one; otherwise the bench could not judge it (the charger offline through a
 * window in which it must send nothing, nobody to ask, the step not applying), which is not a skip.
 */
export function unjudgedStatus(e: Error): 'skipped' | 'stopped' | 'operatorCouldNot' | 'timedOut' | 'notJudged' {
  if (e instanceof OperatorCouldNot) return 'operatorCouldNot';
  if (e instanceof OperatorSkipped) return 'skipped';
  if (e instanceof OperatorTimedOut) return 'timedOut';
  if (e instanceof OperatorStopped) return 'stopped';
  return 'notJudged';
}

/** What the person could not do, in the reason's words: "The operator could not do it: plug the EV cable into connector 1". */
export function couldNotText(a: OperatorAction): string {
  const what = operatorText(a).replace(/,? then press Done\.$/, '');
  return `The operator could not do it: ${what.charAt(0).toLowerCase()}${what.slice(1)}`;
}

/** The built-in virtual charger's hands: every step done at once through its physical actions. */
export class VirtualOperator implements Operator {
  readonly automatic = true;
  /** What the operator did to the charger since the last restore (faults, a jammed lock, no network, power off): the restore undoes only that. */
  readonly done = new Set<OperatorAction['kind']>();
  /**
   * The fault switches the operator itself switched on since the last restore (only those that were off) and
   * still owns, each with what it set and what puts it back as it was: the put-back switches off these and no
   * other, so a switch a person turned on for the run stays on.
   */
  readonly switchedOn = new Map<OperatorSwitch, { cp: VirtualChargePoint; set: Partial<Faults>; back: Partial<Faults> }>();
  /** The switches it turned on that a person switched since through the bench (theirs now), since the last restore. */
  private readonly taken = new Set<OperatorSwitch>();
  private stopHearing: (() => void) | null = null;

  /**
   * `vcp` the charger it drives; `switches` where a person's fault switches are heard (the bench's virtual
   * chargers), so that a switch of the operator's a person sets is theirs from then on.
   */
  constructor(
    readonly vcp: () => VirtualChargePoint,
    private readonly switches?: { onFaultsSwitched(listener: FaultsSwitchedListener): () => void },
  ) {}

  /** Switches `name` on, unless it is on already (a person's switch, left as it is and not taken over). */
  private switchOn(cp: VirtualChargePoint, name: OperatorSwitch, patch: Partial<Faults>): void {
    if (cp.faults[name]) return;
    const before = cp.faults as unknown as Record<string, unknown>;
    this.switchedOn.set(name, { cp, set: patch, back: Object.fromEntries(Object.keys(patch).map((k) => [k, before[k]])) as Partial<Faults> });
    this.taken.delete(name);
    this.stopHearing ??= this.switches?.onFaultsSwitched((id, _faults, by, fields) => by !== 'itself' && fields && this.personSwitched(id, fields)) ?? null;
    this.setSwitches(cp, patch);
  }

  /**
   * A person switched fields of a charger through the bench: a switch of the operator's among them (any of its
   * fields, whatever the values: off and on again, Offline's "back after" alone) is theirs from now on, and the
   * put-back leaves it as they set it.
   */
  private personSwitched(chargerId: string, fields: Array<keyof Faults>): void {
    for (const [name, own] of this.switchedOn) {
      if (own.cp.id !== chargerId || !fields.some((f) => Object.hasOwn(own.set, f))) continue;
      this.switchedOn.delete(name);
      this.taken.add(name);
    }
    this.doneHearing();
  }

  private doneHearing(): void {
    if (this.switchedOn.size || !this.stopHearing) return;
    this.stopHearing();
    this.stopHearing = null;
  }

  /** Switches off `name` if the operator switched it on and still owns it (as it was before, its settings too); whether it did. */
  private switchOff(name: OperatorSwitch): boolean {
    const own = this.switchedOn.get(name);
    this.switchedOn.delete(name);
    this.doneHearing();
    if (!own) return false;
    this.setSwitches(own.cp, own.back);
    return true;
  }

  private setSwitches(cp: VirtualChargePoint, patch: Partial<Faults>): void {
    const faults = cp.setFaults(patch);
    for (const listener of switchListeners) {
      try {
        listener(cp.id, faults);
      } catch (e) {
        console.error(`chargebench: a follower of ${cp.id}'s fault switches failed: ${(e as Error).message}`);
      }
    }
  }

  /**
   * Switches off what the operator itself switched on and still owns (a switch on before, or one a person
   * switched since, stays as they set it); returns those it put back, and the words for a person's Offline that
   * still holds the charger offline (said when it does not come back), or null.
   */
  switchOffOwn(): { back: OperatorSwitch[]; heldOffline: string | null } {
    const back = [...this.switchedOn.keys()].filter((name) => this.switchOff(name));
    const during = this.taken.has('offline') ? ' during the case' : '';
    this.taken.clear();
    let faults: Faults | null = null;
    try {
      faults = this.vcp().faults;
    } catch {
      // The charger is gone (deleted meanwhile): no switch of it holds anything.
    }
    if (!faults?.offline) return { back, heldOffline: null };
    const timed = faults.offlineSeconds > 0 ? ` (back ${faults.offlineSeconds} s after it was set)` : '';
    return { back, heldOffline: `The charger stayed offline after the case: the Offline switch a person set${during} holds it${timed}` };
  }

  async perform({ action: a }: OperatorPrompt): Promise<OperatorAnswer> {
    const cp = this.vcp();
    this.done.add(a.kind);
    switch (a.kind) {
      case 'plug':
        cp.plug(a.connectorId);
        break;
      case 'plugHalfway':
        // The virtual charger's half-inserted cable: its lock cannot close, a ConnectorLockFailure fault.
        cp.setFault(a.connectorId, 'ConnectorLockFailure', 'Cable not fully inserted');
        break;
      case 'jamLock':
        this.switchOn(cp, 'stuckConnector', { stuckConnector: true });
        break;
      case 'unplug':
        cp.unplug(a.connectorId);
        break;
      case 'presentIdTag':
        // The card's outcome shows in the frames that follow; the step is done once it is presented.
        void cp.presentIdTag(a.connectorId, a.idTag).catch(() => undefined);
        break;
      case 'suspendEv':
        cp.suspend(a.connectorId);
        break;
      case 'resumeEv':
        cp.resume(a.connectorId);
        break;
      case 'fault':
        cp.setFault(a.connectorId, a.errorCode);
        break;
      case 'clearFault':
        cp.clearFault(a.connectorId);
        break;
      case 'powerCycle':
        cp.powerCycle();
        break;
      case 'powerOff':
        await cp.powerOff();
        break;
      case 'powerOn':
        cp.start();
        break;
      case 'disconnectNetwork':
        this.switchOn(cp, 'offline', { offline: true, offlineSeconds: 0 });
        break;
      case 'reconnectNetwork':
        // The network the operator cut comes back; a person's Offline switch stays on (the charger stays offline, as they set it).
        this.switchOff('offline');
        break;
      case 'confirm':
        return 'done';
    }
    return 'done';
  }
}

/** A person, asked through a face (the terminal, the UI's dialog); the face resolves the answer. */
export class PromptOperator implements Operator {
  readonly automatic = false;

  constructor(private readonly ask: (prompt: OperatorPrompt) => Promise<OperatorAnswer>) {}

  perform(prompt: OperatorPrompt): Promise<OperatorAnswer> {
    return this.ask(prompt);
  }
}
