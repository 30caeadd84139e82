import { PROTOCOLS, type Dimension, type FabricLink, type OcsCircuit, type OpticsType, type Protocol } from '@fabric/simulator';
import {
    LanesOption, LaserOption, LengthOption, SpareOption,
    isAllToAllPattern, isCountOption, isLaserOption, isOneToOnePattern, isProtocolOption, isRailsPattern,
    isRingPattern, isThroughOption, isTorusPattern, type Connect, type Selection, type Shape
} from '../generated/ast.js';
import { FabricCode } from '../validation/fabric-codes.js';
import { article } from '../wording.js';
import { allToAll, grid, oneToOne, rails, ring, type PatternResult } from './connection-patterns.js';
import type { ProblemSink } from './elaboration-problem.js';
import type { ContainerInstance, IndexBindings, InstanceTree, Selected } from './instance-tree.js';
import type { ModelBuilder } from './model-builder.js';
import type { PartTypeResolver } from './part-types.js';
import { leafType } from '../leaf-types.js';
import { quantityValue, wholeNumber } from './quantities.js';
import { StatementNumbers } from './statement-numbers.js';
import type { SourceRefs } from './source-refs.js';

/** Elaborates `connect` statements into links, or into OCS circuits inside a configuration. */
export class Connections {
    private readonly statements = new StatementNumbers();

    constructor(
        private readonly builder: ModelBuilder,
        private readonly tree: InstanceTree,
        private readonly parts: PartTypeResolver,
        private readonly refs: SourceRefs,
        private readonly report: ProblemSink
    ) { }

    /** Adds the links of one connect statement seen from one container instance. */
    connect(connect: Connect, context: ContainerInstance, bindings: IndexBindings): void {
        const plan = this.plan(connect, context, bindings, false);
        if (!plan) return;
        const { optics, statement } = plan;
        const { pairs, axes } = plan.pattern;
        const { lanes, spare, length, protocol, lasers, count } = plan.options;
        const laserOption = laserOptionOf(connect);
        if (laserOption && !optics.externalLaser) {
            this.report({
                code: FabricCode.LaserNotNeeded, severity: 'error', node: laserOption, property: 'lasers',
                message: `'${optics.name}' (${optics.kind}) brings its own light${optics.kind === 'dac' || optics.kind === 'aec' ? ' (it is copper)' : ''}: remove 'laser …'; only optics declared 'laser external' take a laser source`
            });
        }
        const light = optics.externalLaser ? this.lightEnds(pairs, lasers) : undefined;
        if (optics.externalLaser && lasers.length === 0) {
            this.report({ code: FabricCode.MissingLaser, severity: 'warning', node: connect, property: 'optics', message: `'${optics.name}' needs an external laser source: add 'laser <sources>' so its power and failures are counted` });
        } else if (light && light.dark.length > 0) {
            this.report({
                code: FabricCode.MissingLaser, severity: 'warning', node: laserOption ?? connect, property: laserOption ? 'lasers' : 'optics',
                message: `'${optics.name}' needs light at both ends, but ${light.dark.length} end${light.dark.length === 1 ? '' : 's'} (at ${this.builder.nodes[light.dark[0]].path}${light.dark.length > 1 ? ', …' : ''}) have no laser source in their tray, rack or other enclosing group: add sources there`
            });
        }
        const source = this.refs.of(connect, undefined, context.single);
        const layer = context.layer;
        for (let k = 0; k < pairs.length; k++) {
            const [a, b] = pairs[k];
            const laserSourceId = light?.a[k], laserSourceIdB = light?.b[k];
            for (let c = 0; c < count; c++) {
                // Each link made whole in one literal, keys in the model's order (id first); a torus or mesh link is that with its `axis` last.
                const link: FabricLink = {
                    id: this.builder.nextLinkId, a, b, optics: optics.name, lanes, spareLanes: spare, laneRateBps: optics.laneRateBps, lengthMeters: length,
                    protocol, layer, statement, source, laserSourceId, laserSourceIdB
                };
                this.builder.addLink(axes ? { ...link, axis: axes[k] } : link);
            }
        }
    }

    /**
     * The laser source of each end of each link. An end takes its light from the sources in its nearest
     * enclosing group that holds any (its tray, else its rack, …), spread over them in contiguous blocks;
     * sources enclosing neither end (a separate laser shelf) feed the first ends, in blocks over the links.
     */
    private lightEnds(pairs: ReadonlyArray<readonly [number, number]>, lasers: readonly number[]): { a: Array<number | undefined>; b: Array<number | undefined>; dark: number[] } {
        const groups = this.builder.groups;
        const sourcesIn = new Map<number, number[]>();
        for (const id of lasers) {
            const g = this.builder.laserSources[id].groupId;
            (sourcesIn.get(g) ?? sourcesIn.set(g, []).get(g)!).push(id);
        }
        const nearest = new Map<number, number[] | null>();
        const candidates = (node: number): number[] | null => {
            const start = this.builder.nodes[node].groupId;
            if (nearest.has(start)) return nearest.get(start)!;
            let found: number[] | null = null;
            for (let g: number | null = start; g !== null && found === null; g = groups[g].parentId) if (sourcesIn.has(g)) found = sourcesIn.get(g)!;
            nearest.set(start, found);
            return found;
        };
        const ends = pairs.map(([a, b]) => [candidates(a), candidates(b)] as const);
        const enclosing = ends.some(([x, y]) => x !== null || y !== null);
        const a: Array<number | undefined> = [], b: Array<number | undefined> = [];
        const dark: number[] = [];
        if (!enclosing) {
            pairs.forEach((_, k) => { a.push(lasers[Math.floor(k * lasers.length / pairs.length)]); b.push(undefined); });
            return { a, b, dark };
        }
        // Contiguous blocks within each candidate set, in link order.
        const totals = new Map<number[], number>();
        for (const [x, y] of ends) for (const c of [x, y]) if (c) totals.set(c, (totals.get(c) ?? 0) + 1);
        const seen = new Map<number[], number>();
        const take = (c: number[] | null, node: number): number | undefined => {
            if (!c) { dark.push(node); return undefined; }
            const i = seen.get(c) ?? 0;
            seen.set(c, i + 1);
            return c[Math.floor(i * c.length / totals.get(c)!)];
        };
        pairs.forEach(([x, y], k) => { a.push(take(ends[k][0], x)); b.push(take(ends[k][1], y)); });
        return { a, b, dark };
    }

    /** The circuits one connect statement of a configuration sets up, spread over its OCS switches. */
    circuits(connect: Connect, context: ContainerInstance, bindings: IndexBindings): OcsCircuit[] {
        const plan = this.plan(connect, context, bindings, true);
        if (!plan) return [];
        const { optics, statement } = plan;
        const { pairs, planes, axes } = plan.pattern;
        const { lanes, length, protocol, switches, count } = plan.options;
        const source = this.refs.of(connect);
        // A tiled torus goes plane by plane (one OCS per dimension and face position, as in TPU v4);
        // other patterns spread their circuits round-robin.
        return pairs.flatMap(([a, b], k) => Array.from({ length: count }, () => ({
            a, b, ocs: switches[(planes ? planes[k] : k) % switches.length], optics: optics.name, lanes, laneRateBps: optics.laneRateBps,
            lengthMeters: length, protocol, statement, source, ...(axes ? { axis: axes[k] } : {})
        })));
    }

    private plan(connect: Connect, context: ContainerInstance, bindings: IndexBindings, inConfiguration: boolean): ConnectPlan | undefined {
        const part = connect.optics?.ref ? this.parts.resolve(connect.optics.ref) : undefined;
        if (!connect.from) return undefined; // recovering from a syntax error: the parser reports it
        if (part && part.kind !== 'link') {
            this.report({ code: FabricCode.WrongPartKind, severity: 'error', node: connect, property: 'optics', message: `'via' needs a link type; '${part.type.name}' is ${article(part.kind)} ${part.kind} type` });
            return undefined;
        }
        const from = this.tree.select(connect.from, context, bindings);
        const to = connect.to ? this.tree.select(connect.to, context, bindings) : undefined;
        if (!part || !from || (connect.to && !to)) return undefined;
        this.builder.addType(part);
        const optics = part.type as OpticsType;
        if (!this.endpoints(connect.from, from) || (connect.to && to && !this.endpoints(connect.to, to))) return undefined;
        const pattern = this.pairs(connect, from.nodes, to?.nodes);
        if (!pattern) return undefined;
        if (!pattern.ok) {
            this.report({ code: FabricCode.PatternUnsatisfiable, severity: 'error', node: connect, property: connect.pattern ? 'pattern' : 'from', message: pattern.message });
            return undefined;
        }
        if (linksItself(pattern.pairs)) {
            this.report({ code: FabricCode.SelfLink, severity: 'error', node: connect, property: 'from', message: 'this pattern links an element to itself; make the two selections disjoint' });
            return undefined;
        }
        const options = this.options(connect, optics, context, bindings, inConfiguration);
        if (!options) return undefined;
        return { optics, pattern, statement: this.statements.of(connect), options };
    }

    /** Whether a selection may be a link's end: it holds accelerators or switches and no laser source (else reported). */
    private endpoints(selection: Selection, selected: Selected): boolean {
        if (selected.lasers.length > 0) {
            this.report({ code: FabricCode.WrongPartKind, severity: 'error', node: selection, message: 'laser sources are not link endpoints; feed links with \'laser <sources>\' instead' });
            return false;
        }
        if (selected.nodes.length === 0) {
            this.report({ code: FabricCode.EmptySelection, severity: 'error', node: selection, message: 'this selection contains no accelerators or switches' });
            return false;
        }
        return true;
    }

    private pairs(connect: Connect, from: readonly number[], to: readonly number[] | undefined): PatternResult | undefined {
        const pattern = connect.pattern;
        const needsTo = (name: string): PatternResult | undefined => {
            this.report({ code: FabricCode.PatternUnsatisfiable, severity: 'error', node: connect, property: 'pattern', message: `${name} needs a second selection: 'connect A to B ${name} via …'` });
            return undefined;
        };
        const noTo = (name: string): PatternResult | undefined => {
            this.report({ code: FabricCode.PatternUnsatisfiable, severity: 'error', node: connect, property: 'to', message: `${name} runs over one selection; remove 'to …'` });
            return undefined;
        };
        if (!pattern) {
            if (!to) {
                this.report({ code: FabricCode.PatternUnsatisfiable, severity: 'error', node: connect, property: 'from', message: "a connection over one selection needs a pattern: ring, torus, mesh or all-to-all" });
                return undefined;
            }
            return oneToOne(from, to);
        }
        if (isAllToAllPattern(pattern)) return allToAll(from, to);
        if (isOneToOnePattern(pattern)) return to ? oneToOne(from, to) : needsTo('one-to-one');
        if (isRingPattern(pattern)) return to ? noTo('ring') : ring(from);
        if (isRailsPattern(pattern)) return to ? rails(from, to, id => this.builder.nodes[id].index) : needsTo('rails');
        if (isTorusPattern(pattern)) {
            if (!pattern.shape) return undefined; // `torus` without its shape: the parser reports it
            if (to) return noTo(pattern.kind);
            const shape = shapeOf(pattern.shape);
            const tiles = pattern.tiles ? shapeOf(pattern.tiles) : undefined;
            return grid(from, { shape, wrap: pattern.kind === 'torus', tiles, edges: pattern.edges as 'within' | 'across' | undefined });
        }
        return undefined;
    }

    private options(connect: Connect, optics: OpticsType, context: ContainerInstance, bindings: IndexBindings, inConfiguration: boolean): ConnectOptions | undefined {
        let lanes = optics.lanes;
        let spare = 0;
        let length: number | undefined;
        let protocol: Protocol | undefined = optics.protocol;
        let lasers: readonly number[] = NONE;
        let switches: readonly number[] = NONE;
        let count = 1;
        let ok = true;
        const all = connect.options;
        for (let o = 0; o < all.length; o++) {
            const option = all[o];
            // By `$type`: every option type is a leaf type (leaf-types.ts).
            const type = option?.$type;
            if (type === LANES_OPTION) {
                lanes = wholeNumber((option as LanesOption).lanes, this.report, option, 'lanes', 'lanes', 1) ?? (ok = false, lanes);
            } else if (type === SPARE_OPTION) {
                spare = wholeNumber((option as SpareOption).spare, this.report, option, 'spare', 'spare lanes') ?? (ok = false, 0);
            } else if (type === LENGTH_OPTION) {
                length = quantityValue((option as LengthOption).length, LENGTH, this.report, 'cable length');
                if (length === undefined) ok = false;
            } else if (isProtocolOption(option)) {
                if (PROTOCOLS.includes(option.protocol as Protocol)) {
                    protocol = option.protocol as Protocol;
                } else {
                    this.report({ code: FabricCode.BadProtocol, severity: 'error', node: option, property: 'protocol', message: `unknown protocol '${option.protocol}'; expected one of: ${PROTOCOLS.join(', ')}` });
                    ok = false;
                }
            } else if (isLaserOption(option)) {
                for (const selection of option.lasers) {
                    const selected = this.tree.select(selection, context, bindings);
                    if (!selected) { ok = false; continue; }
                    if (selected.nodes.length > 0 || selected.lasers.length === 0) {
                        this.report({ code: FabricCode.NotALaser, severity: 'error', node: selection, message: "'laser' needs laser source instances (declared with 'laser name : LaserType')" });
                        ok = false;
                    }
                    lasers = [...lasers, ...selected.lasers];
                }
            } else if (isCountOption(option)) {
                count = wholeNumber(option.count, this.report, option, 'count', 'links per pair', 1) ?? (ok = false, 1);
            } else if (isThroughOption(option)) {
                if (!inConfiguration) {
                    this.report({ code: FabricCode.CircuitWithoutOcs, severity: 'error', node: option, message: "'through' only applies to circuits inside an OCS 'configuration'" });
                    ok = false;
                    continue;
                }
                const selected = this.tree.select(option.ocs, context, bindings);
                if (!selected) { ok = false; continue; }
                switches = selected.nodes.filter(id => this.builder.nodes[id].kind === 'ocs');
                if (switches.length === 0 || switches.length !== selected.nodes.length) {
                    this.report({ code: FabricCode.CircuitWithoutOcs, severity: 'error', node: option, property: 'ocs', message: "'through' needs optical circuit switches (declared with 'ocs name : OcsType')" });
                    ok = false;
                }
            }
        }
        if (length === undefined && ok) {
            this.report({ code: FabricCode.MissingLength, severity: 'error', node: connect, property: 'optics', message: "give the cable length, e.g. 'length 1.5 m': reach, latency and power depend on it" });
            ok = false;
        }
        if (inConfiguration && switches.length === 0 && ok) {
            this.report({ code: FabricCode.CircuitWithoutOcs, severity: 'error', node: connect, property: 'optics', message: "circuits of a configuration need 'through <ocs switches>'" });
            ok = false;
        }
        return ok ? { lanes, spare, length: length!, protocol, lasers, switches, count } : undefined;
    }
}

/** What one connect statement makes, seen from one container instance, before its links are made. */
interface ConnectPlan {
    readonly optics: OpticsType;
    readonly pattern: Extract<PatternResult, { ok: true }>;
    /** The statement's number (FabricLink.statement). */
    readonly statement: number;
    readonly options: ConnectOptions;
}

interface ConnectOptions {
    readonly lanes: number;
    readonly spare: number;
    readonly length: number;
    readonly protocol: Protocol | undefined;
    readonly lasers: readonly number[];
    readonly switches: readonly number[];
    readonly count: number;
}

/** No laser sources, no switches: shared by every connect statement without them (never changed). */
const NONE: readonly number[] = [];

const LANES_OPTION = leafType(LanesOption.$type), SPARE_OPTION = leafType(SpareOption.$type), LENGTH_OPTION = leafType(LengthOption.$type);
const LASER_OPTION = leafType(LaserOption.$type);
/** The dimension a cable length has (one list for every connection). */
const LENGTH: readonly Dimension[] = ['length'];

/** The first `laser …` option of a connection (`options.find(isLaserOption)`, without the guard's cost). */
function laserOptionOf(connect: Connect): LaserOption | undefined {
    const options = connect.options;
    for (let o = 0; o < options.length; o++) if (options[o]?.$type === LASER_OPTION) return options[o] as LaserOption;
    return undefined;
}

/** Whether a pair links an element to itself. */
function linksItself(pairs: ReadonlyArray<readonly [number, number]>): boolean {
    for (let k = 0; k < pairs.length; k++) if (pairs[k][0] === pairs[k][1]) return true;
    return false;
}

function shapeOf(shape: Shape): number[] {
    return shape.compact ? shape.compact.split('x').map(Number) : shape.dims ?? [];
}
