// The desktop's download of a conformance run's report and of a commissioning's files (src/main/electron/report-ipc.ts) with a fake
// 'electron': the report is made, then written where the user chose; another page, an unknown report file
// or a report the bench cannot make is refused without a dialog.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchError } from '../../../../src/main/errors';

vi.mock('electron', () => import('../../../helpers/fake-electron'));

import { fake, from, invoke as invokeChannel, OWN } from '../../../helpers/fake-electron';
import { registerReportIpc } from '../../../../src/main/electron/report-ipc';
import type { Bench } from '../../../../src/main/core/bench';

const invoke = (event: unknown, args: unknown, channel = 'desktop:saveReport') => invokeChannel(channel, event, args);

let dir: string;
let dispose: () => void;
const report = vi.fn();
const file = vi.fn();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chargebench-report-ipc-'));
  dispose = registerReportIpc({ conformance: { report }, commissioning: { file } } as unknown as Bench, (url) => url === OWN);
});

afterEach(() => {
  dispose();
  fake.saveDialog.mockReset();
  report.mockReset();
  file.mockReset();
  rmSync(dir, { recursive: true, force: true });
});

describe('desktop:saveReport', () => {
  it('writes the report where the user chose, under its own name by default, and nothing when cancelled', async () => {
    report.mockResolvedValue({ body: '<testsuites/>', contentType: 'application/xml', fileName: 'octt16-CP1.junit.xml' });
    const target = join(dir, 'saved.xml');
    fake.saveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    expect(await invoke(from(OWN), { runId: 'run-1', file: 'junit.xml' })).toEqual({ ok: true, value: { saved: true, where: target } });
    expect(report).toHaveBeenCalledWith('run-1', 'junit');
    expect(fake.saveDialog.mock.calls[0][1]).toMatchObject({ defaultPath: 'octt16-CP1.junit.xml' });
    expect(readFileSync(target, 'utf8')).toBe('<testsuites/>');
    fake.saveDialog.mockResolvedValueOnce({ canceled: true });
    expect(await invoke(from(OWN), { runId: 'run-1', file: 'evidence.zip' })).toEqual({ ok: true, value: { saved: false } });
    expect(report).toHaveBeenLastCalledWith('run-1', 'evidence');
  });

  it('refuses another page, an unknown file, and a report the bench cannot make, without a dialog', async () => {
    report.mockRejectedValue(new BenchError(501, 'No Chromium to print the PDF with'));
    expect(await invoke(from('https://evil.example/'), { runId: 'run-1', file: 'report.html' })).toMatchObject({ ok: false, error: { status: 403 } });
    expect(await invoke(from(OWN), { runId: 'run-1', file: '../../etc/passwd' })).toMatchObject({ ok: false, error: { status: 400 } });
    expect(await invoke(from(OWN), { runId: 'run-1', file: 'report.pdf' })).toMatchObject({ ok: false, error: { status: 501, message: 'No Chromium to print the PDF with' } });
    expect(fake.saveDialog).not.toHaveBeenCalled();
  });
});

describe('desktop:saveCommissioningFile', () => {
  it("saves a commissioning's bundle where the user chose; refuses a file that is none of its files", async () => {
    file.mockResolvedValue({ body: new Uint8Array([80, 75, 3, 4]), contentType: 'application/zip', fileName: 'commissioning-CP1.bundle.zip' });
    const target = join(dir, 'bundle.zip');
    fake.saveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    expect(await invoke(from(OWN), { id: 'com-1', file: 'bundle.zip' }, 'desktop:saveCommissioningFile')).toEqual({ ok: true, value: { saved: true, where: target } });
    expect(file).toHaveBeenCalledWith('com-1', 'bundle.zip');
    expect(fake.saveDialog.mock.calls[0][1]).toMatchObject({ defaultPath: 'commissioning-CP1.bundle.zip' });
    expect([...readFileSync(target)]).toEqual([80, 75, 3, 4]);
    expect(await invoke(from(OWN), { id: 'com-1', file: 'junit.xml' }, 'desktop:saveCommissioningFile')).toMatchObject({ ok: false, error: { status: 400, field: 'file' } });
    expect(await invoke(from('https://evil.example/'), { id: 'com-1', file: 'report.html' }, 'desktop:saveCommissioningFile')).toMatchObject({ ok: false, error: { status: 403 } });
    expect(fake.saveDialog).toHaveBeenCalledTimes(1);
  });
});
