// @vitest-environment jsdom
// The chargers list fits the window at 1280 and 1440 px without scrolling sideways: the least widths of the
// columns shown by default at that width (and the selection column) fit beside the navigation, with room for
// a vertical scrollbar. Measured in Chromium: at those widths the columns then fill the grid exactly.
import { describe, expect, it } from 'vitest';
import { GRID_CHECKBOX_SELECTION_COL_DEF } from '@mui/x-data-grid';
import { chargerColumns, defaultColumns } from '../../src/renderer/src/features/chargers/ChargersScreen';

// The page around the grid (app/Layout.tsx): the navigation drawer, the page's padding on either side, the
// grid's paper border; and a classic vertical scrollbar (the widest, Windows' 17 px), which the grid takes from the columns' width.
const DRAWER = 220;
const PAGE_PADDING = 2 * 24;
const BORDER = 2;
const SCROLLBAR = 17; // Windows' classic scrollbar (Linux and macOS draw 15 px or overlay ones)

const leastWidth = (width: number) => {
  const shown = defaultColumns(width < 1440, width < 1200);
  return chargerColumns.filter((c) => shown[c.field] !== false).reduce((sum, c) => sum + (c.minWidth ?? c.width ?? 100), GRID_CHECKBOX_SELECTION_COL_DEF.width ?? 50);
};

describe('the chargers list at a laptop window width', () => {
  it.each([1280, 1440])('fits its default columns at %i px without scrolling sideways', (width) => {
    expect(leastWidth(width)).toBeLessThanOrEqual(width - DRAWER - PAGE_PADDING - BORDER - SCROLLBAR);
  });

  it('shows the address at 1280 px and the registered flag from 1440 px', () => {
    const fields = (width: number) => chargerColumns.map((c) => c.field).filter((f) => defaultColumns(width < 1440, width < 1200)[f] !== false);
    expect(fields(1280)).toContain('remoteAddress');
    expect(fields(1280)).not.toContain('registered');
    expect(fields(1440)).toContain('registered');
  });
});
