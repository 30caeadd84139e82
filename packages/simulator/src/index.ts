export * from './units.js';
export * from './model/fabric-model.js';
export type { BenchCase } from './bench/bench-case.js';
