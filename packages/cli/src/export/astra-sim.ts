/**
 * `fabric export --format astra-sim`: the network configuration of ASTRA-sim 2.x (analytical
 * backend: `topology`, `npus_count`, `bandwidth` in GB/s, `latency` in ns per dimension) for a fabric
 * that is one of its building blocks — a Ring, a Switch or FullyConnected — and a clear refusal,
 * naming the part, for one that is not. Figures come from the simulator's Analysis; this file only
 * recognises the shape and converts units to ASTRA-sim's conventions, saying so in comments.
 *
 * ASTRA-sim's conventions (astra-network-analytical): bandwidth is per link in GB/s with
 * GB = 2^30 bytes; a message costs hops × latency + size / bandwidth; a Switch dimension is 2 hops
 * (NPU → switch → NPU), a Ring takes the shorter way round, FullyConnected is 1 hop.
 */
import { formatQuantity, type Analysis, type FabricModel, type SourceRef } from '@fabric/simulator';

export type AstraTopology = 'Ring' | 'Switch' | 'FullyConnected';

export interface AstraDimension {
    readonly topology: AstraTopology;
    readonly npus: number;
    /** ASTRA-sim's GB/s: 2^30 bytes per second, per direction. */
    readonly bandwidthGBps: number;
    readonly latencyNs: number;
}

export type AstraExport =
    | { readonly ok: true; readonly dimensions: readonly AstraDimension[]; readonly yaml: string }
    | Refusal;

const ASTRA_GB = 2 ** 30;

interface Shape {
    readonly dimension: AstraDimension;
    /** Comment lines explaining what was mapped and how. */
    readonly notes: readonly string[];
    /** Accelerator ids in ASTRA-sim NPU order. */
    readonly order: readonly number[];
}

/** Why the fabric does not map: the part (by path) and where it is declared. */
export interface Refusal { readonly ok: false; readonly part: string; readonly reason: string; readonly source: SourceRef }
const refuse = (part: string, reason: string, source: SourceRef): Refusal => ({ ok: false, part, reason, source });

const bytesPerSecond = (v: number) => formatQuantity(v, 'byteRate');
const astraGBps = (bytes: number) => Number((bytes / ASTRA_GB).toFixed(6));
const ns = (seconds: number) => Number((seconds * 1e9).toFixed(4));

export function astraSimNetwork(model: FabricModel, analysis: Analysis, origin: string, version: string): AstraExport {
    const accelerators = model.nodes.filter(n => n.kind === 'accelerator');
    if (accelerators.length < 2) return refuse(model.name, `ASTRA-sim needs at least 2 NPUs; the fabric has ${accelerators.length} accelerator${accelerators.length === 1 ? '' : 's'}`, model.groups[0].source);
    const ocs = model.nodes.find(n => n.kind === 'ocs');
    if (ocs || model.ocsConfigurations.length > 0) {
        const configs = model.ocsConfigurations.map(c => c.name);
        return refuse(ocs?.path ?? model.ocsConfigurations[0].name,
            `an optical circuit switch${configs.length > 0 ? ` whose circuits are set per phase (configurations ${configs.join(', ')})` : ''}: `
            + 'ASTRA-sim\'s analytical network is static (fixed Ring, Switch or FullyConnected dimensions) and cannot reconfigure circuits between phases',
            ocs?.source ?? model.ocsConfigurations[0].source);
    }
    const shape = model.nodes.some(n => n.kind === 'switch') ? switchShape(model, analysis) : directShape(model, analysis);
    if ('ok' in shape) return shape;
    const d = shape.dimension;
    const mapping = shape.order.length <= 128
        ? shape.order.map((id, i) => `#   NPU ${i} = ${model.nodes[id].path}`)
        : [`#   NPU k is the k-th accelerator in ${d.topology === 'Ring' ? 'ring order from ' + model.nodes[shape.order[0]].path : 'the fabric\'s declaration order'}`];
    const yaml = [
        `# ASTRA-sim 2.x network configuration (analytical backend), exported by fabric ${version}`,
        `# from ${origin}, fabric ${model.name}.`,
        ...shape.notes.map(n => `# ${n}`),
        '# Units: bandwidth in ASTRA-sim\'s GB/s, where GB = 2^30 bytes (astra-network-analytical converts',
        '#   GB/s to bytes/ns with 2^30); Fabric\'s GB/s are 10^9 bytes, so the figure below is Fabric\'s × 10^9 / 2^30.',
        '#   Bandwidth is per direction; latency is in ns per hop.',
        '# Not represented in ASTRA-sim\'s network file: power, energy per bit, failure domains, link lengths,',
        '#   in-network reduction (set the collective algorithms in the system file).',
        '# NPU numbering:',
        ...mapping,
        `topology: [ ${d.topology} ]`,
        `npus_count: [ ${d.npus} ]`,
        `bandwidth: [ ${d.bandwidthGBps} ]  # GB/s (2^30 B/s), per direction`,
        `latency: [ ${d.latencyNs} ]  # ns per hop`,
        ''
    ].join('\n');
    return { ok: true, dimensions: [d], yaml };
}

/** Total per-direction bandwidth between each unordered pair of nodes (parallel links add up). */
function pairBandwidth(analysis: Analysis): Map<string, { a: number; b: number; bytes: number; links: number[] }> {
    const pairs = new Map<string, { a: number; b: number; bytes: number; links: number[] }>();
    for (const link of analysis.links) {
        const [a, b] = link.a < link.b ? [link.a, link.b] : [link.b, link.a];
        const key = `${a}-${b}`;
        const pair = pairs.get(key) ?? { a, b, bytes: 0, links: [] };
        pair.bytes += link.bandwidthBytesPerSecond;
        pair.links.push(link.id);
        pairs.set(key, pair);
    }
    return pairs;
}

/** Accelerators linked to each other only: a Ring (2 neighbours each, one cycle) or FullyConnected (n − 1). */
function directShape(model: FabricModel, analysis: Analysis): Shape | Refusal {
    const ids = model.nodes.filter(n => n.kind === 'accelerator').map(n => n.id);
    const n = ids.length;
    const neighbours = new Map<number, Set<number>>(ids.map(id => [id, new Set()]));
    const pairs = pairBandwidth(analysis);
    for (const p of pairs.values()) { neighbours.get(p.a)!.add(p.b); neighbours.get(p.b)!.add(p.a); }
    const isolated = ids.find(id => neighbours.get(id)!.size === 0);
    if (isolated !== undefined) return refuse(model.nodes[isolated].path, 'this accelerator has no links; every NPU of an ASTRA-sim dimension is connected', model.nodes[isolated].source);
    const widths = [...pairs.values()];
    const uneven = widths.find(p => Math.abs(p.bytes - widths[0].bytes) > 1e-9 * widths[0].bytes);
    if (uneven) {
        return refuse(`${model.nodes[uneven.a].path} <-> ${model.nodes[uneven.b].path}`,
            `these accelerators are joined by ${bytesPerSecond(uneven.bytes)} per direction, others by ${bytesPerSecond(widths[0].bytes)}; an ASTRA-sim dimension has one bandwidth`,
            model.links[uneven.links[0]].source);
    }
    const hops = analysis.links.map(l => l.latency.totalSeconds);
    const hop = Math.max(...hops), fastest = Math.min(...hops);
    const latencyNote = hop - fastest > 1e-12
        ? `latency: the slowest link hop, ${formatQuantity(hop, 'time')} (hops range ${formatQuantity(fastest, 'time')}–${formatQuantity(hop, 'time')}; a ring step waits for its slowest hop).`
        : `latency: one link hop (SerDes/FEC + propagation), ${formatQuantity(hop, 'time')}.`;
    const degree = (id: number) => neighbours.get(id)!.size;
    if (ids.every(id => degree(id) === n - 1)) {
        return {
            dimension: { topology: 'FullyConnected', npus: n, bandwidthGBps: astraGBps(widths[0].bytes), latencyNs: ns(hop) },
            notes: [`Dimension 1: FullyConnected — ${n} accelerators, each linked to every other.`,
                `bandwidth: each pair is joined by ${bytesPerSecond(widths[0].bytes)} per direction (${widths[0].links.length} link${widths[0].links.length > 1 ? 's' : ''}).`, latencyNote],
            order: ids
        };
    }
    const odd = ids.find(id => degree(id) !== 2);
    if (odd !== undefined) {
        return refuse(model.nodes[odd].path, `this accelerator links to ${degree(odd)} others: an ASTRA-sim Ring has 2 neighbours per NPU and FullyConnected ${n - 1}; `
            + 'tori and meshes span several dimensions, which this export does not map', model.nodes[odd].source);
    }
    const order = [ids[0]];
    for (let prev = -1, at = ids[0]; order.length < n;) {
        const next = [...neighbours.get(at)!].find(x => x !== prev && x !== order[0]) ?? -1;
        if (next < 0 || order.includes(next)) break;
        order.push(next);
        prev = at;
        at = next;
    }
    if (order.length !== n) {
        const missing = ids.find(id => !order.includes(id))!;
        return refuse(model.nodes[missing].path, `the accelerators form several rings (this one is not on the ring through ${model.nodes[ids[0]].path}); an ASTRA-sim Ring is one cycle`, model.nodes[missing].source);
    }
    return {
        dimension: { topology: 'Ring', npus: n, bandwidthGBps: astraGBps(widths[0].bytes), latencyNs: ns(hop) },
        notes: [`Dimension 1: Ring — ${n} accelerators, each linked to its two neighbours.`,
            `bandwidth: each ring link carries ${bytesPerSecond(widths[0].bytes)} per direction (ASTRA-sim's Ring uses both directions, the shorter way round).`, latencyNote],
        order
    };
}

/** Accelerators on one tier of switches, every accelerator reaching every switch: a Switch dimension. */
function switchShape(model: FabricModel, analysis: Analysis): Shape | Refusal {
    const kind = (id: number) => model.nodes[id].kind;
    const switches = model.nodes.filter(n => n.kind === 'switch').map(n => n.id);
    const ids = model.nodes.filter(n => n.kind === 'accelerator').map(n => n.id);
    const reach = new Map<number, Set<number>>(ids.map(id => [id, new Set()]));
    const injection = new Map<number, number>(ids.map(id => [id, 0]));
    for (const l of model.links) {
        const [ka, kb] = [kind(l.a), kind(l.b)];
        if (ka === 'switch' && kb === 'switch') {
            return refuse(`${model.nodes[l.a].path} <-> ${model.nodes[l.b].path}`,
                'switches linked to switches form more than one tier; an ASTRA-sim Switch dimension is a single switch hop between NPUs, and a multi-tier Clos is not one', l.source);
        }
        if (ka === 'accelerator' && kb === 'accelerator') {
            return refuse(`${model.nodes[l.a].path} <-> ${model.nodes[l.b].path}`,
                'accelerators linked directly beside a switch tier: one ASTRA-sim dimension is either a Switch or direct links, not both', l.source);
        }
        const acc = ka === 'accelerator' ? l.a : l.b, sw = ka === 'accelerator' ? l.b : l.a;
        reach.get(acc)!.add(sw);
        injection.set(acc, injection.get(acc)! + analysis.links[l.id].bandwidthBytesPerSecond);
    }
    const partial = ids.find(id => reach.get(id)!.size !== switches.length);
    if (partial !== undefined) {
        return refuse(model.nodes[partial].path, `this accelerator reaches ${reach.get(partial)!.size} of the ${switches.length} switches (rail-style or partial wiring); `
            + 'an ASTRA-sim Switch dimension puts every NPU on the same switch', model.nodes[partial].source);
    }
    const first = injection.get(ids[0])!;
    const uneven = ids.find(id => Math.abs(injection.get(id)! - first) > 1e-9 * first);
    if (uneven !== undefined) {
        return refuse(model.nodes[uneven].path, `this accelerator injects ${bytesPerSecond(injection.get(uneven)!)} per direction into the switches, ${model.nodes[ids[0]].path} ${bytesPerSecond(first)}; an ASTRA-sim dimension has one bandwidth`, model.nodes[uneven].source);
    }
    const latency = analysis.totals.latency;
    if (!latency) return refuse(model.name, 'no two accelerators reach each other', model.groups[0].source);
    if (latency.maxSeconds - latency.minSeconds > 1e-12) {
        return refuse(model.name, `accelerator-to-accelerator latency ranges ${formatQuantity(latency.minSeconds, 'time')}–${formatQuantity(latency.maxSeconds, 'time')}; an ASTRA-sim Switch dimension has one latency`, model.groups[0].source);
    }
    const perLink = analysis.links[model.links.find(l => kind(l.a) === 'accelerator' || kind(l.b) === 'accelerator')!.id].bandwidthBytesPerSecond;
    const linksPerNpu = Math.round(first / perLink);
    return {
        dimension: { topology: 'Switch', npus: ids.length, bandwidthGBps: astraGBps(first), latencyNs: ns(latency.minSeconds / 2) },
        notes: [`Dimension 1: Switch — ${ids.length} accelerators on one tier of ${switches.length} switch${switches.length > 1 ? 'es' : ''}; every accelerator reaches every switch.`,
            `bandwidth: each accelerator's ${linksPerNpu} link${linksPerNpu > 1 ? 's' : ''} into the switch tier carry ${bytesPerSecond(first)} per direction in all (ASTRA-sim's Switch models them as one link per NPU).`,
            `latency: the accelerator-to-accelerator path (link, switch port to port, link) is ${formatQuantity(latency.minSeconds, 'time')}; ASTRA-sim charges a Switch 2 hops × latency, so latency = ${ns(latency.minSeconds / 2)} ns.`],
        order: ids
    };
}
