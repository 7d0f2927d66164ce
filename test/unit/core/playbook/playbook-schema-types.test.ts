// The playbook's TypeScript types (src/core/playbook/types.ts) and its JSON schema (schema/playbook.schema.json)
// describe the same file: walked together from the root (Playbook) with the compiler's checker, every object
// has the same properties in both, at every depth, so that neither can gain a key the other does not know.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..', '..', '..', '..');
const TYPES = join(ROOT, 'src/core/playbook/types.ts');

interface Schema {
  $ref?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
}

describe('playbook types and schema', () => {
  it('name the same properties at every depth, from Playbook down', function () {
    this.timeout(30_000); // the compiler reads types.ts and what it imports
    const schema = JSON.parse(
      readFileSync(join(ROOT, 'schema/playbook.schema.json'), 'utf8'),
    ) as Schema & {
      definitions?: Record<string, Schema>;
      $defs?: Record<string, Schema>;
    };
    const definitions = schema.definitions ?? schema.$defs ?? {};
    const program = ts.createProgram([TYPES], { strict: true, noEmit: true });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(TYPES);
    assert.ok(source);
    const module = checker.getSymbolAtLocation(source);
    assert.ok(module, 'types.ts is a module');
    const symbol = checker.getExportsOfModule(module).find((s) => s.name === 'Playbook');
    assert.ok(symbol, 'types.ts exports Playbook');

    const resolve = (s: Schema): Schema =>
      s.$ref ? resolve(definitions[s.$ref.split('/').pop() ?? '']) : s;
    /** The object schemas a schema stands for (through $ref, items, oneOf/anyOf/allOf). */
    const objects = (s: Schema): Schema[] => {
      const r = resolve(s);
      if (r.properties) return [r];
      return [
        ...(r.items ? objects(r.items) : []),
        ...[...(r.oneOf ?? []), ...(r.anyOf ?? []), ...(r.allOf ?? [])].flatMap(objects),
      ];
    };
    /** The object types a type stands for (through null, undefined, arrays and unions). */
    const objectTypes = (t: ts.Type): ts.Type[] => {
      if (t.isUnion()) return t.types.flatMap(objectTypes);
      if (checker.isArrayType(t))
        return checker.getTypeArguments(t as ts.TypeReference).flatMap(objectTypes);
      return t.flags & ts.TypeFlags.Object && checker.getPropertiesOfType(t).length > 0 ? [t] : [];
    };

    const differences: string[] = [];
    const seen = new Set<string>();
    const walk = (path: string, s: Schema, t: ts.Type): void => {
      const schemas = objects(s);
      const types = objectTypes(t);
      if (schemas.length === 0 || types.length === 0) return;
      const inSchema = new Map(schemas.flatMap((o) => Object.entries(o.properties ?? {})));
      const inType = new Map(
        types.flatMap((o) =>
          checker.getPropertiesOfType(o).map((p) => [p.name, checker.getTypeOfSymbol(p)] as const),
        ),
      );
      const key = `${[...inSchema.keys()].sort().join()}|${[...inType.keys()].sort().join()}`;
      if (seen.has(key)) return;
      seen.add(key);
      for (const name of inSchema.keys())
        if (!inType.has(name)) differences.push(`${path}.${name}: in the schema, not in the types`);
      for (const name of inType.keys())
        if (!inSchema.has(name))
          differences.push(`${path}.${name}: in the types, not in the schema`);
      for (const [name, sub] of inSchema) {
        const type = inType.get(name);
        if (type) walk(`${path}.${name}`, sub, type);
      }
    };
    walk('Playbook', schema, checker.getDeclaredTypeOfSymbol(symbol));
    assert.ok(seen.size > 10, `walked ${seen.size} object shapes`);
    assert.deepEqual(differences, []);
  });
});
