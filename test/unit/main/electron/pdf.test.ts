// The desktop app's PDF printer (src/main/electron/pdf.ts) with a fake 'electron': the report is loaded in
// a hidden window with scripts off, printed to A4 with printToPDF, and the window and its file are gone
// afterwards, also when printing fails (then the reason is said).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

const fake = vi.hoisted(() => ({
  windows: [] as Array<{ options: any; loaded: string | null; page: string | null; printed: any; destroyed: boolean }>,
  printToPDF: null as null | ((options: unknown) => Promise<Buffer>),
}));

vi.mock('electron', () => ({
  BrowserWindow: class {
    readonly state;
    readonly webContents;
    constructor(options: unknown) {
      const state = { options, loaded: null as string | null, page: null as string | null, printed: null as unknown, destroyed: false };
      this.state = state;
      fake.windows.push(state);
      this.webContents = {
        printToPDF: (o: unknown) => {
          state.printed = o;
          return fake.printToPDF!(o);
        },
      };
    }
    async loadFile(file: string) {
      this.state.loaded = file;
      this.state.page = readFileSync(file, 'utf8');
    }
    isDestroyed() {
      return this.state.destroyed;
    }
    destroy() {
      this.state.destroyed = true;
    }
  },
}));

import { printWithElectron } from '../../../../src/main/electron/pdf';

afterEach(() => {
  fake.windows.length = 0;
});

describe('printing a report with Electron', () => {
  it('loads the page in a hidden window without scripts, prints it to A4 with its backgrounds, and leaves nothing behind', async () => {
    fake.printToPDF = async () => Buffer.from('%PDF-1.7 fake');
    const html = '<!doctype html><h1>OCTT 1.6 charge-point test run</h1>';
    const printed = await printWithElectron(html);
    expect(printed.pdf && Buffer.from(printed.pdf).toString()).toBe('%PDF-1.7 fake');
    const [win] = fake.windows;
    expect(win!.options).toMatchObject({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false } });
    expect(win!.page).toBe(html);
    expect(win!.printed).toMatchObject({ pageSize: 'A4', printBackground: true });
    expect(win!.destroyed).toBe(true);
    expect(existsSync(dirname(win!.loaded!))).toBe(false);
  });

  it('says why when printing fails, and still closes the window and removes the page', async () => {
    fake.printToPDF = async () => {
      throw new Error('Printing failed');
    };
    expect(await printWithElectron('<p>x</p>')).toEqual({ pdf: null, reason: 'The PDF could not be printed: Printing failed' });
    expect(fake.windows[0]!.destroyed).toBe(true);
    expect(existsSync(dirname(fake.windows[0]!.loaded!))).toBe(false);
  });
});
