// The layering of DESIGN.md, enforced by reading the imports of every source file.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const src = join(root, 'src');

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? walk(join(dir, d.name)) : /\.(ts|tsx)$/.test(d.name) ? [join(dir, d.name)] : [],
  );

const files = walk(src);
const importsOf = (file: string) =>
  [
    ...readFileSync(file, 'utf8').matchAll(
      /(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((m) => (m[1] ?? m[2]) as string);
const rel = (file: string) => relative(src, file).replaceAll('\\', '/');
const target = (file: string, spec: string) => rel(resolve(dirname(file), spec));

/** Packages that do no I/O and may be used by pure domain code. */
// fast-xml-parser and csv-parse/sync parse strings handed to them (bank statements) and touch nothing else.
const purePackages = new Set(['zod', 'ibantools', 'fast-xml-parser', 'csv-parse/sync']);

describe('architecture', () => {
  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('keeps domain/ pure: it imports only domain/ and pure packages', () => {
    const offenders = files
      .filter((f) => rel(f).startsWith('domain/') && !f.endsWith('.test.ts'))
      .flatMap((f) =>
        importsOf(f)
          .filter((s) => (s.startsWith('.') ? !target(f, s).startsWith('domain/') : !purePackages.has(s)))
          .map((s) => `${rel(f)} → ${s}`),
      );
    expect(offenders).toEqual([]);
  });

  it('keeps web/ away from server/', () => {
    const offenders = files
      .filter((f) => rel(f).startsWith('web/'))
      .flatMap((f) =>
        importsOf(f)
          .filter((s) => s.startsWith('.') && target(f, s).startsWith('server/'))
          .map((s) => `${rel(f)} → ${s}`),
      );
    expect(offenders).toEqual([]);
  });

  it('lets only its own service.ts (and tests) import a module’s store.ts', () => {
    const offenders = files.flatMap((f) =>
      importsOf(f)
        .filter((s) => s.startsWith('.') && target(f, s).endsWith('/store.ts'))
        .filter((s) => {
          const store = target(f, s);
          const own = `${dirname(store)}/service.ts`;
          return rel(f) !== own && !(f.endsWith('.test.ts') && dirname(rel(f)) === dirname(store));
        })
        .map((s) => `${rel(f)} → ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('reads the environment only in server/config.ts', () => {
    const offenders = files
      .filter((f) => !f.endsWith('.test.ts') && /process\.env\b/.test(readFileSync(f, 'utf8')))
      .map(rel)
      .filter(
        (f) => !['server/config.ts', 'server/main.ts', 'server/cli.ts', 'server/testing.ts'].includes(f),
      );
    expect(offenders).toEqual([]);
  });

  it('uses no classes except errors', () => {
    const offenders = files.filter((f) =>
      /^\s*(export\s+)?class\s+(?!\w*Error\b)/m.test(readFileSync(f, 'utf8')),
    );
    expect(offenders.map(rel)).toEqual([]);
  });
});
