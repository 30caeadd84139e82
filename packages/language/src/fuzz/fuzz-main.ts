import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createFuzzServices } from './fuzz-services.js';
import { grammarKeywords, runCampaign, type KindFigures } from './fuzz-campaign.js';
import { inputKinds } from './input-kinds.js';

/**
 * `npm run fuzz -- --runs N --seed S [--kinds a,b] [--out failures.json] [--no-minimize]`:
 * the fuzz campaign over the whole in-process pipeline; prints, per input kind, how many inputs
 * were tried and how many failed, then each distinct failure with its smallest input.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => { const i = args.indexOf(`--${name}`); return i >= 0 && args[i + 1] ? args[i + 1] : fallback; };
const runs = Number(option('runs', '100'));
const seed = Number(option('seed', '1'));
const only = option('kinds', '').split(',').filter(Boolean);
const out = option('out', '');
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
    console.error('usage: npm run fuzz -- --runs N --seed S [--kinds mutated-example,token-stream,…] [--out failures.json] [--no-minimize]');
    process.exit(2);
}

const examples = ['nvl72-copper', 'vcsel-slow-wide'].map(name => readFileSync(fileURLToPath(new URL(`../../../../examples/${name}.fabric`, import.meta.url)), 'utf8'));
const services = await createFuzzServices();
const kinds = inputKinds(grammarKeywords(services), examples).filter(k => only.length === 0 || only.includes(k.name));
const started = Date.now();
const figures = await runCampaign(services, kinds, {
    runs, seed, minimize: !args.includes('--no-minimize'), slowMs: 20_000,
    onInput: (kind, i) => { if ((i + 1) % 25 === 0) process.stderr.write(`${kind}: ${i + 1}/${runs}\n`); }
});
console.log(table(figures));
console.log(`\n${figures.reduce((n, f) => n + f.tried, 0)} inputs, seed ${seed}, ${((Date.now() - started) / 1000).toFixed(0)} s`);
for (const failure of figures.flatMap(f => f.failures)) {
    console.log(`\n[${failure.kind}] ${failure.signature} (${failure.count} input${failure.count === 1 ? '' : 's'})\n  ${failure.finding.call}: ${failure.finding.detail.split('\n').slice(0, 3).join('\n  ')}\n  minimal input: ${JSON.stringify(failure.input)}`);
}
if (out) writeFileSync(out, JSON.stringify(figures, null, 2));
process.exit(figures.some(f => f.failures.length > 0) ? 1 : 0);

function table(rows: readonly KindFigures[]): string {
    const lines = [['input kind', 'tried', 'failing inputs', 'distinct failures'], ...rows.map(r => [r.kind, String(r.tried), String(r.failing), String(r.failures.length)])];
    const widths = lines[0].map((_, i) => Math.max(...lines.map(l => l[i].length)));
    return lines.map((l, n) => l.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ') + (n === 0 ? `\n${widths.map(w => '-'.repeat(w)).join('  ')}` : '')).join('\n');
}
