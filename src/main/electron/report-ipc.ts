// The desktop's downloads of reports: a conformance run's report or evidence pack ('desktop:saveReport')
// and a commissioning's report or bundle ('desktop:saveCommissioningFile'), each saved where the user says
// in the system's dialog.
import { writeFile } from 'node:fs/promises';
import { BrowserWindow, dialog, type SaveDialogOptions } from 'electron';
import { z } from 'zod';
import type { Bench } from '../core/bench';
import type { Report, ReportKind } from '../conformance/service';
import { reportFiles, type ReportFile } from '../../shared/api/test-runs';
import { commissioningFiles } from '../../shared/api/commissioning';
import { handleDesktop, type OwnRendererCheck } from './ipc';

const kinds: Record<ReportFile, ReportKind> = { 'report.html': 'html', 'junit.xml': 'junit', 'report.json': 'json', 'report.pdf': 'pdf', 'evidence.zip': 'evidence' };

/** One channel that makes a report from its arguments and saves it where the user chooses. */
function saveReportChannel<S extends z.ZodType>(channel: string, args: S, isOwnRenderer: OwnRendererCheck, make: (args: z.output<S>) => Promise<Report>): () => void {
  return handleDesktop(channel, args, isOwnRenderer, async (parsed, event): Promise<{ saved: boolean; where?: string }> => {
    // Made first: a report the bench cannot make (a PDF without Chromium) is an error, not an empty dialog.
    const report = await make(parsed);
    const owner = BrowserWindow.fromWebContents(event.sender);
    const options: SaveDialogOptions = { title: `Save ${report.fileName}`, buttonLabel: 'Save', defaultPath: report.fileName };
    const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { saved: false };
    await writeFile(choice.filePath, report.body);
    return { saved: true, where: choice.filePath };
  });
}

/** Registers the channels; returns what removes them. */
export function registerReportIpc(bench: Bench, isOwnRenderer: OwnRendererCheck): () => void {
  const disposers = [
    saveReportChannel('desktop:saveReport', z.strictObject({ runId: z.string().min(1), file: z.enum(reportFiles) }), isOwnRenderer, ({ runId, file }) => bench.conformance.report(runId, kinds[file])),
    saveReportChannel('desktop:saveCommissioningFile', z.strictObject({ id: z.string().min(1), file: z.enum(commissioningFiles) }), isOwnRenderer, ({ id, file }) =>
      bench.commissioning.file(id, file),
    ),
  ];
  return () => disposers.forEach((d) => d());
}
