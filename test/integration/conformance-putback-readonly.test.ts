// The put-back after a case of the heartbeat interval the bench's own BootNotification answer gave, on a charger
// whose HeartbeatInterval is read-only (its GetConfiguration says so, pics.readOnly): it cannot be set back, so
// none is attempted: after TC_001_CS no ChangeConfiguration of HeartbeatInterval is sent and nothing is named
// as not put back (the charger keeps what its boot answer gave).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualRunBench, type VirtualRunBench } from '../helpers/virtual-run';
import type { KeyDefinition } from '../../src/main/virtual-cp/configuration';

let v: VirtualRunBench;
const vcp = () => v.bench.virtualChargers.charger(v.target.id);
/** The virtual charger's key definitions, by lower-case name (the store has no switch for a read-only key). */
const defsOf = () => (vcp().config as unknown as { defs: Map<string, KeyDefinition> }).defs;

beforeAll(async () => {
  v = await startVirtualRunBench('putback-readonly', { chargerId: 'PUTBACK-RO', connectors: 1, ftpPort: 0 });
  // This charger's HeartbeatInterval is read-only: GetConfiguration lists it readonly, ChangeConfiguration rejects it.
  const defs = defsOf();
  defs.set('heartbeatinterval', { ...defs.get('heartbeatinterval')!, readonly: true });
}, 60_000);
afterAll(async () => {
  await v.stop();
});

describe('a read-only HeartbeatInterval after a case whose boot answer gave another interval', () => {
  it('is not put back: no ChangeConfiguration of it, nothing named as not put back', async () => {
    expect(vcp().config.string('HeartbeatInterval')).toBe('300');
    const run = await v.run(['TC_001_CS', 'TC_019_CS']);
    expect(run.pics?.readOnly).toContain('HeartbeatInterval');
    const [boot, next] = run.cases;
    expect(boot!.verdict).toBe('pass');
    // The boot answer gave 60 s and the charger took it (its own setting, not a ChangeConfiguration).
    const answered = boot!.frames.some((f) => f.direction === 'out' && f.kind === 'CALLRESULT' && f.raw.includes('"Accepted"') && f.raw.includes('"interval":60'));
    expect(answered).toBe(true);
    const changes = boot!.frames.filter((f) => f.direction === 'out' && f.kind === 'CALL' && f.action === 'ChangeConfiguration');
    expect(changes.filter((f) => f.raw.includes('HeartbeatInterval'))).toEqual([]);
    expect(boot!.cleanupProblems).toEqual([]);
    expect(next!.notPutBack ?? null).toBeNull();
  }, 180_000);
});
