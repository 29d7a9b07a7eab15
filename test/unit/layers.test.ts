// The layer rules the virtual charger depends on, read from the import lines: the simulator never reaches
// into the central system or the core (it must not cheat the tests), shared code imports only zod and
// itself, and the renderer never imports the main process.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every module a file imports (or re-exports from), resolved against the repository when relative. */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => {
    const spec = m[1] ?? m[2];
    return spec.startsWith('.') ? relative(process.cwd(), resolve(dirname(file), spec)) : spec;
  });
}

const breaking = (dir: string, refused: (spec: string) => boolean) => sources(dir).flatMap((f) => imports(f).filter(refused).map((spec) => `${f} imports ${spec}`));

describe('layers', () => {
  it('are read from every kind of import line', () => {
    expect(imports('src/main/virtual-cp/manager.ts')).toEqual(expect.arrayContaining(['src/main/errors', 'src/shared/api/virtual-chargers', 'src/main/virtual-cp/charge-point']));
    expect(imports('src/shared/api/virtual-chargers.ts')).toEqual(expect.arrayContaining(['zod', 'src/shared/ocpp16/enums']));
  });

  it('src/main/virtual-cp imports neither the central system nor the core', () => {
    expect(breaking('src/main/virtual-cp', (s) => /^src\/main\/(central-system|core)(\/|$)/.test(s))).toEqual([]);
  });

  it('src/shared imports nothing but zod and itself', () => {
    expect(breaking('src/shared', (s) => !(s === 'zod' || s.startsWith('src/shared/')))).toEqual([]);
  });

  it('the renderer never imports src/main', () => {
    expect(breaking('src/renderer', (s) => s.startsWith('src/main/'))).toEqual([]);
  });
});
