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
  const grouped = groupedWords(value, ',');
  if (grouped) return { error: grouped };
  if (!/^[<>]?\s*\d+(?:[.,]\d+)?$/.test(value)) return { error: `Enter the reading in ${unit} as a number, e.g. 0.8 (< or > before it for under or over the instrument's range)` };
  return { value: value.replace(',', '.') };
}

/**
 * A number grouped by thousands with `sep` ("1,000", ">1,000", "11.000"): a thousands separator or a decimal
 * one, a thousand times apart, so what to write instead; null when the text is not such a number.
 */
export function groupedWords(text: string, sep: ',' | '.'): string | null {
  const grouped = (sep === ',' ? /^([<>]?)\s*(\d+(?:,\d{3})+)$/ : /^([<>]?)\s*(\d+(?:\.\d{3})+)$/).exec(text.trim());
  if (!grouped) return null;
  const [, sign, number] = grouped as unknown as [string, string, string];
  const groups = number.split(sep);
  // Read as a decimal: "1,000" is "1.000"; "11.000" is 11.
  const decimal = `${groups[0]}.${groups[1]}`;
  const asDecimal = groups.length === 2 ? ` or "${sign}${sep === ',' ? decimal : String(Number(decimal))}"` : '';
  const what = sep === ',' ? 'comma' : 'point';
  return `Is the ${what} a thousands separator or a decimal ${what}? Write the value without grouping: "${sign}${groups.join('')}"${asDecimal}`;
}
