// Lint: typescript-eslint's recommended rules, and the layer rules of the architecture
// (../shared/design.md) as no-restricted-imports, so a layer that reaches where it must not fails CI.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { readdirSync } from 'node:fs';

/** An import that goes into one of these folders (as a relative or absolute path segment). */
const into = (...folders) => folders.flatMap((f) => [`**/${f}`, `**/${f}/**`]);
const layer = (files, forbidden, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message }] }] },
});

const features = readdirSync(new URL('./src/renderer/src/features', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.electron-native/**', 'test-results/**', 'src/shared/ocpp16/messages/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      // TypeScript itself finds undefined names, with the right globals per layer (tsconfig.*.json).
      'no-undef': 'off',
      // Row objects from SQLite and JSON from the wire are untyped by nature; they are checked where they enter.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'test/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  { files: ['**/*.{js,mjs}'], rules: { 'no-undef': 'error' } },
  // ---- the layer table -------------------------------------------------------------------------------
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!zod(/|$)|\\.)', message: 'src/shared imports nothing but zod (and itself): it runs in main and in the renderer alike.' },
            { group: into('main', 'renderer', 'preload'), message: 'src/shared imports nothing but zod (and itself).' },
          ],
        },
      ],
    },
  },
  layer(
    ['src/main/{core,central-system,virtual-cp,store,rpc,conformance}/**/*.ts'],
    ['electron'],
    'Only src/main/electron, src/main/index.ts and the preload import electron: the core runs in plain Node.',
  ),
  layer(
    ['src/main/virtual-cp/**/*.ts'],
    ['electron', ...into('central-system', 'core')],
    'The virtual charge point never calls the central system or the core: it must not be able to cheat the tests.',
  ),
  layer(
    ['src/main/commissioning/**/*.ts'],
    ['electron', ...into('store', 'central-system', 'virtual-cp', 'api-server', 'electron', 'cli')],
    'Commissioning runs on the conformance engine and reaches the record and the chargers through the core (the Bench): never the parts behind it, a face, or electron.',
  ),
  layer(['src/main/store/**/*.ts'], ['electron', ...into('rpc'), '**/shared/api/views'], 'The store returns its own records (src/shared/records.ts), not views, and knows nothing of the protocol.'),
  layer(['src/main/{api-server,electron,cli}/**/*.ts'], into('store', 'central-system'), 'A face uses the core (src/main/core) only, never the store or the central system behind it.'),
  layer(['src/renderer/**/*.{ts,tsx}'], into('main'), 'The renderer never imports src/main: it talks to the bench through the client (src/renderer/src/api).'),
  // A type-only import of the Bench still lets a face reach the parts behind it: the faces use its own methods.
  {
    files: ['src/main/{api-server,electron,cli}/**/*.ts', 'src/main/index.ts', 'src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[property.name=/^(centralSystem|record)$/]',
          message: "A face never reaches the bench's central system or record: call a Bench method (ocppAddress, connectedChargers, settled, waitForCharger, exportMessages) or a contract call.",
        },
      ],
    },
  },
  ...features.map((feature) =>
    layer(
      [`src/renderer/src/features/${feature}/**/*.{ts,tsx}`],
      [...into('main'), ...features.filter((f) => f !== feature).flatMap((f) => [`**/features/${f}/**`, `../${f}/**`, `../../${f}/**`, `../../../${f}/**`])],
      `A feature never imports another feature: what ${feature} shares with one goes to src/renderer/src/components or src/shared.`,
    ),
  ),
);
