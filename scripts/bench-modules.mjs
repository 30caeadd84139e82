// The modules (compiled, and the machine's reference script) that export `benchCases: BenchCase[]`.
export const BENCH_MODULES = [
    'packages/language/dist/bench/language-bench.js',
    'packages/language/dist/bench/lsp-bench.js',
    'packages/language/dist/bench/lsp-server-bench.js',
    'packages/simulator/dist/bench/simulator-bench.js',
    'packages/cli/dist/bench/cli-bench.js',
    'packages/webview/dist/bench/diagram-bench.js',
    'packages/extension/out/e2e/vscode-bench.js',
    'scripts/reference-bench.mjs'
];
