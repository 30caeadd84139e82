import {
    AstUtils, DefaultScopeProvider, EMPTY_SCOPE, stream, WorkspaceCache,
    type AstNode, type AstNodeDescription, type AstNodeLocator, type LangiumCoreServices, type NameProvider, type ReferenceInfo, type Scope, type Stream
} from 'langium';
import {
    Configuration, ConfigurationOption, Connect, Fabric, FabricFile, Group, IndexExpr, IndexVariable, Instance, Layer, PartType, Segment, Selection,
    isConfiguration, isFabric, isFailureDomain
} from '../generated/ast.js';
import { leafType } from '../leaf-types.js';
import type { FabricImports } from '../workspace/fabric-imports.js';
import { LocalDescription } from './local-description.js';
import type { FabricServices } from '../fabric-module.js';

type NameMap = ReadonlyMap<string, readonly AstNodeDescription[]>;

/**
 * The type each cross-reference property refers to. Keyed by property name (each names one kind
 * of reference in this grammar), so that a half-built node from completion or error recovery never
 * has to be asked what it is.
 */
const REFERENCE_TYPES: Readonly<Record<string, string>> = {
    [Instance.type]: PartType.$type, [PartType.base]: PartType.$type, [Connect.optics]: PartType.$type,
    [Segment.target]: 'Named', [ConfigurationOption.configuration]: Configuration.$type, [IndexExpr.variable]: IndexVariable.$type
};

/** The types a reference can resolve to (a node of one of them is a declaration others may refer to). */
export const REFERENCE_TARGET_TYPES: readonly string[] = [...new Set(Object.values(REFERENCE_TYPES))];

/**
 * Scopes for Fabric references, built from one cached name map per container so that each lookup
 * costs a few map probes (ARCHITECTURE.md, "Known traps": linear scans made 50k lines take 86 s).
 *
 * - The first segment of a selection (`R` in `R.compute[*].gpu[*]`) resolves lexically: the
 *   enclosing layers, groups and fabric, innermost first.
 * - Later segments resolve among the members of the previous segment's group or layer.
 * - Part types resolve lexically, then in this file and the files it imports (transitively).
 * - Index variables resolve to the enclosing failure domain's `[t in …]`; configurations to any
 *   configuration of the enclosing fabric.
 */
export class FabricScopeProvider extends DefaultScopeProvider {
    protected readonly imports: FabricImports;
    /** Keyed by AST node: a re-parse creates new nodes, so stale maps are simply dropped. */
    protected readonly memberMaps = new WeakMap<AstNode, NameMap>();
    protected readonly configurationMaps = new WeakMap<Fabric, NameMap>();
    /** Part types visible through imports, per importing document; dropped on any workspace change. */
    protected readonly importedTypes: WorkspaceCache<string, Scope>;
    /**
     * Per innermost enclosing group, layer, fabric or file: the member maps visible lexically, and
     * the scope of a selection's first segment there; per group or layer, the scope of the segment
     * after it. Built from the AST alone (imports are looked up afresh), so a node's entries hold as
     * long as the node does: the 240k references of a 50k-line fabric share a few thousand scopes.
     */
    protected readonly lexicalMapLists = new WeakMap<AstNode, NameMap[]>();
    protected readonly lexicalSegmentScopes = new WeakMap<AstNode, Scope>();
    protected readonly memberSegmentScopes = new WeakMap<AstNode, Scope>();
    /**
     * Per innermost enclosing container: the part types visible there. The lexical part is the
     * AST's; the imported part is asked of `importedScope` on each miss, so that it follows changes
     * to the imported files.
     */
    protected readonly partTypeScopes = new WeakMap<AstNode, Scope>();
    /** Per type referred to: which description types are of it (the types never change). */
    private readonly typeFilters = new Map<string, TypeFilter>();
    private readonly isSubtype: (sub: string, sup: string) => boolean;
    private readonly locator: AstNodeLocator;
    private readonly names: NameProvider;

    constructor(services: FabricServices) {
        super(services as LangiumCoreServices);
        this.imports = services.workspace.FabricImports;
        this.importedTypes = new WorkspaceCache(services.shared);
        this.isSubtype = this.reflection.isSubtype.bind(this.reflection);
        this.locator = services.workspace.AstNodeLocator;
        this.names = services.references.NameProvider;
    }

    override getScope(context: ReferenceInfo): Scope {
        const container = context.container;
        const referenceType = REFERENCE_TYPES[context.property];
        switch (referenceType) {
            case 'Named':
                return this.segmentScope(container);
            case 'IndexVariable': {
                const domain = AstUtils.getContainerOfType(container, isFailureDomain);
                return domain?.variable ? this.createScopeForNodes([domain.variable]) : EMPTY_SCOPE;
            }
            case 'Configuration': {
                const fabric = AstUtils.getContainerOfType(container, isFabric);
                return fabric ? new ChainScope([this.configurationMap(fabric)], this.typeFilter(referenceType)) : EMPTY_SCOPE;
            }
            case 'PartType':
                return this.partTypeScope(container);
            default:
                return EMPTY_SCOPE;
        }
    }

    protected typeFilter(type: string): TypeFilter {
        let filter = this.typeFilters.get(type);
        if (!filter) this.typeFilters.set(type, filter = new TypeFilter(type, this.isSubtype));
        return filter;
    }

    /** Part types visible at `node`: lexically, then through imports. */
    protected partTypeScope(node: AstNode): Scope {
        const innermost = lexicalContainer(node);
        if (!innermost) return new ChainScope([], this.typeFilter(PartType.$type), () => this.importedScope(node));
        let scope = this.partTypeScopes.get(innermost);
        if (!scope) this.partTypeScopes.set(innermost, scope = new ChainScope(this.lexicalMaps(innermost), this.typeFilter(PartType.$type), () => this.importedScope(innermost)));
        return scope;
    }

    /** The names a selection segment may take: after the segment before it, else lexically. */
    protected segmentScope(node: AstNode): Scope {
        const selection = node.$container;
        let position = -1;
        if (node.$type === SEGMENT && selection?.$type === SELECTION) {
            const segments = (selection as Selection).segments ?? [];
            const index = node.$containerIndex;
            position = index !== undefined && segments[index] === node ? index : segments.indexOf(node as Segment);
        }
        return this.selectionScope(position > 0 ? (selection as Selection).segments[position - 1] : undefined, node);
    }

    /**
     * Names that may follow `previous` in a selection (the members of its group or layer), or,
     * without one, the names visible lexically at `anchor`. Completion asks this directly: the
     * node it completes is not part of the selection yet.
     */
    selectionScope(previous: Segment | undefined, anchor: AstNode): Scope {
        if (!previous) {
            const container = lexicalContainer(anchor);
            if (!container) return new ChainScope([], this.typeFilter('Named'));
            let scope = this.lexicalSegmentScopes.get(container);
            if (!scope) this.lexicalSegmentScopes.set(container, scope = new ChainScope(this.lexicalMaps(container), this.typeFilter('Named')));
            return scope;
        }
        const named = previous.target?.ref;
        const type = named?.$type;
        if (type !== GROUP && type !== LAYER) return EMPTY_SCOPE;
        const target = named as Group | Layer;
        let scope = this.memberSegmentScopes.get(target);
        if (!scope) this.memberSegmentScopes.set(target, scope = new ChainScope([this.memberMap(target)], this.typeFilter('Named')));
        return scope;
    }

    /** Member maps of every container enclosing `node`, innermost first (the list is shared: not to be changed). */
    protected lexicalMaps(node: AstNode): NameMap[] {
        const innermost = lexicalContainer(node);
        if (!innermost) return [];
        let maps = this.lexicalMapLists.get(innermost);
        if (!maps) {
            maps = [];
            for (let current: AstNode | undefined = innermost; current; current = current.$container) {
                if (isLexicalContainer(current)) maps.push(this.memberMap(current));
            }
            this.lexicalMapLists.set(innermost, maps);
        }
        return maps;
    }

    protected memberMap(container: Group | Layer | Fabric | AstNode): NameMap {
        let map = this.memberMaps.get(container);
        if (!map) {
            const members: AstNode[] = container.$type === FABRIC_FILE ? (container as FabricFile).elements : (container as Group | Layer | Fabric).members;
            map = this.buildMap(members.filter(m => DECLARATIONS.has(m.$type)) as Array<Instance | Group | Layer | PartType>);
            this.memberMaps.set(container, map);
        }
        return map;
    }

    protected configurationMap(fabric: Fabric): NameMap {
        let map = this.configurationMaps.get(fabric);
        if (!map) {
            map = this.buildMap(AstUtils.streamAllContents(fabric).filter(isConfiguration).toArray());
            this.configurationMaps.set(fabric, map);
        }
        return map;
    }

    protected buildMap(nodes: ReadonlyArray<AstNode & { name: string }>): NameMap {
        const map = new Map<string, AstNodeDescription[]>();
        if (nodes.length === 0) return map;
        const uri = AstUtils.getDocument(nodes[0]).uri;
        for (const node of nodes) {
            if (!node.name) continue;
            const description = new LocalDescription(node, node.name, node.$type, uri, this.locator, this.names);
            const list = map.get(node.name);
            if (list) list.push(description); else map.set(node.name, [description]);
        }
        return map;
    }

    /** Part types exported by this document and the documents it imports. */
    protected importedScope(node: AstNode): Scope {
        const document = AstUtils.getDocument(node);
        return this.importedTypes.get(document.uri.toString(), () => {
            const uris = new Set(this.imports.visibleUris(document));
            uris.delete(document.uri.toString()); // the document's own types come from its lexical maps
            if (uris.size === 0) {
                return EMPTY_SCOPE;
            }
            return new ChainScope([toNameMap(this.indexManager.allElements(PartType.$type, uris))], this.typeFilter(PartType.$type));
        });
    }
}

// Groups, layers, fabrics and files, and what a selection or part-type reference may name: no type
// derives from these (leaf-types.ts), so a `$type` test is the generated guards' answer, without the reflection.
const GROUP = leafType(Group.$type), LAYER = leafType(Layer.$type), FABRIC = leafType(Fabric.$type), FABRIC_FILE = leafType(FabricFile.$type);
const SEGMENT = leafType(Segment.$type), SELECTION = leafType(Selection.$type);

/** Members a selection or a part-type reference may name. */
const DECLARATIONS: ReadonlySet<string> = new Set([leafType(Instance.$type), GROUP, LAYER, leafType(PartType.$type)]);

function isLexicalContainer(node: AstNode): boolean {
    const type = node.$type;
    return type === GROUP || type === LAYER || type === FABRIC || type === FABRIC_FILE;
}

/** The innermost group, layer, fabric or file at or above `node`. */
function lexicalContainer(node: AstNode): AstNode | undefined {
    let current: AstNode | undefined = node;
    while (current && !isLexicalContainer(current)) current = current.$container;
    return current;
}

function toNameMap(descriptions: Stream<AstNodeDescription>): NameMap {
    const map = new Map<string, AstNodeDescription[]>();
    for (const d of descriptions) {
        const list = map.get(d.name);
        if (list) list.push(d); else map.set(d.name, [d]);
    }
    return map;
}

/**
 * Which description types are of one type, as the reflection says, asked once per description
 * type: the reflection's own cache is a lookup in objects keyed by type name that allocated on
 * every call once more than one pair of types had been asked (48 bytes, for each of a 50k-line
 * fabric's 200k references). One per type referred to, shared by every scope.
 */
class TypeFilter {
    private readonly accepted = new Map<string, boolean>();

    constructor(readonly type: string, private readonly isSubtype: (sub: string, sup: string) => boolean) { }

    accepts(type: string): boolean {
        let answer = this.accepted.get(type);
        if (answer === undefined) this.accepted.set(type, answer = this.isSubtype(type, this.type));
        return answer;
    }
}

/** A scope over a chain of name maps (innermost first), keeping only descriptions of one type. */
class ChainScope implements Scope {
    constructor(
        private readonly maps: readonly NameMap[],
        private readonly filter: TypeFilter,
        /** Asked only when the maps do not have the name (it is looked up afresh: see partTypeScopes). */
        private readonly outer?: () => Scope
    ) { }

    getElement(name: string): AstNodeDescription | undefined {
        const maps = this.maps;
        for (let m = 0; m < maps.length; m++) {
            const list = maps[m].get(name);
            if (!list) continue;
            for (let k = 0; k < list.length; k++) if (this.filter.accepts(list[k].type)) return list[k];
        }
        return this.outer?.().getElement(name);
    }

    getElements(name: string): Stream<AstNodeDescription> {
        const local = this.maps.flatMap(m => m.get(name) ?? []).filter(d => this.filter.accepts(d.type));
        return this.outer ? stream(local).concat(this.outer().getElements(name)) : stream(local);
    }

    getAllElements(): Stream<AstNodeDescription> {
        const seen = new Set<string>();
        const local: AstNodeDescription[] = [];
        for (const map of this.maps) {
            for (const [name, list] of map) {
                const d = list.find(x => this.filter.accepts(x.type));
                if (d && !seen.has(name)) {
                    seen.add(name);
                    local.push(d);
                }
            }
        }
        return this.outer ? stream(local).concat(this.outer().getAllElements()) : stream(local);
    }
}

