import { BASE_UNIT, parseQuantity, perDirection, UNITS, type Dimension } from '@fabric/simulator';
import { GrammarUtils, type AstNode } from 'langium';
import type { Quantity } from '../generated/ast.js';
import { FabricCode } from '../validation/fabric-codes.js';
import type { ProblemSink } from './elaboration-problem.js';

/**
 * The magnitudes Fabric computes with, in base units (watts, seconds, metres, bits per second, …):
 * products and ratios of a few such figures over millions of parts stay finite, so no hover,
 * report or JSON ever shows NaN or Infinity. Zero is always allowed.
 */
export const LARGEST_QUANTITY = 1e30;
export const SMALLEST_QUANTITY = 1e-30;
/** The largest count (lanes, ports, lasers, …) Fabric computes with. */
export const LARGEST_COUNT = 1e9;

/**
 * Reads a written quantity into its base unit, reporting a wrong, unknown or missing unit at the
 * quantity. Rates come out in bits per second per direction: bytes are multiplied by 8 and a
 * `bidirectional` figure is halved.
 */
export function quantityValue(quantity: Quantity | undefined, expected: readonly Dimension[], report: ProblemSink, what: string): number | undefined {
    if (quantity?.value === undefined) return undefined; // syntax error, reported by the parser
    if (!Number.isFinite(quantity.value)) {
        report({ code: FabricCode.OutOfRange, severity: 'error', message: `${what}: '${written(quantity)}' is too large to compute with`, node: quantity });
        return undefined;
    }
    const parsed = parseQuantity(quantity.value, quantity.unit, expected);
    if (!parsed.ok) {
        const unknown = quantity.unit !== undefined && !UNITS.has(quantity.unit);
        report({
            code: quantity.unit === undefined ? FabricCode.MissingUnit : unknown ? FabricCode.UnknownUnit : FabricCode.WrongDimension,
            severity: 'error',
            message: `${what}: ${parsed.message}`,
            node: quantity,
            property: quantity.unit === undefined ? 'value' : 'unit'
        });
        return undefined;
    }
    if (quantity.negative) {
        report({ code: FabricCode.NegativeQuantity, severity: 'error', message: `${what} cannot be negative`, node: quantity });
        return undefined;
    }
    if (quantity.direction && parsed.dimension !== 'bitRate' && parsed.dimension !== 'byteRate') {
        report({ code: FabricCode.BadPropertyValue, severity: 'error', message: `${what}: '${quantity.direction}' only applies to rates`, node: quantity, property: 'direction' });
    }
    const isRate = parsed.dimension === 'bitRate' || parsed.dimension === 'byteRate';
    const value = isRate
        ? perDirection(parsed.dimension === 'byteRate' ? parsed.value * 8 : parsed.value, quantity.direction === 'bidirectional' ? 'bidirectional' : 'per-direction')
        : parsed.value;
    const problem = magnitudeProblem(value, isRate ? 'bitRate' : parsed.dimension);
    if (problem) {
        report({ code: FabricCode.OutOfRange, severity: 'error', message: `${what}: '${written(quantity)}' is ${problem}`, node: quantity });
        return undefined;
    }
    return value;
}

/** Why a value in base units is outside what Fabric computes with, or undefined when it is fine. */
export function magnitudeProblem(value: number, dimension: Dimension): string | undefined {
    const largest = dimension === 'count' ? LARGEST_COUNT : LARGEST_QUANTITY;
    // The wording is made only for a value outside (this runs for every quantity of a fabric).
    if (!Number.isFinite(value) || Math.abs(value) > largest) return `too large to compute with (at most ${dimension === 'count' ? largest.toLocaleString('en-US') : '1e30'}${unitSuffix(dimension)})`;
    if (value !== 0 && Math.abs(value) < SMALLEST_QUANTITY) return `too small to compute with (at least 1e-30${unitSuffix(dimension)}, or 0)`;
    return undefined;
}

/** ` W`, ` m`, …: the base unit a message quotes after a figure (none for a count). */
function unitSuffix(dimension: Dimension): string {
    return dimension === 'count' ? '' : ` ${BASE_UNIT[dimension]}`;
}

/** The text of a node's property as the user wrote it (`1e309`), for messages that quote it. */
function written(node: AstNode, property?: string): string {
    return (property ? GrammarUtils.findNodeForProperty(node.$cstNode, property)?.text : node.$cstNode?.text) ?? '';
}

/** A plain whole number (a count, an index), or undefined with a problem reported. */
export function wholeNumber(value: number, report: ProblemSink, at: Parameters<ProblemSink>[0]['node'], property: string, what: string, min = 0): number | undefined {
    if (!Number.isFinite(value) || value > LARGEST_COUNT) {
        report({ code: FabricCode.OutOfRange, severity: 'error', message: `${what}: '${written(at, property) || value}' is ${magnitudeProblem(Infinity, 'count')}`, node: at, property });
        return undefined;
    }
    if (!Number.isInteger(value) || value < min) {
        report({ code: FabricCode.BadPropertyValue, severity: 'error', message: `${what} must be a whole number ≥ ${min}; found ${written(at, property) || value}`, node: at, property });
        return undefined;
    }
    return value;
}
