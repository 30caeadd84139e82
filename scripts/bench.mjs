// `npm run bench`: runs every registered benchmark case in its own Node process (so peak memory is the
// case's own), prints a table, and writes bench-results.json at the repo root:
// an array of { name, ms, cpuMs, peakMB } where ms is the median wall time of the timed runs and cpuMs
// the median CPU time.
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
        results.push({ name, ms: null, cpuMs: null, peakMB: null, error: (child.stderr || 'no result').split('\n')[0] });
        continue;
    }
    const r = JSON.parse(line);
    results.push(r);
    process.stdout.write(`${name.padEnd(58)} ${String(r.ms.toFixed(r.ms < 10 ? 3 : 1)).padStart(10)} ms ${String((r.cpuMs ?? NaN).toFixed(r.cpuMs < 10 ? 3 : 1)).padStart(10)} ms CPU ${String(r.peakMB.toFixed(0)).padStart(6)} MB${r.note ? '  ' + r.note : ''}\n`);
}
writeFileSync(join(root, 'bench-results.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`\n${results.length} cases; wrote bench-results.json`);
if (results.some(r => r.ms === null)) process.exitCode = 1;
