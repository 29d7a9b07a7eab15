// A report's HTML as a PDF. The bench core prints through a PdfPrinter it is given: the desktop app's
// prints with Electron (src/main/electron/pdf.ts); serve mode and the CLI use a headless Chromium (or
// Chrome, or Edge) where one is installed, driven by playwright-core ($CHROMIUM_PATH, or the usual
// install paths of Linux, macOS and Windows).
import { existsSync } from 'node:fs';
import { win32 } from 'node:path';

/** A printed PDF, or why none could be printed. */
export type PdfResult = { pdf: Uint8Array } | { pdf: null; reason: string };

/** Prints a self-contained HTML page to an A4 PDF. */
export type PdfPrinter = (html: string) => Promise<PdfResult>;

/** Where a Chromium-based browser is usually installed on this platform, $CHROMIUM_PATH first. */
export function chromiumCandidates(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    return [
      env.CHROMIUM_PATH,
      ...roots.map((r) => win32.join(r, 'Chromium', 'Application', 'chrome.exe')),
      ...roots.map((r) => win32.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe')),
      // Every Windows 10 and 11 has Edge.
      ...roots.map((r) => win32.join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe')),
    ].filter((p): p is string => !!p);
  }
  if (platform === 'darwin')
    return [
      env.CHROMIUM_PATH,
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ].filter((p): p is string => !!p);
  return [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/microsoft-edge'].filter((p): p is string => !!p);
}

/** The Chromium this machine has, or null. */
export function chromiumForPdf(): string | null {
  return chromiumCandidates().find((p) => existsSync(p)) ?? null;
}

/** Prints the page to an A4 PDF with a headless Chromium; null (with the reason) when none is installed. */
export const htmlToPdf: PdfPrinter = async (html) => {
  const executablePath = chromiumForPdf();
  if (!executablePath) return { pdf: null, reason: 'No Chromium, Chrome or Edge is installed to print the PDF (set CHROMIUM_PATH); the HTML report prints to PDF from any browser' };
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' } });
    return { pdf: new Uint8Array(pdf) };
  } finally {
    await browser.close();
  }
};
