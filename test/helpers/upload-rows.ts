// An upload inbox's rows as a test reads them: one by name, and one once it no longer says receiving.
import { vi } from 'vitest';
import type { UploadInbox } from '../../src/main/core/upload-inbox';
import type { UploadView } from '../../src/shared/api/files';

/** `inbox()`'s rows of `chargerId` (a function: a test file may make a new inbox per test). */
export function uploadRows(inbox: () => UploadInbox, chargerId = 'CP1') {
  const row = (name: string): UploadView | undefined =>
    inbox()
      .list(chargerId)
      .find((u) => u.name === name);
  /** The row once it no longer says receiving. */
  const ended = (name: string) =>
    vi.waitFor(
      () => {
        const u = row(name);
        if (!u || u.status === 'receiving') throw new Error(`${name} is still ${u?.status}`);
        return u;
      },
      { timeout: 5000, interval: 20 },
    );
  return { row, ended };
}
