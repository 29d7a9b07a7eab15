// Light and dark themes (the user's choice is remembered; the system's preference by default) and the
// palette the status chips and charts share.
import { createTheme, type Theme } from '@mui/material/styles';
import { create } from 'zustand';

export type ThemeMode = 'light' | 'dark';
const KEY = 'chargebench.theme';

function initialMode(): ThemeMode {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    // storage unavailable: fall through
  }
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const useThemeMode = create<{ mode: ThemeMode; toggle: () => void }>((set, get) => ({
  mode: initialMode(),
  toggle: () => {
    const mode = get().mode === 'dark' ? 'light' : 'dark';
    try {
      localStorage.setItem(KEY, mode);
    } catch {
      // not remembered; still switched
    }
    set({ mode });
  },
}));

export function makeTheme(mode: ThemeMode): Theme {
  return createTheme({
    palette: {
      mode,
      primary: { main: mode === 'dark' ? '#4fc3f7' : '#0b6bcb' },
      secondary: { main: mode === 'dark' ? '#ce93d8' : '#7b1fa2' },
      success: { main: mode === 'dark' ? '#66bb6a' : '#2e7d32' },
      background: mode === 'dark' ? { default: '#0f1419', paper: '#161c23' } : { default: '#f4f6f8', paper: '#ffffff' },
    },
    shape: { borderRadius: 8 },
    typography: {
      fontFamily: 'Roboto, system-ui, -apple-system, "Segoe UI", sans-serif',
      h5: { fontWeight: 600 },
      h6: { fontWeight: 600 },
    },
    components: {
      MuiButton: { defaultProps: { disableElevation: true }, styleOverrides: { root: { textTransform: 'none', fontWeight: 600 } } },
      MuiTab: { styleOverrides: { root: { textTransform: 'none', fontWeight: 600 } } },
      MuiPaper: { defaultProps: { variant: 'outlined' } },
      MuiTooltip: { defaultProps: { arrow: true } },
    },
  });
}

export const monoFont = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace';

/** A narrow window (under 1200 px: a small laptop, a tablet): the navigation shows its icons only, and tables drop or fold columns. */
export const NARROW_WINDOW = '(max-width: 1199.95px)';
