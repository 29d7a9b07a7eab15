// The physical actions at work: one name and body from the shared vocabulary (shared/api/virtual-chargers.ts)
// performed on a virtual charger, for the manager (REST, IPC) and the CLI's typed commands alike.
import { BenchError, parse } from '../errors';
import { physicalActions, type PhysicalAction, type PhysicalActionArgs } from '../../shared/api/virtual-chargers';
import type { ChargePointErrorCode } from '../../shared/ocpp16';

/** What a person can do to a charger (VirtualChargePoint). */
export interface PhysicalActionTarget {
  readonly id: string;
  readonly isRunning: boolean;
  plug(connectorId: number): void;
  unplug(connectorId: number): void;
  presentIdTag(connectorId: number, idTag: string): Promise<{ accepted: boolean; status: string; message: string }>;
  suspend(connectorId: number): void;
  resume(connectorId: number): void;
  setFault(connectorId: number, errorCode: ChargePointErrorCode, info?: string): void;
  clearFault(connectorId: number): void;
  powerCycle(): void;
  dropConnection(): void;
  sendMalformed(): void;
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
