import { PROTOCOLS, type OcsCircuit, type OpticsType, type Protocol } from '@fabric/simulator';
import {
    isAllToAllPattern, isLanesOption, isLaserOption, isLengthOption, isOneToOnePattern, isProtocolOption, isRailsPattern,
    isRingPattern, isSpareOption, isThroughOption, isTorusPattern, type Connect, type Shape
} from '../generated/ast.js';
import { FabricCode } from '../validation/fabric-codes.js';
import { article } from '../wording.js';
import { allToAll, grid, oneToOne, rails, ring, type PatternResult } from './connection-patterns.js';
import type { ProblemSink } from './elaboration-problem.js';
import type { ContainerInstance, IndexBindings, InstanceTree } from './instance-tree.js';
import type { ModelBuilder } from './model-builder.js';
import type { PartTypeResolver } from './part-types.js';
import { quantityValue, wholeNumber } from './quantities.js';
import type { SourceRefs } from './source-refs.js';

/** Elaborates `connect` statements into links, or into OCS circuits inside a configuration. */
export class Connections {
    private readonly statementIds = new Map<Connect, number>();

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
        const { optics, pairs, lanes, spare, length, protocol, lasers, statement } = plan;
        if (optics.externalLaser && lasers.length === 0) {
            this.report({ code: FabricCode.MissingLaser, severity: 'warning', node: connect, property: 'optics', message: `'${optics.name}' needs an external laser source: add 'laser <sources>' so its power and failures are counted` });
        }
        const source = this.refs.of(connect);
        pairs.forEach(([a, b], k) => {
            this.builder.addLink({
                a, b, optics: optics.name, lanes, spareLanes: spare, laneRateBps: optics.laneRateBps, lengthMeters: length,
                protocol, layer: context.layer, statement, source,
                laserSourceId: lasers.length > 0 ? lasers[Math.floor(k * lasers.length / pairs.length)] : undefined
            });
        });
    }

    /** The circuits one connect statement of a configuration sets up, spread over its OCS switches. */
    circuits(connect: Connect, context: ContainerInstance, bindings: IndexBindings): OcsCircuit[] {
        const plan = this.plan(connect, context, bindings, true);
        if (!plan) return [];
        const { optics, pairs, planes, lanes, length, protocol, switches, statement } = plan;
        const source = this.refs.of(connect);
        // A tiled torus goes plane by plane (one OCS per dimension and face position, as in TPU v4);
        // other patterns spread their circuits round-robin.
        return pairs.map(([a, b], k) => ({
            a, b, ocs: switches[(planes ? planes[k] : k) % switches.length], optics: optics.name, lanes, laneRateBps: optics.laneRateBps,
            lengthMeters: length, protocol, statement, source
        }));
    }

    private plan(connect: Connect, context: ContainerInstance, bindings: IndexBindings, inConfiguration: boolean) {
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
        for (const [selection, selected] of [[connect.from, from], [connect.to, to]] as const) {
            if (selection && selected && selected.lasers.length > 0) {
                this.report({ code: FabricCode.WrongPartKind, severity: 'error', node: selection, message: 'laser sources are not link endpoints; feed links with \'laser <sources>\' instead' });
                return undefined;
            }
            if (selection && selected && selected.nodes.length === 0) {
                this.report({ code: FabricCode.EmptySelection, severity: 'error', node: selection, message: 'this selection contains no accelerators or switches' });
                return undefined;
            }
        }
        const pattern = this.pairs(connect, from.nodes, to?.nodes);
        if (!pattern) return undefined;
        if (!pattern.ok) {
            this.report({ code: FabricCode.PatternUnsatisfiable, severity: 'error', node: connect, property: connect.pattern ? 'pattern' : 'from', message: pattern.message });
            return undefined;
        }
        if (pattern.pairs.some(([a, b]) => a === b)) {
            this.report({ code: FabricCode.SelfLink, severity: 'error', node: connect, property: 'from', message: 'this pattern links an element to itself; make the two selections disjoint' });
            return undefined;
        }
        const options = this.options(connect, optics, context, bindings, inConfiguration);
        if (!options) return undefined;
        let statement = this.statementIds.get(connect);
        if (statement === undefined) {
            statement = this.statementIds.size;
            this.statementIds.set(connect, statement);
        }
        return { optics, pairs: pattern.pairs, planes: pattern.planes, statement, ...options };
    }

    private pairs(connect: Connect, from: number[], to: number[] | undefined): PatternResult | undefined {
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

    private options(connect: Connect, optics: OpticsType, context: ContainerInstance, bindings: IndexBindings, inConfiguration: boolean) {
        let lanes = optics.lanes;
        let spare = 0;
        let length: number | undefined;
        let protocol: Protocol | undefined = optics.protocol;
        let lasers: number[] = [];
        let switches: number[] = [];
        let ok = true;
        for (const option of connect.options) {
            if (isLanesOption(option)) {
                lanes = wholeNumber(option.lanes, this.report, option, 'lanes', 'lanes', 1) ?? (ok = false, lanes);
            } else if (isSpareOption(option)) {
                spare = wholeNumber(option.spare, this.report, option, 'spare', 'spare lanes') ?? (ok = false, 0);
            } else if (isLengthOption(option)) {
                length = quantityValue(option.length, ['length'], this.report, 'cable length');
                if (length === undefined) ok = false;
            } else if (isProtocolOption(option)) {
                if (PROTOCOLS.includes(option.protocol as Protocol)) {
                    protocol = option.protocol as Protocol;
                } else {
                    this.report({ code: FabricCode.BadProtocol, severity: 'error', node: option, property: 'protocol', message: `unknown protocol '${option.protocol}'; expected one of: ${PROTOCOLS.join(', ')}` });
                    ok = false;
                }
            } else if (isLaserOption(option)) {
                const selected = this.tree.select(option.lasers, context, bindings);
                if (!selected) { ok = false; continue; }
                if (selected.nodes.length > 0 || selected.lasers.length === 0) {
                    this.report({ code: FabricCode.NotALaser, severity: 'error', node: option, property: 'lasers', message: "'laser' needs laser source instances (declared with 'laser name : LaserType')" });
                    ok = false;
                }
                lasers = selected.lasers;
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
        return ok ? { lanes, spare, length: length!, protocol, lasers, switches } : undefined;
    }
}

function shapeOf(shape: Shape): number[] {
    return shape.compact ? shape.compact.split('x').map(Number) : shape.dims ?? [];
}
