// The `action` fault switched off as every other switch is (`{"on": false}`, `switch action off`): with no
// action, every action's protocol fault of the charger goes off, and the answer says which (or that none was
// on); with an action, that one. Through the API and `chargebench vcp`'s terminal.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { useTestBench, waitFor } from './../helpers/bench';

const tb = useTestBench();
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

const api = (method: string, path: string, body?: unknown) => tb.request(method, path, body);
const action = (id: string, body: unknown) => api('POST', `/api/virtual-chargers/${id}/faults/action`, body);
const operate = async (id: string, name: string, payload: unknown) => (await api('POST', `/api/chargers/${id}/operations/${name}`, payload)).body;

describe('the action fault switched off', () => {
  it('through the API: off alone turns off every action fault and says which; with an action, that one', async () => {
    expect((await api('POST', '/api/virtual-chargers', { id: 'VX1', connectors: 1 })).status).toBe(201);
    await waitFor(async () => (await api('GET', '/api/virtual-chargers/VX1')).body.registration === 'Accepted', 10_000);
    expect((await action('VX1', { on: true, action: 'Reset', mode: 'reject' })).status).toBe(200);
    expect((await action('VX1', { on: true, action: 'ClearCache', mode: 'reject' })).status).toBe(200);
    expect((await operate('VX1', 'Reset', { type: 'Soft' })).response).toEqual({ status: 'Rejected' });

    const off = await action('VX1', { on: false });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body.switchedOff).toEqual(['Reset', 'ClearCache']);
    expect(off.body.faults.actions).toEqual({});
    expect((await api('GET', '/api/virtual-chargers/VX1/faults')).body.actions).toEqual({});
    // The charger behaves again.
    expect((await operate('VX1', 'ClearCache', {})).response).toEqual({ status: 'Accepted' });
    // Off again: none was on, and it says so.
    expect(await action('VX1', { on: false })).toMatchObject({ status: 200, body: { switchedOff: [] } });

    // With an action: only that one.
    await action('VX1', { on: true, action: 'Reset', mode: 'reject' });
    await action('VX1', { on: true, action: 'ClearCache', mode: 'callError' });
    expect(await action('VX1', { on: false, action: 'Reset' })).toMatchObject({ status: 200, body: { switchedOff: ['Reset'], faults: { actions: { ClearCache: { mode: 'callError' } } } } });
    expect(await action('VX1', { on: false, action: 'Reset' })).toMatchObject({ status: 200, body: { switchedOff: [] } });
    // Switching one on still needs the action, named as such.
    const noAction = await action('VX1', { on: true, mode: 'reject' });
    expect(noAction).toMatchObject({ status: 400, body: { field: 'action' } });
    expect(noAction.body.error).toMatch(/"action".*is required to switch a fault on/);
    // Another switch's answer is as before.
    expect((await api('POST', '/api/virtual-chargers/VX1/faults/auth-failure', { on: false })).body.switchedOff).toBeUndefined();
  });

  it('in chargebench vcp: switch action off turns them off and says which, or that none was on', async () => {
    const child = spawn(process.execPath, [join(process.cwd(), 'bin', 'chargebench.mjs'), 'vcp', '--url', tb.wsUrl(), '--id', 'VX2'], { stdio: ['pipe', 'pipe', 'pipe'] });
    children.push(child);
    const lines: string[] = [];
    createInterface({ input: child.stdout! }).on('line', (l) => lines.push(l));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    /** Types a command; what it printed, once it printed the fault switches on (its last line). */
    const typed = async (line: string) => {
      const from = lines.length;
      child.stdin!.write(`${line}\n`);
      await waitFor(() => lines.slice(from).some((l) => /^(Fault switches on: |All fault switches off$|Cannot )/.test(l)) || null, 10_000);
      // Not the frames it prints as they pass.
      return lines.slice(from).filter((l) => !/^\d{1,2}:\d\d:\d\d/.test(l));
    };
    await waitFor(() => lines.some((l) => /VX2 <- BootNotification result {2}\{"status":"Accepted"/.test(l)), 30_000);

    expect(await typed('switch action on {"action":"Reset","mode":"reject"}')).toEqual(['Fault switches on: Reset: reject']);
    expect(await typed('switch action on {"action":"ClearCache","mode":"ignore"}')).toEqual(['Fault switches on: Reset: reject, ClearCache: ignore']);
    expect(await typed('switch action off')).toEqual(['Switched off the protocol faults on Reset, ClearCache', 'All fault switches off']);
    expect(await typed('switch action off')).toEqual(['No protocol fault was on', 'All fault switches off']);
    await typed('switch action on {"action":"Reset","mode":"reject"}');
    await typed('switch action on {"action":"ClearCache","mode":"ignore"}');
    expect(await typed('switch action off {"action":"Reset"}')).toEqual(['Switched off the protocol fault on Reset', 'Fault switches on: ClearCache: ignore']);
    expect(await typed('switch action off {"action":"Reset"}')).toEqual(['No protocol fault was on for Reset', 'Fault switches on: ClearCache: ignore']);
    // Switching one on still needs the action.
    expect((await typed('switch action on {"mode":"reject"}'))[0]).toMatch(/^Cannot switch: .*"action".*is required to switch a fault on/);
    child.stdin!.write('quit\n');
    expect(await exited).toBe(0);
  }, 60_000);
});
