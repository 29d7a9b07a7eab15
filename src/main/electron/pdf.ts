// The desktop app's PDF printer: the report's HTML loaded in a hidden window and printed with Electron's
// webContents.printToPDF, so the desktop needs no Chromium of its own on disk. The page is a file written
// for the print only (a report can be larger than a data: URL may be), shown with scripts off in a sandbox,
// and the window and the file are gone afterwards, printed or not.
import { BrowserWindow } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PdfPrinter } from '../conformance/reports/pdf';

/** A4 margins in inches (Electron's unit): 12 mm top and bottom, 10 mm left and right, as the headless printer's. */
const MARGINS = { top: 12 / 25.4, bottom: 12 / 25.4, left: 10 / 25.4, right: 10 / 25.4 };

export const printWithElectron: PdfPrinter = async (html) => {
  const dir = await mkdtemp(join(tmpdir(), 'chargebench-print-'));
  const page = join(dir, 'report.html');
  let win: BrowserWindow | null = null;
  try {
    await writeFile(page, html);
    win = new BrowserWindow({
      show: false,
      webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, spellcheck: false },
    });
    await win.loadFile(page);
    const pdf = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, margins: MARGINS });
    return { pdf: new Uint8Array(pdf) };
  } catch (e) {
    return { pdf: null, reason: `The PDF could not be printed: ${(e as Error).message}` };
  } finally {
    if (win && !win.isDestroyed()) win.destroy();
    await rm(dir, { recursive: true, force: true });
  }
};
