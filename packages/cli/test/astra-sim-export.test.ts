// fabric export --format astra-sim: field by field for a Ring and a Switch fabric (ASTRA-sim's GB/s
// is 2^30 bytes per second; latency in ns per hop), and refusals that name the part and the reason.
import { describe, expect, test } from 'vitest';
import { fabric, fabricJson, fixture } from './run-fabric.js';

/** ASTRA-sim's network file is flat `key: [ a, b ]` lines; comments start with #. */
function fields(yaml: string): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const line of yaml.split('\n')) {
        const m = /^(\w+): \[ (.*) \](?:\s+#.*)?$/.exec(line);
        if (m) out[m[1]] = m[2].split(',').map(s => s.trim());
    }
    return out;
}

const ASTRA_GB = 2 ** 30;
const round6 = (x: number) => Number(x.toFixed(6));

describe('fabric export --format astra-sim', () => {
    test('a ring of 8: one Ring dimension, link bandwidth in 2^30-byte GB/s, one hop of latency', () => {
        const run = fabric(['export', fixture('ring8.fabric'), '--format', 'astra-sim']);
        expect(run.code).toBe(0);
        const f = fields(run.stdout);
        expect(Object.keys(f)).toEqual(['topology', 'npus_count', 'bandwidth', 'latency']);
        expect(f.topology).toEqual(['Ring']);
        expect(f.npus_count).toEqual(['8']);
        // RingCable: 4 lanes × 100 Gbps per direction = 50e9 bytes per second
        expect(Number(f.bandwidth[0])).toBe(round6(4 * 100e9 / 8 / ASTRA_GB));
        // neighbours are one link apart: the simulator's shortest accelerator-to-accelerator path
        const a = fabricJson(['simulate', fixture('ring8.fabric'), '--json', '--skip-failure-domains']);
        expect(Number(f.latency[0])).toBeCloseTo(a.totals.latency.minSeconds * 1e9, 3);
        expect(run.stdout).toMatch(/^# Units: bandwidth in ASTRA-sim's GB\/s, where GB = 2\^30 bytes/m);
        expect(run.stdout).toMatch(/^#   NPU 0 = R\.chip\[0\]\n#   NPU 1 = R\.chip\[1\]$/m);
    });

    test('eight accelerators on two switches: one Switch dimension, per-NPU bandwidth into the tier, half the path latency per hop', () => {
        const run = fabric(['export', fixture('switch8.fabric'), '--format', 'astra-sim']);
        expect(run.code).toBe(0);
        const f = fields(run.stdout);
        expect(f.topology).toEqual(['Switch']);
        expect(f.npus_count).toEqual(['8']);
        // each accelerator: 2 links (one per switch) of 2 × 200 Gbps per direction
        expect(Number(f.bandwidth[0])).toBe(round6(2 * 2 * 200e9 / 8 / ASTRA_GB));
        const a = fabricJson(['simulate', fixture('switch8.fabric'), '--json', '--skip-failure-domains']);
        expect(Number(f.latency[0])).toBeCloseTo(a.totals.latency.minSeconds * 1e9 / 2, 3);
        expect(run.stdout).toMatch(/ASTRA-sim charges a Switch 2 hops × latency/);
    });

    test('the NVL72 rack maps onto a Switch of 72 NPUs at 900 GB/s (10^9) = 838.19 GB/s (2^30)', () => {
        const f = fields(fabric(['export', 'examples/nvl72-copper.fabric', '--format', 'astra-sim', '--skip-failure-domains']).stdout);
        expect(f).toEqual({ topology: ['Switch'], npus_count: ['72'], bandwidth: [String(round6(900e9 / ASTRA_GB))], latency: ['125.4'] });
    });

    test('the TPU-style pod is refused: its OCS reconfigures circuits between phases', () => {
        const run = fabric(['export', 'examples/tpu-ocs-pod.fabric', '--format', 'astra-sim', '--skip-failure-domains']);
        expect(run.code).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toMatch(/^fabric export: examples\/tpu-ocs-pod\.fabric:\d+:\d+: optical\.ocs\[0\] does not map onto ASTRA-sim: an optical circuit switch whose circuits are set per phase \(configurations cube_torus, long_torus\): ASTRA-sim's analytical network is static/);
    });

    test('a two-tier pod is refused at a switch-to-switch link', () => {
        const run = fabric(['export', 'examples/pod576-cpo.fabric', '--format', 'astra-sim', '--skip-failure-domains']);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^fabric export: examples\/pod576-cpo\.fabric:39:9: rack\[0\]\.nvswitch\[0\]\.sw\[0\] <-> spine\.spine_rack\[0\]\.tray\[0\]\.sw\[0\] does not map onto ASTRA-sim: switches linked to switches form more than one tier/);
    });
});
