// The physical actions as the faces reach them: a name and a body (REST, IPC) or a typed line (CLI),
// checked against the shared vocabulary before the charger is touched.
import { describe, expect, it } from 'vitest';
import { commandLine, commandUsage, performPhysicalAction, type PhysicalActionTarget } from '../../../../src/main/virtual-cp/physical-actions';
import { faultPatch } from '../../../../src/main/virtual-cp/faults';
import { Faults } from '../../../../src/shared/api/virtual-chargers';

function target(running = true): PhysicalActionTarget & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) =>
      void calls.push([name, ...args]);
  return {
    id: 'VCP1',
    isRunning: running,
    calls,
    plug: record('plug'),
    unplug: record('unplug'),
    presentIdTag: async (connectorId, idTag) => {
      calls.push(['presentIdTag', connectorId, idTag]);
      return { accepted: true, status: 'Accepted', message: 'ok' };
    },
    suspend: record('suspend'),
    resume: record('resume'),
    setFault: record('setFault'),
    clearFault: record('clearFault'),
    powerCycle: record('powerCycle'),
    dropConnection: record('dropConnection'),
    sendMalformed: record('sendMalformed'),
  };
}

describe('performing a physical action', () => {
  it('checks the body, fills in its defaults, and answers with the outcome where there is one', async () => {
    const cp = target();
    expect(await performPhysicalAction(cp, 'plug', { connectorId: 2 })).toBeUndefined();
    expect(await performPhysicalAction(cp, 'fault', { connectorId: 0 })).toBeUndefined();
    expect(await performPhysicalAction(cp, 'present-id-tag', { connectorId: 1, idTag: 'TAG1' })).toMatchObject({ accepted: true });
    expect(cp.calls).toEqual([
      ['plug', 2],
      ['setFault', 0, 'OtherError', undefined],
      ['presentIdTag', 1, 'TAG1'],
    ]);
  });

  it('refuses an unknown action, a bad body, and a card on a charger that is off', async () => {
    await expect(performPhysicalAction(target(), 'kick', {})).rejects.toMatchObject({ status: 404, extra: { field: 'action' } });
    await expect(performPhysicalAction(target(), 'plug', { connectorId: 11 })).rejects.toMatchObject({ status: 400, extra: { field: 'connectorId' } });
    await expect(performPhysicalAction(target(false), 'present-id-tag', { connectorId: 1, idTag: 'T' })).rejects.toMatchObject({ status: 409 });
  });
});

describe('a typed command line', () => {
  it('takes every command the README documents for `chargebench vcp`', () => {
    const typed = ['plug 1', 'tag 1 TAG1', 'suspend 1', 'resume 1', 'fault 1 GroundFailure', 'clear 1', 'unplug 1', 'power-cycle', 'drop', 'malformed'];
    expect(typed.map((line) => (commandLine(line.split(' ')) as { action: string }).action)).toEqual([
      'plug',
      'present-id-tag',
      'suspend',
      'resume',
      'fault',
      'clear-fault',
      'unplug',
      'power-cycle',
      'drop-connection',
      'send-malformed',
    ]);
  });

  it('reads the vocabulary\u2019s command words, arguments in order, numbers where the schema wants them', () => {
    expect(commandLine(['tag', '1', '123'])).toEqual({ action: 'present-id-tag', body: { connectorId: 1, idTag: '123' } });
    expect(commandLine(['fault', '0', 'GroundFailure'])).toEqual({ action: 'fault', body: { connectorId: 0, errorCode: 'GroundFailure' } });
    expect(commandLine(['fault', '2'])).toEqual({ action: 'fault', body: { connectorId: 2 } });
    expect(commandLine(['drop'])).toEqual({ action: 'drop-connection', body: {} });
    expect(commandLine(['tag', '1'])).toEqual({ usage: 'usage: tag <connector> <idTag>' });
    expect(commandLine(['status'])).toBeNull();
    expect(commandUsage('fault')).toBe('fault <connector> [errorCode]');
  });
});

describe('a named fault switch', () => {
  it('becomes a change of the charger\u2019s faults, or a refusal naming what is wrong', () => {
    expect(faultPatch('offline', { on: true, seconds: 30 }, Faults.parse({}))).toEqual({ offline: true, offlineSeconds: 30 });
    expect(() => faultPatch('gremlins', { on: true }, Faults.parse({}))).toThrow(/No fault "gremlins"; faults are session-start-failure, /);
    expect(() => faultPatch('slow-charging', { on: true, powerW: 5000 }, Faults.parse({}))).toThrow(/field "powerW"/);
  });
});
