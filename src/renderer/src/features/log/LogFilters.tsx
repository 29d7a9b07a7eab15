// The log's filter bar: charger, actions, direction, kind, errors only, time range and a search.
// Typing in the search waits for a pause before the log is read again. What a search finds is said in one
// short line under the search box, the detail in the tooltip of its info button (and read out in full).
import { memo, useEffect, useMemo, useState } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import SearchIcon from '@mui/icons-material/Search';
import InfoOutlinedIcon from '@mui/icons-material/InfoOutlined';
import { visuallyHidden } from '@mui/utils';
import { allActions } from '../../../../shared/ocpp16';
import { messageKinds } from '../../../../shared/api/contract';
import { useBench } from '../../stores/bench';
import { ChargerBadges, renderChargerOption } from '../../components/ChargerBadges';
import { localTimeNote } from '../../components/format';
import { tabOverParts } from './tabOut';

/** The filter as the fields hold it: times as the datetime-local fields give them (local time). */
export interface FilterFields {
  chargerId: string;
  actions: string[];
  direction: '' | 'in' | 'out';
  kinds: string[];
  errorsOnly: boolean;
  from: string;
  to: string;
  search: string;
}

export const emptyFields: FilterFields = { chargerId: '', actions: [], direction: '', kinds: [], errorsOnly: false, from: '', to: '', search: '' };

export const SEARCH_DEBOUNCE_MS = 300;
/** Wide enough for "Received from charger" whole (with the select's arrow). */
const DIRECTION_WIDTH = 230;
export const SEARCH_MAX = 200;
/** What a search finds (message-filter.ts searchForms, search-fold.ts): escaped or not, letters in any case (Ü finds ü too). */
const SEARCH_HINT = 'Finds the text escaped in the JSON too (\\" or \\u00e9); letters in any case, Ü or ü alike';
/** The same, in one line under the search box. */
const SEARCH_HINT_SHORT = 'Escaped forms too; any case';

/** The search's hint: one short line and an info button whose tooltip says it in full (a screen reader reads the full one). */
function SearchHint() {
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.25, whiteSpace: 'nowrap' }}>
      <span aria-hidden>{SEARCH_HINT_SHORT}</span>
      <Tooltip title={SEARCH_HINT}>
        <IconButton size="small" aria-label="What a search finds" sx={{ p: 0.25, my: -0.5 }}>
          <InfoOutlinedIcon sx={{ fontSize: 16 }} />
        </IconButton>
      </Tooltip>
      <Box component="span" sx={visuallyHidden}>
        {SEARCH_HINT}
      </Box>
    </Box>
  );
}
const actionOptions = [...allActions].sort();

export function hasFilters(f: FilterFields, fixedCharger: boolean): boolean {
  return (!fixedCharger && !!f.chargerId) || f.actions.length > 0 || !!f.direction || f.kinds.length > 0 || f.errorsOnly || !!f.from || !!f.to || !!f.search;
}

/** Rows arriving re-render the log, not the bar (its fields are costly to render). */
/** `navigated` counts the times the fields came from the URL (Back, Forward, a link): the search box then shows their search, and what was being typed is dropped. */
export const LogFilters = memo(function LogFilters({
  fields,
  onChange,
  fixedCharger,
  navigated = 0,
}: {
  fields: FilterFields;
  onChange: (f: FilterFields) => void;
  fixedCharger: boolean;
  navigated?: number;
}) {
  const chargerIds = useBench((s) => s.chargers);
  const chargerOptions = useMemo(() => Object.keys(chargerIds).sort(), [chargerIds]);
  const set = <K extends keyof FilterFields>(k: K, v: FilterFields[K]) => onChange({ ...fields, [k]: v });

  // The search box answers at once; the log follows after a pause in typing.
  const [search, setSearch] = useState(fields.search);
  useEffect(() => setSearch(fields.search), [fields.search]);
  // Fields from the URL: the box is reset before the pause below is waited for again, so typing cut short
  // by Back is not written over the step gone back to (its pending wait is cancelled with the old fields).
  const [seen, setSeen] = useState(navigated);
  if (seen !== navigated) {
    setSeen(navigated);
    setSearch(fields.search);
  }
  useEffect(() => {
    if (search === fields.search || search.length > SEARCH_MAX) return;
    const t = setTimeout(() => onChange({ ...fields, search }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [search, fields, onChange]);

  const timeOrder = fields.from && fields.to && fields.from > fields.to ? '"To" is before "From": no frame can match' : null;

  return (
    <Box role="search" aria-label="Filter the message log" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'flex-start' }}>
      <TextField
        size="small"
        label="Search frames"
        placeholder="e.g. an idTag"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        error={search.length > SEARCH_MAX}
        helperText={search.length > SEARCH_MAX ? `Search for at most ${SEARCH_MAX} characters` : <SearchHint />}
        sx={{ width: 220 }}
        slotProps={{
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon fontSize="small" />
              </InputAdornment>
            ),
          },
        }}
      />
      {!fixedCharger && (
        <Autocomplete
          size="small"
          freeSolo
          options={chargerOptions}
          value={fields.chargerId || null}
          onChange={(_e, v) => set('chargerId', v ?? '')}
          onInputChange={(_e, v, reason) => reason === 'clear' && set('chargerId', '')}
          onBlur={(e) => {
            const typed = (e.target as HTMLInputElement).value.trim();
            if (typed !== fields.chargerId) set('chargerId', typed);
          }}
          sx={{ width: 180 }}
          renderOption={renderChargerOption}
          renderInput={(params) => (
            <TextField
              {...params}
              label="Charger"
              placeholder="All chargers"
              slotProps={{ ...params.slotProps, input: { ...params.slotProps.input, startAdornment: fields.chargerId ? <ChargerBadges chargerId={fields.chargerId} compact /> : undefined } }}
            />
          )}
        />
      )}
      <Autocomplete
        size="small"
        multiple
        disableCloseOnSelect
        limitTags={2}
        options={actionOptions}
        value={fields.actions}
        onChange={(_e, v) => set('actions', v)}
        sx={{ flex: '1 1 200px', minWidth: 200, maxWidth: 420 }}
        slotProps={{ chip: { size: 'small' } }}
        renderInput={(params) => <TextField {...params} label="Actions" placeholder={fields.actions.length ? '' : 'All actions'} />}
      />
      <TextField select size="small" label="Direction" value={fields.direction} onChange={(e) => set('direction', e.target.value as FilterFields['direction'])} sx={{ width: DIRECTION_WIDTH }}>
        <MenuItem value="">Both directions</MenuItem>
        <MenuItem value="in">Received from charger</MenuItem>
        <MenuItem value="out">Sent to charger</MenuItem>
      </TextField>
      <TextField
        select
        size="small"
        label="Kind"
        value={fields.kinds}
        onChange={(e) => set('kinds', typeof e.target.value === 'string' ? e.target.value.split(',') : (e.target.value as string[]))}
        sx={{ width: 150 }}
        slotProps={{ select: { multiple: true, displayEmpty: true, renderValue: (v) => ((v as string[]).length ? (v as string[]).join(', ') : 'All kinds') }, inputLabel: { shrink: true } }}
      >
        {messageKinds.map((k) => (
          <MenuItem key={k} value={k} dense>
            <Checkbox size="small" checked={fields.kinds.includes(k)} sx={{ p: 0.5, mr: 1 }} />
            <ListItemText primary={k} />
          </MenuItem>
        ))}
      </TextField>
      {/* Tab passes each time field in one step (tabOut.ts); the arrow keys move between its parts. */}
      <TextField
        size="small"
        type="datetime-local"
        label="From"
        value={fields.from}
        onChange={(e) => set('from', e.target.value)}
        helperText={localTimeNote()}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { step: 1, onKeyDown: tabOverParts } }}
        sx={{ width: 215 }}
      />
      <TextField
        size="small"
        type="datetime-local"
        label="To"
        value={fields.to}
        onChange={(e) => set('to', e.target.value)}
        error={!!timeOrder}
        helperText={timeOrder ?? localTimeNote()}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { step: 1, onKeyDown: tabOverParts } }}
        sx={{ width: 215 }}
      />
      <FormControlLabel control={<Switch checked={fields.errorsOnly} onChange={(e) => set('errorsOnly', e.target.checked)} />} label="Errors only" sx={{ ml: 0, mt: 0.5 }} />
    </Box>
  );
});
