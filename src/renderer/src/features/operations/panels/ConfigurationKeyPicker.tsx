// The configuration panel's "Selected keys" and "Get selected keys": the keys to read one by one. OCPP key
// names hold neither commas nor spaces, so text typed or pasted as a list ("HeartbeatInterval, NoSuchKey")
// is split into one key each, and a key picked twice (in any case: keys are matched without regard to
// case) is read once. Text typed but not yet made a key with Enter is made one when the field is left and
// when the keys are sent, so it is never silently left out. A key the GetConfiguration schema refuses
// (more than 50 characters) is marked on its chip and named under the field, and nothing is sent.
import { useState } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import TextField from '@mui/material/TextField';
import { checkPayload } from '../kit/form';

/** The keys in `texts`, each split at commas and whitespace, blanks dropped, each key once (the first spelling kept). */
export function splitKeys(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  const keys: string[] = [];
  for (const text of texts)
    for (const key of text.split(/[\s,]+/)) {
      if (key === '' || seen.has(key.toLowerCase())) continue;
      seen.add(key.toLowerCase());
      keys.push(key);
    }
  return keys;
}

/** The positions of the keys GetConfiguration's schema refuses (a key is at most 50 characters), with the words for the first. */
export function keyProblems(keys: readonly string[]): { at: Set<number>; words: string | null } {
  const checked = checkPayload('GetConfiguration', { key: keys });
  const at = new Set(
    Object.keys(checked.errors)
      .map((path) => /^key\.(\d+)$/.exec(path)?.[1])
      .filter((i): i is string => i !== undefined)
      .map(Number),
  );
  const first = [...at].sort((a, b) => a - b)[0];
  if (first === undefined) return { at, words: null };
  const key = keys[first]!;
  const shown = key.length > 24 ? `${key.slice(0, 24)}…` : key;
  const others = at.size > 1 ? ` (and ${at.size - 1} more marked)` : '';
  return { at, words: `A configuration key is at most 50 characters: ${shown} has ${key.length}${others}. Remove it or shorten it.` };
}

export function ConfigurationKeyPicker({
  options,
  canSend,
  pending,
  refusal,
  onRead,
}: {
  /** The keys offered: the table's and the standard ones. */
  options: string[];
  /** The charger can be asked now (online). */
  canSend: boolean;
  pending: boolean;
  /** The bench's refusal of the last read's keys (a field under `key`), shown on the field. */
  refusal?: string;
  onRead: (keys: string[]) => void;
}) {
  const [selected, setSelected] = useState<string[]>([]);
  const [typed, setTyped] = useState('');
  // The keys as they would be sent: the chips and the text not made a chip yet.
  const keys = splitKeys([...selected, typed]);
  const problems = keyProblems(keys);
  const commit = () => {
    if (typed.trim() === '') return;
    setSelected(keys);
    setTyped('');
  };
  const helper = problems.words ?? refusal ?? 'Read only these keys (each at most 50 characters; commas or spaces separate keys)';
  return (
    <>
      <Autocomplete
        multiple
        freeSolo
        size="small"
        options={options}
        value={selected}
        onChange={(_, v) => setSelected(splitKeys(v))}
        inputValue={typed}
        onInputChange={(_, v) => setTyped(v)}
        onBlur={commit}
        sx={{ minWidth: 320, flex: 1 }}
        renderValue={(value, getItemProps) =>
          value.map((option, index) => {
            const { key, ...itemProps } = getItemProps({ index });
            return <Chip key={key} size="small" label={option} color={problems.at.has(index) ? 'error' : 'default'} {...itemProps} />;
          })
        }
        renderInput={(params) => <TextField {...params} label="Selected keys" placeholder="Type or pick keys" error={Boolean(problems.words ?? refusal)} helperText={helper} />}
      />
      <Button
        variant="outlined"
        disabled={!canSend || pending || keys.length === 0 || problems.words !== null}
        onClick={() => {
          commit();
          onRead(keys);
        }}
      >
        Get selected keys
      </Button>
    </>
  );
}
