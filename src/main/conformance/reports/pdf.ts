// The HTML report as a PDF, printed by a headless Chromium where one is installed (playwright-core drives
// it; $CHROMIUM_PATH, or the usual install paths). The desktop app can print with Electron instead.
import { existsSync } from 'node:fs';

const candidates = () => [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

/** The Chromium this machine has, or null. */
export function chromiumForPdf(): string | null {
  for (const p of candidates()) if (p && existsSync(p)) return p;
  return null;
}

/** Prints the page to an A4 PDF; null (with the reason) when no Chromium is installed. */
export async function htmlToPdf(html: string): Promise<{ pdf: Uint8Array } | { pdf: null; reason: string }> {
  const executablePath = chromiumForPdf();
  if (!executablePath) return { pdf: null, reason: 'No Chromium is installed to print the PDF (set CHROMIUM_PATH); the HTML report prints to PDF from any browser' };
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
}
