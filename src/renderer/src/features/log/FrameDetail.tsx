// One frame in full, beside the log: who sent it and when, the error the bench flagged, the frame
// pretty-printed (copyable), and the matching request or response with the time between them.
import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import CloseIcon from '@mui/icons-material/Close';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import type { MessageView } from '../../../../shared/api/views';
import { useClient } from '../../api/context';
import { monoFont } from '../../app/theme';
import { frameTime, jsonTokens, prettyFrame } from './frame';
import { highlight } from './Highlight';

/** How far from a frame its request or response is looked for. */
const MATCH_WINDOW_MS = 60_000;

function Json({ text, label, search }: { text: string; label: string; search?: string }) {
  const theme = useTheme();
  const dark = theme.palette.mode === 'dark';
  const colours = { key: dark ? '#9cdcfe' : '#0451a5', string: dark ? '#ce9178' : '#a31515', number: dark ? '#b5cea8' : '#098658', literal: dark ? '#569cd6' : '#0000ff', plain: undefined };
  return (
    <Box
      component="pre"
      aria-label={label}
      tabIndex={0}
      sx={{
        '& mark': { bgcolor: 'warning.light', color: 'inherit', borderRadius: 0.5 },
        m: 0,
        p: 1.5,
        fontFamily: monoFont,
        fontSize: 12.5,
        lineHeight: 1.5,
        bgcolor: 'action.hover',
        borderRadius: 1,
        overflow: 'auto',
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-word',
      }}
    >
      {text.length > 200_000
        ? text
        : jsonTokens(text).map((t, i) => (
            <span key={i} style={t.type === 'plain' ? undefined : { color: colours[t.type] }}>
              {highlight(t.text, search)}
            </span>
          ))}
    </Box>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0, fontFamily: monoFont, wordBreak: 'break-all' }}>
        {children}
      </Typography>
    </>
  );
}

/** The request of a response, or the response of a request: same charger and message id, the other way. */
function useCounterpart(m: MessageView) {
  const client = useClient();
  const [state, setState] = useState<{ loading: boolean; frame: MessageView | null; error: string | null }>({ loading: true, frame: null, error: null });
  useEffect(() => {
    if (m.kind === 'INVALID' || !m.messageId) return setState({ loading: false, frame: null, error: null });
    let live = true;
    setState({ loading: true, frame: null, error: null });
    const t = Date.parse(m.ts);
    const isCall = m.kind === 'CALL';
    const filter = {
      chargerId: m.chargerId,
      kinds: isCall ? (['CALLRESULT', 'CALLERROR'] as const).slice() : (['CALL'] as const).slice(),
      search: JSON.stringify(m.messageId),
      from: new Date(isCall ? t : t - MATCH_WINDOW_MS).toISOString(),
      to: new Date(isCall ? t + MATCH_WINDOW_MS : t).toISOString(),
    };
    client.call('messages:page', { ...filter, limit: 20 }).then(
      (rows) => {
        if (!live) return;
        const same = rows.filter((r) => r.messageId === m.messageId && r.direction !== m.direction && r.id !== m.id);
        // A request's answer is the first after it; a response's request the last before it.
        const frame = isCall ? (same.filter((r) => r.id > m.id).at(-1) ?? null) : (same.find((r) => r.id < m.id) ?? null);
        setState({ loading: false, frame, error: null });
      },
      (e: Error) => live && setState({ loading: false, frame: null, error: e.message }),
    );
    return () => void (live = false);
  }, [client, m]);
  return state;
}

async function copy(text: string): Promise<string> {
  if (!navigator.clipboard) return 'Copying is not available here: select the text and copy it instead';
  try {
    await navigator.clipboard.writeText(text);
    return 'Copied';
  } catch {
    return 'The clipboard refused: select the text and copy it instead';
  }
}

export function FrameDetail({ m, onClose, search }: { m: MessageView; onClose: () => void; search?: string }) {
  const pretty = prettyFrame(m.raw);
  const other = useCounterpart(m);
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => setCopied(null), [m]);
  const isCall = m.kind === 'CALL';
  const ms = other.frame ? Math.abs(Date.parse(other.frame.ts) - Date.parse(m.ts)) : null;

  return (
    <Paper component="aside" aria-label="Frame details" sx={{ width: { xs: '100%', md: 460 }, flexShrink: 0, display: 'flex', flexDirection: 'column', minHeight: 0, overflow: 'hidden' }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', px: 2, py: 1, borderBottom: 1, borderColor: 'divider' }}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, flex: 1, minWidth: 0 }} noWrap>
          {m.action ?? 'Unreadable frame'} · {m.kind}
        </Typography>
        <Tooltip title={copied ?? 'Copy the frame as JSON'}>
          <Button size="small" startIcon={<ContentCopyIcon />} onClick={() => void copy(pretty).then(setCopied)}>
            {copied === 'Copied' ? 'Copied' : 'Copy'}
          </Button>
        </Tooltip>
        <Tooltip title="Close (Esc)">
          <IconButton size="small" onClick={onClose} aria-label="Close frame details">
            <CloseIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Stack>
      <Box sx={{ p: 2, overflow: 'auto', display: 'flex', flexDirection: 'column', gap: 2 }}>
        {copied && copied !== 'Copied' && <Alert severity="warning">{copied}</Alert>}
        {m.error && (
          <Alert severity="error" title="Flagged by the bench">
            {m.error}
          </Alert>
        )}
        <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5 }}>
          <Field label="Time">{frameTime(m.ts)}</Field>
          <Field label="Charger">{m.chargerId}</Field>
          <Field label="Direction">{m.direction === 'in' ? 'Received from the charger' : 'Sent to the charger'}</Field>
          <Field label="Message id">{m.messageId ?? '—'}</Field>
          <Field label="Log entry">#{m.id}</Field>
        </Box>
        <Box>
          <Typography variant="subtitle2" component="h3" gutterBottom>
            Frame
          </Typography>
          <Json text={pretty} label="The frame as JSON" search={search} />
        </Box>
        {m.kind !== 'INVALID' && (
          <Box>
            <Typography variant="subtitle2" component="h3" gutterBottom>
              {isCall ? 'Response' : 'Request'}
              {ms !== null && (
                <Typography component="span" variant="body2" color="text.secondary">
                  {' '}
                  · {isCall ? 'answered' : 'asked'} {ms} ms {isCall ? 'later' : 'earlier'}
                </Typography>
              )}
            </Typography>
            {other.loading && (
              <Typography variant="body2" color="text.secondary">
                Looking for it…
              </Typography>
            )}
            {other.error && <Alert severity="warning">{other.error}</Alert>}
            {!other.loading && !other.error && !other.frame && (
              <Typography variant="body2" color="text.secondary">
                {isCall ? 'No answer within a minute of this request.' : 'No request with this message id in the minute before.'}
              </Typography>
            )}
            {other.frame && (
              <>
                <Typography variant="body2" color="text.secondary" gutterBottom>
                  {other.frame.kind} at {frameTime(other.frame.ts)}
                </Typography>
                <Json text={prettyFrame(other.frame.raw)} label={isCall ? 'The response as JSON' : 'The request as JSON'} />
              </>
            )}
          </Box>
        )}
      </Box>
    </Paper>
  );
}
