/** `fabric simulate <file> [--json]`: wired to the simulator's analysis once it lands. */
export async function runSimulate(_args: readonly string[], _out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
    err.write('fabric simulate: not built yet\n');
    return 2;
}
