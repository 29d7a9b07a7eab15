// What is still open on the on-site checklist, as the bench judges it (src/main/commissioning/model.ts): an
// item not answered, and a measured item (one whose definition asks for a value) answered Conform or Not
// conform without a reading the checklist takes: its report would say "Conform" with no measured value.
import { ChecklistEntry, checklistItems, type CommissioningView } from '../../../../shared/api/commissioning';

type Item = (typeof checklistItems)[number];

/** Answered Conform / Not conform without a reading the checklist takes (none, or one its schema refuses). */
export function readingMissing(item: Item, e: Pick<ChecklistEntry, 'result' | 'value'> | undefined): boolean {
  if (!e || (e.result !== 'conform' && e.result !== 'notConform') || item.unit === null) return false;
  return e.value.trim() === '' || !ChecklistEntry.safeParse({ id: item.id, value: e.value }).success;
}

export const readingMissingWords = (item: Item) => `${item.label}: its measured value is missing or was not accepted`;

/** The items not answered yet, and the measured items answered without their reading. */
export function checklistOpen(view: Pick<CommissioningView, 'checklist'>): { unanswered: Item[]; withoutReading: Item[] } {
  const entry = (item: Item) => view.checklist.find((e) => e.id === item.id);
  return {
    unanswered: checklistItems.filter((i) => !entry(i)?.result),
    withoutReading: checklistItems.filter((i) => readingMissing(i, entry(i))),
  };
}
