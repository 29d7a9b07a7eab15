// The renderer's entry: a placeholder page showing the bench status until the full UI lands.
// React Fast Refresh's preamble as a module, since the CSP forbids the inline one (a no-op in builds).
import '@vitejs/plugin-react/preamble';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
