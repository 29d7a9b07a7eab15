// `chargebench` runs from a bundle made on demand (bin/bundle.mjs): a start after a source file changed
// must run the changed code, never a stale bundle, and one with nothing changed reuses the last build;
// a build a process started from stays on disk when a newer one is made (its threads load later).
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { bundled } from '../../../bin/bundle.mjs';

const project = mkdtempSync(join(tmpdir(), 'chargebench-bundle-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

function put(file: string, text: string, mtime?: Date): void {
  const path = join(project, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  if (mtime) utimesSync(path, mtime, mtime);
}

const options = { root: project, threads: { 'writer-thread': 'src/thread.ts' } };
/** What the bundle prints when Node runs it. */
const load = async (path: string): Promise<string> => execFileSync(process.execPath, [path], { encoding: 'utf8' }).trim();

const past = new Date('2026-01-01T00:00:00Z');

describe('the bundle chargebench runs', () => {
  put('src/thread.ts', 'export const thread = 1;\n', past);
  put('src/value.ts', "export const value: string = 'first';\n", past);
  put('src/cli.ts', "import { value } from './value';\nconsole.log(`answer: ${value}`);\n", past);

  it('is built at the first start, with the threads beside it', async () => {
    const first = await bundled('cli', 'src/cli.ts', options);
    expect(await load(first)).toBe('answer: first');
    expect(existsSync(join(dirname(first), 'writer-thread.js'))).toBe(true);
  });

  it('is reused while no source changed', async () => {
    const a = await bundled('cli', 'src/cli.ts', options);
    const b = await bundled('cli', 'src/cli.ts', options);
    expect(b).toBe(a);
  });

  it('is built again when a module it imports changed, and the running build stays', async () => {
    const before = await bundled('cli', 'src/cli.ts', options);
    // Same length, new time: what a checkout or an editor's save does.
    put('src/value.ts', "export const value: string = 'other';\n", new Date('2026-01-02T00:00:00Z'));
    const after = await bundled('cli', 'src/cli.ts', options);
    expect(after).not.toBe(before);
    expect(await load(after)).toBe('answer: other');
    expect(existsSync(before)).toBe(true);
  });

  it('is built again when a thread entry changed', async () => {
    const before = await bundled('cli', 'src/cli.ts', options);
    put('src/thread.ts', 'export const thread = 22;\n', new Date('2026-01-03T00:00:00Z'));
    expect(await bundled('cli', 'src/cli.ts', options)).not.toBe(before);
  });

  it('is not reused when a source was saved as it was built (the build may have read it half-saved)', async () => {
    put('src/value.ts', "export const value: string = 'fresh';\n");
    const first = await bundled('cli', 'src/cli.ts', options);
    expect(await load(first)).toBe('answer: fresh');
    expect(await bundled('cli', 'src/cli.ts', options)).not.toBe(first);
  });

  it('marks the build a process runs, so that it is not removed under it', async () => {
    const index = await bundled('cli', 'src/cli.ts', options);
    expect(existsSync(join(dirname(index), `running-${process.pid}`))).toBe(true);
  });
});
