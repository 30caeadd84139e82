/**
 * Generates a realistic large .fabric text of about `lines` lines for benchmarks: racks of trays
 * with accelerators and switches, one explicit `connect` per GPU–switch link (so linking resolves
 * many qualified, indexed references), a failure domain per rack and a workload.
 */
export interface GeneratedFabric {
    readonly text: string;
    readonly lines: number;
    readonly racks: number;
    readonly accelerators: number;
    readonly switches: number;
    readonly links: number;
}

const TRAYS = 4, GPUS = 4, SWITCHES = 2;
const HEADER = `accelerator Gpu { ports 2 port-rate 400 Gbps tdp 1000 W fit 5000 }
switch Leaf { radix 40 port-rate 400 Gbps latency 200 ns power 100 W }
link Copper { kind dac lanes 2 x 200 Gbps per-direction energy 1.3 pJ/bit reach 2 m latency 20 ns fit 5 }
link Optic { kind lpo lanes 2 x 200 Gbps per-direction energy 10 pJ/bit reach 100 m latency 10 ns fit 80 }
`;

export function generateFabric(targetLines: number): GeneratedFabric {
    const perRack = 2 + TRAYS + 2 + TRAYS * GPUS * SWITCHES + 1; // rack, trays, switch, close, connects, domain
    const racks = Math.max(1, Math.round((targetLines - 12) / perRack));
    const out: string[] = [HEADER, 'fabric Generated {'];
    for (let r = 0; r < racks; r++) {
        out.push(`    rack r${r} {`);
        for (let t = 0; t < TRAYS; t++) out.push(`        tray t${t} { accelerator g[0..${GPUS - 1}] : Gpu }`);
        out.push(`        switch s[0..${SWITCHES - 1}] : Leaf`);
        out.push('    }');
        for (let t = 0; t < TRAYS; t++) {
            for (let g = 0; g < GPUS; g++) {
                for (let s = 0; s < SWITCHES; s++) out.push(`    connect r${r}.t${t}.g[${g}] to r${r}.s[${s}] via Copper length 1.5 m`);
            }
        }
        out.push(`    failure domain rack_${r} = r${r}`);
    }
    // a spine joining the racks' switches, so the fabric is one connected domain
    out.push(`    switch spine[0..${Math.max(1, Math.ceil(racks * SWITCHES / 32)) - 1}] : Leaf`);
    out.push('    connect r0.s[*] to spine[*] all-to-all via Optic length 20 m');
    out.push('    workload train {');
    out.push('        phase grads all-reduce 1 GiB over r0.t0.g[*], r0.t1.g[*]');
    out.push('        phase experts all-to-all 64 MiB over r0.t0.g[*], r0.t1.g[*]');
    out.push('    }');
    out.push('}');
    const text = out.join('\n') + '\n';
    const spines = Math.max(1, Math.ceil(racks * SWITCHES / 32));
    return {
        text, lines: out.join('\n').split('\n').length, racks,
        accelerators: racks * TRAYS * GPUS, switches: racks * SWITCHES + spines,
        links: racks * TRAYS * GPUS * SWITCHES + SWITCHES * spines
    };
}
