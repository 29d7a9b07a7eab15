// The frames of a case as a table: when (seconds from the case's start, the header says which start), which way, the kind and action, the
// message id and the payload; the frames of chosen message ids (the deciding step's) highlighted. A row
// opens the frame's JSON.
import { Fragment, useState } from 'react';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { alpha } from '@mui/material/styles';
import { monoFont } from '../app/theme';
import type { CaseFrame } from '../../../shared/api/test-runs';

/** The payload of a frame as one line (or the raw text when it is no JSON). */
export function payloadOf(frame: CaseFrame): string {
  try {
    const parsed = JSON.parse(frame.raw) as unknown[];
    const body = parsed[0] === 2 ? parsed[3] : parsed[0] === 3 ? parsed[2] : parsed.slice(2);
    return JSON.stringify(body);
  } catch {
    return frame.raw;
  }
}

function pretty(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

/** "+3.250 s" from the first frame or the start given. */
function offset(ts: string, from: number): string {
  const ms = Date.parse(ts) - from;
  return Number.isFinite(ms) ? `+${(ms / 1000).toFixed(3)} s` : ts;
}

export function CaseFrames({
  frames,
  highlight = [],
  startedAt,
  since,
  label,
  empty = 'No frames.',
  maxHeight,
}: {
  frames: CaseFrame[];
  /** Message ids to highlight. */
  highlight?: string[];
  /** Where the times count from (the case's start); absent: the first frame. */
  startedAt?: string;
  /** What startedAt is, for the time column's header ("+s since the case started"). */
  since?: string;
  label: string;
  empty?: string;
  maxHeight?: number;
}) {
  const [open, setOpen] = useState<number | null>(null);
  if (!frames.length)
    return (
      <Typography variant="body2" color="text.secondary">
        {empty}
      </Typography>
    );
  const from = startedAt ? Date.parse(startedAt) : Date.parse(frames[0].ts);
  const marked = new Set(highlight);
  return (
    <Box sx={{ maxHeight, overflow: 'auto', border: 1, borderColor: 'divider', borderRadius: 1 }}>
      <Table size="small" stickyHeader aria-label={label} sx={{ '& td, & th': { py: 0.25, px: 1 } }}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 90 }}>{startedAt ? `+s since ${since ?? 'the start'}` : '+s since the first frame'}</TableCell>
            <TableCell sx={{ width: 70 }}>Way</TableCell>
            <TableCell sx={{ width: 200 }}>Message</TableCell>
            <TableCell>Payload</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {frames.map((f, i) => {
            const hit = f.messageId !== null && marked.has(f.messageId);
            return (
              <Fragment key={i}>
                <TableRow
                  hover
                  selected={open === i}
                  onClick={() => setOpen(open === i ? null : i)}
                  aria-expanded={open === i}
                  data-highlighted={hit || undefined}
                  sx={{
                    cursor: 'pointer',
                    bgcolor: (t) => (hit ? alpha(t.palette.error.main, 0.12) : f.error ? alpha(t.palette.warning.main, 0.1) : undefined),
                    '& td:first-of-type': hit ? { boxShadow: (t) => `inset 3px 0 ${t.palette.error.main}` } : undefined,
                  }}
                >
                  <TableCell sx={{ fontFamily: monoFont, fontSize: 12, whiteSpace: 'nowrap' }}>{offset(f.ts, from)}</TableCell>
                  <TableCell sx={{ fontSize: 12, whiteSpace: 'nowrap' }}>{f.direction === 'in' ? 'Charger →' : '← Bench'}</TableCell>
                  <TableCell sx={{ fontSize: 12 }}>
                    <Box component="span" sx={{ fontWeight: 600 }}>
                      {f.action ?? f.kind}
                    </Box>
                    {f.action && f.kind !== 'CALL' ? ` ${f.kind === 'CALLRESULT' ? 'result' : f.kind}` : ''}
                    <Box sx={{ fontFamily: monoFont, fontSize: 11, color: 'text.secondary', overflowWrap: 'anywhere' }}>{f.messageId}</Box>
                  </TableCell>
                  <TableCell sx={{ fontFamily: monoFont, fontSize: 12, maxWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={payloadOf(f)}>
                    {f.error ? `${f.error} · ` : ''}
                    {payloadOf(f)}
                  </TableCell>
                </TableRow>
                {open === i && (
                  <TableRow>
                    <TableCell colSpan={4}>
                      <Box component="pre" sx={{ m: 0, fontFamily: monoFont, fontSize: 12, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                        {pretty(f.raw)}
                      </Box>
                    </TableCell>
                  </TableRow>
                )}
              </Fragment>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}
