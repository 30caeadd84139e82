/**
 * One benchmark case for `npm run bench`. `prepare` is untimed; `run` is timed and repeated. A run
 * that measures something of its own (a latency inside a scenario, a process's memory) returns it
 * as `{ value }` in the case's `unit`, and that is reported instead of the run's duration.
 */
export interface BenchCase {
    readonly name: string;
    /** Untimed set-up; its result is handed to every `run`. */
    prepare?(): Promise<unknown> | unknown;
    run(prepared: unknown): Promise<unknown> | unknown;
    /** Untimed clean-up after the last run (a browser to close). */
    dispose?(prepared: unknown): Promise<unknown> | unknown;
    /** Timed repetitions (default 5); the median is reported. */
    readonly runs?: number;
    /** Unit of the reported figure (default `ms`). */
    readonly unit?: 'ms' | 'MB';
    /**
     * The collection before each timed run (default `full`). `minor` collects only the young
     * generation: a full collection frees the maps and type feedback of objects the last run dropped,
     * and V8 then discards optimised code the next run must compile again.
     */
    readonly collect?: 'full' | 'minor';
    /** The figure the case must stay under, in its unit; the table says whether it does. */
    readonly target?: number;
}
