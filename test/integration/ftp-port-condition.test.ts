// The FTP server on another port than its setting is a condition of now, not something "found at start":
// raised when a change of the setting finds the port in use, announced, and gone again (from /api/health
// and the event the UI banner follows) once the server listens where the setting says. Each move is announced.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { startTestBench, type TestBench } from '../helpers/bench';
import type { BenchEvent, BenchHealth } from '../../src/shared/api/views';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const listening = () =>
  new Promise<Server>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => resolve(server));
  });

describe('the FTP port condition', () => {
  it('says so while the FTP server cannot use its port, and goes once it can', async () => {
    const tb: TestBench = await startTestBench({ ftpPort: undefined });
    cleanups.push(() => tb.stop());
    const seen: BenchHealth[] = [];
    const moves: { port: number | null; fixed: boolean }[] = [];
    const off = tb.bench.bus.subscribe((e: BenchEvent) => (e.type === 'healthChanged' ? seen.push(e.health) : e.type === 'ftpChanged' && moves.push(e.ftp)));
    cleanups.push(off);
    const taken = await listening();
    cleanups.push(() => new Promise<void>((r) => taken.close(() => r())));
    const takenPort = (taken.address() as AddressInfo).port;

    expect(await tb.request('PATCH', '/api/settings', { ftpPort: takenPort })).toMatchObject({ status: 200 });
    const during = (await tb.request('GET', '/api/health')).body as BenchHealth;
    expect(during.conditions).toEqual([expect.stringContaining(`port ${takenPort} is in use`)]);
    expect(during.notices.join('\n')).not.toContain('FTP');
    expect(seen.at(-1)?.conditions).toEqual(during.conditions);

    const free = await listening();
    const freePort = (free.address() as AddressInfo).port;
    await new Promise<void>((r) => free.close(() => r()));
    expect(await tb.request('PATCH', '/api/settings', { ftpPort: freePort })).toMatchObject({ status: 200 });
    const after = (await tb.request('GET', '/api/health')).body as BenchHealth;
    expect(after.conditions).toEqual([]);
    expect(after.notices.join('\n')).not.toContain('FTP');
    expect(seen.at(-1)?.conditions).toEqual([]);
    expect((await tb.request('POST', '/api/call/bench:status', {})).body.ftp).toEqual({ port: freePort, fixed: false });
    // Open panels learn that the FTP server moved (they fetch the bench's ftp:// URLs again).
    expect(moves.at(-1)).toEqual({ port: freePort, fixed: false });
  });

  it('saving the port it fell back to keeps it running: no restart cuts off what arrives over FTP', async () => {
    const tb: TestBench = await startTestBench({ ftpPort: undefined });
    cleanups.push(() => tb.stop());
    const taken = await listening();
    cleanups.push(() => new Promise<void>((r) => taken.close(() => r())));
    expect(await tb.request('PATCH', '/api/settings', { ftpPort: (taken.address() as AddressInfo).port })).toMatchObject({ status: 200 });
    await tb.bench.ftpSettled();
    const fellBack = tb.bench.ftp.address()!.port;
    // A charger connected now (an upload would use this connection).
    const charger = connect(fellBack, '127.0.0.1');
    cleanups.push(() => void charger.destroy());
    let heard = '';
    charger.on('data', (d: Buffer) => (heard += d.toString()));
    await new Promise<void>((r, j) => charger.once('connect', () => r()).once('error', j));
    let closed = false;
    charger.once('close', () => (closed = true));

    expect(await tb.request('PATCH', '/api/settings', { ftpPort: fellBack })).toMatchObject({ status: 200 });
    await tb.bench.ftpSettled();
    expect(tb.bench.ftp.address()?.port).toBe(fellBack);
    // The server is the same one: the charger's connection is still served, not closed with a 421.
    charger.write('NOOP\r\n');
    await vi.waitFor(() => expect(heard).toMatch(/^200 /m), { timeout: 3000, interval: 10 });
    expect(closed).toBe(false);
    expect(heard).not.toContain('421');
    // It now listens where the setting says: the condition is gone.
    expect(((await tb.request('GET', '/api/health')).body as BenchHealth).conditions).toEqual([]);
  });

  it('a port given for this run (--ftp-port) that is in use says how to choose another: not Settings, which cannot move it', async () => {
    const taken = await listening();
    cleanups.push(() => new Promise<void>((r) => taken.close(() => r())));
    const takenPort = (taken.address() as AddressInfo).port;
    const tb: TestBench = await startTestBench({ ftpPort: takenPort });
    cleanups.push(() => tb.stop());
    const health = (await tb.request('GET', '/api/health')).body as BenchHealth;
    expect(health.conditions).toEqual([expect.stringContaining(`port ${takenPort} is in use`)]);
    expect(health.conditions[0]).toContain('--ftp-port');
    expect(health.conditions[0]).not.toContain('Settings');
  });
});
