// An id cut in its middle when its column is too narrow: "SITE-CP-…0001", never "SITE-CP-000…" (the end
// is what tells chargers of one site apart). The whole id is in the tooltip and read out.
import Box from '@mui/material/Box';
import type { SxProps, Theme } from '@mui/material/styles';

/** `text`, its last `tail` characters always shown; short ids are shown whole. */
export function MiddleEllipsis({ text, tail = 5, sx }: { text: string; tail?: number; sx?: SxProps<Theme> }) {
  if (text.length <= tail + 3)
    return (
      <Box component="span" sx={{ whiteSpace: 'nowrap', ...sx }}>
        {text}
      </Box>
    );
  return (
    <Box component="span" title={text} aria-label={text} data-full={text} sx={{ display: 'inline-flex', minWidth: 0, maxWidth: '100%', whiteSpace: 'nowrap', ...sx }}>
      <Box component="span" aria-hidden sx={{ overflow: 'hidden', textOverflow: 'ellipsis', minWidth: '1ch' }}>
        {text.slice(0, -tail)}
      </Box>
      <Box component="span" aria-hidden sx={{ flexShrink: 0 }}>
        {text.slice(-tail)}
      </Box>
    </Box>
  );
}
