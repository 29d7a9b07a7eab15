// A run against a built-in virtual charger: the charger made on the bench (or an existing one), its
// operator steps done by its physical actions, and, on a fake clock, every timed wait taken at once.
import type { Bench } from '../core/bench';
import { VirtualOperator } from './operator';
import { virtualBusy } from './attended';
import type { PicsDeclaration } from './pics';

export interface VirtualTarget {
  id: string;
  operator: VirtualOperator;
  /** The charger is opening its WebSocket (real I/O): fake time waits. */
  busy: () => boolean;
  /** What it has that the bench cannot read from it (its fixed cable, its back-up power). */
  declared: PicsDeclaration;
}

/** The password the virtual charger is made with: it connects with security profile 1, so the Basic auth cases apply. */
export const VIRTUAL_PASSWORD = 'OCTT-virtual-profile-1';

/** Makes (or reuses) the virtual charger `id` on the bench and waits until it has booted. */
export async function virtualTarget(bench: Bench, id = 'OCTT-VIRTUAL', connectors = 2, has: { fixedCable?: boolean; backupPower?: boolean } = {}): Promise<VirtualTarget> {
  if (!bench.virtualChargers.has(id)) await bench.virtualChargers.create({ id, connectors, autoStart: true, password: VIRTUAL_PASSWORD, ...has });
  else if (!bench.virtualChargers.get(id).running) bench.virtualChargers.start(id);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const view = bench.virtualChargers.get(id);
    if (view.connection === 'connected' && view.registration === 'Accepted') break;
    if (Date.now() > deadline) throw new Error(`The virtual charger ${id} did not connect and boot within 15 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { id, operator: new VirtualOperator(() => bench.virtualChargers.charger(id), bench.virtualChargers), busy: virtualBusy(bench, id), declared: virtualDeclaration(bench, id) };
}

/** What a built-in virtual charger has that no charger reports, as a person would declare it: a fixed cable, back-up power. */
export function virtualDeclaration(bench: Bench, id: string): PicsDeclaration {
  const { fixedCable, backupPower } = bench.virtualChargers.get(id).definition;
  return { fixedCable, backupPower };
}
