// The window's size, position and maximised state, remembered in a JSON file in userData, and put back
// on a display that is still there (a laptop undocked from its second screen must not open off-screen).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { BrowserWindow, Rectangle } from 'electron';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const defaultWindowState: WindowState = { width: 1280, height: 800, maximized: false };
/** Below this the bench's layout stops making sense. */
export const MIN_WIDTH = 800;
export const MIN_HEIGHT = 560;

const Saved = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  maximized: z.boolean().default(false),
});

/** The saved state, or the default when there is none or it is unreadable. */
export function loadWindowState(file: string): WindowState {
  try {
    const parsed = Saved.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : { ...defaultWindowState };
  } catch {
    return { ...defaultWindowState };
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  try {
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify(state));
    renameSync(tmp, file);
  } catch (e) {
    console.error(`chargebench: could not save the window's size and position: ${(e as Error).message}`);
  }
}

const overlap = (a: Rectangle, b: Rectangle): number =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/**
 * Fits a saved state to the displays there are now (their work areas, primary first): no larger than
 * the display it is mostly on, wholly on it, and centred on the primary display (no x/y) when it would
 * be on none of them.
 */
export function fitToDisplays(state: WindowState, workAreas: Rectangle[]): WindowState {
  const primary = workAreas[0];
  if (!primary) return state;
  const size = (area: Rectangle) => ({
    width: Math.max(Math.min(state.width, area.width), Math.min(MIN_WIDTH, area.width)),
    height: Math.max(Math.min(state.height, area.height), Math.min(MIN_HEIGHT, area.height)),
  });
  if (state.x === undefined || state.y === undefined) return { maximized: state.maximized, ...size(primary) };
  const bounds = { x: state.x, y: state.y, width: state.width, height: state.height };
  let best = primary;
  let bestOverlap = -1;
  for (const area of workAreas) {
    const o = overlap(bounds, area);
    if (o > bestOverlap) [best, bestOverlap] = [area, o];
  }
  // Less than a title bar's worth on screen: as good as lost, so start centred on the primary display.
  if (bestOverlap < Math.min(bounds.width, 200) * 40) return { maximized: state.maximized, ...size(primary) };
  const { width, height } = size(best);
  const x = Math.min(Math.max(bounds.x, best.x), best.x + best.width - width);
  const y = Math.min(Math.max(bounds.y, best.y), best.y + best.height - height);
  return { x, y, width, height, maximized: state.maximized };
}

/** Saves the window's state as it changes (debounced) and when it closes. */
export function trackWindowState(win: BrowserWindow, file: string, debounceMs = 500): void {
  let timer: NodeJS.Timeout | null = null;
  const current = (): WindowState => {
    // The normal bounds are the ones to restore to when un-maximising, whatever the window is now.
    const b = win.getNormalBounds();
    return { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() || win.isFullScreen() };
  };
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!win.isDestroyed() && !win.isMinimized()) saveWindowState(file, current());
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, debounceMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize', 'enter-full-screen', 'leave-full-screen'] as const) win.on(event as 'resize', later);
  win.on('close', save);
}
