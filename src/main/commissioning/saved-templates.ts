// The saved commissioning templates as this version reads them: each on its own, by the rule it was saved
// under (StoredCommissioningTemplate), so one an older bench saved stays listed and usable, and one this
// version cannot read at all (another version saved it) is listed apart, by the name it is saved under and
// what is wrong with it, so the installer sees it and can delete it, rather than it taking every saved
// template with it. The console says each such template once.
import { StoredCommissioningTemplate, type CommissioningTemplate, type UnreadableTemplate } from '../../shared/api/commissioning';

/** The templates already said to be unreadable (said once, not at every read of the list). */
const said = new Set<string>();

/** A stored template as read, or what is wrong with it in words, naming the field of each of its first three problems. */
function readOne(text: string): string | CommissioningTemplate {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'it is not JSON';
  }
  const read = StoredCommissioningTemplate.safeParse(json);
  if (read.success) return read.data;
  const issues = read.error.issues;
  const words = issues.slice(0, 3).map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  return `${words.join('; ')}${issues.length > 3 ? `; and ${issues.length - 3} more` : ''}`;
}

/** The saved templates this version reads, and apart the ones it cannot (by the name each is saved under, with the reason). */
export interface SavedTemplates {
  saved: CommissioningTemplate[];
  unreadable: UnreadableTemplate[];
}

export function readSavedTemplates(rows: readonly { name: string; template: string }[]): SavedTemplates {
  const saved: CommissioningTemplate[] = [];
  const unreadable: UnreadableTemplate[] = [];
  for (const row of rows) {
    const read = readOne(row.template);
    if (typeof read !== 'string') {
      saved.push(read);
      continue;
    }
    unreadable.push({ name: row.name, reason: read });
    if (said.has(row.name)) continue;
    said.add(row.name);
    console.error(`chargebench: saved commissioning template ${JSON.stringify(row.name)} cannot be read by this version; listed as unreadable, it cannot be used, only deleted (${read})`);
  }
  return { saved, unreadable };
}
