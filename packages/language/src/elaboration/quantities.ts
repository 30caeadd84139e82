import { parseQuantity, perDirection, UNITS, type Dimension } from '@fabric/simulator';
import type { Quantity } from '../generated/ast.js';
import { FabricCode } from '../validation/fabric-codes.js';
import type { ProblemSink } from './elaboration-problem.js';

/**
 * Reads a written quantity into its base unit, reporting a wrong, unknown or missing unit at the
 * quantity. Rates come out in bits per second per direction: bytes are multiplied by 8 and a
 * `bidirectional` figure is halved.
 */
export function quantityValue(quantity: Quantity | undefined, expected: readonly Dimension[], report: ProblemSink, what: string): number | undefined {
    if (quantity?.value === undefined) return undefined; // syntax error, reported by the parser
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
    if (parsed.dimension === 'bitRate' || parsed.dimension === 'byteRate') {
        const bits = parsed.dimension === 'byteRate' ? parsed.value * 8 : parsed.value;
        return perDirection(bits, quantity.direction === 'bidirectional' ? 'bidirectional' : 'per-direction');
    }
    return parsed.value;
}

/** A plain whole number (a count, an index), or undefined with a problem reported. */
export function wholeNumber(value: number, report: ProblemSink, at: Parameters<ProblemSink>[0]['node'], property: string, what: string, min = 0): number | undefined {
    if (!Number.isInteger(value) || value < min) {
        report({ code: FabricCode.BadPropertyValue, severity: 'error', message: `${what} must be a whole number ≥ ${min}; found ${value}`, node: at, property });
        return undefined;
    }
    return value;
}
