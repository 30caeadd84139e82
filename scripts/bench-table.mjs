// Prints bench-results.json (written by `npm run bench`) as the Markdown table the README's
// Benchmarks section holds: `bash scripts/with-node.sh node scripts/bench-table.mjs [file]`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const file = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'bench-results.json');
const results = JSON.parse(readFileSync(file, 'utf8'));

/** A figure in its unit, with as many digits as it needs. */
function figure(value, unit) {
    if (value === null || value === undefined) return '—';
    if (unit === 'MB') return `${value.toFixed(0)} MB`;
    if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
    return `${value.toFixed(value < 10 ? 2 : 0)} ms`;
}

const cell = text => String(text).replace(/\|/g, '\\|');
console.log('| case | median | CPU | peak | target |');
console.log('|---|---|---|---|---|');
for (const r of results) {
    if (r.error) { console.log(`| ${cell(r.name)} | failed: ${cell(r.error)} | | | |`); continue; }
    const target = r.target === undefined ? '—' : `${figure(r.target, r.unit)}: ${r.met ? 'met' : '**not met**'}`;
    console.log(`| ${cell(r.name)} | ${figure(r.value, r.unit)} | ${figure(r.cpuMs, 'ms')} | ${r.peakMB.toFixed(0)} MB | ${target} |`);
}
