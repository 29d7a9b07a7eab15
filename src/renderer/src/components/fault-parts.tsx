// What the screens that make something misbehave on purpose share (a virtual charger's fault switches,
// the bench's behaviour toward a charger): a switch with what it does and its values beside it, a choice
// from a list, and the table of actions answered otherwise, each removable.
import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import DeleteOutlinedIcon from '@mui/icons-material/DeleteOutlined';

/** One switch: its name (the switch's label), what it does, and the values it takes beside it. */
export function SwitchRow({
  label,
  explains,
  checked,
  disabled,
  onToggle,
  children,
}: {
  label: string;
  explains: string;
  checked: boolean;
  disabled: boolean;
  onToggle: (on: boolean) => void;
  children?: ReactNode;
}) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, py: 0.75, flexWrap: 'wrap' }}>
      <Box sx={{ flex: '0 1 620px', minWidth: 280 }}>
        <FormControlLabel label={label} control={<Switch color="warning" checked={checked} disabled={disabled} onChange={(e) => onToggle(e.target.checked)} />} sx={{ mr: 0 }} />
        <Typography variant="body2" color="text.secondary" sx={{ ml: 6.5, mt: -0.5 }}>
          {explains}
        </Typography>
      </Box>
      {children && <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>{children}</Box>}
    </Box>
  );
}

/** A small select of `options` (each shown as `words` says, by default as it is). */
export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  width,
  disabled,
  words = (o) => o,
}: {
  label: string;
  value: T;
  options: readonly T[];
  onChange: (value: T) => void;
  width: number;
  disabled?: boolean;
  words?: (option: T) => string;
}) {
  return (
    <TextField select size="small" label={label} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as T)} sx={{ width }}>
      {options.map((o) => (
        <MenuItem key={o} value={o}>
          {words(o)}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** The actions answered otherwise: each with what happens to it, and a button that takes it out. */
export function ActionFaultTable({
  rows,
  label,
  head,
  removeLabel,
  disabled,
  onRemove,
}: {
  rows: Array<[action: string, does: string]>;
  label: string;
  /** Column headings, when the table has them. */
  head?: [string, string];
  removeLabel: (action: string) => string;
  disabled: boolean;
  onRemove: (action: string) => void;
}) {
  if (!rows.length) return null;
  return (
    <Table size="small" sx={{ mb: 2, maxWidth: 640 }} aria-label={label}>
      {head && (
        <TableHead>
          <TableRow>
            <TableCell>{head[0]}</TableCell>
            <TableCell>{head[1]}</TableCell>
            <TableCell align="right" />
          </TableRow>
        </TableHead>
      )}
      <TableBody>
        {rows.map(([name, does]) => (
          <TableRow key={name}>
            <TableCell>{name}</TableCell>
            <TableCell>{does}</TableCell>
            <TableCell align="right" padding="checkbox">
              <Tooltip title={removeLabel(name)}>
                <span>
                  <IconButton size="small" aria-label={removeLabel(name)} disabled={disabled} onClick={() => onRemove(name)}>
                    <DeleteOutlinedIcon fontSize="small" />
                  </IconButton>
                </span>
              </Tooltip>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
