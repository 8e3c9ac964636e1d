/**
 * Writes the editor JSON Schemas generated from the zod schemas (`npm run schema`).
 * With `--check`, writes nothing and exits 1 when the committed files are stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jsonSchemas } from './json-schema.ts';

const check = process.argv.includes('--check');
let stale = 0;
for (const [name, schema] of Object.entries(jsonSchemas())) {
  const path = fileURLToPath(new URL(`../schemas/json/${name}`, import.meta.url));
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    // Not written yet.
  }
  if (current === text) continue;
  if (check) {
    console.error(`schemas/json/${name} is out of date with the zod schemas: run \`npm run schema\` and commit the result.`);
    stale++;
  } else {
    writeFileSync(path, text);
    console.log(`wrote schemas/json/${name}`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
