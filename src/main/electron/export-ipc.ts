// The desktop's exports: 'desktop:exportMessages' (the message log) and 'desktop:exportTransactions'
// (every transaction matching, as CSV) ask where to save with the system's dialog, then stream to that
// file (the same writers serve mode's downloads use).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { BrowserWindow, dialog, type IpcMainInvokeEvent, type SaveDialogOptions } from 'electron';
import type { Bench } from '../core/bench';
import { exportFileName, transactionsFileName } from '../core/exports';
import { handleDesktop, type OwnRendererCheck } from './ipc';
import { MessageExportQuery, TransactionExportQuery } from '../../shared/api/contract';

type Saved = { saved: boolean; where?: string };

/** Asks where to save, then has `write` stream to that file; a failure part-way leaves the file cut short and is the call's error. */
async function saveTo(event: IpcMainInvokeEvent, options: SaveDialogOptions, write: (out: Writable) => Promise<unknown>): Promise<Saved> {
  const owner = BrowserWindow.fromWebContents(event.sender);
  const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { saved: false };
  const file = createWriteStream(choice.filePath);
  try {
    await once(file, 'open');
    await write(file);
    file.end();
    await once(file, 'finish');
  } catch (e) {
    file.destroy();
    throw e;
  }
  return { saved: true, where: choice.filePath };
}

const csvFilters = [{ name: 'CSV', extensions: ['csv'] }];

/** Registers the channels; returns what removes them. */
export function registerExportIpc(bench: Bench, isOwnRenderer: OwnRendererCheck): () => void {
  const offMessages = handleDesktop('desktop:exportMessages', MessageExportQuery, isOwnRenderer, (query, event) =>
    saveTo(
      event,
      {
        title: 'Export the message log',
        buttonLabel: 'Export',
        defaultPath: exportFileName(query, new Date(bench.clock.now())),
        filters: query.format === 'csv' ? csvFilters : [{ name: 'JSON', extensions: ['json'] }],
      },
      (out) => bench.exportMessages(query, out),
    ),
  );
  const offTransactions = handleDesktop('desktop:exportTransactions', TransactionExportQuery, isOwnRenderer, (query, event) =>
    saveTo(event, { title: 'Export the transactions', buttonLabel: 'Export', defaultPath: transactionsFileName(query, new Date(bench.clock.now())), filters: csvFilters }, (out) =>
      bench.exportTransactions(query, out),
    ),
  );
  return () => {
    offMessages();
    offTransactions();
  };
}
