// @vitest-environment jsdom
// The Chargers list at 1366 px with a filter on Firmware: the header keeps "Firmware" readable beside its
// filter mark, and when hovered beside the column menu's button too (the grid's own header buttons took its
// room: "Firm…" with a filter, nothing at all hovered). jsdom lays nothing out: the column's share of the
// width is worked out here by the grid's own flex rule, and the hover is the page's style rules read as if
// the header were hovered (jsdom never matches :hover). Checked in Chromium: 118 px hold the name (59 px),
// the header's padding (2 × 10 px), the filter mark and the column menu's button (20 px each, the menu's
// drawn 5 px into the padding) and the gaps.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GRID_CHECKBOX_SELECTION_COL_DEF } from '@mui/x-data-grid';
import { computeFlexColumnsWidth } from '@mui/x-data-grid/internals';
import { fakeClient, liveBench, stubResizeObserver, withBench } from './fake-client';
import { aCharger } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { ChargersScreen, chargerColumns, defaultColumns } from '../../src/renderer/src/features/chargers/ChargersScreen';

stubResizeObserver();

const NoSend = () => null;
let off: (() => void) | undefined;
beforeEach(() => useBench.setState(initialBenchState, true));
afterEach(() => {
  off?.();
  cleanup();
});

// The page around the grid (app/Layout.tsx), as in chargers-widths-h4: the navigation, the page's padding, the
// paper's border and a classic Windows scrollbar (the widest).
const gridWidth = (window: number) => window - 220 - 2 * 24 - 2 - 17;
const FILTERED_HOVERED_HEADER = 118;

/** Each shown column's width in the grid at a window width, by the grid's flex rule. */
function columnWidths(window: number): Record<string, number> {
  const shown = chargerColumns.filter((c) => defaultColumns(window < 1440, window < 1200)[c.field] !== false);
  const flexColumns = shown.filter((c) => c.flex).map((c) => ({ field: c.field, flex: c.flex!, minWidth: c.minWidth ?? 50, maxWidth: c.maxWidth ?? Infinity }));
  const fixed = shown.filter((c) => !c.flex).reduce((sum, c) => sum + (c.width ?? 100), GRID_CHECKBOX_SELECTION_COL_DEF.width ?? 50);
  const flexed = computeFlexColumnsWidth({ initialFreeSpace: gridWidth(window) - fixed, totalFlexUnits: flexColumns.reduce((s, c) => s + c.flex, 0), flexColumns });
  return Object.fromEntries(shown.map((c) => [c.field, flexed[c.field]?.computedWidth ?? c.width ?? 100]));
}

const header = (field: string) => document.querySelector<HTMLElement>(`.MuiDataGrid-columnHeader[data-field="${field}"]`)!;

/** Whether a style rule of the page hides `el` (display: none) while `hovered` is hovered (jsdom never matches :hover itself). */
function hiddenWhileHovered(el: Element, hovered: Element): boolean {
  const rules = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules]).filter((r): r is CSSStyleRule => r instanceof CSSStyleRule && r.style.display === 'none');
  return rules.some((rule) =>
    rule.selectorText.split(',').some((selector) => {
      if (!selector.includes(':hover')) return el.matches(selector);
      // Read as hovered: the hovered header matches :hover, and no longer :not(:hover).
      const asHovered = selector.replace(/:not\(:hover\)/g, ':not(.as-hovered)').replace(/:hover/g, '.as-hovered');
      hovered.classList.add('as-hovered');
      try {
        return el.matches(asHovered);
      } finally {
        hovered.classList.remove('as-hovered');
      }
    }),
  );
}

describe('the Firmware header with a filter on, at 1366 px', () => {
  it('gets the width its name, its filter mark and the column menu’s button need', () => {
    expect(columnWidths(1366).firmware).toBeGreaterThanOrEqual(FILTERED_HOVERED_HEADER);
    // Every other column keeps at least its least width (the list never scrolls sideways).
    for (const [field, width] of Object.entries(columnWidths(1366))) expect(width, field).toBeGreaterThanOrEqual(chargerColumns.find((c) => c.field === field)?.minWidth ?? 0);
  });

  it('keeps the unsorted column’s sort button out of the name’s room, hovered too', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'chargers:list': () => Object.values(useBench.getState().chargers) });
    off = liveBench(client, { chargers: { 'CP-1': aCharger('CP-1'), 'CP-2': aCharger('CP-2') } });
    render(withBench(client, <ChargersScreen SendDialog={NoSend} />));
    await screen.findByText('CP-2');
    const unfiltered = header('firmware');
    // Not filtered: hovered, the sort button shows as the grid draws it.
    expect(hiddenWhileHovered(unfiltered.querySelector('.MuiDataGrid-sortButton')!, unfiltered)).toBe(false);

    await user.click(screen.getByLabelText('Firmware column menu'));
    await user.click(await screen.findByRole('menuitem', { name: /Filter/i }));
    await user.type(await screen.findByPlaceholderText('Filter value'), '1.0');
    // The typed value is applied after the grid's short wait.
    await waitFor(() => expect(header('firmware').classList.contains('MuiDataGrid-columnHeader--filtered')).toBe(true), { timeout: 3000 });
    await user.keyboard('{Escape}');

    const firmware = header('firmware');
    expect(firmware.querySelector('.MuiDataGrid-columnHeaderTitle')?.textContent).toBe('Firmware');
    expect(firmware.querySelector('.MuiDataGrid-filterIcon')).not.toBeNull();
    const sort = firmware.querySelector('.MuiDataGrid-sortButton')!;
    expect(hiddenWhileHovered(sort, firmware)).toBe(true);
  });
});
