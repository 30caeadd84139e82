import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatQuantity } from '@fabric/simulator';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** `fabric simulate --json` as a user runs it; returns the parsed analysis. */
function simulate(example: string, ...args: string[]) {
    const result = spawnSync(process.execPath, [join(root, 'packages/cli/bin/fabric.js'), 'simulate', `examples/${example}`, '--json', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return JSON.parse(result.stdout);
}

const close = (actual: number, expected: number) => expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(1e-9);
const GiB = 2 ** 30, MiB = 2 ** 20;

// Catalog figures (packages/language/catalog), restated here so the test computes on its own.
const B200 = { tdp: 1200, fit: 7000, perDirection: 18 * 50e9 };
const NVSWITCH = { power: 200, fit: 1000, latency: 200e-9 };
// Per compute tray of the NVL72 example: 4 HBM stacks, 2 Grace CPUs, 4 NICs, 2 DPUs, a board;
// per switch tray a board; four power shelves.
const TRAY_PARTS = { watts: 4 * 0 + 2 * 300 + 4 * 25 + 2 * 150 + 400, fit: 4 * 3400 + 2 * 750 + 4 * 330 + 2 * 330 + 15800 };
const OTHER_PARTS_WATTS = 18 * TRAY_PARTS.watts + 9 * 250 + 4 * 875;
const NVLINK_COPPER = { rateBits: 2 * 200e9, energy: 0, latency: 20e-9, propagation: 4.5e-9 };
/** Full-load watts of a link: energy per bit × rate × both directions. */
const linkWatts = (rateBits: number, energy: number) => energy * rateBits * 2;

describe('fabric simulate: example totals against independent arithmetic', () => {
    test('NVL72-style rack', () => {
        // The ideal mode: the α-β closed forms, without NCCL's launch and step costs or NVLink framing.
        const a = simulate('nvl72-copper.fabric', '--ideal');
        const gpus = 72, switches = 18, links = gpus * switches;
        const copper = linkWatts(NVLINK_COPPER.rateBits, NVLINK_COPPER.energy);
        close(a.totals.powerWatts, gpus * B200.tdp + switches * NVSWITCH.power + links * copper + OTHER_PARTS_WATTS);
        close(a.totals.picojoulesPerBit, (switches * NVSWITCH.power + links * copper) / (links * NVLINK_COPPER.rateBits * 2) * 1e12);
        // half of the GPUs each send to the other half at their full per-direction bandwidth
        close(a.totals.bisectionBytesPerSecond, gpus / 2 * B200.perDirection);
        const hop = NVLINK_COPPER.latency + 1.2 * NVLINK_COPPER.propagation;
        const alpha = 2 * hop + NVSWITCH.latency;
        close(a.totals.latency.minSeconds, alpha);
        expect(a.totals.latency.asymmetry).toBe(1);

        const [grads, experts] = a.phases;
        const n = gpus, S = 4 * GiB, B = B200.perDirection;
        // NVLink switches reduce in the network: about S/B on the link into the switch, plus a round trip
        expect(grads.algorithm).toBe('in-network');
        close(grads.timeSeconds, S / B + alpha);
        const ring = grads.alternatives.find((x: { algorithm: string }) => x.algorithm === 'ring');
        close(ring.timeSeconds, 2 * (n - 1) * alpha + 2 * (n - 1) / n * S / B);
        close(grads.busbwBytesPerSecond, grads.algbwBytesPerSecond * 2 * (n - 1) / n);
        expect(experts.algorithm).toBe('direct');
        close(experts.timeSeconds, alpha + (n - 1) / n * (512 * MiB) / B);
        close(experts.busbwBytesPerSecond, experts.algbwBytesPerSecond * (n - 1) / n);

        const tray = a.failureDomains.find((d: { name: string }) => d.name === 'switch_tray[0]');
        // two of 18 switch chips gone: bandwidth-bound phases slow by 18/16
        expect(tray.partitions).toBe(false);
        expect(tray.blastRadius).toBe(72);
        for (const phase of tray.phases) expect(phase.slowdown).toBeCloseTo(18 / 16, 3);
        close(tray.failuresPerDay, (2 * NVSWITCH.fit + 2000) * 1e-9 * 24); // two chips and the tray's board
        // a switch tray is swapped in 2 h (catalog `repair 2 h`): each part is up 1/λ and down 2 h, so
        // down u = λr / (1 + λr) of the time; the tray is down while any of its parts is
        const u = (fit: number) => fit * 1e-9 * 2 / (1 + fit * 1e-9 * 2);
        close(tray.downtimeFraction, 1 - (1 - u(NVSWITCH.fit)) ** 2 * (1 - u(2000)));
        const compute = a.failureDomains.find((d: { name: string }) => d.name === 'compute_tray[0]');
        close(compute.failuresPerDay, (4 * B200.fit + TRAY_PARTS.fit) * 1e-9 * 24);
    });

    test('576-accelerator CPO pod', () => {
        const a = simulate('pod576-cpo.fabric');
        // Both ends of every CPO link are lit: 5 ELSFPs per leaf tray, 9 per spine tray; 144-port chips at 400 W (2 × the catalog's 200 W 72-port chip).
        const gpus = 576, switches = 8 * 18 + 72, copperLinks = 8 * 72 * 18, cpoLinks = 144 * 72, lasers = 8 * 9 * 5 + 4 * 9 * 9;
        const expected = gpus * B200.tdp + switches * 400
            + copperLinks * linkWatts(NVLINK_COPPER.rateBits, NVLINK_COPPER.energy)
            + cpoLinks * linkWatts(2 * 200e9, 5.625e-12) + lasers * 12;
        close(a.totals.powerWatts, expected);
        expect(a.phases.map((p: { participants: number }) => p.participants)).toEqual([576, 576]);
        const laserDomains = a.failureDomains.filter((d: { name: string }) => d.name.startsWith('laser '));
        expect(laserDomains).toHaveLength(lasers);
        // each rack's switch tier: 72 GPUs × 18 links down, 18 chips × 72 CPO links up, all 50 GB/s per direction
        const rack = a.groups.find((g: { path: string }) => g.path === 'rack[3]');
        close(rack.downlinkBytesPerSecond, 72 * 18 * 50e9);
        close(rack.uplinkBytesPerSecond, 18 * 72 * 50e9);
        expect(rack.oversubscription).toBe(1);
    });

    test('VCSEL slow-and-wide rack', () => {
        const a = simulate('vcsel-slow-wide.fabric');
        const expected = 64 * 1000 + 2 * 400 + 8 * 500 + 512 * linkWatts(64 * 32e9, 0.75e-12) + 16 * linkWatts(16 * 128e9, 2e-12);
        close(a.totals.powerWatts, expected);
        expect(a.phases.map((p: { collective: string }) => p.collective)).toEqual(['all-to-all', 'all-reduce', 'point-to-point']);
    });

    test('TPU-style OCS pod: totals count the circuits of the first configuration', () => {
        const a = simulate('tpu-ocs-pod.fabric', '--skip-failure-domains');
        // 1,024 hosts (one per 4 chips) at 600 W
        const expected = 4096 * 192 + 1024 * 600 + 48 * 108 + 9216 * linkWatts(400e9, 0) + 3072 * linkWatts(400e9, 10e-12);
        close(a.totals.powerWatts, expected);
        expect(a.totals.configuration).toBe('cube_torus');
        // a torus cube has no switch tier, so no oversubscription however much crosses its surface
        expect(a.groups.filter((g: { oversubscription: number | null }) => g.oversubscription !== null)).toEqual([]);
        expect(a.problems.filter((p: { code: string }) => p.code === 'capacity/oversubscribed')).toEqual([]);
        expect(a.phases.map((p: { configuration: string }) => p.configuration)).toEqual(['cube_torus', 'long_torus']);
    });
});

describe('fabric simulate: text', () => {
    test('prints the iteration of each workload with its OCS reconfiguration, as the analysis has it', () => {
        const run = spawnSync(process.execPath, [join(root, 'packages/cli/bin/fabric.js'), 'simulate', 'examples/tpu-ocs-pod.fabric', '--skip-failure-domains'], { cwd: root, encoding: 'utf8' });
        expect(run.status).toBe(0);
        const a = simulate('tpu-ocs-pod.fabric', '--skip-failure-domains');
        const [it] = a.ocs.iterations;
        // two different configurations: one switch between the phases and one back (wrap-around)
        expect(a.ocs.transitions).toHaveLength(2);
        close(it.reconfigurationSeconds, a.ocs.transitions.reduce((s: number, t: { reconfigurationSeconds: number }) => s + t.reconfigurationSeconds, 0));
        close(it.iterationSeconds, a.phases.reduce((s: number, p: { timeSeconds: number }) => s + p.timeSeconds, 0) + it.reconfigurationSeconds);
        const row = run.stdout.split('\n').find(l => l.startsWith('train '))!;
        const [, phases, reconfiguration, iteration] = row.trim().split(/\s{2,}/);
        const fmt = (s: number) => formatQuantity(s, 'time');
        expect([phases, reconfiguration, iteration]).toEqual([fmt(it.phaseSeconds), fmt(it.reconfigurationSeconds), fmt(it.iterationSeconds)]);
        expect(run.stdout).toMatch(/^workload iteration +phases +OCS reconfiguration +iteration$/m);
    });
});

describe('fabric simulate: usage', () => {
    test('bad options are usage errors', () => {
        const run = (...args: string[]) => spawnSync(process.execPath, [join(root, 'packages/cli/bin/fabric.js'), 'simulate', ...args], { cwd: root, encoding: 'utf8' });
        expect(run().status).toBe(2);
        expect(run('examples/nvl72-copper.fabric', '--single-failures', 'cable').stderr).toMatch(/'cable' is none of them/);
        expect(run('examples/nvl72-copper.fabric', '--single-failures', 'cable').status).toBe(2);
        expect(run('examples/nvl72-copper.fabric', '--threshold', '0.5').stderr).toMatch(/a slowdown factor ≥ 1/);
    });
});
