/** One benchmark case for `npm run bench`. `prepare` is untimed; `run` is timed and repeated. */
export interface BenchCase {
    readonly name: string;
    /** Untimed set-up; its result is handed to every `run`. */
    prepare?(): Promise<unknown> | unknown;
    run(prepared: unknown): Promise<unknown> | unknown;
    /** Untimed clean-up after the last run (a browser to close). */
    dispose?(prepared: unknown): Promise<unknown> | unknown;
    /** Timed repetitions (default 5); the median is reported. */
    readonly runs?: number;
}
