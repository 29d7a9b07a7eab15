// The shared fault table and physical-action vocabulary: what every face reads, and what the README says.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { activeFaults, Faults, FaultsPatch, faultRows, faultSwitches, physicalActions, type PhysicalAction } from '../../../../src/shared/api/virtual-chargers';

const readme = readFileSync('README.md', 'utf8');

describe('the fault table', () => {
  it('is what the README says: each switch with its label, example body and explanation', () => {
    for (const [name, row] of faultRows) {
      expect(readme, name).toContain(`| \`${name}\` (${row.label}) | \`${row.example.replaceAll('|', '\\|')}\` | ${row.explanation} |`);
    }
  });

  it('makes a charger that behaves well by default, and owns every field of Faults once', () => {
    expect(activeFaults(Faults.parse({}))).toEqual([]);
    const owned = faultRows.flatMap(([, row]) => Object.keys(row.fields));
    expect(owned.sort()).toEqual(Object.keys(Faults.shape).sort());
    expect(Object.keys(FaultsPatch.shape).sort()).toEqual(owned);
  });

  it('turns each example body into a change of the switch\u2019s own fields that reads as on', () => {
    for (const [name, row] of faultRows) {
      if (name === 'action') continue;
      const body = row.body.parse(JSON.parse(row.example));
      const patch = row.patch(body as never, Faults.parse({}) as never);
      expect(
        Object.keys(patch).every((k) => k in row.fields),
        name,
      ).toBe(true);
      expect(activeFaults(Faults.parse(patch)), name).toHaveLength(1);
    }
  });

  it('adds and removes one action\u2019s protocol fault without touching the others', () => {
    const row = faultSwitches.action;
    const current = Faults.parse({ actions: { Reset: { mode: 'reject' } } });
    const added = row.patch(row.body.parse({ on: true, action: 'UnlockConnector', mode: 'delay', delaySeconds: 5 }), current);
    expect(added.actions).toEqual({ Reset: { mode: 'reject', delaySeconds: 10, errorCode: 'InternalError' }, UnlockConnector: { mode: 'delay', delaySeconds: 5, errorCode: 'InternalError' } });
    expect(row.patch(row.body.parse({ on: false, action: 'Reset' }), current).actions).toEqual({});
    expect(row.body.safeParse({ on: true, action: 'Heartbeat', mode: 'reject' }).success).toBe(false);
    expect(activeFaults(current)).toEqual(['Reset: reject']);
  });
});

describe('the physical-action vocabulary', () => {
  it('gives each action its own command word, and arguments its schema takes', () => {
    const rows = Object.entries(physicalActions) as Array<[PhysicalAction, (typeof physicalActions)[PhysicalAction]]>;
    expect(new Set(rows.map(([, r]) => r.command)).size).toBe(rows.length);
    for (const [name, row] of rows) {
      expect(row.label, name).toMatch(/^[A-Z]/);
      expect(row.explanation, name).toMatch(/^[A-Z].*\.$/);
      for (const arg of row.args as string[]) expect(Object.keys(row.schema.shape), name).toContain(arg);
    }
  });
});
