import type {
    AcceleratorType, CollectiveSettings, ComponentInstance, ComponentType, FabricGroup, FabricLink, FabricModel, FabricNode, FailureDomain,
    GroupKind, LaserSourceInstance, LaserSourceType, OcsConfiguration, OcsType, OpticsType, SourceRef, SwitchType, Workload
} from '@fabric/simulator';
import type { ResolvedPart } from './part-types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends ReadonlyArray<infer E> ? E[] : T[K] };

/** Collects model elements during elaboration, handing out dense ids in creation order. */
export class ModelBuilder {
    readonly nodes: FabricNode[] = [];
    readonly groups: Array<Mutable<FabricGroup>> = [];
    readonly links: FabricLink[] = [];
    readonly laserSources: LaserSourceInstance[] = [];
    readonly ocsConfigurations: OcsConfiguration[] = [];
    readonly failureDomains: FailureDomain[] = [];
    readonly workloads: Workload[] = [];
    readonly accelerators: Record<string, AcceleratorType> = {};
    readonly switches: Record<string, SwitchType> = {};
    readonly ocs: Record<string, OcsType> = {};
    readonly optics: Record<string, OpticsType> = {};
    readonly lasers: Record<string, LaserSourceType> = {};
    readonly componentTypes: Record<string, ComponentType> = {};
    readonly components: ComponentInstance[] = [];
    collectives?: CollectiveSettings;

    addType(part: ResolvedPart): void {
        switch (part.kind) {
            case 'accelerator': this.accelerators[part.type.name] ??= part.type; break;
            case 'switch': this.switches[part.type.name] ??= part.type; break;
            case 'ocs': this.ocs[part.type.name] ??= part.type; break;
            case 'link': this.optics[part.type.name] ??= part.type; break;
            case 'laser': this.lasers[part.type.name] ??= part.type; break;
            case 'component': this.componentTypes[part.type.name] ??= part.type; break;
        }
    }

    addGroup(path: string, kind: GroupKind, parentId: number | null, source: SourceRef): number {
        const id = this.groups.length;
        this.groups.push({ id, path, kind, parentId, childGroupIds: [], nodeIds: [], laserSourceIds: [], componentIds: [], source });
        if (parentId !== null) this.groups[parentId].childGroupIds.push(id);
        return id;
    }

    addNode(node: Omit<FabricNode, 'id'>): number {
        const id = this.nodes.length;
        // One literal, keys in the model's order, rather than a copy with the id spread in front: a 50k-line fabric has 100k nodes.
        const { path, kind, type, groupId, index, source } = node;
        this.nodes.push({ id, path, kind, type, groupId, index, source });
        this.groups[groupId].nodeIds.push(id);
        return id;
    }

    addLaserSource(laser: Omit<LaserSourceInstance, 'id'>): number {
        const id = this.laserSources.length;
        this.laserSources.push({ id, ...laser });
        this.groups[laser.groupId].laserSourceIds.push(id);
        return id;
    }

    addComponent(component: Omit<ComponentInstance, 'id'>): number {
        const id = this.components.length;
        this.components.push({ id, ...component });
        (this.groups[component.groupId].componentIds as number[]).push(id);
        return id;
    }

    /** The id the next link takes. */
    get nextLinkId(): number {
        return this.links.length;
    }

    /**
     * Adds a link whose id is `nextLinkId`, made whole by the caller: a copy with the id spread in
     * front made two objects of fifteen fields for each of the 40k links of a 50k-line fabric.
     */
    addLink(link: FabricLink): number {
        if (link.id !== this.links.length) throw new Error(`link id ${link.id} given where ${this.links.length} is next`);
        this.links.push(link);
        return link.id;
    }

    build(name: string, source: SourceRef): FabricModel {
        return {
            name,
            uri: source.uri,
            types: { accelerators: this.accelerators, switches: this.switches, ocs: this.ocs, optics: this.optics, lasers: this.lasers, components: this.componentTypes },
            nodes: this.nodes,
            groups: this.groups,
            links: this.links,
            laserSources: this.laserSources,
            ocsConfigurations: this.ocsConfigurations,
            failureDomains: this.failureDomains,
            workloads: this.workloads,
            components: this.components,
            ...(this.collectives ? { collectives: this.collectives } : {}),
            source
        };
    }
}
