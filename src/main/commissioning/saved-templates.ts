// The saved commissioning templates as this version reads them: each on its own, by the rule it was saved
// under (StoredCommissioningTemplate), so one an older bench saved stays listed and usable, and one this
// version cannot read at all is left out (and said) rather than taking every saved template with it.
import { StoredCommissioningTemplate, type CommissioningTemplate } from '../../shared/api/commissioning';

/** The templates already said to be unreadable (said once, not at every read of the list). */
const said = new Set<string>();

export function readSavedTemplates(rows: readonly unknown[]): CommissioningTemplate[] {
  return rows.flatMap((t) => {
    const read = StoredCommissioningTemplate.safeParse(t);
    if (read.success) return [read.data];
    const issue = read.error.issues[0];
    const name = JSON.stringify((t as { name?: unknown } | null)?.name ?? null);
    if (said.has(name)) return [];
    said.add(name);
    console.error(`chargebench: saved commissioning template ${name} cannot be read by this version; left out (${issue?.path.join('.')}: ${issue?.message})`);
    return [];
  });
}
