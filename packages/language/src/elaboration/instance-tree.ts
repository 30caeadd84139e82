import { GrammarUtils, type AstNode } from 'langium';
import { appendAll, type NodeKind } from '@fabric/simulator';
import {
    Group, Instance, Layer,
    type Fabric, type Index, type IndexExpr, type IndexVariable, type Range, type Selection
} from '../generated/ast.js';
import { FabricCode } from '../validation/fabric-codes.js';
import { article } from '../wording.js';
import type { ProblemSink } from './elaboration-problem.js';
import type { ModelBuilder } from './model-builder.js';
import type { PartTypeResolver } from './part-types.js';
import type { SourceRefs } from './source-refs.js';
import { leafType } from '../leaf-types.js';

const INSTANCE = leafType(Instance.$type), GROUP = leafType(Group.$type), LAYER = leafType(Layer.$type);

/** Elements one array (or scalar) declaration expanded to, inside one container instance. */
export interface MemberInstances {
    /** First declared index (`gpu[4..7]` → 4); 0 for a scalar. */
    readonly first: number;
    readonly isArray: boolean;
    readonly nodes?: number[];
    readonly lasers?: number[];
    readonly components?: number[];
    readonly groups?: ContainerInstance[];
}

/** One elaborated fabric, group or layer: `rack[3]` of `rack rack[0..7] { … }`. */
export interface ContainerInstance {
    readonly ast: Fabric | Group | Layer;
    readonly groupId: number;
    /** Path from the fabric ('' for the fabric itself). */
    readonly path: string;
    readonly parent?: ContainerInstance;
    /** Name of the nearest enclosing layer. */
    readonly layer?: string;
    /**
     * Whether this is the one instance of its declaration and every enclosing one is too: what it
     * declares and states is elaborated once, so its source refs need no sharing (SourceRefs.of's `once`).
     */
    readonly single: boolean;
    readonly members: Map<AstNode, MemberInstances>;
    /** Every node, laser source and component below, in declaration order (filled on first use; never changed). */
    below?: Selected;
}

export type IndexBindings = ReadonlyMap<IndexVariable, number>;
export const NO_BINDINGS: IndexBindings = new Map();

/** Largest array a single declaration may expand to: a typo like `gpu[0..10000000]` must not hang the editor. */
export const MAX_ARRAY_ELEMENTS = 1_000_000;
/** Most nodes and groups a fabric may elaborate to, however the arrays nest (the largest pods here hold ~10k). */
export const MAX_FABRIC_ELEMENTS = 500_000;

/** What a selection denotes. The lists may be shared with the instance tree and other selections: never change them. */
export interface Selected {
    readonly nodes: readonly number[];
    readonly lasers: readonly number[];
    /** Components (CPUs, NICs, fans, …) selected: they fail with a domain but carry no traffic. */
    readonly components: readonly number[];
}

/**
 * Expands declarations into instances (pass 1 of elaboration) and resolves selections such as
 * `R.compute[*].gpu[0..3]` against them.
 */
export class InstanceTree {
    constructor(
        private readonly builder: ModelBuilder,
        private readonly parts: PartTypeResolver,
        private readonly refs: SourceRefs,
        private readonly report: ProblemSink
    ) { }

    instantiateFabric(fabric: Fabric): ContainerInstance {
        const groupId = this.builder.addGroup('', 'fabric', null, this.refs.of(fabric, 'name'));
        const root: ContainerInstance = { ast: fabric, groupId, path: '', members: new Map(), single: true };
        this.instantiateMembers(root);
        return root;
    }

    /** Elements created so far; nested arrays multiply, so the cap is checked as they expand. */
    private created = 0;

    /** Whether `count` more elements fit under the cap; reports at `node` when they do not. */
    private withinCap(count: number, node: AstNode): boolean {
        if (this.created > MAX_FABRIC_ELEMENTS) return false; // already reported: stop expanding
        this.created += count;
        if (this.created <= MAX_FABRIC_ELEMENTS) return true;
        this.report({ code: FabricCode.BadRange, severity: 'error', node, message: `the fabric expands to more than ${MAX_FABRIC_ELEMENTS.toLocaleString('en-US')} nodes and groups here; nested arrays multiply: reduce a range` });
        return false;
    }

    private instantiateMembers(container: ContainerInstance): void {
        const members = container.ast.members;
        for (let m = 0; m < members.length; m++) {
            const member = members[m];
            // By `$type`: Instance, Group and Layer are leaf types (leaf-types.ts).
            const type = member.$type;
            if (type !== INSTANCE && type !== GROUP && type !== LAYER) continue; // statements: pass 2
            if (!(member as Instance | Group | Layer).name) {
                continue; // recovering from a syntax error
            }
            if (type === INSTANCE) {
                this.instantiateParts(member as Instance, container);
            } else {
                const group = type === GROUP ? member as Group : undefined;
                const layer = group ? undefined : member as Layer;
                const indices = group ? this.indices(group.range) : [undefined];
                if (!indices || !this.withinCap(indices.length, member)) continue;
                const single = container.single && indices.length === 1;
                const source = this.refs.of(member, 'name', container.single);
                const groups: ContainerInstance[] = [];
                for (const i of indices) {
                    const path = joinPath(container.path, (member as Group | Layer).name, i);
                    const groupId = this.builder.addGroup(path, group ? group.kind : 'layer', container.groupId, source);
                    const child: ContainerInstance = {
                        ast: member as Group | Layer, groupId, path, parent: container, members: new Map(),
                        layer: layer ? layer.name : container.layer, single
                    };
                    groups.push(child);
                    this.instantiateMembers(child);
                }
                container.members.set(member, { first: indices[0] ?? 0, isArray: indices[0] !== undefined, groups });
            }
        }
    }

    private instantiateParts(instance: Instance, container: ContainerInstance): void {
        const indices = this.indices(instance.range);
        const part = instance.type?.ref ? this.parts.resolve(instance.type.ref) : undefined;
        if (!indices || !part || !this.withinCap(indices.length, instance)) return;
        if (part.kind !== instance.kind) {
            this.report({
                code: FabricCode.WrongPartKind, severity: 'error', node: instance, property: 'type',
                message: `'${instance.name}' is declared as ${article(instance.kind)} ${instance.kind}, but '${part.type.name}' is ${article(part.kind)} ${part.kind} type`
            });
            return;
        }
        this.builder.addType(part);
        const source = this.refs.of(instance, 'name', container.single);
        const ids: number[] = [];
        for (const i of indices) {
            const path = joinPath(container.path, instance.name, i);
            if (part.kind === 'laser') {
                ids.push(this.builder.addLaserSource({ path, type: part.type.name, groupId: container.groupId, source }));
            } else if (part.kind === 'component') {
                ids.push(this.builder.addComponent({ path, type: part.type.name, groupId: container.groupId, source }));
            } else {
                ids.push(this.builder.addNode({ path, kind: part.kind as NodeKind, type: part.type.name, groupId: container.groupId, index: i ?? 0, source }));
            }
        }
        container.members.set(instance, {
            first: indices[0] ?? 0, isArray: indices[0] !== undefined,
            ...(part.kind === 'laser' ? { lasers: ids } : part.kind === 'component' ? { components: ids } : { nodes: ids })
        });
    }

    /** Indices a range declares (`[undefined]` for a scalar), or undefined with a problem reported. */
    indices(range: Range | undefined): Array<number | undefined> | undefined {
        if (range && (range.from === undefined || range.to === undefined)) return undefined; // syntax error
        return range ? this.indexRange(range.from, range.to, range) : [undefined];
    }

    /** The whole numbers from..to, or undefined with a problem reported at `node`. */
    indexRange(from: number, to: number, node: AstNode): number[] | undefined {
        const text = (property: string, value: number) => GrammarUtils.findNodeForProperty(node.$cstNode, property)?.text ?? String(value);
        const written = () => `[${text('from', from)}..${text('to', to)}]`; // as typed: `[0..1e309]`, not `[0..Infinity]`
        if (!Number.isInteger(from) || !Number.isInteger(to) || from > to) {
            this.report({ code: FabricCode.BadRange, severity: 'error', node, message: `range ${written()} must go from a whole number up to a larger or equal one` });
            return undefined;
        }
        if (to - from + 1 > MAX_ARRAY_ELEMENTS) {
            this.report({ code: FabricCode.BadRange, severity: 'error', node, message: `range ${written()} has ${to - from + 1} elements; at most ${MAX_ARRAY_ELEMENTS} are allowed` });
            return undefined;
        }
        return countFrom(from, to - from + 1);
    }

    /** Nodes and laser sources a selection denotes, seen from `context`. */
    select(selection: Selection, context: ContainerInstance, bindings: IndexBindings): Selected | undefined {
        const segments = selection?.segments;
        const firstTarget = segments?.[0]?.target?.ref;
        if (!firstTarget) return undefined; // unresolved: the linker reports it
        let scope: ContainerInstance | undefined = context;
        while (scope && scope.ast !== firstTarget.$container) scope = scope.parent;
        if (!scope) return undefined;
        // The containers reached so far: one (most paths, `r3.t1.g[2]`) needs no list.
        let one: ContainerInstance | undefined = scope;
        let many: ContainerInstance[] | undefined;
        // Made when the first elements are found, at their size (an array grown from empty by push reserves room for 17).
        let nodes: number[] | undefined;
        let lasers: number[] | undefined;
        let components: number[] | undefined;
        for (let s = 0; s < segments.length; s++) {
            const segment = segments[s];
            const target = s === 0 ? firstTarget : segment.target?.ref;
            if (!target) return undefined;
            const last = s === segments.length - 1;
            let nextOne: ContainerInstance | undefined;
            let nextMany: ContainerInstance[] | undefined;
            const reached = many ? many.length : 1;
            for (let c = 0; c < reached; c++) {
                const container = many ? many[c] : one!;
                const members = container.members.get(target);
                if (!members) return undefined; // declaration failed to elaborate: already reported
                // The offsets picked, `start`..`start + count - 1`: a whole member or one written index
                // here, anything else by `pick` (which reports what is wrong); no object per segment.
                const index = segment.index;
                const size = sizeOf(members);
                let start: number, count: number;
                if (!index || index.all) {
                    start = 0;
                    count = size;
                } else if (members.isArray && index.from && !index.from.variable && !index.to && within(index.from.value, members.first, size)) {
                    start = index.from.value - members.first;
                    count = 1;
                } else {
                    const picked = this.pick(index, members, target.name, bindings);
                    if (!picked) return undefined;
                    ({ start, count } = picked);
                }
                if (members.groups) {
                    for (let k = start; k < start + count; k++) {
                        const group = members.groups[k];
                        if (nextMany) nextMany.push(group);
                        else if (nextOne) nextMany = [nextOne, group];
                        else nextOne = group;
                    }
                } else if (!last) {
                    return undefined; // `gpu.x`: the linker reports that a part instance has no members
                } else {
                    if (members.nodes) nodes = appendRange(nodes, members.nodes, start, count);
                    if (members.lasers) lasers = appendRange(lasers, members.lasers, start, count);
                    if (members.components) components = appendRange(components, members.components, start, count);
                }
            }
            one = nextMany ? undefined : nextOne;
            many = nextMany;
        }
        // One group: what is below it, as collected once (shared: a Selected is only read).
        if (one) return this.below(one);
        const reached = many ? many.length : 0;
        for (let c = 0; c < reached; c++) {
            const below = this.below(many![c]);
            nodes = appendRange(nodes, below.nodes, 0, below.nodes.length);
            lasers = appendRange(lasers, below.lasers, 0, below.lasers.length);
            components = appendRange(components, below.components, 0, below.components.length);
        }
        return { nodes: nodes ?? NOTHING, lasers: lasers ?? NOTHING, components: components ?? NOTHING };
    }

    /** The instances of a member that an index picks (offsets `start`..`start + count - 1`); no index picks all. */
    private pick(index: Index | undefined, members: MemberInstances, name: string, bindings: IndexBindings): { start: number; count: number } | undefined {
        const count = sizeOf(members);
        if (!index || index.all) {
            return { start: 0, count };
        }
        if (!members.isArray) {
            this.report({ code: FabricCode.NotAnArray, severity: 'error', node: index, message: `'${name}' is not an array; remove the index` });
            return undefined;
        }
        if (!index.from) return undefined; // syntax error
        const from = this.evaluate(index.from, bindings);
        const to = index.to ? this.evaluate(index.to, bindings) : from;
        if (from === undefined || to === undefined) return undefined;
        const last = members.first + count - 1;
        const wrong = outside(from, members.first, last) ? from : outside(to, members.first, last) ? to : undefined;
        if (wrong !== undefined) {
            this.report({ code: FabricCode.IndexOutOfRange, severity: 'error', node: index, message: `index ${wrong} is out of range: '${name}' is declared [${members.first}..${last}]` });
            return undefined;
        }
        if (from > to) {
            this.report({ code: FabricCode.BadRange, severity: 'error', node: index, message: `index range [${from}..${to}] is empty: the first index must not exceed the last` });
            return undefined;
        }
        return { start: from - members.first, count: to - from + 1 };
    }

    private evaluate(expr: IndexExpr, bindings: IndexBindings): number | undefined {
        if (expr.variable) {
            const variable = expr.variable?.ref;
            const bound = variable ? bindings.get(variable) : undefined;
            if (bound === undefined) return undefined;
            const offset = expr.offset ?? 0;
            return expr.op === '-' ? bound - offset : bound + offset;
        }
        return expr.value;
    }

    /** Every node, laser source and component declared in the container or below it, in declaration order. */
    private below(container: ContainerInstance): Selected {
        if (container.below) return container.below;
        const nodes: number[] = [], lasers: number[] = [], components: number[] = [];
        for (const members of container.members.values()) {
            if (members.nodes) appendAll(nodes, members.nodes);
            if (members.lasers) appendAll(lasers, members.lasers);
            if (members.components) appendAll(components, members.components);
            const groups = members.groups;
            if (!groups) continue;
            for (let g = 0; g < groups.length; g++) {
                const below = this.below(groups[g]);
                appendAll(nodes, below.nodes);
                appendAll(lasers, below.lasers);
                appendAll(components, below.components);
            }
        }
        return (container.below = { nodes, lasers, components });
    }
}

/** `list` with `from[start..start + count - 1]` appended: a new array of that size when there is no list yet. */
function appendRange(list: number[] | undefined, from: readonly number[], start: number, count: number): number[] {
    if (!list) return from.slice(start, start + count);
    for (let k = start; k < start + count; k++) list.push(from[k]);
    return list;
}

/** How many instances a declaration expanded to. */
function sizeOf(members: MemberInstances): number {
    return (members.nodes ?? members.lasers ?? members.components ?? members.groups)?.length ?? 0;
}

/** Whether `value` is a whole number among the `size` indices from `first`. */
function within(value: number | undefined, first: number, size: number): value is number {
    return value !== undefined && !outside(value, first, first + size - 1);
}

/** No elements: shared by every selection that has none of a kind (frozen: a Selected is only read). */
const NOTHING: readonly number[] = Object.freeze([]);

/** Whether `value` is no whole number within first..last. */
function outside(value: number, first: number, last: number): boolean {
    return !Number.isInteger(value) || value < first || value > last;
}

export function joinPath(parent: string, name: string, index: number | undefined): string {
    const leaf = index === undefined ? name : `${name}[${index}]`;
    return parent ? `${parent}.${leaf}` : leaf;
}

/** `count` consecutive whole numbers from `first` (a plain loop: `Array.from` with a callback was a hot spot of elaborating 40k connections). */
function countFrom(first: number, count: number): number[] {
    const values = new Array<number>(count);
    for (let k = 0; k < count; k++) values[k] = first + k;
    return values;
}
