// An incomplete upload (the bytes that came, the sender never confirmed the file whole) has a file on the
// bench's disk like a received one: deleting or expiring it deletes that file, a restart drops the row of
// one whose file is gone, and it never takes the place of a whole file of the same name.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UploadInbox, UPLOAD_KEPT_MS } from '../../src/main/core/upload-inbox';
import { FakeClock } from '../../src/main/clock';

const dirs: string[] = [];
const inboxes: UploadInbox[] = [];
afterEach(() => {
  for (const i of inboxes.splice(0)) i.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function newInbox(dir = mkdtempSync(join(tmpdir(), 'chargebench-incomplete-')), clock = new FakeClock('2026-03-01T10:00:00Z')) {
  dirs.push(dir);
  const inbox = new UploadInbox(dir, { clock });
  inboxes.push(inbox);
  return { inbox, dir, clock };
}

/** Receives `bytes` as `name` through `location`; `doubt` null confirms it whole. */
async function upload(inbox: UploadInbox, location: ReturnType<UploadInbox['newLocation']>, name: string, bytes: string, doubt: string | null) {
  const before = new Set(inbox.list('CP1').map((u) => u.id));
  const sink = inbox.receive(location, name, 'ftp', null, true);
  await new Promise<void>((resolve, reject) => sink.end(Buffer.from(bytes), () => resolve()).once('error', reject));
  sink.conclude(doubt);
  return inbox.get(inbox.list('CP1').find((u) => !before.has(u.id))!.id);
}

describe('an incomplete upload and its file', () => {
  it('deleting it deletes its file from disk, as the dialog says', async () => {
    const { inbox } = newInbox();
    const u = await upload(inbox, inbox.newLocation('CP1'), 'diag.zip', 'partial', 'cut short');
    expect(u.status).toBe('incomplete');
    expect(readFileSync(inbox.downloadable(u.id).path, 'utf8')).toBe('partial');
    inbox.delete(u.id);
    expect(existsSync(u.path)).toBe(false);
  });

  it('expiring it deletes its file from disk', async () => {
    const { inbox, clock } = newInbox();
    const u = await upload(inbox, inbox.newLocation('CP1'), 'diag.zip', 'partial', 'cut short');
    await clock.advance(UPLOAD_KEPT_MS + 1);
    expect(inbox.list('CP1')).toEqual([]);
    expect(existsSync(u.path)).toBe(false);
  });

  it('a restart drops an incomplete row whose file is gone', async () => {
    const { inbox, dir, clock } = newInbox();
    const u = await upload(inbox, inbox.newLocation('CP1'), 'diag.zip', 'partial', 'cut short');
    inbox.close();
    unlinkSync(u.path);
    expect(newInbox(dir, clock).inbox.list('CP1')).toEqual([]);
  });

  it('an incomplete retry of the same name keeps the whole file received before, beside it', async () => {
    const { inbox } = newInbox();
    const location = inbox.newLocation('CP1');
    const whole = await upload(inbox, location, 'diag.zip', 'the whole file', null);
    const cut = await upload(inbox, location, 'diag.zip', 'the who', 'cut short');
    expect(
      inbox
        .list('CP1')
        .map((u) => [u.name, u.status])
        .sort(),
    ).toEqual([
      ['diag.zip', 'incomplete'],
      ['diag.zip', 'received'],
    ]);
    expect(readFileSync(inbox.downloadable(whole.id).path, 'utf8')).toBe('the whole file');
    expect(readFileSync(inbox.downloadable(cut.id).path, 'utf8')).toBe('the who');
    // A whole retry then replaces both, and the incomplete file leaves the disk with its row.
    const again = await upload(inbox, location, 'diag.zip', 'whole again', null);
    expect(inbox.list('CP1').map((u) => u.id)).toEqual([again.id]);
    expect(readFileSync(inbox.downloadable(again.id).path, 'utf8')).toBe('whole again');
    expect(existsSync(cut.path)).toBe(false);
  });
});
