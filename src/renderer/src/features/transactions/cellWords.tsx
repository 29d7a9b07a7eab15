// Words in a cell of the Transactions list that may be longer than their column ("≤ 10 min 30 s", "no
// readings recorded", "meter went backwards"): they wrap to a second line instead of being cut short with
// "…" (the grid's cells are one line, ellipsized, by default). The rows keep their fixed height: two lines
// at 1.2 of body2 (34 px) fit a row (52 px), as the charger with its connector under it and "so far" do.
import type { ReactNode } from 'react';
import Typography from '@mui/material/Typography';

/**
 * What lets a cell's words wrap within the row: a box of its own (the grid's cell is a block whose line is as
 * high as the row), with a line height of its own, centred on the row's line, overriding the cell's nowrap.
 */
export const wrapsInCell = { display: 'inline-block', maxWidth: '100%', verticalAlign: 'middle', whiteSpace: 'normal', lineHeight: 1.2 } as const;

/** Words in a cell, muted unless `plain`, with why in their tooltip: wrapped, never cut. */
export function CellWords({ children, title, plain = false, busy }: { children: ReactNode; title?: string; plain?: boolean; busy?: boolean }) {
  return (
    <Typography component="span" variant="body2" color={plain ? undefined : 'text.secondary'} title={title} aria-busy={busy} sx={wrapsInCell}>
      {children}
    </Typography>
  );
}
