// One way to read a measured value of the on-site checklist, as an instrument shows it, for the UI and the
// bench alike (the bench refuses a reading given anew that it refuses, with the same words, and saves what
// it reads: commissioning/checklist-reading.ts; a value stored before is kept and judged as saved): a number, 0 or more, with a decimal point or a decimal comma
// ("0,8" is saved as "0.8"), and < or > before it for under or over the instrument's range. A comma before
// exactly three digits ("1,000", ">1,000") may be a thousands separator or a decimal comma (a thousand times
// apart): refused, saying what to write instead.

/** Units whose reading is a number (phase rotation's is a sequence, in words; a check without a unit has no reading). */
export const numericReadingUnits: readonly string[] = ['Ω', 'ms', 'mA', 'MΩ'];

export type ReadingRead = { value: string; error?: undefined } | { value?: undefined; error: string };

/**
 * A reading typed for an item measured in `unit`, as it is saved (trimmed, a decimal comma made a point), or
 * what is wrong with it. A unit whose reading is not a number (a sequence, or none) takes any text, trimmed;
 * an empty reading is none.
 */
export function readReading(unit: string | null | undefined, text: string): ReadingRead {
  const value = text.trim();
  if (!unit || !numericReadingUnits.includes(unit) || value === '') return { value };
  const grouped = /^([<>]?)\s*(\d+(?:,\d{3})+)$/.exec(value);
  if (grouped) {
    const [, sign, number] = grouped as unknown as [string, string, string];
    const groups = number.split(',');
    const asDecimal = groups.length === 2 ? ` or "${sign}${groups[0]}.${groups[1]}"` : '';
    return { error: `Is the comma a thousands separator or a decimal comma? Write the value without grouping: "${sign}${groups.join('')}"${asDecimal}` };
  }
  if (!/^[<>]?\s*\d+(?:[.,]\d+)?$/.test(value)) return { error: `Enter the reading in ${unit} as a number, e.g. 0.8 (< or > before it for under or over the instrument's range)` };
  return { value: value.replace(',', '.') };
}
