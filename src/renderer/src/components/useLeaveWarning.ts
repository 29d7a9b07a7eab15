// Closing or reloading the window while something typed is not saved yet (or could not be saved) asks first
// (the settings, the commissioning checklist).
import { useEffect } from 'react';

export function useLeaveWarning(when: boolean): void {
  useEffect(() => {
    if (!when) return;
    const onUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onUnload);
    return () => window.removeEventListener('beforeunload', onUnload);
  }, [when]);
}
