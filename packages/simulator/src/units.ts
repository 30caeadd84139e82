/**
 * The one units module: parses unit-carrying quantities, normalizes them to one base unit per
 * dimension, and formats them back with a readable prefix.
 *
 * Base units: watts, joules per bit, seconds, metres, bits per second, bytes per second, bytes,
 * joules, decibels, FIT (failures per 10^9 device-hours), plain counts.
 * SI and binary prefixes are distinct (GB = 10^9 B, GiB = 2^30 B); nothing is guessed.
 */

export type Dimension =
    | 'power'
    | 'energyPerBit'
    | 'energy'
    | 'time'
    | 'length'
    | 'bitRate'
    | 'byteRate'
    | 'dataSize'
    | 'loss'
    | 'failureRate'
    | 'count';

export interface UnitDef {
    readonly symbol: string;
    readonly dimension: Dimension;
    /** Multiply a value in this unit by `factor` to get the base unit. */
    readonly factor: number;
}

const SI: ReadonlyArray<[string, number]> = [['', 1], ['k', 1e3], ['K', 1e3], ['M', 1e6], ['G', 1e9], ['T', 1e12], ['P', 1e15]];
const BIN: ReadonlyArray<[string, number]> = [['Ki', 2 ** 10], ['Mi', 2 ** 20], ['Gi', 2 ** 30], ['Ti', 2 ** 40], ['Pi', 2 ** 50]];

function buildUnitTable(): Map<string, UnitDef> {
    const table = new Map<string, UnitDef>();
    const add = (symbol: string, dimension: Dimension, factor: number) => table.set(symbol, { symbol, dimension, factor });
    // power
    add('mW', 'power', 1e-3); add('W', 'power', 1); add('kW', 'power', 1e3); add('MW', 'power', 1e6);
    // energy per bit
    add('fJ/bit', 'energyPerBit', 1e-15); add('pJ/bit', 'energyPerBit', 1e-12); add('nJ/bit', 'energyPerBit', 1e-9);
    add('pJ/b', 'energyPerBit', 1e-12);
    // energy
    add('pJ', 'energy', 1e-12); add('nJ', 'energy', 1e-9); add('uJ', 'energy', 1e-6); add('mJ', 'energy', 1e-3);
    add('J', 'energy', 1); add('kJ', 'energy', 1e3); add('MJ', 'energy', 1e6); add('kWh', 'energy', 3.6e6);
    // time
    add('ps', 'time', 1e-12); add('ns', 'time', 1e-9); add('us', 'time', 1e-6); add('µs', 'time', 1e-6);
    add('ms', 'time', 1e-3); add('s', 'time', 1); add('min', 'time', 60); add('h', 'time', 3600); add('d', 'time', 86400);
    // length
    add('mm', 'length', 1e-3); add('cm', 'length', 1e-2); add('m', 'length', 1); add('km', 'length', 1e3);
    // bit rate (SI only: line rates are decimal)
    for (const [p, f] of SI) {
        add(`${p}bps`, 'bitRate', f);
        add(`${p}b/s`, 'bitRate', f);
    }
    // byte rate and data size (SI and binary)
    for (const [p, f] of [...SI, ...BIN]) {
        add(`${p}B/s`, 'byteRate', f);
        add(`${p}B`, 'dataSize', f);
    }
    for (const [p, f] of SI) {
        add(`${p}bit`, 'dataSize', f / 8);
    }
    add('dB', 'loss', 1);
    add('FIT', 'failureRate', 1);
    return table;
}

export const UNITS: ReadonlyMap<string, UnitDef> = buildUnitTable();

export const BASE_UNIT: Readonly<Record<Dimension, string>> = {
    power: 'W',
    energyPerBit: 'pJ/bit',
    energy: 'J',
    time: 's',
    length: 'm',
    bitRate: 'bps',
    byteRate: 'B/s',
    dataSize: 'B',
    loss: 'dB',
    failureRate: 'FIT',
    count: ''
};

export const DIMENSION_LABEL: Readonly<Record<Dimension, string>> = {
    power: 'power (W, kW)',
    energyPerBit: 'energy per bit (pJ/bit)',
    energy: 'energy (J)',
    time: 'time (ns, us, ms, s, min, h)',
    length: 'length (mm, cm, m, km)',
    bitRate: 'bit rate (Gbps, Tbps)',
    byteRate: 'byte rate (GB/s, GiB/s)',
    dataSize: 'data size (B, MB, GiB)',
    loss: 'loss (dB)',
    failureRate: 'failure rate (FIT)',
    count: 'plain number'
};

/** Units accepted for a dimension, in table order (used for completion and error messages). */
export function unitsOf(dimension: Dimension): string[] {
    return [...UNITS.values()].filter(u => u.dimension === dimension).map(u => u.symbol);
}

export type QuantityResult =
    | { ok: true; value: number; dimension: Dimension; unit: string }
    | { ok: false; message: string };

/**
 * Normalizes `value unit` to the base unit. With `expected`, a unit of another dimension is an
 * error that names the expected dimension.
 */
export function parseQuantity(value: number, unit: string | undefined, expected?: Dimension | readonly Dimension[]): QuantityResult {
    const wanted = expected === undefined ? undefined : (Array.isArray(expected) ? expected : [expected]) as readonly Dimension[];
    if (!Number.isFinite(value)) {
        return { ok: false, message: `'${value}' is not a finite number` };
    }
    if (unit === undefined || unit === '') {
        if (wanted && !wanted.includes('count')) {
            return { ok: false, message: `missing unit: expected ${wanted.map(d => DIMENSION_LABEL[d]).join(' or ')}` };
        }
        return { ok: true, value, dimension: 'count', unit: '' };
    }
    const def = UNITS.get(unit);
    if (!def) {
        const hint = wanted ? `; expected ${wanted.map(d => DIMENSION_LABEL[d]).join(' or ')}` : '';
        return { ok: false, message: `unknown unit '${unit}'${hint}` };
    }
    if (wanted && !wanted.includes(def.dimension)) {
        return {
            ok: false,
            message: `'${unit}' is ${DIMENSION_LABEL[def.dimension].split(' (')[0]}; expected ${wanted.map(d => DIMENSION_LABEL[d]).join(' or ')}`
        };
    }
    // Divide by the reciprocal of sub-unit factors: 100 ns is exactly 1e-7 s, not 1.0000000000000001e-7.
    const base = def.factor < 1 ? value / Math.round(1 / def.factor) : value * def.factor;
    return { ok: true, value: base, dimension: def.dimension, unit };
}

interface Prefix { readonly symbol: string; readonly factor: number }

const FORMAT_STEPS: Readonly<Partial<Record<Dimension, readonly Prefix[]>>> = {
    power: [{ symbol: 'mW', factor: 1e-3 }, { symbol: 'W', factor: 1 }, { symbol: 'kW', factor: 1e3 }, { symbol: 'MW', factor: 1e6 }],
    energyPerBit: [{ symbol: 'fJ/bit', factor: 1e-15 }, { symbol: 'pJ/bit', factor: 1e-12 }, { symbol: 'nJ/bit', factor: 1e-9 }],
    energy: [{ symbol: 'pJ', factor: 1e-12 }, { symbol: 'nJ', factor: 1e-9 }, { symbol: 'µJ', factor: 1e-6 }, { symbol: 'mJ', factor: 1e-3 }, { symbol: 'J', factor: 1 }, { symbol: 'kJ', factor: 1e3 }, { symbol: 'MJ', factor: 1e6 }],
    time: [{ symbol: 'ps', factor: 1e-12 }, { symbol: 'ns', factor: 1e-9 }, { symbol: 'µs', factor: 1e-6 }, { symbol: 'ms', factor: 1e-3 }, { symbol: 's', factor: 1 }, { symbol: 'min', factor: 60 }, { symbol: 'h', factor: 3600 }, { symbol: 'd', factor: 86400 }],
    length: [{ symbol: 'mm', factor: 1e-3 }, { symbol: 'm', factor: 1 }, { symbol: 'km', factor: 1e3 }],
    bitRate: [{ symbol: 'bps', factor: 1 }, { symbol: 'kbps', factor: 1e3 }, { symbol: 'Mbps', factor: 1e6 }, { symbol: 'Gbps', factor: 1e9 }, { symbol: 'Tbps', factor: 1e12 }, { symbol: 'Pbps', factor: 1e15 }],
    byteRate: [{ symbol: 'B/s', factor: 1 }, { symbol: 'kB/s', factor: 1e3 }, { symbol: 'MB/s', factor: 1e6 }, { symbol: 'GB/s', factor: 1e9 }, { symbol: 'TB/s', factor: 1e12 }, { symbol: 'PB/s', factor: 1e15 }],
    dataSize: [{ symbol: 'B', factor: 1 }, { symbol: 'KiB', factor: 2 ** 10 }, { symbol: 'MiB', factor: 2 ** 20 }, { symbol: 'GiB', factor: 2 ** 30 }, { symbol: 'TiB', factor: 2 ** 40 }]
};

/** Formats a base-unit value with the largest prefix that keeps the mantissa >= 1 (3 significant digits). */
export function formatQuantity(value: number, dimension: Dimension, digits = 3): string {
    if (!Number.isFinite(value)) {
        return 'n/a';
    }
    const steps = FORMAT_STEPS[dimension];
    if (!steps) {
        const unit = BASE_UNIT[dimension];
        return unit ? `${formatNumber(value, digits)} ${unit}` : formatNumber(value, digits);
    }
    const magnitude = Math.abs(value);
    let chosen = steps[0];
    for (const step of steps) {
        if (magnitude >= step.factor * 0.9995) {
            chosen = step;
        }
    }
    if (magnitude === 0) {
        chosen = steps.find(s => s.factor === 1) ?? steps[0];
    }
    return `${formatNumber(value / chosen.factor, digits)} ${chosen.symbol}`;
}

export function formatNumber(value: number, digits = 3): string {
    if (value === 0) {
        return '0';
    }
    if (Number.isInteger(value) && Math.abs(value) < 1e6) {
        return String(value);
    }
    const rounded = Number(value.toPrecision(digits));
    return Math.abs(rounded) >= 1e6 || Math.abs(rounded) < 1e-3 ? rounded.toExponential(digits - 1) : String(rounded);
}

/** Whether a declared bandwidth counts both directions (NVLink's 1.8 TB/s is bidirectional). */
export type BandwidthDirection = 'per-direction' | 'bidirectional';

/** Per-direction rate from a declared rate and its explicit direction convention. */
export function perDirection(rate: number, direction: BandwidthDirection): number {
    return direction === 'bidirectional' ? rate / 2 : rate;
}

/** Bits per second to bytes per second. */
export function bitsToBytesPerSecond(bitsPerSecond: number): number {
    return bitsPerSecond / 8;
}
