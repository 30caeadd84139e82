/**
 * A programmatic FabricModel builder for generated fabrics (tests, benchmarks): dense ids in
 * creation order, group membership kept consistent, a `generated:` source on every element.
 */
import type {
    AcceleratorType, FabricGroup, FabricLink, FabricModel, FabricNode, FailureDomain, GroupKind, LaserSourceInstance,
    LaserSourceType, NodeKind, OcsCircuit, OcsConfiguration, OcsType, OpticsType, SourceRef, SwitchType, Workload, WorkloadPhase
} from '../model/fabric-model.js';

export function generatedSource(name: string, line = 0): SourceRef {
    return { uri: `generated:${name}`, range: { start: { line, character: 0 }, end: { line, character: 1 } } };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface LinkOptions {
    readonly lanes?: number;
    readonly spareLanes?: number;
    readonly laneRateBps?: number;
    readonly lengthMeters?: number;
    readonly laserSourceId?: number;
    readonly layer?: string;
    readonly statement?: number;
    /** The grid dimension of a torus or mesh link (a → b one step up). */
    readonly axis?: number;
}

export class FabricModelBuilder {
    private readonly source: SourceRef;
    readonly accelerators: Record<string, AcceleratorType> = {};
    readonly switches: Record<string, SwitchType> = {};
    readonly ocsTypes: Record<string, OcsType> = {};
    readonly optics: Record<string, OpticsType> = {};
    readonly lasers: Record<string, LaserSourceType> = {};
    readonly nodes: FabricNode[] = [];
    readonly groups: Array<Mutable<FabricGroup> & { childGroupIds: number[]; nodeIds: number[]; laserSourceIds: number[] }> = [];
    readonly links: FabricLink[] = [];
    readonly laserSources: LaserSourceInstance[] = [];
    readonly configurations: OcsConfiguration[] = [];
    readonly failureDomains: FailureDomain[] = [];
    readonly workloads: Workload[] = [];

    constructor(readonly name: string) {
        this.source = generatedSource(name);
        this.groups.push({ id: 0, path: name, kind: 'fabric', parentId: null, childGroupIds: [], nodeIds: [], laserSourceIds: [], source: this.source });
    }

    get src(): SourceRef {
        return this.source;
    }

    group(name: string, kind: GroupKind, parentId = 0, powerBudgetWatts?: number): number {
        const id = this.groups.length;
        const parent = this.groups[parentId];
        const path = parentId === 0 ? name : `${parent.path}.${name}`;
        this.groups.push({
            id, path, kind, parentId, childGroupIds: [], nodeIds: [], laserSourceIds: [], source: this.source,
            ...(powerBudgetWatts !== undefined ? { powerBudgetWatts } : {})
        });
        parent.childGroupIds.push(id);
        return id;
    }

    node(name: string, kind: NodeKind, type: string, groupId = 0, index = 0): number {
        const id = this.nodes.length;
        const group = this.groups[groupId];
        const path = groupId === 0 ? name : `${group.path}.${name}`;
        this.nodes.push({ id, path, kind, type, groupId, index, source: this.source });
        group.nodeIds.push(id);
        return id;
    }

    laserSource(name: string, type: string, groupId = 0): number {
        const id = this.laserSources.length;
        const group = this.groups[groupId];
        this.laserSources.push({ id, path: groupId === 0 ? name : `${group.path}.${name}`, type, groupId, source: this.source });
        group.laserSourceIds.push(id);
        return id;
    }

    link(a: number, b: number, optics: string, options: LinkOptions = {}): number {
        const type = this.optics[optics];
        const id = this.links.length;
        this.links.push({
            id, a, b, optics,
            lanes: options.lanes ?? type?.lanes ?? 1,
            spareLanes: options.spareLanes ?? 0,
            laneRateBps: options.laneRateBps ?? type?.laneRateBps ?? 0,
            lengthMeters: options.lengthMeters ?? 1,
            statement: options.statement ?? 0,
            source: this.source,
            ...(type?.protocol ? { protocol: type.protocol } : {}),
            ...(options.layer ? { layer: options.layer } : {}),
            ...(options.laserSourceId !== undefined ? { laserSourceId: options.laserSourceId } : {}),
            ...(options.axis !== undefined ? { axis: options.axis } : {})
        });
        return id;
    }

    circuit(a: number, b: number, ocs: number, optics: string, lengthMeters = 30): OcsCircuit {
        const type = this.optics[optics];
        return {
            a, b, ocs, optics, lanes: type?.lanes ?? 1, laneRateBps: type?.laneRateBps ?? 0, lengthMeters, statement: 0, source: this.source,
            ...(type?.protocol ? { protocol: type.protocol } : {})
        };
    }

    configuration(name: string, circuits: OcsCircuit[], layer?: string): void {
        this.configurations.push({ name, circuits, source: this.source, ...(layer ? { layer } : {}) });
    }

    failureDomain(name: string, members: { nodeIds?: number[]; linkIds?: number[]; laserSourceIds?: number[] }, origin: 'explicit' | 'laser-source' = 'explicit'): void {
        this.failureDomains.push({
            name, origin, nodeIds: members.nodeIds ?? [], linkIds: members.linkIds ?? [], laserSourceIds: members.laserSourceIds ?? [], source: this.source
        });
    }

    /** One failure domain per laser source: everything it feeds. */
    laserSourceDomains(): void {
        for (const ls of this.laserSources) {
            const linkIds = this.links.filter(l => l.laserSourceId === ls.id || l.laserSourceIdB === ls.id).map(l => l.id);
            this.failureDomain(ls.path, { linkIds, laserSourceIds: [ls.id] }, 'laser-source');
        }
    }

    workload(name: string, phases: Array<Omit<WorkloadPhase, 'source'>>): void {
        this.workloads.push({ name, phases: phases.map(p => ({ ...p, source: this.source })), source: this.source });
    }

    /** Accelerator node ids in creation order. */
    acceleratorIds(): number[] {
        return this.nodes.filter(n => n.kind === 'accelerator').map(n => n.id);
    }

    build(): FabricModel {
        return {
            name: this.name, uri: this.source.uri,
            types: { accelerators: this.accelerators, switches: this.switches, ocs: this.ocsTypes, optics: this.optics, lasers: this.lasers },
            nodes: this.nodes, groups: this.groups, links: this.links, laserSources: this.laserSources,
            ocsConfigurations: this.configurations, failureDomains: this.failureDomains, workloads: this.workloads, source: this.source
        };
    }
}
