// The renderer's entry: fonts, then the bench UI.
// React Fast Refresh's preamble as a module, since the CSP forbids the inline one (a no-op in builds).
import '@vitejs/plugin-react/preamble';
import '@fontsource/roboto/400.css';
import '@fontsource/roboto/500.css';
import '@fontsource/roboto/700.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
