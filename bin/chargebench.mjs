#!/usr/bin/env node
// The chargebench command: the TypeScript CLI, bundled on demand (bin/bundle.mjs), so a fresh clone needs
// no build step and the running bench does not carry a TypeScript loader. Should bundling fail (e.g. a
// read-only install), the CLI runs from source through tsx instead.
import { pathToFileURL } from 'node:url';
import { bundled } from './bundle.mjs';

let entry = null;
try {
  entry = await bundled('cli', 'src/main/cli/index.ts');
} catch (e) {
  console.error(`chargebench: running from source (the bundle could not be made: ${e.message})`);
}
if (entry) {
  // Stack traces name the TypeScript sources (the bundle has linked source maps).
  process.setSourceMapsEnabled(true);
  // A URL, not a path: on Windows `import('C:\\…')` is refused.
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main/cli/index.ts');
}
