// The renderer's IPC calls into the bench: one channel per contract call (`domain:verb`), each checking
// that the caller is our own renderer; BenchService validates every argument with zod, since main is the
// trust boundary. Events go the other way in batches, so a burst of frames is one message, not thousands.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { Bench } from '../bench';
import { BenchService } from '../bench-service';
import { benchMethods } from '../../shared/api/contract';
import type { BenchEvent } from '../../shared/api/views';

/** How often queued events are flushed to the renderer. */
const EVENT_BATCH_MS = 50;

export function assertOwnRenderer(event: IpcMainInvokeEvent, isOwnRenderer: (url: string) => boolean): void {
  // senderFrame is null once the frame has navigated away or been destroyed.
  const url = event.senderFrame?.url;
  if (!url || !isOwnRenderer(url)) throw new Error('IPC call refused: not from the ChargeBench renderer');
}

export function registerIpc(bench: Bench, isOwnRenderer: (url: string) => boolean): { service: BenchService; dispose: () => void } {
  const service = new BenchService(bench, 'desktop');
  for (const method of benchMethods) {
    ipcMain.handle(method, (event, ...args: unknown[]) => {
      assertOwnRenderer(event, isOwnRenderer);
      if (args.length > 1) return { ok: false, error: { status: 400, message: `${method} takes one argument object` } };
      return service.reply(method, args[0]);
    });
  }
  return { service, dispose: () => benchMethods.forEach((m) => ipcMain.removeHandler(m)) };
}

/** Pushes the bench's events to a window's renderer on `bench:events`, batched. */
export function forwardEvents(bench: Bench, target: WebContents): () => void {
  let queue: BenchEvent[] = [];
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    timer = null;
    const batch = queue;
    queue = [];
    if (!target.isDestroyed()) target.send('bench:events', batch);
  };
  const off = bench.centralSystem.onEvent((e) => {
    queue.push(e);
    timer ??= setTimeout(flush, EVENT_BATCH_MS);
  });
  return () => {
    off();
    if (timer) clearTimeout(timer);
  };
}
