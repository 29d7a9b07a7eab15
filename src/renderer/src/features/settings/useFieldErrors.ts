// Which of the Settings form's field messages are shown: a field's once the user has left it with a new
// value (so a bad value or a port clash is said before Save), every field's once Save was pressed, and the
// bench's own refusal of a field until that field is edited again. A field never touched says nothing.
import { useCallback, useState } from 'react';
import type { BenchSettings } from '../../../../shared/api/views';
import { toDraft, type SettingsDraft, type SettingsField } from './settingsForm';

export type FieldErrors = Partial<Record<SettingsField, string>>;

/** The messages of `found` to show: all of them once Save was pressed, else those of the fields left with a new value. */
export function shownErrors(found: FieldErrors, left: ReadonlySet<SettingsField>, all: boolean): FieldErrors {
  if (all) return found;
  return Object.fromEntries(Object.entries(found).filter(([key]) => left.has(key as SettingsField)));
}

export function useFieldErrors(saved: BenchSettings | null, draft: SettingsDraft | null, found: FieldErrors | undefined) {
  /** Save was pressed: every field's message is shown, then follows every edit. */
  const [all, setAll] = useState(false);
  /** The fields the user left with a value other than the saved one. */
  const [left, setLeft] = useState<ReadonlySet<SettingsField>>(() => new Set());
  /** The bench's refusal of a field, as it answered Save. */
  const [refusals, setRefusals] = useState<FieldErrors>({});

  const errors: FieldErrors = { ...shownErrors(found ?? {}, left, all), ...refusals };
  /** The field lost focus: its message is shown from now on if its value is not the saved one. */
  const leave = (field: SettingsField) => {
    if (!saved || !draft || draft[field] === toDraft(saved)[field]) return;
    setLeft((l) => (l.has(field) ? l : new Set(l).add(field)));
  };
  /** The field was edited: the bench's refusal of its old value no longer applies. */
  const edited = useCallback((field: SettingsField) => setRefusals(({ [field]: _gone, ...rest }) => rest), []);
  const showAll = useCallback(() => setAll(true), []);
  /** Saved or discarded: the form starts over, untouched. */
  const reset = useCallback(() => {
    setAll(false);
    setLeft(new Set());
    setRefusals({});
  }, []);
  return { errors, leave, edited, showAll, refused: setRefusals, reset };
}
