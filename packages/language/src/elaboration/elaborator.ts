import { ALGORITHM_NAMES, type AlgorithmName, type CollectiveKind, type FabricModel, type WorkloadPhase } from '@fabric/simulator';
import type { AstNode } from 'langium';
import {
    Budget, CollectiveSettings, Configuration, Connect, FailureDomain, Group, Layer, PartType, Workload,
    isAlgorithmOption, isConfigurationOption, isFabric, isPartType, isPeersOption, isQuantity, isRootOption,
    type Fabric, type FabricFile, type IndexVariable, type LinkBundle, type Phase, type Selection
} from '../generated/ast.js';
import { FabricCode } from '../validation/fabric-codes.js';
import { Connections } from './connections.js';
import type { ElaborationProblem, ProblemSink } from './elaboration-problem.js';
import { InstanceTree, joinPath, NO_BINDINGS, type ContainerInstance, type IndexBindings } from './instance-tree.js';
import { ModelBuilder } from './model-builder.js';
import { COLLECTIVE_PROPERTIES } from './part-properties.js';
import { PartTypeResolver, readSpecValue } from './part-types.js';
import { quantityValue, wholeNumber } from './quantities.js';
import { SourceRefs } from './source-refs.js';
import { citationOf } from './figure-provenance.js';
import { leafType } from '../leaf-types.js';

const CONNECT = leafType(Connect.$type), BUDGET = leafType(Budget.$type), CONFIGURATION = leafType(Configuration.$type);
const FAILURE_DOMAIN = leafType(FailureDomain.$type), COLLECTIVE_SETTINGS = leafType(CollectiveSettings.$type), WORKLOAD = leafType(Workload.$type);
const PART_TYPE = leafType(PartType.$type), GROUP = leafType(Group.$type), LAYER = leafType(Layer.$type);

export interface DocumentElaboration {
    /** One model per `fabric` in the document, in source order. */
    readonly models: readonly FabricModel[];
    /** Models by their fabric declaration, for views that start from the AST. */
    readonly modelOf: ReadonlyMap<Fabric, FabricModel>;
    readonly problems: readonly ElaborationProblem[];
}

/**
 * Elaborates a whole document: checks every part type it declares and turns each fabric into a
 * FabricModel. The one place where arrays, patterns and imports become plain data.
 */
export function elaborateDocument(root: FabricFile): DocumentElaboration {
    const problems: ElaborationProblem[] = [];
    const seen = new Set<string>();
    // A statement inside `rack rack[0..7]` elaborates 8 times; report each problem once.
    const report: ProblemSink = problem => {
        const key = `${problem.code}|${problem.message}|${problem.property ?? ''}|${problem.node.$cstNode?.offset ?? ''}`;
        if (!seen.has(key)) {
            seen.add(key);
            problems.push(problem);
        }
    };
    const refs = new SourceRefs();
    const parts = new PartTypeResolver(report, refs);
    for (const element of root.elements) {
        if (isPartType(element)) parts.resolve(element);
    }
    const models: FabricModel[] = [];
    const modelOf = new Map<Fabric, FabricModel>();
    for (const element of root.elements) {
        if (isFabric(element)) {
            const model = new FabricElaborator(parts, refs, report).elaborate(element);
            models.push(model);
            modelOf.set(element, model);
        }
    }
    return { models, modelOf, problems };
}

class FabricElaborator {
    private readonly builder = new ModelBuilder();
    private readonly tree: InstanceTree;
    private readonly connections: Connections;
    private readonly configurationNames = new Map<Configuration, string>();
    /** Failure domains wait for every link: a link bundle may name links declared after it. */
    private readonly domains: Array<[FailureDomain, ContainerInstance]> = [];

    constructor(private readonly parts: PartTypeResolver, private readonly refs: SourceRefs, private readonly report: ProblemSink) {
        this.tree = new InstanceTree(this.builder, parts, refs, report);
        this.connections = new Connections(this.builder, this.tree, parts, refs, report);
    }

    elaborate(fabric: Fabric): FabricModel {
        const root = this.tree.instantiateFabric(fabric);
        this.elaborateStatements(root);
        for (const [domain, container] of this.domains) {
            try {
                this.failureDomain(domain, container);
            } catch (error) {
                this.report({ code: FabricCode.Internal, severity: 'error', node: domain, message: `internal error while elaborating this statement: ${error instanceof Error ? error.message : String(error)}` });
            }
        }
        this.addLaserSourceDomains();
        return this.builder.build(fabric.name, this.refs.of(fabric, 'name'));
    }

    /** Pass 2: connections, budgets, configurations, failure domains and workloads, container by container. */
    private elaborateStatements(container: ContainerInstance): void {
        for (const member of container.ast.members) {
            try {
                this.elaborateStatement(member, container);
            } catch (error) {
                // A defect of ours must not take the editor's diagnostics down with it: say where it happened.
                this.report({ code: FabricCode.Internal, severity: 'error', node: member, message: `internal error while elaborating this statement: ${error instanceof Error ? error.message : String(error)}` });
            }
        }
    }

    private elaborateStatement(member: Fabric['members'][number], container: ContainerInstance): void {
        // By `$type` (every statement type is a leaf type: see leaf-types.ts), connections first: most statements are.
        switch (member?.$type) {
            case CONNECT: this.connections.connect(member as Connect, container, NO_BINDINGS); break;
            case BUDGET: this.budget(member as Budget, container); break;
            case CONFIGURATION: this.configuration(member as Configuration, container); break;
            case FAILURE_DOMAIN: this.domains.push([member as FailureDomain, container]); break;
            case COLLECTIVE_SETTINGS: this.collectiveSettings(member as CollectiveSettings); break;
            case WORKLOAD: this.workload(member as Workload, container); break;
            case PART_TYPE: this.parts.resolve(member as PartType); break;
            case GROUP: case LAYER: {
                const groups = container.members.get(member)?.groups;
                if (groups) for (let g = 0; g < groups.length; g++) this.elaborateStatements(groups[g]);
                break;
            }
        }
    }

    /** One power budget per group; the first counts, a second is an error, and a zero budget says nothing a user can meet. */
    private budget(budget: Budget, container: ContainerInstance): void {
        const first = container.ast.members.find(m => m?.$type === BUDGET);
        if (first !== budget) {
            this.problem(FabricCode.DuplicateBudget, budget, undefined, `'${container.ast.name}' already has a power budget (the first one counts); remove this one`);
            return;
        }
        const watts = quantityValue(budget.value, ['power'], this.report, 'power budget');
        if (watts === 0) {
            this.problem(FabricCode.ZeroBudget, budget, 'value', 'a power budget of 0 W leaves nothing for any part; give the power the group may draw, e.g. 132 kW');
        } else if (watts !== undefined) {
            this.builder.groups[container.groupId].powerBudgetWatts = watts;
            const citation = citationOf(budget.source, 'figure', this.refs);
            if (citation) this.builder.groups[container.groupId].powerBudgetCitation = citation;
        }
    }

    private configuration(configuration: Configuration, container: ContainerInstance): void {
        const name = configuration.name;
        this.configurationNames.set(configuration, name);
        const circuits = configuration.connects.flatMap(connect => this.connections.circuits(connect, container, NO_BINDINGS));
        this.builder.ocsConfigurations.push({ name, layer: container.layer, circuits, source: this.refs.of(configuration, 'name') });
    }

    /** `collectives { launch 8 us  per-step 2 us  efficiency 0.9 }`: the fabric's collective overheads. */
    private collectiveSettings(settings: CollectiveSettings): void {
        const values: Record<string, number> = {};
        for (const property of settings.properties) {
            if (!property.name || !property.value) continue; // syntax error
            const spec = COLLECTIVE_PROPERTIES[property.name];
            if (!spec || spec.value !== 'quantity') {
                this.problem(FabricCode.UnknownProperty, property, 'name', `collectives have no property '${property.name}'; expected one of: ${Object.keys(COLLECTIVE_PROPERTIES).join(', ')}`);
                continue;
            }
            if (!isQuantity(property.value)) {
                this.problem(FabricCode.BadPropertyValue, property, 'value', `'${property.name}' of collectives must be a quantity (${spec.doc})`);
                continue;
            }
            const value = readSpecValue(spec, property.value, this.report, `'${property.name}' of collectives`);
            if (value !== undefined) values[property.name] = value;
        }
        this.builder.collectives = {
            ...(values.launch !== undefined ? { launchSeconds: values.launch } : {}),
            ...(values['per-step'] !== undefined ? { stepSeconds: values['per-step'] } : {}),
            ...(values.efficiency !== undefined ? { efficiency: values.efficiency } : {}),
            source: this.refs.of(settings)
        };
    }

    /** Links of a bundle: between the two selections, or with an end in the one. */
    private bundleLinks(bundle: LinkBundle, container: ContainerInstance, bindings: IndexBindings): number[] | undefined {
        const from = bundle.from ? this.tree.select(bundle.from, container, bindings) : undefined;
        const to = bundle.to ? this.tree.select(bundle.to, container, bindings) : undefined;
        if (!from || (bundle.to && !to)) return undefined;
        const a = new Set(from.nodes), b = to ? new Set(to.nodes) : null;
        const links = this.builder.links.filter(l => (b ? (a.has(l.a) && b.has(l.b)) || (a.has(l.b) && b.has(l.a)) : a.has(l.a) || a.has(l.b))).map(l => l.id);
        if (links.length === 0) this.problem(FabricCode.EmptySelection, bundle, undefined, 'no links run between these selections');
        return links;
    }

    private failureDomain(domain: FailureDomain, container: ContainerInstance): void {
        const base = joinPath(container.path, domain.name, undefined);
        const variants: Array<[string, IndexBindings]> = [];
        if (domain.variable) {
            if (domain.from === undefined || domain.to === undefined) return; // syntax error
            const indices = this.tree.indexRange(domain.from, domain.to, domain) ?? [];
            for (const i of indices) variants.push([`${base}[${i}]`, new Map<IndexVariable, number>([[domain.variable, i!]])]);
        } else {
            variants.push([base, NO_BINDINGS]);
        }
        if (!domain.name) return;
        let spares = 0;
        if (domain.spares !== undefined) {
            const k = wholeNumber(domain.spares, this.report, domain, 'spares', 'spares of a failure-domain family');
            if (k !== undefined && k >= variants.length) {
                this.problem(FabricCode.BadDomain, domain, 'spares', `a family of ${variants.length} domain${variants.length === 1 ? '' : 's'} cannot have ${k} spares: the job needs at least one member`);
            } else if (k !== undefined) spares = k;
        }
        for (const [name, bindings] of variants) {
            const nodes = new Set<number>();
            const lasers = new Set<number>();
            const components = new Set<number>();
            const links = new Set<number>();
            for (const member of domain.members) {
                const selected = this.tree.select(member, container, bindings);
                selected?.nodes.forEach(n => nodes.add(n));
                selected?.lasers.forEach(l => lasers.add(l));
                selected?.components.forEach(c => components.add(c));
            }
            for (const bundle of domain.links) this.bundleLinks(bundle, container, bindings)?.forEach(l => links.add(l));
            this.builder.failureDomains.push({
                name, origin: 'explicit', nodeIds: [...nodes], linkIds: [...links], laserSourceIds: [...lasers], componentIds: [...components],
                family: base, ...(spares > 0 ? { familySpares: spares } : {}), source: this.refs.of(domain, 'name')
            });
        }
    }

    /** Everything one external laser source feeds fails with it: an implicit failure domain per source. */
    private addLaserSourceDomains(): void {
        // A fabric without laser sources has no link fed by one: no pass over its links (40k in a 50k-line fabric).
        if (this.builder.laserSources.length === 0) return;
        const fed = new Map<number, number[]>();
        const feed = (id: number | undefined, link: number) => {
            if (id === undefined) return;
            const list = fed.get(id);
            if (list) list.push(link); else fed.set(id, [link]);
        };
        for (const link of this.builder.links) {
            feed(link.laserSourceId, link.id);
            if (link.laserSourceIdB !== link.laserSourceId) feed(link.laserSourceIdB, link.id);
        }
        for (const [laserId, linkIds] of fed) {
            const laser = this.builder.laserSources[laserId];
            this.builder.failureDomains.push({ name: `laser ${laser.path}`, origin: 'laser-source', nodeIds: [], linkIds, laserSourceIds: [laserId], source: laser.source });
        }
    }

    private workload(workload: Workload, container: ContainerInstance): void {
        const phases: WorkloadPhase[] = [];
        if (!workload.name) return;
        for (const phase of workload.phases) {
            if (!phase.name || !phase.collective) continue; // syntax error
            const elaborated = this.phase(phase, container);
            if (elaborated) phases.push(elaborated);
        }
        this.builder.workloads.push({ name: joinPath(container.path, workload.name, undefined), phases, source: this.refs.of(workload, 'name') });
    }

    private phase(phase: Phase, container: ContainerInstance): WorkloadPhase | undefined {
        const bytes = quantityValue(phase.size, ['dataSize'], this.report, `size of phase '${phase.name}'`);
        const participants = this.accelerators(phase.participants, container);
        if (bytes === undefined || !participants) return undefined;
        const collective = phase.collective as CollectiveKind;
        let algorithm: AlgorithmName | undefined;
        let configuration: string | undefined;
        let root: number | undefined;
        let peers: number[] | undefined;
        for (const option of phase.options) {
            if (isAlgorithmOption(option)) {
                if (option.algorithm === undefined) return undefined; // syntax error
                if (!ALGORITHM_NAMES.includes(option.algorithm as AlgorithmName)) {
                    this.problem(FabricCode.BadAlgorithm, option, 'algorithm', `unknown algorithm '${option.algorithm}'; expected one of: ${ALGORITHM_NAMES.join(', ')}`);
                    return undefined;
                }
                algorithm = option.algorithm as AlgorithmName;
            } else if (isConfigurationOption(option)) {
                const target = option.configuration?.ref;
                if (!target) return undefined;
                configuration = this.configurationNames.get(target) ?? target.name;
            } else if (isRootOption(option)) {
                const selected = this.accelerators([option.root], container);
                if (!selected) return undefined;
                if (selected.length !== 1) {
                    this.problem(FabricCode.BadPhase, option, 'root', `a broadcast has one root; this selection has ${selected.length}`);
                    return undefined;
                }
                root = selected[0];
            } else if (isPeersOption(option)) {
                peers = this.accelerators(option.peers, container, false);
                if (!peers) return undefined;
            }
        }
        if (collective === 'point-to-point') {
            if (!peers || peers.length !== participants.length) {
                this.problem(FabricCode.BadPhase, phase, 'collective', peers
                    ? `point-to-point pairs senders with receivers one by one: ${participants.length} senders vs ${peers.length} receivers`
                    : "point-to-point needs receivers: 'over <senders> to <receivers>'");
                return undefined;
            }
        } else if (participants.length < 2) {
            this.problem(FabricCode.BadPhase, phase, 'participants', `${phase.collective} needs at least 2 participants; this selection has ${participants.length}`);
            return undefined;
        }
        if (root !== undefined && collective !== 'broadcast') {
            this.problem(FabricCode.BadPhase, phase, 'collective', `'root' only applies to broadcast`);
        }
        return {
            name: phase.name, collective, bytes, participants, peers,
            root: collective === 'broadcast' ? (root ?? participants[0]) : undefined,
            algorithm, configuration, source: this.refs.of(phase, 'name')
        };
    }

    /** Accelerators the selections denote, in order (deduplicated unless `unique` is false); other kinds are an error. */
    private accelerators(selections: Selection[], container: ContainerInstance, unique = true): number[] | undefined {
        const result: number[] = [];
        const seen = new Set<number>();
        for (const selection of selections) {
            const selected = this.tree.select(selection, container, NO_BINDINGS);
            if (!selected) return undefined;
            const other = selected.nodes.find(id => this.builder.nodes[id].kind !== 'accelerator');
            if (other !== undefined || selected.lasers.length > 0) {
                const what = other !== undefined ? `'${this.builder.nodes[other].path}' is ${this.builder.nodes[other].kind === 'ocs' ? 'an ocs' : 'a switch'}` : 'laser sources are selected';
                this.problem(FabricCode.NotAnAccelerator, selection, undefined, `phases run over accelerators; ${what}`);
                return undefined;
            }
            for (const id of selected.nodes) {
                if (!unique || !seen.has(id)) {
                    seen.add(id);
                    result.push(id);
                }
            }
        }
        return result;
    }

    private problem(code: ElaborationProblem['code'], node: AstNode, property: string | undefined, message: string): void {
        this.report({ code, severity: 'error', node, property, message });
    }
}
