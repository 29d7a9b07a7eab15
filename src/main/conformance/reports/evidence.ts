// The evidence pack of a run (zip): the reports (HTML, JSON, JUnit, and PDF where one could be made),
// every frame of the run as JSON lines, the charger's identity and its configuration at the start and the
// end (with a built-in virtual charger's fault switches during the run), the test data and capabilities, the
// ChargeBench version, a re-run's origin (rerun-of.json: the run whose failed cases it repeats), and a SHA-256
// manifest of every file.
import { createHash } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import type { RunResult } from '../types';
import { htmlReport } from './html';
import { junitReport } from './junit';
import { configAtEndMissing, wallTimes } from './facts';
import { faultsInjectedText } from '../../../shared/api/test-runs';
import { rerunFirmwareWords, rerunOfWords } from '../../../shared/api/rerun-words';

export interface EvidenceInput {
  run: RunResult;
  /** Every frame of the charger during the run, one JSON object per line. */
  framesJsonl: string;
  /** The HTML report printed to PDF, when a printer was at hand. */
  pdf?: Uint8Array | null;
  /** The report's title (an OCTT run, a commissioning run). */
  title?: string;
}

export function evidencePack({ run, framesJsonl, pdf, title }: EvidenceInput): Uint8Array {
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
  const files: Record<string, Uint8Array> = {
    'report.html': strToU8(htmlReport(run, title)),
    'report.json': strToU8(json(run)),
    'junit.xml': strToU8(junitReport(run)),
    'frames.jsonl': strToU8(framesJsonl),
    // A built-in virtual charger's fault switches during the run: injected misbehaviour, not the firmware's.
    'charger.json': strToU8(
      json({
        id: run.chargerId,
        virtual: run.virtual,
        // As the charger's BootNotification gave it when the run started; the firmware at the end beside it.
        bootNotification: run.charger,
        firmwareAtStart: run.charger.firmware,
        ...(run.firmwareAtEnd !== undefined && { firmwareAtEnd: run.firmwareAtEnd }),
        ...(run.firmwareReplacedBy && { firmwareReplacedBy: run.firmwareReplacedBy }),
        ...(run.notPutBackAtEnd?.length && { notPutBackAtEnd: run.notPutBackAtEnd }),
        ...(run.faults && { faultsInjected: faultsInjectedText(run), faultSwitches: run.faults }),
      }),
    ),
    // A re-run: the run whose failed cases it repeats (id, when, its firmware at its start) beside the firmware this one ran on.
    ...(run.rerunOf && {
      'rerun-of.json': strToU8(
        json({
          ...run.rerunOf,
          words: rerunOfWords(run.rerunOf),
          firmwareInThisRun: run.charger.firmware,
          firmwareDiffers: rerunFirmwareWords(run.chargerId, run.charger.firmware, run.rerunOf, true),
        }),
      ),
    }),
    'configuration-start.json': strToU8(json(run.pics?.config ?? null)),
    // Read at the end, or why it could not be.
    'configuration-end.json': strToU8(json(run.configAtEnd ?? { read: false, problem: configAtEndMissing(run) })),
    'test-data.json': strToU8(json(run.data)),
    'pics.json': strToU8(json(run.pics ? { ...run.pics, config: undefined } : null)),
    'version.txt': strToU8(`ChargeBench ${run.benchVersion}\nNode ${process.versions.node}\n`),
  };
  if (pdf) files['report.pdf'] = pdf;
  const manifest = Object.entries(files)
    .map(([name, data]) => `${createHash('sha256').update(data).digest('hex')}  ${name}`)
    .join('\n');
  files['SHA256SUMS'] = strToU8(`${manifest}\n`);
  // The files' time: when the run finished on the wall clock (a fake clock's finish may lie ahead).
  const wall = wallTimes(run);
  const fixed = new Date(wall.finished ?? wall.started);
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { mtime: fixed }]])));
}
