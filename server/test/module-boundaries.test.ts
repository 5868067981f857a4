import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const modules = path.resolve(import.meta.dirname, '../src/modules');

/** house-style.md: a module reaches another only through its index.ts, never its tables or internals. */
describe('module boundaries', () => {
  it('no module imports another module except through its index.ts, nor core\'s tables', () => {
    const offences: string[] = [];
    for (const mod of fs.readdirSync(modules)) {
      const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      for (const file of walk(path.join(modules, mod)).filter((f) => f.endsWith('.ts'))) {
        for (const m of fs.readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)) {
          const target = path.resolve(path.dirname(file), m[1]!);
          // Core's tables belong to core: modules use its functions (people, audit, …), not its schema.
          if (target === path.resolve(modules, '../core/schema.ts')) offences.push(`${path.relative(modules, file)} → ${m[1]}`);
          if (!target.startsWith(modules + path.sep)) continue;
          const [other, ...rest] = path.relative(modules, target).split(path.sep);
          if (other !== mod && rest.join('/') !== 'index.ts') offences.push(`${path.relative(modules, file)} → ${m[1]}`);
        }
      }
    }
    expect(offences).toEqual([]);
  });
});
