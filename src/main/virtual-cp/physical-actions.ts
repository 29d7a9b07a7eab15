// The physical actions at work: what each does to the charger, and a name and body of the shared vocabulary
// (shared/api/virtual-chargers.ts) performed on a charger, for the manager and the CLI's typed commands.
import { BenchError, parse } from '../errors';
import { physicalActions, type PhysicalAction, type PhysicalActionArgs } from '../../shared/api/virtual-chargers';
import type { ChargePointErrorCode } from '../../shared/ocpp16';
import type { Connector, Model } from './model';
import type { CardOutcome } from './services/transactions';

/** What a person can do to a charger (VirtualChargePoint). */
export type PhysicalActionTarget = Pick<PhysicalActions, 'plug' | 'unplug' | 'presentIdTag' | 'suspend' | 'resume' | 'setFault' | 'clearFault' | 'powerCycle' | 'dropConnection' | 'sendMalformed'> & {
  readonly id: string;
  readonly isRunning: boolean;
};

/** What a person's hands, the EV and the mains do to a charger. */
export class PhysicalActions {
  constructor(private readonly cp: Model) {}

  plug(connectorId: number): void {
    const c = this.cp.connectors.get(connectorId);
    if (c.plugged) throw new BenchError(409, `Connector ${connectorId} already has a cable plugged in`);
    c.plugged = true;
    c.finishing = false;
    this.cp.transactions.plugged(c);
    this.cp.refresh();
  }

  unplug(connectorId: number): void {
    const c = this.cp.connectors.get(connectorId);
    if (!c.plugged) throw new BenchError(409, `Connector ${connectorId} has no cable plugged in`);
    this.cp.metering.settle(c);
    c.plugged = false;
    c.evSuspended = false;
    c.finishing = false;
    c.startFailed = false;
    this.cp.transactions.unplugged(c);
    this.cp.refresh();
  }

  /** A card held to the reader of a connector: starts, or stops, a session. */
  presentIdTag(connectorId: number, idTag: string): Promise<CardOutcome> {
    return this.cp.transactions.presentCard(this.cp.connectors.get(connectorId), idTag);
  }

  suspend(connectorId: number): void {
    const c = this.cp.connectors.get(connectorId);
    if (!c.tx || !c.plugged) throw new BenchError(409, `Connector ${connectorId} has no EV charging to suspend`);
    this.setEvSuspended(c, true);
  }

  resume(connectorId: number): void {
    const c = this.cp.connectors.get(connectorId);
    if (!c.evSuspended) throw new BenchError(409, `The EV on connector ${connectorId} is not suspended`);
    this.setEvSuspended(c, false);
  }

  /** A hardware fault on a connector, or on the whole charger (0): Faulted with this error code. */
  setFault(connectorId: number, errorCode: ChargePointErrorCode, info?: string): void {
    const { connectors } = this.cp;
    const target = connectorId === 0 ? connectors.charger : connectors.get(connectorId);
    this.cp.metering.settleAll();
    target.fault = { errorCode, info };
    for (const c of connectorId === 0 ? connectors.all : [target as Connector]) this.cp.transactions.dropAuthorized(c);
    this.cp.refresh();
  }

  clearFault(connectorId: number): void {
    const target = connectorId === 0 ? this.cp.connectors.charger : this.cp.connectors.get(connectorId);
    if (!target.fault) throw new BenchError(409, connectorId === 0 ? 'The charger has no fault set' : `Connector ${connectorId} has no fault set`);
    this.cp.metering.settleAll();
    target.fault = null;
    this.cp.refresh();
  }

  /** Power lost and back: transactions end with PowerLoss (before the power goes, on back-up power), then the charger boots again. */
  powerCycle(): void {
    if (!this.cp.isRunning) throw new BenchError(409, `Virtual charger ${this.cp.id} is not running`);
    void this.cp.reset.reboot('PowerLoss', this.cp.definition.backupPower);
  }

  /** Closes the WebSocket as a network failure would; the charger reconnects with back-off. */
  dropConnection(): void {
    if (!this.cp.connection.hasSocket) throw new BenchError(409, `Virtual charger ${this.cp.id} is not connected`);
    this.cp.connection.terminate('Connection dropped on request');
  }

  /** Sends one frame that is not valid OCPP-J. */
  sendMalformed(): void {
    if (!this.cp.connection.isOpen) throw new BenchError(409, `Virtual charger ${this.cp.id} is not connected`);
    this.cp.connection.sendRaw(`[2,"malformed-${Math.floor(this.cp.random() * 1e6)}","Heartbeat",{`);
  }

  private setEvSuspended(c: Connector, suspended: boolean): void {
    this.cp.metering.settle(c);
    c.evSuspended = suspended;
    this.cp.refresh();
  }
}

type Perform = { [A in PhysicalAction]: (cp: PhysicalActionTarget, args: PhysicalActionArgs<A>) => unknown };

// Only presenting a card has an outcome to tell; the others answer with the charger's view.
const perform: Perform = {
  plug: (cp, a) => cp.plug(a.connectorId),
  unplug: (cp, a) => cp.unplug(a.connectorId),
  'present-id-tag': (cp, a) => {
    if (!cp.isRunning) throw new BenchError(409, `Virtual charger ${cp.id} is stopped; start it first`);
    return cp.presentIdTag(a.connectorId, a.idTag);
  },
  suspend: (cp, a) => cp.suspend(a.connectorId),
  resume: (cp, a) => cp.resume(a.connectorId),
  fault: (cp, a) => cp.setFault(a.connectorId, a.errorCode, a.info),
  'clear-fault': (cp, a) => cp.clearFault(a.connectorId),
  'power-cycle': (cp) => cp.powerCycle(),
  'drop-connection': (cp) => cp.dropConnection(),
  'send-malformed': (cp) => cp.sendMalformed(),
};

export function isPhysicalAction(name: string): name is PhysicalAction {
  return Object.prototype.hasOwnProperty.call(physicalActions, name);
}

/** Performs a physical action with its body checked against the action's schema; resolves with its outcome, if it has one. */
export async function performPhysicalAction(cp: PhysicalActionTarget, action: string, body: unknown, where = 'body'): Promise<unknown> {
  if (!isPhysicalAction(action)) throw new BenchError(404, `No action "${action}"; actions are ${Object.keys(physicalActions).join(', ')}`, { field: 'action' });
  const args = parse(physicalActions[action].schema, body ?? {}, where);
  return (perform[action] as (cp: PhysicalActionTarget, args: unknown) => unknown)(cp, args);
}

/**
 * A line typed on the CLI (`tag 1 TAG1`) as a physical action and its body, by the vocabulary's command words
 * and argument order; null when the first word is not an action's. Numbers are numbers where the schema wants them.
 */
export function commandLine(words: string[]): { action: PhysicalAction; body: Record<string, unknown> } | { usage: string } | null {
  const [command, ...values] = words;
  const found = (Object.entries(physicalActions) as Array<[PhysicalAction, (typeof physicalActions)[PhysicalAction]]>).find(([, row]) => row.command === command);
  if (!found) return null;
  const [action, row] = found;
  const shape = row.schema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
  const required = row.args.filter((field) => !shape[field].safeParse(undefined).success);
  if (values.length < required.length) return { usage: `usage: ${commandUsage(action)}` };
  const body: Record<string, unknown> = {};
  row.args.forEach((field, i) => {
    const text = values[i];
    if (text === undefined) return;
    const n = Number(text);
    body[field] = shape[field].safeParse(text).success || text.trim() === '' || Number.isNaN(n) ? text : n;
  });
  return { action, body };
}

/** `tag <connector> <idTag>`: how a command is typed, optional arguments in brackets. */
export function commandUsage(action: PhysicalAction): string {
  const row = physicalActions[action];
  const shape = row.schema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
  const args = (row.args as string[]).map((field) => {
    const word = field === 'connectorId' ? 'connector' : field;
    return shape[field].safeParse(undefined).success ? `[${word}]` : `<${word}>`;
  });
  return [row.command, ...args].join(' ');
}
