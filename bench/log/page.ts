// What the log benchmark runs inside the page: conditions on what is painted, checked at every
// animation frame from the moment an action is taken, and a fetch tap that notes when the UI asks the
// bench for a count (to tell the search's typing pause from the search itself).
export const pageHelpers = `
(() => {
  const calls = [];
  const realFetch = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input.url;
    const call = { url, at: performance.now(), done: 0 };
    calls.push(call);
    const p = realFetch(input, init);
    p.then(() => (call.done = performance.now()), () => undefined);
    return p;
  };
  const scroller = () => document.querySelector('[data-testid="log-rows"]');
  /** Rows in sight, with their index and cell texts. */
  const visibleRows = () => {
    const el = scroller();
    if (!el) return [];
    const box = el.getBoundingClientRect();
    return [...el.querySelectorAll('[role="row"]')]
      .filter((r) => { const b = r.getBoundingClientRect(); return b.bottom > box.top + 1 && b.top < box.bottom - 1; })
      .map((r) => ({ index: Number(r.id.replace('log-row-', '')), cells: [...r.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent) }));
  };
  /** The index of a column of the log by its header (the cells of a row are in the same order). */
  const col = (name) => [...document.querySelectorAll('[role="columnheader"]')].findIndex((h) => h.textContent === name);
  const ready = () => { const rows = visibleRows(); return rows.length > 0 && rows.every((r) => r.cells.length > 1); };
  window.__logBench = {
    calls,
    visibleRows,
    col,
    ready,
    /** Resolves with the ms from t0 to the first animation frame at which cond() holds. */
    until(cond, t0, timeoutMs = 30000) {
      return new Promise((resolve, reject) => {
        const tick = () => {
          if (cond()) return resolve(performance.now() - t0);
          if (performance.now() - t0 > timeoutMs) return reject(new Error('timed out; rows in sight: ' + JSON.stringify(visibleRows().slice(0, 3))));
          requestAnimationFrame(tick);
        };
        tick();
      });
    },
    /** Sets an input's value as typing would, for React. */
    type(input, value) {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      setter.call(input, value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    /** Animation frame intervals while fn(frame) runs for n frames. */
    frames(n, fn) {
      return new Promise((resolve) => {
        const gaps = [];
        let last = performance.now();
        let i = 0;
        const tick = () => {
          const now = performance.now();
          gaps.push(now - last);
          last = now;
          if (i++ >= n) return resolve(gaps.slice(1));
          fn(i);
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
    },
  };
})();
`;

declare global {
  interface Window {
    __logBench: {
      calls: Array<{ url: string; at: number; done: number }>;
      visibleRows(): Array<{ index: number; cells: string[] }>;
      col(name: string): number;
      ready(): boolean;
      until(cond: () => boolean, t0: number, timeoutMs?: number): Promise<number>;
      type(input: HTMLInputElement, value: string): void;
      frames(n: number, fn: (i: number) => void): Promise<number[]>;
    };
  }
}
