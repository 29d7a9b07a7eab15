// The desktop's export of the message log: 'desktop:exportMessages' asks where to save with the
// system's dialog, then streams the frames to that file (the same writer serve mode's download uses).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { BrowserWindow, dialog, type SaveDialogOptions } from 'electron';
import type { Bench } from '../core/bench';
import { exportFileName } from '../core/exports';
import { handleDesktop, type OwnRendererCheck } from './ipc';
import { MessageExportQuery } from '../../shared/api/contract';

/** Registers the channel; returns what removes it. */
export function registerExportIpc(bench: Bench, isOwnRenderer: OwnRendererCheck): () => void {
  return handleDesktop('desktop:exportMessages', MessageExportQuery, isOwnRenderer, async (query, event): Promise<{ saved: boolean; where?: string }> => {
    const owner = BrowserWindow.fromWebContents(event.sender);
    const options: SaveDialogOptions = {
      title: 'Export the message log',
      buttonLabel: 'Export',
      defaultPath: exportFileName(query, new Date(bench.clock.now())),
      filters: query.format === 'csv' ? [{ name: 'CSV', extensions: ['csv'] }] : [{ name: 'JSON', extensions: ['json'] }],
    };
    const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { saved: false };
    const file = createWriteStream(choice.filePath);
    try {
      await once(file, 'open');
      await bench.exportMessages(query, file);
      file.end();
      await once(file, 'finish');
    } catch (e) {
      file.destroy();
      throw e;
    }
    return { saved: true, where: choice.filePath };
  });
}
