// The desktop's download of a charger's upload (src/main/electron/upload-ipc.ts) with a fake 'electron':
// only our renderer is answered, the file is copied where the user chose in the save dialog, and one
// still arriving (or unknown) is refused without a dialog.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

vi.mock('electron', () => import('../../../helpers/fake-electron'));

import { fake, from, invoke as invokeChannel, OWN } from '../../../helpers/fake-electron';
import { registerUploadIpc } from '../../../../src/main/electron/upload-ipc';
import { UploadInbox } from '../../../../src/main/core/upload-inbox';
import type { Bench } from '../../../../src/main/core/bench';

const invoke = (event: unknown, args: unknown) => invokeChannel('desktop:saveUpload', event, args);

let dir: string;
let inbox: UploadInbox;
let dispose: () => void;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chargebench-upload-ipc-'));
  inbox = new UploadInbox(join(dir, 'uploads'));
  dispose = registerUploadIpc({ uploads: inbox } as unknown as Bench, (url) => url === OWN);
});

afterEach(() => {
  dispose();
  inbox.close();
  fake.saveDialog.mockReset();
  rmSync(dir, { recursive: true, force: true });
});

async function received(name: string, content: string): Promise<string> {
  const sink = inbox.receive(inbox.newLocation('CP-1'), name, 'ftp');
  await new Promise<void>((resolve) => sink.end(content, resolve));
  return inbox.list('CP-1').find((u) => u.name === name)!.id;
}

describe('desktop:saveUpload', () => {
  it('copies a received file to where the user chose, and does nothing when cancelled', async () => {
    const id = await received('diag.txt', 'DIAGNOSTICS');
    const target = join(dir, 'saved.txt');
    fake.saveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    expect(await invoke(from(OWN), { id })).toEqual({ ok: true, value: { saved: true, where: target } });
    expect(fake.saveDialog.mock.calls[0][1]).toMatchObject({ defaultPath: 'diag.txt' });
    expect(readFileSync(target, 'utf8')).toBe('DIAGNOSTICS');
    fake.saveDialog.mockResolvedValueOnce({ canceled: true });
    expect(await invoke(from(OWN), { id })).toEqual({ ok: true, value: { saved: false } });
  });

  it('refuses another page, an unknown upload, one still arriving, and a path instead of an id, without a dialog', async () => {
    const id = await received('diag.txt', 'X');
    expect(await invoke(from('https://evil.example/'), { id })).toMatchObject({ ok: false, error: { status: 403 } });
    expect(await invoke(from(OWN), { id: 'nope' })).toMatchObject({ ok: false, error: { status: 404 } });
    const arriving = inbox.receive(inbox.newLocation('CP-1'), 'half.txt', 'http');
    arriving.write('half');
    const half = inbox.list('CP-1').find((u) => u.name === 'half.txt')!.id;
    expect(await invoke(from(OWN), { id: half })).toMatchObject({ ok: false, error: { status: 409, message: expect.stringContaining('still arriving') } });
    expect(await invoke(from(OWN), { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { status: 400 } });
    expect(fake.saveDialog).not.toHaveBeenCalled();
    arriving.destroy();
  });
});
