// One frame in full, beside the log: who sent it and when, the error the bench flagged, the frame
// pretty-printed or exactly as sent (copyable as either), and the matching request or response with the
// time between them; a request without one says what the record knows of why, until its answer comes
// (followed live). A frame kept open after the filter changed says when it is no longer in the list.
import { useEffect, useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import CloseIcon from '@mui/icons-material/Close';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import type { MessageView } from '../../../../shared/api/views';
import { useClient } from '../../api/context';
import { monoFont } from '../../app/theme';
import { canFormat, frameTime, jsonTokens, prettyFrame, prettyRewrites } from './frame';
import { marked } from './Highlight';
import { prettyMatches, searchMatches } from './searchMatch';
import { ANSWER_WINDOW_MS as MATCH_WINDOW_MS, isMalformedAnswer, noAnswerLines, useMalformedAnswer, useNoAnswer, type NoAnswerFacts } from './noAnswer';
import { useNow } from '../../components/reach';
import { frameTitle, NO_MESSAGE_ID, useUnreadableAsked } from './frameTitle';
import { isWarningNote } from '../../../../shared/api/frame-note';

/** How a frame is shown: pretty-printed, or its text exactly as it was sent. */
type Shown = 'formatted' | 'raw';

/**
 * A frame's text, coloured, the search marked where it matches (`pretty`: the frame formatted, where a
 * match the frame holds without spaces is marked too), across tokens when a match spans several.
 */
function Json({ text, label, search, pretty = false }: { text: string; label: string; search?: string; pretty?: boolean }) {
  const theme = useTheme();
  const matches = useMemo(() => (pretty ? prettyMatches(text, search) : searchMatches(text, search)), [text, search, pretty]);
  let offset = 0;
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
        ? marked(text, matches)
        : jsonTokens(text).map((t, i) => {
            const at = offset;
            offset += t.text.length;
            return (
              <span key={i} style={t.type === 'plain' ? undefined : { color: colours[t.type] }}>
                {marked(t.text, matches, at)}
              </span>
            );
          })}
    </Box>
  );
}

/** One fact of the frame; `wide`: its value takes the rest of the line (else two facts share one). */
function Field({ label, children, wide = false }: { label: string; children: React.ReactNode; wide?: boolean }) {
  return (
    <>
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0, fontFamily: monoFont, fontSize: 13, wordBreak: 'break-all', gridColumn: wide ? 'span 3' : undefined }}>
        {children}
      </Typography>
    </>
  );
}

/**
 * One frame, whichever copy of its row is given: the log hands a fresh row object each time the same
 * frame is picked again, and what was found of it (its answer, logged live) must stay.
 */
const frameKey = (m: Pick<MessageView, 'id' | 'chargerId' | 'messageId' | 'direction'>): string => `${m.id}|${m.chargerId}|${m.messageId ?? ''}|${m.direction}`;

/**
 * The request of a response, or the response of a request: same charger and message id, the other way.
 * `answeredAt`: when an answer to this request was logged live since it was opened: it is read again, as
 * far as then, what was found before staying until the new reading is in.
 */
function useCounterpart(m: MessageView, answeredAt: string | null) {
  const client = useClient();
  const key = frameKey(m);
  const [state, setState] = useState<{ key: string; loading: boolean; frame: MessageView | null; error: string | null }>({ key, loading: true, frame: null, error: null });
  const { id, chargerId, messageId, direction, kind, ts } = m;
  useEffect(() => {
    if (kind === 'INVALID' || !messageId) return setState({ key, loading: false, frame: null, error: null });
    let live = true;
    setState((s) => (s.key === key && !s.loading ? s : { key, loading: true, frame: null, error: null }));
    const t = Date.parse(ts);
    const isCall = kind === 'CALL';
    const filter = {
      chargerId,
      kinds: isCall ? (['CALLRESULT', 'CALLERROR'] as const).slice() : (['CALL'] as const).slice(),
      search: JSON.stringify(messageId),
      from: new Date(isCall ? t : t - MATCH_WINDOW_MS).toISOString(),
      to: new Date(isCall ? Math.max(t + MATCH_WINDOW_MS, answeredAt ? Date.parse(answeredAt) : 0) : t).toISOString(),
    };
    client.call('messages:page', { ...filter, limit: 20 }).then(
      (rows) => {
        if (!live) return;
        const same = rows.filter((r) => r.messageId === messageId && r.direction !== direction && r.id !== id);
        // A request's answer is the first after it; a response's request the last before it.
        const frame = isCall ? (same.filter((r) => r.id > id).at(-1) ?? null) : (same.find((r) => r.id < id) ?? null);
        setState({ key, loading: false, frame, error: null });
      },
      (e: Error) => live && setState({ key, loading: false, frame: null, error: e.message }),
    );
    return () => void (live = false);
  }, [client, key, id, chargerId, messageId, direction, kind, ts, answeredAt]);
  // Until the effect has run for a newly picked frame, the last one's answer is not this one's.
  return state.key === key ? state : { key, loading: true, frame: null, error: null };
}

/**
 * What happens live that bears on an open request's answer: the answer logged (when, for useCounterpart),
 * or the bench's operation of it ending or the charger's connection closing or being replaced (`changes`,
 * for useNoAnswer), so the detail does not go on saying "no answer" once that is no longer so.
 */
function useLiveAnswer(m: MessageView, waiting: boolean) {
  const client = useClient();
  const key = frameKey(m);
  const [live, setLive] = useState<{ key: string; answeredAt: string | null; changes: number }>({ key, answeredAt: null, changes: 0 });
  const { chargerId, messageId, direction, action } = m;
  useEffect(() => {
    if (!waiting) return;
    return client.subscribe((events) => {
      let answeredAt: string | null = null;
      let changed = false;
      for (const e of events) {
        if (e.type === 'frameLogged') {
          const f = e.message;
          if (f.chargerId === chargerId && f.messageId === messageId && f.direction !== direction && (f.kind === 'CALLRESULT' || f.kind === 'CALLERROR')) answeredAt = f.ts;
          // A malformed answer is an answer too: the detail says it is recorded.
          else if (isMalformedAnswer(m, f)) answeredAt = f.ts;
        } else if (e.type === 'operationFinished') changed ||= e.operation.chargerId === chargerId && e.operation.action === action;
        else if (e.type === 'chargerDisconnected' || e.type === 'chargerConnected') changed ||= e.chargerId === chargerId;
      }
      if (answeredAt || changed) setLive((l) => (l.key === key ? { key, answeredAt: answeredAt ?? l.answeredAt, changes: l.changes + 1 } : { key, answeredAt, changes: 1 }));
    });
  }, [client, key, m, chargerId, messageId, direction, action, waiting]);
  return live.key === key ? live : { key, answeredAt: null, changes: 0 };
}

/** What the record knows of a request without an answer, its "since" kept true as the detail stays open. */
function NoAnswerLines({ m, facts, malformed }: { m: MessageView; facts: NoAnswerFacts; malformed: MessageView | null }) {
  const lines = noAnswerLines(m, facts, useNow(1000), malformed);
  return (
    <Box aria-label="What happened to this request" sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }}>
      {lines.map((line, i) => (
        <Typography key={line} variant="body2" color={i === 0 ? 'text.secondary' : 'text.primary'}>
          {line}
        </Typography>
      ))}
    </Box>
  );
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

export function FrameDetail({
  m: given,
  onClose,
  search,
  outsideFilter = false,
  onOpenFrame,
}: {
  m: MessageView;
  onClose: () => void;
  search?: string;
  outsideFilter?: boolean;
  /** Opens another frame in the detail (a malformed answer's, or the unreadable frame an answer answers). */
  onOpenFrame?: (m: MessageView) => void;
}) {
  // The first copy of the frame stands while the same frame stays open (the log gives a fresh one when it is picked again).
  const key = frameKey(given);
  const m = useMemo(() => given, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  const rewrites = prettyRewrites(m.raw);
  // A frame that is not JSON (a truncated one) cannot be formatted: it is only shown as sent.
  const formattable = canFormat(m.raw);
  const [choice, setChoice] = useState<Shown | null>(null);
  // Formatted reads best; a frame whose formatting would change what it says opens as sent.
  const shown: Shown = !formattable ? 'raw' : (choice ?? (rewrites ? 'raw' : 'formatted'));
  const text = (raw: string) => (shown === 'raw' ? raw : prettyFrame(raw));
  const isCall = m.kind === 'CALL';
  // Listened for from the moment the request is opened (an answer logged while the first look was on its
  // way is looked for again).
  const liveAnswer = useLiveAnswer(m, isCall);
  const other = useCounterpart(m, liveAnswer.answeredAt);
  const unanswered = useNoAnswer(m, isCall && !other.loading && !other.error && !other.frame, liveAnswer.changes);
  // A request without a well-formed answer may have one the bench could not read, recorded as invalid.
  const malformed = useMalformedAnswer(m, isCall && !other.loading && !other.error && !other.frame, liveAnswer.answeredAt, liveAnswer.changes);
  // An answer without a request found may answer the unreadable frame just before it (the bench's CALLERROR to one).
  const asked = useUnreadableAsked(m, !isCall && !other.loading && !other.error && !other.frame);
  const title = frameTitle(m, { looked: !other.loading && !other.error && !asked.loading && !asked.error, request: other.frame, unreadable: asked.frame });
  // What the last copy said, and which copy it was (the frame as sent, or formatted).
  const [copied, setCopied] = useState<{ what: Shown; said: string } | null>(null);
  useEffect(() => setCopied(null), [key]);
  const copyAs = (what: Shown) => void copy(what === 'raw' ? m.raw : prettyFrame(m.raw)).then((said) => setCopied({ what, said }));
  const done = (what: Shown) => copied?.what === what && copied.said === 'Copied';
  const ms = other.frame ? Math.abs(Date.parse(other.frame.ts) - Date.parse(m.ts)) : null;

  return (
    <Paper
      component="aside"
      aria-label="Frame details"
      sx={{ width: { xs: '100%', md: 360, lg: 420, xl: 460 }, flexShrink: 0, display: 'flex', flexDirection: 'column', minHeight: 0, overflow: 'hidden' }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', px: 2, py: 1, borderBottom: 1, borderColor: 'divider' }}>
        <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, flex: 1, minWidth: 0, lineHeight: 1.35, overflowWrap: 'anywhere' }}>
          {title}
        </Typography>
        <Tooltip title="Copy the frame exactly as it was sent" describeChild>
          <Button size="small" startIcon={<ContentCopyIcon />} onClick={() => copyAs('raw')}>
            {done('raw') ? 'Copied' : 'Copy raw'}
          </Button>
        </Tooltip>
        <Tooltip title="Close (Esc)">
          <IconButton size="small" onClick={onClose} aria-label="Close frame details">
            <CloseIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Stack>
      <Box sx={{ p: 2, overflow: 'auto', display: 'flex', flexDirection: 'column', gap: 1.5 }}>
        {outsideFilter && (
          <Alert severity="info" role="status">
            Not in the current filter: the list no longer shows this frame. It stays open here until you close it or pick another one.
          </Alert>
        )}
        {copied && copied.said !== 'Copied' && <Alert severity="warning">{copied.said}</Alert>}
        {m.error && (
          <Alert severity={isWarningNote(m.error) ? 'warning' : 'error'} title="Flagged by the bench">
            {m.error}
          </Alert>
        )}
        {/* Compact, so the frame itself starts high in the pane: the charger and the log entry share a line. */}
        <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr) max-content max-content', columnGap: 1.5, rowGap: 0.25, alignItems: 'baseline' }}>
          <Field label="Time" wide>
            {frameTime(m.ts)}
          </Field>
          <Field label="Charger">{m.chargerId}</Field>
          <Field label="Log entry">#{m.id}</Field>
          <Field label="Direction" wide>
            {m.direction === 'in' ? 'Received from the charger' : 'Sent to the charger'}
          </Field>
          <Field label="Message id" wide>
            {m.messageId ?? '—'}
          </Field>
        </Box>
        <Box>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 0.75 }}>
            <Typography variant="subtitle2" component="h3" sx={{ flex: 1 }}>
              Frame
            </Typography>
            {shown === 'formatted' && (
              <Button size="small" onClick={() => copyAs('formatted')}>
                {done('formatted') ? 'Copied' : 'Copy formatted'}
              </Button>
            )}
            <ToggleButtonGroup size="small" exclusive value={shown} onChange={(_e, v: Shown | null) => v && setChoice(v)} aria-label="Show the frame">
              <ToggleButton value="formatted" disabled={!formattable} sx={{ py: 0.25, px: 1 }}>
                Formatted
              </ToggleButton>
              <ToggleButton value="raw" sx={{ py: 0.25, px: 1 }}>
                Raw
              </ToggleButton>
            </ToggleButtonGroup>
          </Stack>
          {!formattable && (
            <Alert severity="info" sx={{ mb: 1 }}>
              Shown exactly as sent: this frame is not valid JSON, so it cannot be formatted.
            </Alert>
          )}
          {rewrites && (
            <Alert severity={shown === 'raw' ? 'info' : 'warning'} sx={{ mb: 1 }}>
              {shown === 'raw'
                ? 'Shown exactly as sent: formatted, this frame would read differently (a number written another way, such as 1.0 as 1, a key given twice shown once, or an escape written out).'
                : 'Formatted, this frame reads differently from what was sent (a number written another way, a key given twice shown once, or an escape written out): Raw shows the exact text.'}
            </Alert>
          )}
          <Json text={text(m.raw)} label={shown === 'raw' ? 'The frame as sent' : 'The frame as JSON'} search={search} pretty={shown === 'formatted'} />
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
            {(other.loading || unanswered.loading || malformed.loading || asked.loading) && (
              <Typography variant="body2" color="text.secondary">
                Looking for it…
              </Typography>
            )}
            {other.error && <Alert severity="warning">{other.error}</Alert>}
            {asked.error && <Alert severity="warning">Whether it answers the frame before it could not be read: {asked.error}</Alert>}
            {!other.loading && !other.error && !other.frame && !isCall && !asked.loading && !asked.error && !asked.frame && (
              <Typography variant="body2" color="text.secondary">
                {m.messageId === NO_MESSAGE_ID
                  ? 'Under message id -1: it answers a frame that could not be read. No unreadable frame from this charger is recorded just before it.'
                  : 'No request with this message id in the minute before.'}
              </Typography>
            )}
            {!asked.loading && asked.frame && (
              <>
                <Typography variant="body2" color="text.secondary" gutterBottom>
                  It answers the unreadable frame just before it: log entry #{asked.frame.id}, {Math.max(0, Date.parse(m.ts) - Date.parse(asked.frame.ts))} ms earlier.
                </Typography>
                {onOpenFrame && (
                  <Button size="small" sx={{ alignSelf: 'flex-start', my: 0.5 }} onClick={() => onOpenFrame(asked.frame!)}>
                    Open log entry #{asked.frame.id}
                  </Button>
                )}
                <Json text={asked.frame.raw} label="The unreadable frame as sent" />
              </>
            )}
            {!unanswered.loading && !malformed.loading && unanswered.facts && <NoAnswerLines m={m} facts={unanswered.facts} malformed={malformed.frame} />}
            {unanswered.error && <Alert severity="warning">{unanswered.error}</Alert>}
            {malformed.error && <Alert severity="warning">Whether a malformed answer is recorded could not be read: {malformed.error}</Alert>}
            {!malformed.loading && malformed.frame && (
              <>
                {onOpenFrame && (
                  <Button size="small" sx={{ alignSelf: 'flex-start', my: 0.5 }} onClick={() => onOpenFrame(malformed.frame!)}>
                    Open log entry #{malformed.frame.id}
                  </Button>
                )}
                <Json text={malformed.frame.raw} label="The malformed answer as sent" />
              </>
            )}
            {other.frame && (
              <>
                <Typography variant="body2" color="text.secondary" gutterBottom>
                  {other.frame.kind} at {frameTime(other.frame.ts)}
                </Typography>
                <Json
                  text={text(other.frame.raw)}
                  label={isCall ? (shown === 'raw' ? 'The response as sent' : 'The response as JSON') : shown === 'raw' ? 'The request as sent' : 'The request as JSON'}
                />
              </>
            )}
          </Box>
        )}
      </Box>
    </Paper>
  );
}
