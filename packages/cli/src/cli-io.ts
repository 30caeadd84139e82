/**
 * Where a command writes, and whether it may colour: colour only when the stream is a terminal and
 * `NO_COLOR` is unset or empty (https://no-color.org).
 */
export interface CliIo {
    readonly out: NodeJS.WritableStream;
    readonly err: NodeJS.WritableStream;
    readonly env: NodeJS.ProcessEnv;
}

export function processIo(): CliIo {
    return { out: process.stdout, err: process.stderr, env: process.env };
}

export function isTerminal(stream: NodeJS.WritableStream): boolean {
    return (stream as { isTTY?: boolean }).isTTY === true;
}

export function colourAllowed(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv): boolean {
    return isTerminal(stream) && !env.NO_COLOR;
}

export interface Palette {
    readonly red: (s: string) => string;
    readonly yellow: (s: string) => string;
    readonly cyan: (s: string) => string;
    readonly dim: (s: string) => string;
    readonly bold: (s: string) => string;
}

const sgr = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
const plain = (s: string) => s;

export function palette(enabled: boolean): Palette {
    return enabled
        ? { red: sgr(31, 39), yellow: sgr(33, 39), cyan: sgr(36, 39), dim: sgr(2, 22), bold: sgr(1, 22) }
        : { red: plain, yellow: plain, cyan: plain, dim: plain, bold: plain };
}
