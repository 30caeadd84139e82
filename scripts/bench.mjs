// `npm run bench`: runs every registered benchmark case in its own Node process (so peak memory is the
// case's own), prints a table, and writes bench-results.json at the repo root:
// an array of { name, ms, cpuMs, value, unit, peakMB, target?, met? } where value is the median of the
// runs (ms for timed cases, the case's own figure otherwise; ms repeats it for timed cases) and cpuMs
// the median CPU time of the runs.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { BENCH_MODULES } from './bench-modules.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const filter = process.argv[2];

const names = [];
for (const mod of BENCH_MODULES) {
    const { benchCases } = await import(join(root, mod));
    for (const c of benchCases) {
        if (!filter || c.name.includes(filter)) names.push(c.name);
    }
}

const results = [];
for (const name of names) {
    const child = spawnSync(process.execPath, ['--expose-gc', join(root, 'scripts/bench-case.mjs'), name], {
        cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024
    });
    const line = (child.stdout ?? '').trim().split('\n').filter(l => l.startsWith('{')).pop();
    if (child.status !== 0 || !line) {
        process.stderr.write(`bench case '${name}' failed:\n${child.stderr}\n`);
        results.push({ name, ms: null, cpuMs: null, value: null, peakMB: null, error: (child.stderr || 'no result').split('\n')[0] });
        continue;
    }
    const r = JSON.parse(line);
    results.push(r);
    const figure = `${r.value.toFixed(r.value < 10 ? 3 : 1)} ${r.unit}`;
    const cpu = `${(r.cpuMs ?? NaN).toFixed(r.cpuMs < 10 ? 3 : 1)} ms CPU`;
    const target = r.target === undefined ? '' : `  target ${r.target} ${r.unit}: ${r.met ? 'met' : 'NOT MET'}`;
    process.stdout.write(`${name.padEnd(58)} ${figure.padStart(13)} ${cpu.padStart(16)} ${String(r.peakMB.toFixed(0)).padStart(6)} MB peak${target}${r.note ? '  ' + r.note : ''}\n`);
}
writeFileSync(join(root, 'bench-results.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`\n${results.length} cases; wrote bench-results.json`);
if (results.some(r => r.error)) process.exitCode = 1;
