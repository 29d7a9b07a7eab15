// Build config for the desktop app (electron-vite): main process, preload and React renderer, output to out/.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * In dev, plugin-react injects its Fast Refresh preamble as an inline script, which our CSP
 * (script-src 'self') blocks; main.tsx imports '@vitejs/plugin-react/preamble' instead, so drop it.
 */
function dropInlineRefreshPreamble(): Plugin {
  return {
    name: 'chargebench:drop-inline-refresh-preamble',
    apply: 'serve',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => html.replace(/<script type="module">\s*import \{ injectIntoGlobalHook \}[\s\S]*?<\/script>\s*/, ''),
    },
  };
}

export default defineConfig({
  main: {
    build: {
      // The core's runtime deps (better-sqlite3 with its native addon, ws, zod, ...) stay in node_modules.
      externalizeDeps: true,
      outDir: resolve(root, 'out/main'),
      // The record's writer and reader threads are entries of their own: workers run out/main/writer-thread.js
      // and out/main/reader-thread.js beside the main bundle.
      lib: {
        entry: { index: resolve(root, 'src/main/index.ts'), 'writer-thread': resolve(root, 'src/main/store/writer/thread.ts'), 'reader-thread': resolve(root, 'src/main/store/reader/thread.ts') },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload runs as one CommonJS script that may only require('electron'): no ESM,
      // no chunks, no node_modules; so it is a single .cjs file whatever package.json's "type" says.
      externalizeDeps: false,
      outDir: resolve(root, 'out/preload'),
      rolldownOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    plugins: [react(), dropInlineRefreshPreamble()],
    build: {
      // No data: URLs for small assets (fonts): the CSP allows files from 'self' only.
      assetsInlineLimit: 0,
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'src/renderer/index.html') },
    },
  },
});
