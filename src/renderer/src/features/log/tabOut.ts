// Tab out of a date-and-time field in one step. Chromium makes every part of an <input type="datetime-local">
// (month, day, year, hour, minute, second, AM/PM) a stop of its own for Tab, so two such fields cost some
// fourteen Tabs to get past. With this on the field's keydown, Tab and Shift+Tab go to the next or previous
// control as for any other field; inside the field the parts are reached with the arrow keys (Left and Right
// move between them, Up and Down change one), as the browser already does.
import type { KeyboardEvent } from 'react';

const FOCUSABLE = 'input, select, textarea, button, a[href], [tabindex]';

/** What Tab stops at in `scope`, in document order (no tabindex above 0 in this app). */
function tabStops(scope: ParentNode): HTMLElement[] {
  return [...scope.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) =>
      el.tabIndex >= 0 &&
      !(el as HTMLInputElement).disabled &&
      !el.closest('[inert], [hidden]') &&
      // Not laid out (display: none, a closed panel): not a stop. Where this cannot be told, it is one.
      (typeof el.checkVisibility !== 'function' || el.checkVisibility({ visibilityProperty: true })),
  );
}

/**
 * onKeyDown of a date-and-time input: Tab moves on to the next control of the enclosing `[role="search"]`
 * bar (or of the page), Shift+Tab back to the one before, without stopping at the field's parts. At either
 * end of the bar nothing is done and the browser's own Tab applies.
 */
export function tabOverParts(e: KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'Tab' || e.altKey || e.ctrlKey || e.metaKey) return;
  const field = e.currentTarget;
  const stops = tabStops(field.closest('[role="search"]') ?? document);
  const at = stops.indexOf(field);
  const next = at < 0 ? undefined : stops[at + (e.shiftKey ? -1 : 1)];
  if (!next) return;
  e.preventDefault();
  next.focus();
}
