import { formatQuantity, linkBandwidthBytesPerSecond, linkPowerAtFullLoad, type FabricModel, type OpticsType, type SourceRef } from '@fabric/simulator';
import { AstUtils, GrammarUtils, UriUtils, type LangiumDocument, type LangiumDocuments } from 'langium';
import type { TextEdit } from 'vscode-languageserver';
import { isFabricFile, isLanesOption, isLaserOption, isPartType, isProtocolOption, type Connect, type FabricFile, type PartType } from '../generated/ast.js';
import { PartTypeResolver } from '../elaboration/part-types.js';
import { SourceRefs } from '../elaboration/source-refs.js';
import { propertyWord, visiblePartTypes } from '../validation/part-lookup.js';
import { CATALOG_DIR, CATALOG_PREFIX, type FabricImports } from '../workspace/fabric-imports.js';
import { declarationKey, modelAround, sourceKey } from './analysis-index.js';
import type { FabricElaboration } from '../elaboration/fabric-elaboration.js';

/** A link type that would make a connection consistent, with what it costs per link. */
export interface OpticsChoice {
    readonly part: PartType;
    readonly reachMeters: number;
    /** Power of one link at full load, by the simulator's link power. */
    readonly wattsPerLink: number;
    /** `catalog/optics` when the type must be imported first. */
    readonly importPath?: string;
    /** Lanes to write on the connection when the type's own count would miss the ports' rate. */
    readonly lanes?: number;
}

/** What the ends of a connection accept: the port rate and protocol of every type at either end. */
interface EndDemands {
    readonly rates: readonly number[];
    readonly protocols: readonly string[];
}

/**
 * The link types a connection could use instead of its own, cheapest first: each reaches the
 * cable's length, runs at a rate every end's ports accept, speaks the ends' protocol, and needs
 * no external laser the connection does not give. Visible types first; when none fits, the
 * cheapest fitting type of each catalog file not yet imported.
 */
export function opticsChoices(connect: Connect, lengthMeters: number, context: {
    readonly documents: LangiumDocuments; readonly imports: FabricImports; readonly elaboration: FabricElaboration;
}): OpticsChoice[] {
    const document = AstUtils.getDocument(connect) as LangiumDocument<FabricFile>;
    const visible = visiblePartTypes(document.parseResult.value, context.documents, context.imports);
    const demands = endDemands(connect, context.elaboration, visible);
    const resolver = new PartTypeResolver(() => undefined, new SourceRefs());
    const fits = (part: PartType, importPath?: string): OpticsChoice | undefined => {
        if (part.kind !== 'link' || part === connect.optics?.ref) return undefined;
        const optics = resolver.resolve(part)?.type as OpticsType | undefined;
        if (!optics || optics.kind === 'ocs-circuit' || optics.reachMeters < lengthMeters) return undefined;
        if (optics.externalLaser && !connect.options.some(isLaserOption)) return undefined;
        const lanes = lanesFor(optics, connect.options.find(isLanesOption)?.lanes, demands.rates);
        if (lanes === undefined) return undefined;
        const bandwidth = linkBandwidthBytesPerSecond(lanes, optics.laneRateBps);
        const protocol = connect.options.find(isProtocolOption)?.protocol ?? optics.protocol;
        if (protocol !== undefined && demands.protocols.some(p => p !== protocol)) return undefined;
        const { dynamicWatts, fixedWatts } = linkPowerAtFullLoad(optics, bandwidth);
        const written = connect.options.find(isLanesOption)?.lanes ?? optics.lanes;
        return { part, reachMeters: optics.reachMeters, wattsPerLink: dynamicWatts + fixedWatts, importPath, ...(lanes !== written ? { lanes } : {}) };
    };
    const cheapest = (a: OpticsChoice, b: OpticsChoice) => a.wattsPerLink - b.wattsPerLink || a.reachMeters - b.reachMeters || a.part.name.localeCompare(b.part.name);
    const local = [...visible.values()].map(part => fits(part)).filter((c): c is OpticsChoice => c !== undefined).sort(cheapest);
    if (local.length > 0) return local;
    const visibleUris = context.imports.visibleUris(document);
    const fromCatalog: OpticsChoice[] = [];
    for (const catalog of context.documents.all) {
        if (!isCatalogFile(catalog.uri.toString()) || visibleUris.has(catalog.uri.toString())) continue;
        const root = catalog.parseResult.value;
        if (!isFabricFile(root)) continue;
        const path = `${CATALOG_PREFIX}${UriUtils.basename(catalog.uri).replace(/\.fabric$/, '')}`;
        const best = root.elements.filter(isPartType).filter(p => !visible.has(p.name)).map(p => fits(p, path))
            .filter((c): c is OpticsChoice => c !== undefined).sort(cheapest)[0];
        if (best) fromCatalog.push(best);
    }
    return fromCatalog.sort(cheapest);
}

/**
 * Lanes a link of this type runs with on the connection: the written count if the ports accept
 * it, else the count (up to the type's own) whose rate every end's ports run at; undefined if none.
 */
function lanesFor(optics: OpticsType, written: number | undefined, rates: readonly number[]): number | undefined {
    const accepts = (lanes: number) => rates.every(rate => Math.abs(rate - lanes * optics.laneRateBps) <= 1e-6 * rate);
    const first = written ?? optics.lanes;
    if (accepts(first)) return first;
    const needed = rates.length > 0 ? Math.round(rates[0] / optics.laneRateBps) : undefined;
    return needed !== undefined && needed >= 1 && needed <= optics.lanes && accepts(needed) ? needed : undefined;
}

/** The edits that switch a connection to a choice: the type name, its lanes, and the import it needs. */
export function opticsEdits(connect: Connect, choice: OpticsChoice, document: LangiumDocument<FabricFile>): TextEdit[] {
    const edits: TextEdit[] = [{ range: connect.optics.$refNode!.range, newText: choice.part.name }];
    if (choice.lanes !== undefined) {
        const option = connect.options.find(isLanesOption);
        const number = option && GrammarUtils.findNodeForProperty(option.$cstNode, 'lanes');
        const end = connect.optics.$refNode!.range.end;
        edits.push(number ? { range: number.range, newText: String(choice.lanes) } : { range: { start: end, end }, newText: ` lanes ${choice.lanes}` });
    }
    if (choice.importPath) {
        const imports = document.parseResult.value.imports;
        const last = imports[imports.length - 1]?.$cstNode;
        const at = last ? last.range.end : { line: 0, character: 0 };
        edits.push({ range: { start: at, end: at }, newText: last ? `\nimport "${choice.importPath}"` : `import "${choice.importPath}"\n` });
    }
    return edits;
}

export function opticsTitle(choice: OpticsChoice): string {
    const figures = `${choice.lanes !== undefined ? `${choice.lanes} lanes, ` : ''}reaches ${formatQuantity(choice.reachMeters, 'length')}, ${formatQuantity(choice.wattsPerLink, 'power')} per link`;
    return choice.importPath ? `Import "${choice.importPath}" and use ${choice.part.name} (${figures})` : `Use ${choice.part.name} (${figures})`;
}

function isCatalogFile(uri: string): boolean {
    const dir = CATALOG_DIR.toString().replace(/\/?$/, '/');
    return uri.startsWith(dir) && !uri.slice(dir.length).includes('/');
}

/** Port rates and protocols of the part types at the ends of the connection's links. */
function endDemands(connect: Connect, elaboration: FabricElaboration, partTypes: ReadonlyMap<string, PartType>): EndDemands {
    const around = modelAround(connect, elaboration);
    if (!around) return { rates: [], protocols: [] };
    const ends = endTypes(around.model, declarationKey(connect));
    const rates = new Set<number>();
    const protocols = new Set<string>();
    for (const name of ends) {
        const rate = around.model.types.accelerators[name]?.portRateBps ?? around.model.types.switches[name]?.portRateBps;
        if (rate !== undefined) rates.add(rate);
        const part = partTypes.get(name);
        const protocol = part ? propertyWord(part, 'protocol') : undefined;
        if (protocol) protocols.add(protocol);
    }
    return { rates: [...rates], protocols: [...protocols] };
}

function endTypes(model: FabricModel, key: string | undefined): Set<string> {
    const types = new Set<string>();
    const visit = (link: { a: number; b: number; source: SourceRef }) => {
        if (sourceKey(link.source) !== key) return;
        types.add(model.nodes[link.a]?.type).add(model.nodes[link.b]?.type);
    };
    model.links.forEach(visit);
    model.ocsConfigurations.forEach(c => c.circuits.forEach(visit));
    types.delete(undefined as never);
    return types;
}
