// The desktop's download of a file a charger uploaded (diagnostics): 'desktop:saveUpload' asks where to
// save it with the system's dialog and copies it there.
import { copyFile } from 'node:fs/promises';
import { BrowserWindow, dialog, type SaveDialogOptions } from 'electron';
import { z } from 'zod';
import type { Bench } from '../core/bench';
import { handleDesktop, type OwnRendererCheck } from './ipc';

/** Registers the channel; returns what removes it. */
export function registerUploadIpc(bench: Bench, isOwnRenderer: OwnRendererCheck): () => void {
  return handleDesktop('desktop:saveUpload', z.strictObject({ id: z.string().min(1) }), isOwnRenderer, async ({ id }, event): Promise<{ saved: boolean; where?: string }> => {
    const upload = bench.uploads.downloadable(id);
    const owner = BrowserWindow.fromWebContents(event.sender);
    const options: SaveDialogOptions = { title: `Save ${upload.name}`, buttonLabel: 'Save', defaultPath: upload.name };
    const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { saved: false };
    await copyFile(bench.uploads.downloadable(id).path, choice.filePath);
    return { saved: true, where: choice.filePath };
  });
}
