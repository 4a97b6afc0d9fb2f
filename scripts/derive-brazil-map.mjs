// Writes data/brazil_states_svg.csv (uf,name,path) from npm @svg-maps/brazil (CC BY 4.0, pinned in
// tests/e2e/package-lock.json): the 27 state outlines of `fraudgen report`'s map, in its viewBox
// "0 0 613 639". Coordinates are rounded to 0.1 (a tenth of a pixel at full size) and commas become
// spaces, so the file needs no CSV quoting and the page stays small.
//   node scripts/derive-brazil-map.mjs   (after npm ci in tests/e2e)
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'tests/e2e/package.json'));
const map = (await import(require.resolve('@svg-maps/brazil'))).default;
if (map.viewBox !== '0 0 613 639') throw new Error(`unexpected viewBox ${map.viewBox}`);
const round = (p) => p.replace(/-?\d+(\.\d+)?(e-?\d+)?/g, (n) => String(Math.round(Number(n) * 10) / 10)).replace(/,/g, ' ');
const rows = map.locations
  .map((l) => [l.id.toUpperCase(), l.name, round(l.path)])
  .sort((a, b) => a[0].localeCompare(b[0]));
if (rows.length !== 27) throw new Error(`expected 27 states, got ${rows.length}`);
writeFileSync(path.join(root, 'data/brazil_states_svg.csv'), ['uf,name,path', ...rows.map((r) => r.join(','))].join('\n') + '\n');
console.log(`data/brazil_states_svg.csv: ${rows.length} states`);
