// The bench:ui selection phase: on the Chargers screen under the fleet, clicks the checkboxes of the
// rows in sight one at a time and times, in the page, each click to the next animation frame (how long the
// page froze) and the longest frame gap over the few frames after it (work that spilled past the first).
import type { Page } from 'playwright-core';

export interface SelectionClick {
  /** From the click to the next animation frame, ms. */
  toFrame: number;
  /** The longest gap between the frames after the click (the next five), ms. */
  longestAfter: number;
  /** The click came just after the list was redrawn (else at any moment). */
  afterRedraw: boolean;
  /** The checkbox showed its new state by then. */
  ticked: boolean;
}

// Run in the page as written (a string: the TypeScript loader's helpers do not exist there). Half the clicks
// come at any moment (as a user's: one may land on the list's once-a-second redraw and wait for it), half
// just after the list was redrawn (what the click itself costs).
const ticking = `async (n) => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
  const grid = document.querySelector('.MuiDataGrid-root') || document.body;
  const redrawn = () => new Promise((r) => {
    const done = () => { mo.disconnect(); clearTimeout(t); r(); };
    const mo = new MutationObserver(done);
    const t = setTimeout(done, 1500);
    mo.observe(grid, { subtree: true, childList: true, characterData: true });
  });
  const out = [];
  for (let i = 0; i < 2 * n; i++) {
    const afterRedraw = i >= n;
    await new Promise((r) => setTimeout(r, 300));
    if (afterRedraw) { await redrawn(); await frame(); }
    await frame();
    const boxes = [...document.querySelectorAll('.MuiDataGrid-row input[type="checkbox"]')];
    if (!boxes.length) break;
    const box = boxes[i % boxes.length];
    const was = box.checked;
    const row = box.closest('[data-id]')?.getAttribute('data-id') ?? '';
    const t0 = performance.now();
    box.click();
    const t1 = await frame();
    let last = t1;
    let longestAfter = 0;
    for (let k = 0; k < 5; k++) {
      const t = await frame();
      longestAfter = Math.max(longestAfter, t - last);
      last = t;
    }
    const now = document.querySelector('.MuiDataGrid-row[data-id="' + CSS.escape(row) + '"] input[type="checkbox"]');
    out.push({ afterRedraw, toFrame: t1 - t0, longestAfter, ticked: !!now && now.checked !== was });
  }
  return out;
}`;

/** Ticks (or unticks) row checkboxes top first, `clicks` at any moment then `clicks` just after a redraw of the list. */
export async function measureSelection(page: Page, clicks: number): Promise<SelectionClick[]> {
  await page.locator('.MuiDataGrid-row input[type="checkbox"]').first().waitFor();
  return (await page.evaluate(`(${ticking})(${clicks})`)) as SelectionClick[];
}
