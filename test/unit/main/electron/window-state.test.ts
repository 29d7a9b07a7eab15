// The remembered window: saved and loaded as JSON, and put back on a display that is there now.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultWindowState, fitToDisplays, loadWindowState, saveWindowState } from '../../../../src/main/electron/window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 870 };
const external = { x: 1440, y: 0, width: 2560, height: 1400 };

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('window state', () => {
  it('round-trips through its file; a missing or broken file gives the default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chargebench-ws-'));
    dirs.push(dir);
    const file = join(dir, 'window-state.json');
    expect(loadWindowState(file)).toEqual(defaultWindowState);
    saveWindowState(file, { x: 10, y: 20, width: 1000, height: 700, maximized: true });
    expect(loadWindowState(file)).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
    writeFileSync(file, '{"width": "wide"');
    expect(loadWindowState(file)).toEqual(defaultWindowState);
    writeFileSync(file, '{"width": -5, "height": 700}');
    expect(loadWindowState(file)).toEqual(defaultWindowState);
  });

  it('keeps a window that is on a display where it was', () => {
    const s = { x: 1600, y: 100, width: 1200, height: 800, maximized: false };
    expect(fitToDisplays(s, [laptop, external])).toEqual(s);
  });

  it('centres a window saved on a display that is gone on the primary one, no larger than it', () => {
    expect(fitToDisplays({ x: 1600, y: 100, width: 2000, height: 1200, maximized: true }, [laptop])).toEqual({ width: 1440, height: 870, maximized: true });
  });

  it('pulls a window hanging off the edge back onto its display, and shrinks one larger than it', () => {
    expect(fitToDisplays({ x: 1000, y: -50, width: 1000, height: 700, maximized: false }, [laptop])).toEqual({ x: 440, y: 0, width: 1000, height: 700, maximized: false });
    expect(fitToDisplays({ x: 0, y: 0, width: 3000, height: 2000, maximized: false }, [laptop])).toEqual({ x: 0, y: 0, width: 1440, height: 870, maximized: false });
  });

  it('treats a window with only a sliver on screen as lost', () => {
    expect(fitToDisplays({ x: 1430, y: 860, width: 1000, height: 700, maximized: false }, [laptop])).toEqual({ width: 1000, height: 700, maximized: false });
  });

  it('sizes a first window (no position saved) to fit the primary display', () => {
    expect(fitToDisplays(defaultWindowState, [{ x: 0, y: 0, width: 1024, height: 740 }])).toEqual({ width: 1024, height: 740, maximized: false });
  });
});
