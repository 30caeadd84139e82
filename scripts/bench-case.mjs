// Runs one benchmark case (named on the command line) and prints one JSON line:
// { name, ms (median of runs), cpuMs (median CPU time of the runs: steadier than wall time on a shared
// machine), peakMB (max resident set size of this process), runs }.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { BENCH_MODULES } from './bench-modules.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[2];
let found;
for (const mod of BENCH_MODULES) {
    const { benchCases } = await import(join(root, mod));
    found ??= benchCases.find(c => c.name === name);
}
if (!found) {
    console.error(`no bench case named '${name}'`);
    process.exit(2);
}
const prepared = found.prepare ? await found.prepare() : undefined;
const runs = found.runs ?? 5;
const times = [];
const cpu = [];
let note;
for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const out = await found.run(prepared);
    // A case that measures inside its run (e.g. what VS Code reports) returns { ms }.
    times.push(out && typeof out === 'object' && typeof out.ms === 'number' ? out.ms : performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    if (out && typeof out === 'object' && 'note' in out) note = String(out.note);
}
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const ms = times[Math.floor(times.length / 2)];
const cpuMs = cpu[Math.floor(cpu.length / 2)];
const peakMB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ name, ms, cpuMs, peakMB, runs, ...(note ? { note } : {}) }));
await found.dispose?.(prepared);
