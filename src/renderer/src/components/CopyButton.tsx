// A small "copy to clipboard" button: says "Copied" in its tooltip (and to screen readers) once done,
// or why it could not, without a dialog in the way.
import { useEffect, useState } from 'react';
import IconButton, { type IconButtonProps } from '@mui/material/IconButton';
import Box from '@mui/material/Box';
import Tooltip from '@mui/material/Tooltip';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import CheckIcon from '@mui/icons-material/Check';

const hidden = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

/** Copies text; the Clipboard API needs a secure context, so a plain-http page falls back to execCommand. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the old way
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

/** `label` names what is copied, e.g. "Copy URL": the button's accessible name and its tooltip. */
export function CopyButton({ text, label, size = 'small', ...rest }: { text: string; label: string } & Omit<IconButtonProps, 'onClick' | 'aria-label'>) {
  const [done, setDone] = useState<'copied' | 'failed' | null>(null);
  useEffect(() => {
    if (!done) return;
    const t = setTimeout(() => setDone(null), 1800);
    return () => clearTimeout(t);
  }, [done]);
  const title = done === 'copied' ? 'Copied' : done === 'failed' ? 'Could not copy: select the text and copy it by hand' : label;
  return (
    <Tooltip title={title}>
      <IconButton {...rest} size={size} aria-label={label} onClick={async () => setDone((await copyText(text)) ? 'copied' : 'failed')}>
        {done === 'copied' ? <CheckIcon fontSize="inherit" color="success" /> : <ContentCopyIcon fontSize="inherit" />}
        <Box component="span" role="status" sx={hidden}>
          {done === 'copied' ? 'Copied' : done === 'failed' ? 'Could not copy' : ''}
        </Box>
      </IconButton>
    </Tooltip>
  );
}
