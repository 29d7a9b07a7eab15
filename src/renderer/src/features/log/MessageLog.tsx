// The message log: every frame the bench exchanged, of all chargers or one, filtered and searched (the
// search text marked in the rows), newest first, a million of them as smoothly as ten. The view stays
// put while frames arrive ("N new frames") unless it follows live; a frame opens beside the list in full,
// and stays the frame picked (by its id) as the filter changes, saying so when the list no longer holds it;
// frames picked one by one copy or export as the JSON export writes them; the filtered log exports to CSV or JSON.
// The filters and the open frame are kept in the URL (logUrl.ts): a reload, a copied link, Back and Forward
// show the same view (a filter picked is a step in the history; typing a search or a time, or moving
// through frames, is not). While the link to the bench is lost, the rows are said to be as last read; rows
// of another filter are never shown as this one's result (they go when its read fails).
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import FormControlLabel from '@mui/material/FormControlLabel';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import DownloadIcon from '@mui/icons-material/Download';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { copyText } from '../../components/CopyButton';
import { useExporting } from '../../components/useExporting';
import { downloadText } from '../../components/download';
import type { MessageFilter } from '../../../../shared/api/contract';
import type { MessageView } from '../../../../shared/api/views';
import { useClient } from '../../api/context';
import { cleanFilter, localToIso, matchesFilter } from './frame';
import { jsonExportText } from '../../../../shared/api/message-export';
import { FrameDetail } from './FrameDetail';
import { emptyFields, hasFilters, LogFilters, type FilterFields } from './LogFilters';
import { isTyping, logQueryOf, readLogUrl } from './logUrl';
import { withLogQuery } from '../../app/routes';
import { useLogView } from './useLogView';
import { VirtualLog } from './VirtualLog';
import { useNow } from '../../components/reach';
import { EXPORT_TIMES_NOTE, formatClock } from '../../components/format';
import { useBench } from '../../stores/bench';

const number = (n: number) => n.toLocaleString();
/** How long a notice of something that went well stays. */
const NOTICE_MS = 6000;

function toFilter(f: FilterFields): MessageFilter {
  return cleanFilter({
    chargerId: f.chargerId || undefined,
    actions: f.actions,
    direction: f.direction || undefined,
    kinds: f.kinds as MessageFilter['kinds'],
    errorsOnly: f.errorsOnly,
    from: localToIso(f.from),
    to: localToIso(f.to, true),
    search: f.search,
  });
}

export function MessageLog({ chargerId }: { chargerId?: string }) {
  const client = useClient();
  // The URL holds the filters and the open frame. The fields answer at once and are written to the URL; a
  // URL that changes otherwise (a link, Back or Forward, another charger's tab) sets them.
  const [params, setParams] = useSearchParams();
  const url = readLogUrl(params, chargerId);
  const urlFields = JSON.stringify(url.fields);
  const openId = url.frame;
  const [fields, setFieldsNow] = useState<FilterFields>(url.fields);
  const fieldsNow = useRef(fields);
  fieldsNow.current = fields;
  const written = useRef(urlFields);
  // Counts the fields set by the URL: the search box then drops what was being typed (LogFilters).
  const [navigated, setNavigated] = useState(0);
  useEffect(() => {
    if (urlFields === written.current) return;
    written.current = urlFields;
    setFieldsNow(JSON.parse(urlFields) as FilterFields);
    setNavigated((n) => n + 1);
  }, [urlFields]);
  const setFields = useCallback(
    (f: FilterFields) => {
      // Typing (a search, a time) replaces the URL; a filter picked is a step Back undoes.
      const replace = isTyping(fieldsNow.current, f);
      fieldsNow.current = f;
      setFieldsNow(f);
      // The frame open stays open (one the URL is being changed to, too).
      const frame = wanted.current !== undefined ? wanted.current : readLogUrl(params).frame;
      const next = withLogQuery(params, logQueryOf(f, chargerId !== undefined, frame));
      written.current = JSON.stringify(readLogUrl(next, chargerId).fields);
      setParams(next, { replace });
    },
    [params, setParams, chargerId],
  );
  const filterKey = JSON.stringify(toFilter(fields));
  const filter = useMemo(() => JSON.parse(filterKey) as MessageFilter, [filterKey]);

  const [following, setFollow] = useState(true);
  // A range that ends in the past gets no new frames: there is nothing live to follow.
  const now = useNow();
  const rangeEnded = filter.to !== undefined && Date.parse(filter.to) < now;
  const follow = following && !rangeEnded;
  const { view, ensure, rowAt, indexOf, grow, locate, repin, retry } = useLogView(filter, follow);
  const filterNow = useRef(filter);
  filterNow.current = filter;
  // The selection is a frame (its id), not a place in the list: another filter or newer frames move it.
  // Its place is known once the row is read (`index`: where it was picked, in `generation`); a row the
  // keyboard moved to before its page came is known by place only until then.
  const [selection, setSelection] = useState<{ id: number | null; index: number; generation: number } | null>(null);
  // The frame open is the one the URL names (`frame`): its row, once read (picked from the list, or asked for by a link).
  const [openRow, setOpenRow] = useState<MessageView | null>(null);
  const openIdNow = useRef(openId);
  openIdNow.current = openId;
  // The frame the URL is being changed to (undefined: none), until the URL says it: meanwhile the frame it
  // still names is not read, and the row picked shows (the detail does not blink out while the URL follows).
  const wanted = useRef<number | null | undefined>(undefined);
  const shownId = wanted.current !== undefined ? wanted.current : openId;
  const open = shownId !== null && openRow?.id === shownId ? openRow : null;
  const setOpen = useCallback(
    (m: MessageView | null) => {
      if (m) setOpenRow(m);
      const id = m?.id ?? null;
      if (id === openIdNow.current) return;
      wanted.current = id;
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          if (m) next.set('frame', String(m.id));
          else next.delete('frame');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const [toTop, setToTop] = useState(0);
  const [exportMenu, setExportMenu] = useState<HTMLElement | null>(null);
  // What an action said (an export, a copy, a link's frame not found), in the toolbar, never over the rows.
  // One about this view of the log (`view`: its filter) goes when the view changes; one that went well, after a few seconds.
  const [notice, setNotice] = useState<{ text: string; error: boolean; view?: string } | null>(null);
  useEffect(() => setNotice((n) => (n?.view !== undefined && n.view !== filterKey ? null : n)), [filterKey]);
  useEffect(() => {
    if (!notice || notice.error) return;
    const t = setTimeout(() => setNotice((n) => (n === notice ? null : n)), NOTICE_MS);
    return () => clearTimeout(t);
  }, [notice]);
  const root = useRef<HTMLDivElement>(null);
  const [picked, setPicked] = useState<Map<number, MessageView>>(() => new Map());
  const lastPicked = useRef<number | null>(null);
  // Another filter is another list: what was picked from the last one goes.
  useEffect(() => {
    setPicked(new Map());
    lastPicked.current = null;
  }, [filterKey]);
  const pickedIds = useMemo(() => new Set(picked.keys()), [picked]);
  const onPick = useCallback(
    (index: number, range: boolean) => {
      const from = range && lastPicked.current !== null ? Math.min(lastPicked.current, index) : index;
      const to = range && lastPicked.current !== null ? Math.max(lastPicked.current, index) : index;
      const at = rowAt(index);
      if (!at) return;
      setPicked((old) => {
        const next = new Map(old);
        // A range picks every loaded row in it; one row toggles.
        if (from === to) {
          if (next.has(at.id)) next.delete(at.id);
          else next.set(at.id, at);
        } else
          for (let i = from; i <= to; i++) {
            const m = rowAt(i);
            if (m) next.set(m.id, m);
          }
        return next;
      });
      lastPicked.current = index;
    },
    [rowAt],
  );
  // The same text, frame for frame, as the JSON export of the filter writes (oldest first).
  const pickedFrames = () => jsonExportText([...picked.values()]);
  const copyPicked = async () => {
    const ok = await copyText(pickedFrames());
    setNotice(
      ok
        ? { text: `Copied ${picked.size} frame${picked.size === 1 ? '' : 's'} as JSON`, error: false, view: filterKey }
        : { text: 'Could not copy: export them instead', error: true, view: filterKey },
    );
  };
  const exportPicked = () => {
    downloadText(`chargebench-frames-${chargerId ?? 'all'}-${picked.size}.json`.replace(/[^\w.-]+/g, '_'), pickedFrames());
    setNotice({ text: `The ${picked.size} picked frame${picked.size === 1 ? '' : 's'} download${picked.size === 1 ? 's' : ''} as JSON`, error: false, view: filterKey });
  };

  // Each new view of the log starts at its top; the frame selected stays selected.
  useEffect(() => {
    setToTop((t) => t + 1);
  }, [view.generation]);
  // Within a view, places do not move; in another, the frame is found where it is now (if it is there and read).
  const selected = !selection ? null : selection.generation === view.generation ? selection.index : selection.id === null ? null : indexOf(selection.id);

  // A frame opened by a link (or from another frame) that the filter holds: the list is brought to it, the
  // row marked, and Follow live turned off while it is looked at (`heldFor`), so new frames do not move it away.
  const [bringing, setBringing] = useState<number | null>(null);
  const [heldFor, setHeldFor] = useState<number | null>(null);
  const [scrollTo, setScrollTo] = useState({ index: 0, n: 0 });
  const showNew = () => {
    void repin();
    setToTop((t) => t + 1);
  };
  const setFollowing = (on: boolean) => {
    setFollow(on);
    if (on) {
      setHeldFor(null);
      showNew();
    }
  };

  const bringTo = useCallback((m: MessageView) => {
    if (!matchesFilter(m, filterNow.current)) return;
    setFollow(false);
    setHeldFor(m.id);
    setBringing(m.id);
  }, []);
  useEffect(() => {
    if (bringing === null || view.counting || view.stale || view.unread || !view.pin) return;
    let live = true;
    locate(bringing).then(
      (at) => {
        if (!live || at === 'moved') return;
        if (at === 'newer') return void repin();
        setBringing(null);
        if (!at) return;
        setSelection({ id: bringing, index: at.index, generation: at.generation });
        setScrollTo((s) => ({ index: at.index, n: s.n + 1 }));
      },
      () => live && setBringing(null),
    );
    return () => void (live = false);
  }, [bringing, view.counting, view.stale, view.unread, view.pin, view.generation, locate, repin]);
  // Another filter: the frame is sought in it no longer (it stays selected, and shows where the new view has it).
  useEffect(() => setBringing(null), [filterKey]);

  const onSelect = useCallback(
    (i: number) => {
      const m = rowAt(i);
      setSelection({ id: m?.id ?? null, index: i, generation: view.generation });
      // The open frame follows the selection, as the arrow keys move it.
      if (m && openId !== null) setOpen(m);
      // What the user is looking at must not move under them.
      setFollow(false);
    },
    [rowAt, view.generation, openId, setOpen],
  );
  const onOpen = useCallback(
    (i: number) => {
      const m = rowAt(i);
      if (m) setOpen(m);
    },
    [rowAt, setOpen],
  );
  // A frame the URL names that is not the row read: read it (a link, a reload, Back or Forward), and select it in the list.
  useEffect(() => {
    if (wanted.current === openId) wanted.current = undefined;
    else if (wanted.current !== undefined) return;
    if (openId === null || openRow?.id === openId) return;
    let live = true;
    client.call('messages:page', { ...(chargerId ? { chargerId } : {}), upToId: openId, limit: 1 }).then(
      (rows) => {
        if (!live) return;
        const m = rows[0];
        if (m?.id === openId) {
          setOpenRow(m);
          setSelection({ id: m.id, index: -1, generation: -1 });
          bringTo(m);
        } else setNotice({ text: `Frame #${openId} is not in ${chargerId ? `${chargerId}'s` : 'the'} message log: it may have been deleted (Settings says how long the log is kept).`, error: true });
      },
      (e: Error) => live && setNotice({ text: `Frame #${openId} could not be read: ${e.message}`, error: true }),
    );
    return () => void (live = false);
  }, [client, openId, openRow, chargerId, bringTo]);
  // A row selected before its page came: once it is read, it is that frame (and the open one follows).
  useEffect(() => {
    if (!selection || selection.id !== null || selection.generation !== view.generation) return;
    const m = rowAt(selection.index);
    if (!m) return;
    setSelection({ ...selection, id: m.id });
    if (openId !== null) setOpen(m);
  }, [selection, view.generation, view.version, rowAt, openId, setOpen]);
  // The frame open is still the one picked, whatever the filter: it says so when the list no longer holds it.
  const openOutside = open !== null && (!matchesFilter(open, filter) || (!view.counting && !view.unread && view.count === 0) || (view.pin > 0 && open.id > view.pin));
  const onAwayFromTop = useCallback((away: boolean) => {
    if (away) setFollow(false);
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      e.stopPropagation();
      setOpen(null);
      root.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();
    }
  };

  const exports = useExporting();
  const runExport = (format: 'csv' | 'json') => {
    setExportMenu(null);
    const key = filterKey;
    return exports.run(async () => {
      try {
        const r = await client.exportMessages({ filter, format });
        if (r.saved)
          setNotice({
            text:
              client.face === 'desktop'
                ? `Exported the log as ${format.toUpperCase()} to ${r.where ?? 'the file you chose'}`
                : `The log downloads as ${format.toUpperCase()} to ${r.where ?? "the browser's downloads"}`,
            error: false,
            view: key,
          });
      } catch (e) {
        setNotice({ text: `The export failed: ${(e as Error).message}`, error: true, view: key });
      }
    });
  };

  const filtered = hasFilters(fields, chargerId !== undefined);
  // The link to the bench lost: what the list holds is as last read (the frames logged since come when it is back).
  const linkDown = useBench((s) => s.link !== 'open');
  const counted = view.counting
    ? filter.search
      ? 'Searching…'
      : 'Counting…'
    : view.unread
      ? 'Not read'
      : `${view.capped ? `More than ${number(view.count)} frames` : `${number(view.count)} frame${view.count === 1 ? '' : 's'}`}${linkDown && view.readAt !== null ? `, as last read at ${formatClock(view.readAt)} (the link to the bench is lost)` : ''}`;

  return (
    <Box ref={root} onKeyDown={onKeyDown} sx={{ display: 'flex', flexDirection: 'column', gap: 1.5, height: '100%', minHeight: 480 }}>
      <LogFilters fields={fields} onChange={setFields} fixedCharger={chargerId !== undefined} navigated={navigated} />
      <Stack direction="row" useFlexGap sx={{ alignItems: 'center', minHeight: 36, flexWrap: 'wrap', columnGap: 2, rowGap: 0.5 }}>
        <Typography variant="body2" color="text.secondary" role="status" aria-live="polite" sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          {view.counting && <CircularProgress size={14} aria-hidden />}
          {counted}
        </Typography>
        {filtered && (
          <Button
            size="small"
            onClick={() => {
              // As a step from outside the filters: a search still being typed is dropped with the rest.
              setNavigated((n) => n + 1);
              setFields({ ...emptyFields, chargerId: chargerId ?? '' });
            }}
          >
            Clear filters
          </Button>
        )}
        {!follow && view.newFrames > 0 && (
          <Button size="small" variant="outlined" startIcon={<ArrowUpwardIcon />} onClick={showNew}>
            {number(view.newFrames)} new frame{view.newFrames === 1 ? '' : 's'} — show
          </Button>
        )}
        {notice && (
          <Alert
            severity={notice.error ? 'error' : 'success'}
            role={notice.error ? 'alert' : 'status'}
            onClose={() => setNotice(null)}
            sx={{ py: 0, minWidth: 0, '& .MuiAlert-icon, & .MuiAlert-message': { py: 0.5 }, '& .MuiAlert-action': { pt: 0 } }}
          >
            {notice.text}
          </Alert>
        )}
        <Box sx={{ flex: 1 }} />
        {picked.size > 0 && (
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} role="group" aria-label="Picked frames">
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {number(picked.size)} picked
            </Typography>
            <Button size="small" startIcon={<ContentCopyIcon />} onClick={() => void copyPicked()}>
              Copy as JSON
            </Button>
            <Button size="small" startIcon={<DownloadIcon />} onClick={exportPicked} title={EXPORT_TIMES_NOTE}>
              Export picked
            </Button>
            <Button size="small" color="inherit" onClick={() => setPicked(new Map())}>
              Clear
            </Button>
          </Stack>
        )}
        <FormControlLabel
          control={<Switch size="small" checked={follow} disabled={rangeEnded} onChange={(e) => setFollowing(e.target.checked)} />}
          label={
            rangeEnded
              ? 'Follow live (the time range has ended: nothing new comes in it)'
              : !follow && heldFor !== null && open?.id === heldFor
                ? `Follow live (off to keep frame #${heldFor} in view)`
                : 'Follow live'
          }
        />
        <Button
          size="small"
          startIcon={exports.exporting ? <CircularProgress size={14} aria-hidden /> : <DownloadIcon />}
          onClick={(e) => setExportMenu(e.currentTarget)}
          aria-haspopup="menu"
          aria-controls={exportMenu ? 'log-export-menu' : undefined}
          disabled={!view.count || view.stale || exports.exporting}
          title={EXPORT_TIMES_NOTE}
        >
          {exports.exporting ? 'Exporting…' : 'Export'}
        </Button>
        <Menu id="log-export-menu" anchorEl={exportMenu} open={!!exportMenu} onClose={() => setExportMenu(null)}>
          <MenuItem onClick={() => void runExport('csv')}>Export as CSV</MenuItem>
          <MenuItem onClick={() => void runExport('json')}>Export as JSON</MenuItem>
          <Typography component="li" variant="caption" color="text.secondary" data-testid="log-export-times" sx={{ display: 'block', px: 2, pt: 0.5 }}>
            {EXPORT_TIMES_NOTE}
          </Typography>
        </Menu>
      </Stack>
      {view.error && (
        <Alert
          severity="error"
          action={
            <Button color="inherit" size="small" onClick={() => void retry()}>
              Retry
            </Button>
          }
        >
          The log could not be read: {view.error}
        </Alert>
      )}
      <Box sx={{ flex: 1, minHeight: 0, display: 'flex', gap: 1.5 }}>
        <Paper aria-busy={view.stale} sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', overflow: 'hidden', opacity: view.stale ? 0.55 : 1, transition: 'opacity 150ms' }}>
          {!view.counting && view.unread ? (
            <Box sx={{ m: 'auto', p: 4, textAlign: 'center' }}>
              <Typography variant="subtitle1">{filtered ? 'The frames of these filters are not read yet' : 'The log is not read yet'}</Typography>
              <Typography variant="body2" color="text.secondary">
                They show here once the bench answers: the log reads again by itself when the link to the bench is back.
              </Typography>
            </Box>
          ) : !view.counting && view.count === 0 ? (
            <Box sx={{ m: 'auto', p: 4, textAlign: 'center' }}>
              <Typography variant="subtitle1">{filtered ? 'No frames match these filters' : 'No frames yet'}</Typography>
              <Typography variant="body2" color="text.secondary">
                {filtered
                  ? 'Widen the time range or clear a filter (Clear filters, above).'
                  : chargerId
                    ? 'Frames appear here as soon as this charger talks to the bench.'
                    : 'Frames appear here as soon as a charger talks to the bench.'}
              </Typography>
            </Box>
          ) : (
            <VirtualLog
              label={chargerId ? `Frames of ${chargerId}` : 'Frames'}
              count={view.count}
              generation={view.generation}
              version={view.version}
              rowAt={rowAt}
              ensure={ensure}
              onNearEnd={view.capped && !view.counting ? grow : undefined}
              showCharger={!chargerId}
              selected={selected}
              onSelect={onSelect}
              onOpen={onOpen}
              onAwayFromTop={onAwayFromTop}
              toTop={toTop}
              scrollTo={scrollTo}
              picked={pickedIds}
              onPick={onPick}
              search={filter.search}
            />
          )}
        </Paper>
        {open && (
          <FrameDetail
            m={open}
            onClose={() => setOpen(null)}
            search={filter.search}
            outsideFilter={openOutside}
            onOpenFrame={(m) => {
              setOpen(m);
              setSelection({ id: m.id, index: -1, generation: -1 });
              bringTo(m);
            }}
          />
        )}
      </Box>
    </Box>
  );
}
