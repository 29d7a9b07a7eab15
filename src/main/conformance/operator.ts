// The person at the charger: the physical steps a case needs (plug, present a card, cut the power ...),
// asked of a person in plain words against a real charger, and done through the physical actions of a
// built-in virtual charger, so the same case runs unattended.
import type { VirtualChargePoint } from '../virtual-cp/charge-point';
import type { OperatorAction, OperatorAnswer, OperatorPrompt } from '../../shared/api/test-runs';

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

/** The built-in virtual charger's hands: every step done at once through its physical actions. */
export class VirtualOperator implements Operator {
  readonly automatic = true;
  /** What the operator did to the charger since the last restore (faults, a jammed lock, no network, power off): the restore undoes only that. */
  readonly done = new Set<OperatorAction['kind']>();

  constructor(readonly vcp: () => VirtualChargePoint) {}

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
        cp.setFaults({ stuckConnector: true });
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
        cp.setFaults({ offline: true, offlineSeconds: 0 });
        break;
      case 'reconnectNetwork':
        cp.setFaults({ offline: false });
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
