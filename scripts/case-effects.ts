// Computes what each OCTT 1.6 case does to a charger from the case definitions themselves
// (src/main/conformance/octt16): the operations the bench sends in the case's script and in the helpers it
// calls (followed through the modules that define them), and what it asks the person at the charger to do.
// Run: node --import tsx scripts/case-effects.ts   (writes src/shared/api/case-effects.data.ts, committed;
// test/unit/case-effects.test.ts fails when a case changed and the file was not written again).
//
// What it sees: `<ctx>.send('Action', …)` and `.operate('Action', …)` (the operation by name); the context's
// moves (configure, configureIfPresent, goOffline); `<ctx>.operator({ kind })`; what the case records to put
// back (`<ctx>.touched.<profiles|cache|localList|reservations|availability|config|password>` written); a
// `chargingProfile` property in an object handed to a call (a RemoteStartTransaction's payload, or the
// options of a helper that sends one); functions of the engine (src/main/conformance) called by name or
// passed by name as a callback, followed into the modules that define them; functions declared inside the
// case, read where they are. Its limits, each made an error (the generation and the test fail) rather than
// passed over: an action named by a non-literal, a method of the context it does not know, and a call that
// hands the context (`<ctx>`: a parameter typed CaseContext, or the case's run(t)) to a function it cannot
// follow (a parameter, a namespace's member, a function outside the engine). An alias of the context
// (`const c = t`) is not tracked.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import ts from 'typescript';
import { caseEffectOf, type CaseEffects } from '../src/shared/api/case-effects';
import type { OperatorAction } from '../src/shared/api/test-runs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const conformance = join(root, 'src', 'main', 'conformance');
export const dataFile = join(root, 'src', 'shared', 'api', 'case-effects.data.ts');

type Fn = ts.FunctionLikeDeclaration;
interface Module {
  file: ts.SourceFile;
  /** Top-level functions by name (declarations and arrow functions bound to a const). */
  own: Map<string, Fn>;
  /** Names imported from a module of the engine: where they are defined. */
  imported: Map<string, { path: string; name: string }>;
}

function readModule(path: string): Module {
  const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const own = new Map<string, Fn>();
  const imported = new Map<string, { path: string; name: string }>();
  for (const s of file.statements) {
    if (ts.isFunctionDeclaration(s) && s.name && s.body) own.set(s.name.text, s);
    if (ts.isVariableStatement(s))
      for (const d of s.declarationList.declarations)
        if (ts.isIdentifier(d.name) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) own.set(d.name.text, d.initializer);
    if (
      ts.isImportDeclaration(s) &&
      ts.isStringLiteral(s.moduleSpecifier) &&
      s.moduleSpecifier.text.startsWith('.') &&
      s.importClause?.namedBindings &&
      ts.isNamedImports(s.importClause.namedBindings)
    ) {
      const from = resolve(dirname(path), `${s.moduleSpecifier.text}.ts`);
      for (const el of s.importClause.namedBindings.elements) imported.set(el.name.text, { path: from, name: (el.propertyName ?? el.name).text });
    }
  }
  return { file, own, imported };
}

const tsFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));

const literal = (e: ts.Expression | undefined) => (e && (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) ? e.text : null);

/** What each `touched.<key>` records, as an effect: the case changed that on the charger (restore.ts puts it back). */
const touchedEffects: Record<string, string> = {
  profiles: 'chargingProfiles',
  cache: 'cache',
  localList: 'localList',
  reservations: 'reservations',
  availability: 'availability',
  config: 'config',
  password: 'config',
};

/** The context's methods that send nothing (they read, wait for the charger, or record); send/operator/moves are read apart. */
const contextReads = new Set([
  'step',
  'stepSettled',
  'measure',
  'observe',
  'note',
  'expect',
  'expectAll',
  'expectAny',
  'expectNone',
  'tolerate',
  'lastHeartbeat',
  'wait',
  'waitFor',
  'answerIdTags',
  'behave',
  'connected',
  'backOnline',
  'verify',
  'check',
  'notApplicable',
  'transactionOn',
]);

/** Methods of a Map, a Set or an array, which keep the context as a key or value and send nothing. */
const collections = new Set(['get', 'set', 'has', 'delete', 'add', 'push', 'includes', 'indexOf']);

/** The names of a function's parameters that are the case's context: typed CaseContext (or, for a case's run, its first). */
function contextParams(fn: ts.Node, first = false): string[] {
  if (!ts.isFunctionLike(fn)) return [];
  return fn.parameters.flatMap((p, i) => (ts.isIdentifier(p.name) && ((first && i === 0) || p.type?.getText() === 'CaseContext') ? [p.name.text] : []));
}

/** The functions declared inside a function (read where they are, since their bodies are inside it). */
function localFunctions(fn: ts.Node): Set<string> {
  const names = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionDeclaration(n) && n.name) names.add(n.name.text);
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer))) names.add(n.name.text);
    ts.forEachChild(n, visit);
  };
  visit(fn);
  return names;
}

/** Whether a property access is written: assigned to, or a Map/Set on it added to. */
function written(n: ts.PropertyAccessExpression): boolean {
  const up = n.parent;
  if (ts.isBinaryExpression(up) && up.left === n && up.operatorToken.kind === ts.SyntaxKind.EqualsToken) return true;
  return ts.isPropertyAccessExpression(up) && ['set', 'add'].includes(up.name.text) && ts.isCallExpression(up.parent) && up.parent.expression === up;
}

/** What a piece of the engine does: the operations sent (by name), the context's own moves, the person's actions. */
interface Found {
  sent: Set<string>;
  moves: Set<string>;
  operator: Set<OperatorAction['kind'] | 'any'>;
}

/** Each case's effects, from the case definitions in `casesDir` (the OCTT 1.6 cases; another folder in tests). */
export function computeCaseEffects(casesDir = join(conformance, 'octt16')): Record<string, CaseEffects> {
  const modules = new Map<string, Module>();
  const mod = (path: string) => {
    let m = modules.get(path);
    if (!m) modules.set(path, (m = readModule(path)));
    return m;
  };
  const done = new Map<Fn, Found>();

  /** Everything a function (and the functions of the engine it calls) does; a function seen again adds nothing. */
  const scan = (fn: ts.Node, m: Module, into: Found, ctxIn: Set<string> = new Set()) => {
    const ctx = new Set([...ctxIn, ...contextParams(fn)]);
    const local = localFunctions(fn);
    const where = (n: ts.Node) => `${relative(root, m.file.fileName)}:${m.file.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
    const cannot = (n: ts.Node, why: string): never => {
      throw new Error(`scripts/case-effects.ts cannot follow ${n.getText().slice(0, 80)} (${where(n)}): ${why}`);
    };
    const visit = (n: ts.Node): void => {
      if ((ts.isFunctionLike(n) && n !== fn) || ts.isArrowFunction(n)) for (const c of contextParams(n)) ctx.add(c);
      if (ts.isPropertyAccessExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'touched' && written(n)) {
        const effect = touchedEffects[n.name.text];
        if (!effect) cannot(n, `touched.${n.name.text} is not known as an effect`);
        into.moves.add(`touched:${effect}`);
      }
      // A charging profile handed to a call (a RemoteStartTransaction's payload, a helper's options): the charger keeps it.
      if (ts.isObjectLiteralExpression(n) && ts.isCallExpression(n.parent) && n.parent.arguments.includes(n) && n.properties.some((p) => p.name?.getText() === 'chargingProfile'))
        into.moves.add('touched:chargingProfiles');
      if (ts.isCallExpression(n)) {
        const callee = n.expression;
        const handsContext = n.arguments.some((a) => ts.isIdentifier(a) && ctx.has(a.text));
        // A function of the engine passed by name (a callback) is followed as if called.
        for (const a of n.arguments) if (ts.isIdentifier(a) && !ctx.has(a.text) && resolve1(a.text, m)) follow(a.text, m, into);
        if (ts.isPropertyAccessExpression(callee)) {
          const name = callee.name.text;
          const onContext = ts.isIdentifier(callee.expression) && ctx.has(callee.expression.text);
          if (name === 'send' || name === 'sendRaw' || name === 'operate') {
            const action = literal(n.arguments[0]);
            if (!action) cannot(n, 'the action it sends is not a literal');
            into.sent.add(action!);
          } else if (onContext && name === 'operator') {
            const arg = n.arguments[0];
            const kind = arg && ts.isObjectLiteralExpression(arg) ? arg.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText() === 'kind') : undefined;
            const value = kind && ts.isPropertyAssignment(kind) ? literal(kind.initializer) : null;
            into.operator.add((value as OperatorAction['kind'] | null) ?? 'any');
          } else if (onContext && ['configure', 'configureIfPresent', 'goOffline'].includes(name)) into.moves.add(name);
          else if (onContext && !contextReads.has(name)) cannot(n, `${name} is not a method of the context it knows (one that may send)`);
          else if (!onContext && handsContext && !collections.has(name)) cannot(n, 'the context is handed to a method or a namespace member');
        } else if (ts.isIdentifier(callee)) {
          if (resolve1(callee.text, m)) follow(callee.text, m, into);
          else if (handsContext && !local.has(callee.text)) cannot(n, 'the context is handed to a function outside the engine, or a parameter');
        } else if (handsContext) cannot(n, 'the context is handed to a computed callee');
      }
      ts.forEachChild(n, visit);
    };
    visit(fn);
  };
  /** The function of the engine a name stands for in a module, and the module that defines it. */
  const resolve1 = (name: string, m: Module): { fn: Fn; where: Module } | null => {
    const fn = m.own.get(name);
    if (fn) return { fn, where: m };
    const from = m.imported.get(name);
    if (!from || !from.path.startsWith(conformance)) return null;
    const where = mod(from.path);
    const there = where.own.get(from.name);
    return there ? { fn: there, where } : null;
  };
  const follow = (name: string, m: Module, into: Found) => {
    const got = resolve1(name, m);
    if (!got) return;
    let found = done.get(got.fn);
    if (!found) {
      found = { sent: new Set(), moves: new Set(), operator: new Set() };
      done.set(got.fn, found);
      scan(got.fn, got.where, found);
    }
    for (const s of found.sent) into.sent.add(s);
    for (const s of found.moves) into.moves.add(s);
    for (const s of found.operator) into.operator.add(s);
  };

  const out: Record<string, CaseEffects> = {};
  for (const path of tsFiles(casesDir)) {
    const m = mod(path);
    const visit = (n: ts.Node): void => {
      if (ts.isObjectLiteralExpression(n)) {
        const prop = (key: string) => n.properties.find((p) => (ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p)) && p.name.getText() === key);
        const id = prop('id');
        const run = prop('run');
        const caseId = id && ts.isPropertyAssignment(id) ? literal(id.initializer) : null;
        if (caseId?.startsWith('TC_') && run) {
          const found: Found = { sent: new Set(), moves: new Set(), operator: new Set() };
          scan(run, m, found, new Set(ts.isMethodDeclaration(run) ? contextParams(run, true) : []));
          out[caseId] = caseEffectOf(found);
          return;
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(m.file);
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** The data module as written (formatted as the project's Prettier does). */
export async function dataModule(effects: Record<string, CaseEffects>): Promise<string> {
  const lines = Object.entries(effects).map(([id, e]) => `  ${id}: ${JSON.stringify(e)},`);
  const text = [
    '// Generated by scripts/case-effects.ts from the case definitions (src/main/conformance/octt16): do not edit.',
    '// What each case does to the charger (operations sent, the person at the charger asked to act).',
    "import type { CaseEffects } from './case-effects';",
    '',
    'export const caseEffectsData: Record<string, CaseEffects> = {',
    ...lines,
    '};',
    '',
  ].join('\n');
  return format(text, { ...(await resolveConfig(dataFile)), filepath: dataFile });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(dataFile, await dataModule(computeCaseEffects()));
  console.log(`Wrote ${dataFile}`);
}
