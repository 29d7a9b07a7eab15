// An export in the desktop app answers once its file is written: a million frames take seconds, and
// longer while chargers keep the bench busy (bulk reads then pace themselves). Meanwhile the button that
// started it says so, and does not start a second one.
import { useCallback, useRef, useState } from 'react';

export function useExporting(): { exporting: boolean; run: (work: () => Promise<void>) => Promise<void> } {
  const [exporting, setExporting] = useState(false);
  const busy = useRef(false);
  const run = useCallback(async (work: () => Promise<void>) => {
    if (busy.current) return;
    busy.current = true;
    setExporting(true);
    try {
      await work();
    } finally {
      busy.current = false;
      setExporting(false);
    }
  }, []);
  return { exporting, run };
}
