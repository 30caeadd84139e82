import type {
    AcceleratorType, ComponentType, LaserSourceType, OcsType, OpticsKind, OpticsType, Protocol, SourceRef, SwitchType
} from '@fabric/simulator';
import { isLaneSpec, isQuantity, isWordValue, type PartType, type Property, type Quantity } from '../generated/ast.js';
import { FabricCode } from '../validation/fabric-codes.js';
import type { ProblemSink } from './elaboration-problem.js';
import { DEFAULT_REPAIR_SECONDS, PART_PROPERTIES, PROPAGATION_SECONDS_PER_METER, defaultMedium, type PropertySpec } from './part-properties.js';
import { quantityValue, wholeNumber } from './quantities.js';
import { partProvenance } from './figure-provenance.js';
import type { SourceRefs } from './source-refs.js';

export type ResolvedPart =
    | { kind: 'accelerator'; type: AcceleratorType }
    | { kind: 'switch'; type: SwitchType }
    | { kind: 'ocs'; type: OcsType }
    | { kind: 'link'; type: OpticsType }
    | { kind: 'laser'; type: LaserSourceType }
    | { kind: 'component'; type: ComponentType };

/** Link kinds whose light may come from an external laser source; the others bring their own (or none: copper). */
export const EXTERNALLY_LIT_KINDS: readonly OpticsKind[] = ['cpo', 'npo'];

/** Per kind: the properties that size a part, and the property that states its power. */
const SIZED_POWER: Partial<Record<PartType['kind'], { sizes: readonly string[]; power: string }>> = {
    switch: { sizes: ['radix', 'port-rate'], power: 'power' },
    ocs: { sizes: ['ports'], power: 'power' },
    link: { sizes: ['lanes'], power: 'power-per-end' }
};

/**
 * Turns part type declarations into model part types: merges `extends` chains (the derived type's
 * properties override the base's), checks every property against PART_PROPERTIES, normalizes units
 * and fills documented defaults. Each declaration is resolved once.
 */
export class PartTypeResolver {
    private readonly resolved = new Map<PartType, ResolvedPart | undefined>();

    constructor(private readonly report: ProblemSink, private readonly refs: SourceRefs) { }

    resolve(part: PartType): ResolvedPart | undefined {
        if (!part.name || !part.kind) {
            return undefined; // recovering from a syntax error: the parser reports it
        }
        if (this.resolved.has(part)) {
            return this.resolved.get(part);
        }
        this.resolved.set(part, undefined); // guards against extends cycles while resolving
        const properties = this.mergedProperties(part);
        const built = properties ? this.build(part, properties) : undefined;
        const result = built && properties ? withProvenance(built, part, properties, this.refs) : undefined;
        if (properties) this.checkDerivedPower(part, properties);
        this.resolved.set(part, result);
        return result;
    }

    /** Property name → the property that wins (derived over base), or undefined on a broken chain. */
    private mergedProperties(part: PartType): Map<string, Property> | undefined {
        const chain: PartType[] = [];
        for (let current: PartType | undefined = part; current; current = current.base?.ref) {
            if (chain.includes(current)) {
                this.report({ code: FabricCode.ExtendsCycle, severity: 'error', message: `'${part.name}' extends itself through ${chain.map(c => c.name).join(' → ')} → ${current.name}`, node: part, property: 'base' });
                return undefined;
            }
            if (current !== part && current.kind !== part.kind) {
                this.report({ code: FabricCode.ExtendsKind, severity: 'error', message: `${part.kind} '${part.name}' cannot extend ${current.kind} '${current.name}'`, node: part, property: 'base' });
                return undefined;
            }
            chain.push(current);
        }
        const merged = new Map<string, Property>();
        for (const type of chain.reverse()) {
            const seen = new Set<string>();
            for (const property of type.properties) {
                if (!property.name) continue;
                if (seen.has(property.name) && type === part) {
                    this.report({ code: FabricCode.DuplicateProperty, severity: 'error', message: `'${property.name}' is given twice in '${type.name}'`, node: property, property: 'name' });
                }
                seen.add(property.name);
                merged.set(property.name, property);
            }
        }
        return merged;
    }

    /**
     * A derived part that changes what sizes it (radix, ports, port rate, lanes) but not its power
     * inherits a power figure that belonged to another size: say it.
     */
    private checkDerivedPower(part: PartType, properties: Map<string, Property>): void {
        const rule = SIZED_POWER[part.kind as PartType['kind']];
        const base = part.base?.ref;
        if (!rule || !base) return;
        const own = new Set<string>(part.properties.map(p => p.name));
        const changed = rule.sizes.filter(name => own.has(name));
        if (changed.length === 0 || own.has(rule.power)) return;
        const inherited = properties.get(rule.power);
        if (!inherited && part.kind === 'link') return; // no fixed watts per end to scale
        const from = inherited ? `keeps ${base.name}'s ${rule.power} (${inherited.value?.$cstNode?.text.replace(/\s+/g, ' ') ?? 'inherited'})` : `has no ${rule.power}`;
        this.report({
            code: FabricCode.DerivedPower, severity: 'warning', node: part, property: 'name',
            message: `${part.kind} '${part.name}' changes ${changed.join(' and ')} from ${base.name} but ${from}; say its ${rule.power}`
        });
    }

    private build(part: PartType, properties: Map<string, Property>): ResolvedPart | undefined {
        const schema = PART_PROPERTIES[part.kind];
        const values = new Map<string, PropertyReading>();
        let complete = true;
        for (const [name, property] of properties) {
            const spec = schema[name];
            if (!spec) {
                this.report({
                    code: FabricCode.UnknownProperty, severity: 'error', node: property, property: 'name',
                    message: `a ${part.kind} has no property '${name}'; expected one of: ${Object.keys(schema).join(', ')}`
                });
                continue;
            }
            const value = this.readValue(part, name, property);
            if (value === undefined) complete = false; else values.set(name, value);
        }
        for (const [name, spec] of Object.entries(schema)) {
            if (spec.required && !properties.has(name)) {
                this.report({ code: FabricCode.MissingProperty, severity: 'error', node: part, property: 'name', message: `${part.kind} '${part.name}' needs '${name}' (${spec.doc})` });
                complete = false;
            }
        }
        if (!complete) {
            return undefined;
        }
        const num = (name: string, fallback = 0) => (values.get(name) as number | undefined) ?? fallback;
        const text = (name: string) => values.get(name) as string | undefined;
        const source: SourceRef = this.refs.of(part, 'name');
        const fit = num('fit');
        const optional = (name: string) => values.get(name) as number | undefined;
        switch (part.kind) {
            case 'accelerator':
                return {
                    kind: 'accelerator', type: {
                        name: part.name, ports: num('ports'), portRateBps: optional('port-rate'), tdpWatts: num('tdp'), fit,
                        repairSeconds: num('repair', DEFAULT_REPAIR_SECONDS.accelerator), forwards: text('forwarding') === 'yes',
                        ...(optional('reduction-rate') !== undefined ? { reductionRateBps: optional('reduction-rate') } : {}), source
                    }
                };
            case 'switch':
                return { kind: 'switch', type: { name: part.name, radix: num('radix'), portRateBps: values.get('port-rate') as number | undefined, latencySeconds: num('latency'), powerWatts: num('power'), inNetworkReduction: text('reduction') === 'in-network', fit, repairSeconds: num('repair', DEFAULT_REPAIR_SECONDS.switch), source } };
            case 'ocs':
                return { kind: 'ocs', type: { name: part.name, ports: num('ports'), reconfigurationSeconds: num('reconfiguration'), insertionLossDb: num('loss'), powerWatts: num('power'), latencySeconds: num('latency'), fit, repairSeconds: num('repair', DEFAULT_REPAIR_SECONDS.ocs), source } };
            case 'laser':
                return {
                    kind: 'laser', type: {
                        name: part.name, lasers: num('lasers'), spares: num('spares'), powerWatts: num('power'), fit, repairSeconds: num('repair', DEFAULT_REPAIR_SECONDS.laser),
                        ...(optional('lanes-per-laser') !== undefined ? { lanesPerLaser: optional('lanes-per-laser') } : {}), source
                    }
                };
            case 'component':
                return { kind: 'component', type: { name: part.name, powerWatts: num('power'), fit, repairSeconds: num('repair', DEFAULT_REPAIR_SECONDS.component), source } };
            case 'link': {
                const kind = text('kind') as OpticsKind;
                const medium = (text('medium') as 'copper' | 'fiber' | undefined) ?? defaultMedium(kind);
                const laser = properties.get('laser');
                if (text('laser') === 'external' && !EXTERNALLY_LIT_KINDS.includes(kind)) {
                    this.report({
                        code: FabricCode.LaserNotNeeded, severity: 'error', node: laser!, property: 'value',
                        message: `a ${kind} link brings its own light${kind === 'dac' || kind === 'aec' ? ' (it is copper)' : ''}; only ${EXTERNALLY_LIT_KINDS.join(' and ')} optics take an external laser`
                    });
                }
                return {
                    kind: 'link', type: {
                        name: part.name, kind, lanes: (values.get('lanes') as LaneReading).count, laneRateBps: (values.get('lanes') as LaneReading).rate,
                        energyPerBitJoules: num('energy'), wattsPerEnd: num('power-per-end'), reachMeters: num('reach'),
                        latencySeconds: num('latency'), propagationSecondsPerMeter: PROPAGATION_SECONDS_PER_METER[medium],
                        fit, repairSeconds: num('repair', DEFAULT_REPAIR_SECONDS[kind]),
                        protocol: text('protocol') as Protocol | undefined, externalLaser: text('laser') === 'external' && EXTERNALLY_LIT_KINDS.includes(kind),
                        ...(optional('efficiency') !== undefined ? { efficiency: optional('efficiency') } : {}),
                        ...(optional('traffic-share') !== undefined ? { trafficShare: optional('traffic-share') } : {}),
                        source
                    }
                };
            }
        }
    }

    /** Reads one property into base units, or undefined with the problem reported. */
    private readValue(part: PartType, name: string, property: Property): PropertyReading | undefined {
        const spec = PART_PROPERTIES[part.kind][name];
        const value = property.value;
        if (!value) return undefined; // syntax error, reported by the parser
        const what = `'${name}' of ${part.kind} '${part.name}'`;
        if (spec.value === 'word') {
            if (!isWordValue(value) || !spec.words.includes(value.word)) {
                const found = isWordValue(value) ? `'${value.word}'` : 'a number';
                this.report({ code: FabricCode.BadPropertyValue, severity: 'error', node: property, property: 'value', message: `${what} must be one of: ${spec.words.join(', ')}; found ${found}` });
                return undefined;
            }
            return value.word;
        }
        if (spec.value === 'lanes') {
            if (!isLaneSpec(value)) {
                this.report({ code: FabricCode.BadPropertyValue, severity: 'error', node: property, property: 'value', message: `${what} must be written as lanes × lane rate, e.g. '2 x 200 Gbps per-direction'` });
                return undefined;
            }
            const lanes = wholeNumber(value.count, this.report, value, 'count', what, 1);
            const rate = quantityValue(value.rate, ['bitRate', 'byteRate'], this.report, `lane rate of ${part.kind} '${part.name}'`);
            if (lanes === undefined || rate === undefined) return undefined;
            return { count: lanes, rate };
        }
        if (!isQuantity(value)) {
            this.report({ code: FabricCode.BadPropertyValue, severity: 'error', node: property, property: 'value', message: `${what} must be a quantity (${spec.dimensions.join(' or ')}); found '${isWordValue(value) ? value.word : 'lanes'}'` });
            return undefined;
        }
        return readSpecValue(spec, value, this.report, what);
    }
}

/** A quantity read against its spec: a whole count, a fraction in [0, 1], or a unit-carrying quantity. */
export function readSpecValue(spec: Extract<PropertySpec, { value: 'quantity' }>, value: Quantity, report: ProblemSink, what: string): number | undefined {
    const result = quantityValue(value, spec.dimensions, report, what);
    if (result === undefined) return undefined;
    if (spec.fraction) {
        if (!(result >= 0 && result <= 1)) {
            report({ code: FabricCode.BadPropertyValue, severity: 'error', node: value, property: 'value', message: `${what} is a share between 0 and 1; found ${result}` });
            return undefined;
        }
        return result;
    }
    if (spec.dimensions.length === 1 && spec.dimensions[0] === 'count') return wholeNumber(result, report, value, 'value', what);
    return result;
}

/** The resolved part with where each of its figures comes from. */
function withProvenance(resolved: ResolvedPart, part: PartType, properties: ReadonlyMap<string, Property>, refs: SourceRefs): ResolvedPart {
    const provenance = partProvenance(part, properties, resolved.type as unknown as Readonly<Record<string, unknown>>, refs);
    return { ...resolved, type: { ...resolved.type, provenance } } as ResolvedPart;
}

interface LaneReading { readonly count: number; readonly rate: number }
type PropertyReading = number | string | LaneReading;
