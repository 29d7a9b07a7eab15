// The saved commissioning templates as this version reads them: each on its own, by the rule it was saved
// under (StoredCommissioningTemplate), so one an older bench saved stays listed and usable, and one this
// version cannot read at all is listed apart, by the name it is saved under, whether another version saved
// it (JSON of another shape) or its record is damaged (not JSON), what is wrong with it and its text as
// stored, so the installer sees it, can keep a copy and can delete it, rather than it taking every saved
// template with it. The console says each such template once.
import { StoredCommissioningTemplate, type CommissioningTemplate, type UnreadableTemplate } from '../../shared/api/commissioning';
import { issueWords } from '../../shared/api/issues';

/** The templates already said to be unreadable (said once, not at every read of the list). */
const said = new Set<string>();

/** A stored template as read, or why it cannot be read: naming the field of each of its first three problems. */
function readOne(text: string): { template: CommissioningTemplate } | Pick<UnreadableTemplate, 'kind' | 'reason'> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'damaged', reason: 'it is not JSON' };
  }
  const read = StoredCommissioningTemplate.safeParse(json);
  if (read.success) return { template: read.data };
  const problems = Object.entries(issueWords(read.error, { whole: 'the template' })).map(([field, message]) => `${field}: ${message}`);
  return { kind: 'otherVersion', reason: `${problems.slice(0, 3).join('; ')}${problems.length > 3 ? `; and ${problems.length - 3} more` : ''}` };
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
    if ('template' in read) {
      saved.push(read.template);
      continue;
    }
    unreadable.push({ name: row.name, kind: read.kind, reason: read.reason, stored: row.template });
    if (said.has(row.name)) continue;
    said.add(row.name);
    const what = read.kind === 'damaged' ? 'is damaged in the record (not JSON)' : 'cannot be read by this version (another version saved it)';
    console.error(`chargebench: saved commissioning template ${JSON.stringify(row.name)} ${what}; listed as unreadable, it cannot be used, only downloaded as saved or deleted (${read.reason})`);
  }
  return { saved, unreadable };
}
