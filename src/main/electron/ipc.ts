// The renderer's IPC calls into the bench: each checks that the caller is our own renderer and
// validates its argument with zod, since main is the trust boundary.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import type { Bench } from '../bench';
import type { BenchStatus } from '../../shared/api/status';
import { version } from '../version';

/** `bench:getStatus` takes no argument (or an empty object). */
const GetStatusArgs = z.union([z.tuple([]), z.tuple([z.strictObject({}).optional()])]);

function assertOwnRenderer(event: IpcMainInvokeEvent, isOwnRenderer: (url: string) => boolean): void {
  // senderFrame is null once the frame has navigated away or been destroyed.
  const url = event.senderFrame?.url;
  if (!url || !isOwnRenderer(url)) throw new Error('IPC call refused: not from the ChargeBench renderer');
}

export function registerIpc(bench: Bench, isOwnRenderer: (url: string) => boolean): () => void {
  ipcMain.handle('bench:getStatus', (event, ...args: unknown[]): BenchStatus => {
    assertOwnRenderer(event, isOwnRenderer);
    GetStatusArgs.parse(args);
    return {
      version,
      port: bench.centralSystem.address().port,
      connectedChargers: bench.centralSystem.connectedChargers(),
    };
  });
  return () => ipcMain.removeHandler('bench:getStatus');
}
