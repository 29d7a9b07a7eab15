// The desktop's download of a conformance run's report or evidence pack: 'desktop:saveReport' asks where
// to save it with the system's dialog and writes it there.
import { writeFile } from 'node:fs/promises';
import { BrowserWindow, dialog, type SaveDialogOptions } from 'electron';
import { z } from 'zod';
import type { Bench } from '../core/bench';
import type { ReportKind } from '../conformance/service';
import { reportFiles, type ReportFile } from '../../shared/api/test-runs';
import { handleDesktop, type OwnRendererCheck } from './ipc';

const kinds: Record<ReportFile, ReportKind> = { 'report.html': 'html', 'junit.xml': 'junit', 'report.json': 'json', 'report.pdf': 'pdf', 'evidence.zip': 'evidence' };

/** Registers the channel; returns what removes it. */
export function registerReportIpc(bench: Bench, isOwnRenderer: OwnRendererCheck): () => void {
  const args = z.strictObject({ runId: z.string().min(1), file: z.enum(reportFiles) });
  return handleDesktop('desktop:saveReport', args, isOwnRenderer, async ({ runId, file }, event): Promise<{ saved: boolean; where?: string }> => {
    // Made first: a report the bench cannot make (a PDF without Chromium) is an error, not an empty dialog.
    const report = await bench.conformance.report(runId, kinds[file]);
    const owner = BrowserWindow.fromWebContents(event.sender);
    const options: SaveDialogOptions = { title: `Save ${report.fileName}`, buttonLabel: 'Save', defaultPath: report.fileName };
    const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { saved: false };
    await writeFile(choice.filePath, report.body);
    return { saved: true, where: choice.filePath };
  });
}
