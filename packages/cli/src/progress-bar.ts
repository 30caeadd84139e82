/**
 * A progress bar for failure sweeps, on stderr: drawn only when stderr is a terminal and only once the
 * sweep has run for more than a second (short sweeps stay silent), redrawn at most ten times a second,
 * and erased when the sweep ends so the output below it stays clean.
 */
import { isTerminal, type CliIo } from './cli-io.js';

export interface SweepProgress {
    readonly update: (done: number, total: number) => void;
    readonly done: () => void;
}

const SHOW_AFTER_MS = 1000;
const REDRAW_EVERY_MS = 100;
const WIDTH = 30;

export function progressLine(label: string, done: number, total: number, elapsedMs: number): string {
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(fraction * WIDTH);
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${done}/${total} ${(elapsedMs / 1000).toFixed(0)} s`;
}

export function sweepProgress(io: CliIo, label = 'failure sweep', now: () => number = () => performance.now()): SweepProgress {
    if (!isTerminal(io.err)) return { update: () => undefined, done: () => undefined };
    const start = now();
    let drawn = false;
    let last = -Infinity;
    return {
        update(done, total) {
            const t = now();
            if (t - start < SHOW_AFTER_MS || (t - last < REDRAW_EVERY_MS && done < total)) return;
            last = t;
            drawn = true;
            io.err.write(`\r${progressLine(label, done, total, t - start)}\u001b[K`);
        },
        done() {
            if (drawn) io.err.write('\r\u001b[K');
        }
    };
}
