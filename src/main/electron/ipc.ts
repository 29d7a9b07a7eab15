// The renderer's IPC calls into the bench: one channel per contract call (`domain:verb`), each answered
// only for our own renderer's top frame; BenchService validates every argument with zod, since main is the
// trust boundary. Events go the other way in batches, so a burst of frames is one message, not thousands.
import { BrowserWindow, dialog, ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type OpenDialogOptions, type WebContents } from 'electron';
import { z } from 'zod';
import type { Bench } from '../core/bench';
import { BenchService, toCallError } from '../core/bench-service';
import { parse } from '../errors';
import { benchMethods, type CallReply, type HostedFileView } from '../../shared/api/contract';
import { EVENTS_ACK_CHANNEL, EVENTS_ALIVE_MS, EVENTS_CHANNEL } from '../../shared/api/methods';
import type { EventsMessage } from '../../shared/api/bridge';

/** How often queued events are flushed to the renderer. */
const EVENT_BATCH_MS = 50;

/** What the firmware picker offers; "All files" keeps anything else possible. */
export const firmwareFilters = [
  { name: 'Firmware images', extensions: ['bin', 'img', 'hex', 'fw', 'swu', 'zip', 'gz', 'tgz', 'tar'] },
  { name: 'All files', extensions: ['*'] },
];

export type OwnRendererCheck = (url: string) => boolean;

const refused = (): CallReply<never> => ({ ok: false, error: { status: 403, message: 'IPC call refused: not from the ChargeBench window' } });

/** True when the call comes from the top frame of a page of our own renderer (not an iframe, not a page navigated elsewhere). */
export function isOwnRendererCall(event: IpcMainInvokeEvent, isOwnRenderer: OwnRendererCheck): boolean {
  // senderFrame is null once the frame has navigated away or been destroyed.
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isOwnRenderer(frame.url);
}

/**
 * Registers one desktop-only channel: the sender is checked, the one argument object validated with
 * `schema`, and failures come back as a CallReply like the contract's calls.
 */
export function handleDesktop<S extends z.ZodType>(channel: string, schema: S, isOwnRenderer: OwnRendererCheck, run: (args: z.output<S>, event: IpcMainInvokeEvent) => Promise<unknown>): () => void {
  ipcMain.handle(channel, async (event, ...args: unknown[]): Promise<CallReply<unknown>> => {
    if (!isOwnRendererCall(event, isOwnRenderer)) return refused();
    if (args.length > 1) return { ok: false, error: { status: 400, message: `${channel} takes one argument object` } };
    try {
      return { ok: true, value: await run(parse(schema, args[0] ?? {}, `${channel} argument`), event) };
    } catch (e) {
      return { ok: false, error: toCallError(e) };
    }
  });
  return () => ipcMain.removeHandler(channel);
}

export function registerIpc(bench: Bench, isOwnRenderer: OwnRendererCheck): { service: BenchService; dispose: () => void } {
  const service = new BenchService(bench, 'desktop');
  for (const method of benchMethods) {
    ipcMain.handle(method, (event, ...args: unknown[]): CallReply<unknown> | Promise<CallReply<unknown>> => {
      if (!isOwnRendererCall(event, isOwnRenderer)) return refused();
      if (args.length > 1) return { ok: false, error: { status: 400, message: `${method} takes one argument object` } };
      return service.reply(method, args[0]);
    });
  }
  // The firmware picker: the user chooses a file in a native dialog, and the bench hosts it for chargers.
  // Hosting by path is in no contract call, so no page can publish a file of this machine it names.
  const disposeChooser = handleDesktop('desktop:chooseFile', z.strictObject({}), isOwnRenderer, async (_args, event): Promise<HostedFileView | null> => {
    const win = BrowserWindow.fromWebContents(event.sender);
    const options: OpenDialogOptions = { title: 'Choose a file to serve to chargers', buttonLabel: 'Serve this file', properties: ['openFile'], filters: firmwareFilters };
    const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    if (picked.canceled || !picked.filePaths[0]) return null;
    return bench.hostedFileView(await bench.files.host(picked.filePaths[0]));
  });
  return {
    service,
    dispose: () => {
      benchMethods.forEach((m) => ipcMain.removeHandler(m));
      disposeChooser();
    },
  };
}

/**
 * Events sent to a window and not yet taken past which main sends it no more: a window that hangs (or
 * is paused in a debugger) under a flood would otherwise have them queued in main without bound.
 */
export const MAX_UNTAKEN_EVENTS = 20_000;

/**
 * Pushes the bench's events to a window's renderer on `bench:events`, batched. The preload says when its
 * page starts listening and when it has taken each batch; while more than MAX_UNTAKEN_EVENTS wait to be
 * taken, the batches are dropped (counted), and once the window has taken everything sent it is told how
 * many it missed, so it reads what it shows again. A page that starts listening (a reload) starts over.
 */
export function forwardEvents(bench: Bench, target: WebContents, aliveMs = EVENTS_ALIVE_MS): () => void {
  let seq = 0;
  /** Batches sent and not yet taken: [seq, events]. */
  const sent: Array<[number, number]> = [];
  let untaken = 0;
  let dropped = 0;
  const send = (message: EventsMessage, events: number) => {
    target.send(EVENTS_CHANNEL, message);
    sent.push([message.seq, events]);
    untaken += events;
  };
  const onTaken = (event: IpcMainEvent, taken: unknown) => {
    if (event.sender !== target) return;
    if (taken === 'listening') {
      // A page that has just started listening (loaded, reloaded): what was sent before never reached it,
      // and it reads everything it shows now. Counting starts over.
      sent.length = 0;
      untaken = 0;
      dropped = 0;
      bench.uiOpened();
      return;
    }
    if (typeof taken !== 'number') return;
    while (sent.length && sent[0][0] <= taken) untaken -= sent.shift()![1];
    if (dropped && !sent.length && !target.isDestroyed()) {
      send({ seq: ++seq, missed: dropped }, 0);
      dropped = 0;
    }
  };
  ipcMain.on(EVENTS_ACK_CHANNEL, onTaken);
  const off = bench.bus.subscribeBatched((batch) => {
    if (target.isDestroyed()) return;
    // Dropping goes on until the window has taken all it was sent (then it hears what it missed).
    if (dropped || (untaken > 0 && untaken + batch.length > MAX_UNTAKEN_EVENTS)) dropped += batch.length;
    else send({ seq: ++seq, events: batch }, batch.length);
  }, EVENT_BATCH_MS);
  // However quiet the chargers, the window hears something every few seconds (an empty batch): a window
  // that hears nothing for longer knows the bench has stopped answering (main paused or hung). Not while
  // the window has batches still to take: it hears those.
  const alive = setInterval(() => {
    if (!target.isDestroyed() && !sent.length) send({ seq: ++seq, events: [] }, 0);
  }, aliveMs);
  return () => {
    off();
    clearInterval(alive);
    ipcMain.off(EVENTS_ACK_CHANNEL, onTaken);
  };
}
