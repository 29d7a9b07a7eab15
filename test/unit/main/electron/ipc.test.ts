// The desktop app's IPC door (src/main/electron/ipc.ts) with a fake 'electron': only our renderer's top
// frame is answered, every argument is validated, and the firmware picker hosts what the user chose.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const fake = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  listeners: new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>(),
  openDialog: vi.fn(),
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => {
      if (fake.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      fake.handlers.set(channel, fn);
    },
    removeHandler: (channel: string) => fake.handlers.delete(channel),
    on: (channel: string, fn: (event: unknown, ...args: unknown[]) => void) => {
      if (!fake.listeners.has(channel)) fake.listeners.set(channel, new Set());
      fake.listeners.get(channel)!.add(fn);
    },
    off: (channel: string, fn: (event: unknown, ...args: unknown[]) => void) => fake.listeners.get(channel)?.delete(fn),
  },
  dialog: { showOpenDialog: fake.openDialog },
  BrowserWindow: { fromWebContents: () => ({ id: 1 }) },
}));

import { registerIpc, forwardEvents, MAX_UNTAKEN_EVENTS } from '../../../../src/main/electron/ipc';
import { EVENTS_ACK_CHANNEL } from '../../../../src/shared/api/methods';
import { FileHost, type HostedFile } from '../../../../src/main/core/file-host';
import { hostedFileView } from '../../../../src/main/core/network';
import { benchMethods } from '../../../../src/shared/api/contract';
import type { Bench } from '../../../../src/main/core/bench';
import { EventBus } from '../../../../src/main/core/event-bus';
import { systemClock } from '../../../../src/main/clock';

const OWN = 'file:///app/out/renderer/index.html';
const isOwnRenderer = (url: string) => url.split('#')[0] === OWN;

/** An IpcMainInvokeEvent from a frame at `url`; `top` false makes it an iframe. */
const from = (url: string | null, top = true) => ({ sender: {}, senderFrame: url === null ? null : { url, parent: top ? null : { url: OWN } } });

let dir: string;
let dispose: () => void;
const listeners: Array<(e: unknown) => void> = [];
/** How many times the bench heard that a UI opened (it starts the record's reader thread then). */
let uiOpened = 0;

function fakeBench(): Bench {
  const files = new FileHost(join(dir, 'files'));
  return {
    dataDir: dir,
    files,
    hostedFileView: (f: HostedFile) => hostedFileView(f, { host: '127.0.0.1', port: 9100 }, { host: '127.0.0.1', port: 2121 }),
    record: { settled: async () => {} },
    centralSystem: {
      address: () => ({ host: '127.0.0.1', port: 9100 }),
      connectedChargers: () => ['CP-1'],
    },
    bus: {
      subscribe: (l: (e: unknown) => void) => {
        listeners.push(l);
        return () => listeners.splice(listeners.indexOf(l), 1);
      },
      // The bus's own batching, over the fake subscribe, on the wall's time.
      clock: systemClock,
      subscribeBatched: EventBus.prototype.subscribeBatched,
    },
    virtualChargers: { list: () => [] },
    ftp: { address: () => ({ host: '127.0.0.1', port: 2121 }) },
    ftpPortFixed: false,
    uiOpened: () => uiOpened++,
  } as unknown as Bench;
}

const invoke = (channel: string, event: unknown, ...args: unknown[]) => {
  const h = fake.handlers.get(channel);
  if (!h) throw new Error(`no handler for ${channel}`);
  return Promise.resolve(h(event, ...args)) as Promise<any>;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chargebench-ipc-'));
  dispose = registerIpc(fakeBench(), isOwnRenderer).dispose;
});

afterEach(() => {
  dispose();
  fake.openDialog.mockReset();
  rmSync(dir, { recursive: true, force: true });
});

describe('IPC', () => {
  it('has one handler per contract call and the firmware picker', () => {
    for (const m of benchMethods) expect(fake.handlers.has(m), m).toBe(true);
    expect(fake.handlers.has('desktop:chooseFile')).toBe(true);
  });

  it('answers our own renderer', async () => {
    expect(await invoke('bench:status', from(`${OWN}#/chargers`), {})).toMatchObject({
      ok: true,
      value: { port: 9100, connectedChargers: ['CP-1'], face: 'desktop', ftp: { port: 2121, fixed: false } },
    });
    expect(await invoke('virtualChargers:list', from(OWN), undefined)).toEqual({ ok: true, value: [] });
  });

  it('refuses a call from a foreign page, an iframe, or a frame already gone', async () => {
    for (const event of [from('https://evil.example/'), from('file:///tmp/other.html'), from(OWN, false), from(null)]) {
      expect(await invoke('bench:status', event, {})).toEqual({ ok: false, error: { status: 403, message: expect.stringContaining('refused') } });
      expect(await invoke('desktop:chooseFile', event, {})).toMatchObject({ ok: false, error: { status: 403 } });
    }
    expect(fake.openDialog).not.toHaveBeenCalled();
  });

  it('answers a bad argument with a 400 naming the field', async () => {
    expect(await invoke('chargers:get', from(OWN), { id: '' })).toMatchObject({ ok: false, error: { status: 400, field: 'id' } });
    expect(await invoke('bench:status', from(OWN), { extra: 1 })).toMatchObject({ ok: false, error: { status: 400 } });
    expect(await invoke('messages:page', from(OWN), { limit: 'lots' })).toMatchObject({ ok: false, error: { status: 400, field: 'limit' } });
    expect(await invoke('bench:status', from(OWN), {}, 'second')).toMatchObject({ ok: false, error: { status: 400, message: expect.stringContaining('one argument') } });
    expect(await invoke('desktop:chooseFile', from(OWN), { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { status: 400 } });
  });

  it('never hosts a path the renderer names: no channel takes one, only the dialog picks a file', async () => {
    // The files: calls name chargers and uploads, never a path of this machine.
    for (const channel of [...fake.handlers.keys()].filter((c) => c.startsWith('files:') || c.startsWith('desktop:'))) {
      expect(await invoke(channel, from(OWN), { path: '/etc/passwd' }), channel).toMatchObject({ ok: false, error: { status: 400 } });
    }
    expect(fake.openDialog).not.toHaveBeenCalled();
  });

  it('desktop:chooseFile hosts the file picked in the dialog, and answers null when cancelled', async () => {
    const file = join(dir, '5.0.0.bin');
    writeFileSync(file, 'FIRMWARE');
    fake.openDialog.mockResolvedValueOnce({ canceled: false, filePaths: [file] });
    const reply = await invoke('desktop:chooseFile', from(OWN), {});
    expect(reply).toMatchObject({
      ok: true,
      value: {
        name: '5.0.0.bin',
        size: 8,
        url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:9100\/files\/[\w-]{24}\/5\.0\.0\.bin$/),
        ftpUrl: expect.stringMatching(/^ftp:\/\/fw-[0-9a-f]{12}:[0-9a-f]{32}@127\.0\.0\.1:2121\/5\.0\.0\.bin$/),
        expiresAt: expect.any(String),
      },
    });
    expect(fake.openDialog.mock.calls[0][1]).toMatchObject({
      properties: ['openFile'],
      filters: expect.arrayContaining([expect.objectContaining({ extensions: expect.arrayContaining(['bin', 'img', 'zip', 'gz']) })]),
    });

    fake.openDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await invoke('desktop:chooseFile', from(OWN), {})).toEqual({ ok: true, value: null });
  });

  it('forwards bench events to the window in batches', async () => {
    vi.useFakeTimers();
    try {
      const sent: unknown[] = [];
      const stop = forwardEvents(fakeBench(), { isDestroyed: () => false, send: (_c: string, message: unknown) => sent.push(message) } as never);
      for (let i = 0; i < 500; i++) listeners.at(-1)!({ type: 'chargerConnected', chargerId: `CP-${i}`, remoteAddress: null, ts: '' });
      vi.advanceTimersByTime(100);
      expect(sent).toEqual([{ seq: 1, events: expect.any(Array) }]);
      expect((sent[0] as { events: unknown[] }).events).toHaveLength(500);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('sends the window an empty batch every 5 s however quiet the bench is (it tells a paused bench from a quiet one), not while batches wait to be taken', async () => {
    vi.useFakeTimers();
    try {
      const sent: Array<{ seq: number; events?: unknown[] }> = [];
      const window = { isDestroyed: () => false, send: (_c: string, message: (typeof sent)[number]) => sent.push(message) };
      const stop = forwardEvents(fakeBench(), window as never);
      const take = (seq: number) => fake.listeners.get(EVENTS_ACK_CHANNEL)!.forEach((l) => l({ sender: window }, seq));
      vi.advanceTimersByTime(4_900);
      expect(sent).toEqual([]);
      vi.advanceTimersByTime(200);
      expect(sent).toEqual([{ seq: 1, events: [] }]);
      // Not taken yet (a hung window): no more piles up for it.
      vi.advanceTimersByTime(20_000);
      expect(sent).toHaveLength(1);
      take(1);
      vi.advanceTimersByTime(5_000);
      expect(sent).toEqual([
        { seq: 1, events: [] },
        { seq: 2, events: [] },
      ]);
      stop();
      take(2);
      vi.advanceTimersByTime(20_000);
      expect(sent).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops sending to a window that takes nothing, then tells it how many events it missed', async () => {
    vi.useFakeTimers();
    try {
      const sent: Array<{ seq: number; events?: unknown[]; missed?: number }> = [];
      const window = { isDestroyed: () => false, send: (_c: string, message: (typeof sent)[number]) => sent.push(message) };
      const stop = forwardEvents(fakeBench(), window as never);
      const burst = (n: number) => {
        for (let i = 0; i < n; i++) listeners.at(-1)!({ type: 'chargerConnected', chargerId: `CP-${i}`, remoteAddress: null, ts: '' });
        vi.advanceTimersByTime(100);
      };
      const take = (seq: number | 'listening', sender: unknown = window) => fake.listeners.get(EVENTS_ACK_CHANNEL)!.forEach((l) => l({ sender }, seq));
      // The window hangs: what it has not taken stays under the bound; the rest is dropped, not queued.
      for (let i = 0; i < 10; i++) burst(6000);
      expect(sent.map((m) => m.events?.length)).toEqual([6000, 6000, 6000]);
      expect(MAX_UNTAKEN_EVENTS).toBeLessThan(4 * 6000);
      // Another window's word, or a partial catch-up, does not resume it.
      take(3, {});
      take(2);
      burst(6000);
      expect(sent).toHaveLength(3);
      // It has taken all it was sent: it hears what it missed (8 batches) and gets events again.
      take(3);
      expect(sent[3]).toEqual({ seq: 4, missed: 8 * 6000 });
      burst(10);
      expect(sent[4]).toMatchObject({ seq: 5, events: expect.any(Array) });
      expect(sent[4].events).toHaveLength(10);
      // Reloaded while behind: the batches sent to the old page are never taken; the new page says it listens.
      for (let i = 0; i < 5; i++) burst(6000);
      const before = sent.length;
      burst(10);
      expect(sent).toHaveLength(before);
      const opened = uiOpened;
      take('listening');
      // A page that starts listening is a UI about to read: the record's reader thread starts now.
      expect(uiOpened).toBe(opened + 1);
      burst(10);
      expect(sent[before]).toMatchObject({ events: expect.any(Array) });
      expect(sent[before].events).toHaveLength(10);
      stop();
      expect(fake.listeners.get(EVENTS_ACK_CHANNEL)!.size).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
