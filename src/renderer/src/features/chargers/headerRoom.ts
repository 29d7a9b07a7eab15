// The Chargers list's headers keep their names readable at a laptop's width (1366 px), with a filter on and
// while hovered: the grid draws its header buttons (filter mark, sort, column menu) beside the name, and in a
// column at its least width they took the name's room ("Firm…" with a filter; nothing at all when hovered).

/**
 * Header buttons a little tighter (20 px, not 28: the icons keep their size); a filtered column that is not
 * sorted shows its filter mark where the sort button goes, and the sort button takes no room, hovered too
 * (a click on the name sorts, and the column menu does); a name of two words goes on two lines rather than
 * being cut.
 */
export const headerRoomSx = {
  '& .MuiDataGrid-columnHeader .MuiIconButton-root': { padding: '1px' },
  '& .MuiDataGrid-columnHeader--filtered:not(.MuiDataGrid-columnHeader--sorted) .MuiDataGrid-sortButton': { display: 'none' },
  '& .MuiDataGrid-columnHeaderTitle': { whiteSpace: 'normal', lineHeight: 1.2 },
} as const;
