// The conventions every command keeps: --version, --help with options and an example, exit codes
// 0/1/2, file arguments (directories, globs, non-.fabric paths), colour only on a terminal.
import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fabric, fabricInTerminal, fixture, root, tempFile } from './run-fabric.js';

const COMMANDS = ['check', 'simulate', 'failures', 'diff', 'export'];
const ANSI = /\u001b\[\d+m/;

describe('fabric: version and help', () => {
    test('--version prints the package version', () => {
        const version = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')).version;
        const run = fabric(['--version']);
        expect(run.stdout.trim()).toBe(version);
        expect(run.code).toBe(0);
    });

    test('fabric --help lists every command and the exit codes', () => {
        const run = fabric(['--help']);
        expect(run.code).toBe(0);
        for (const command of COMMANDS) expect(run.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
        expect(run.stdout).toMatch(/Exit codes: 0 clean, 1 findings .*, 2 usage or input error/);
    });

    test.each(COMMANDS)('fabric %s --help shows its options and an example', command => {
        const run = fabric([command, '--help']);
        expect(run.code).toBe(0);
        expect(run.stderr).toBe('');
        expect(run.stdout).toMatch(new RegExp(`^Usage: fabric ${command} \\[options\\]`));
        expect(run.stdout).toMatch(/^Options:\n/m);
        expect(run.stdout).toMatch(/^Examples:\n  \$ fabric /m);
        expect(run.stdout).toMatch(/Exit codes:/);
        // the help of a command is also reachable as `fabric help <command>`
        expect(fabric(['help', command]).stdout).toBe(run.stdout);
    });

    test('no command prints the help on stderr and exits 2', () => {
        const run = fabric([]);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^Usage: fabric \[options\] \[command\]/);
    });
});

describe('fabric: exit codes', () => {
    test('0 when clean, 1 on errors, 2 on usage errors', () => {
        expect(fabric(['check', 'examples/nvl72-copper.fabric']).code).toBe(0);
        const bad = tempFile('bad.fabric', 'link K { kind dac lanes 1 x 100 Gbps reach 2 GB }\n');
        expect(fabric(['check', bad]).code).toBe(1);
        expect(fabric(['check', '--frobnicate', 'examples/nvl72-copper.fabric']).code).toBe(2);
        expect(fabric(['frobnicate']).code).toBe(2);
        expect(fabric(['simulate']).code).toBe(2);
    });

    test('--fail-on warning makes a warning a finding', () => {
        // the switch tier of this fixture is one failure domain that partitions the fabric (a warning)
        expect(fabric(['check', fixture('switch8.fabric')]).code).toBe(0);
        const strict = fabric(['check', fixture('switch8.fabric'), '--fail-on', 'warning']);
        expect(strict.stdout).toMatch(/switch8\.fabric:\d+:\d+ warning failure\/partitions /);
        expect(strict.code).toBe(1);
        expect(fabric(['check', fixture('switch8.fabric'), '--fail-on', 'often']).stderr).toMatch(/Allowed choices are error, warning, info/);
    });

    test('a file with errors is an input error for the commands that need a fabric, naming file:line:col', () => {
        const bad = tempFile('broken.fabric', 'fabric F {\n    rack R { accelerator a[0..1] : Missing }\n}\n');
        for (const args of [['simulate', bad], ['failures', bad], ['export', bad, '--format', 'json'], ['diff', bad, bad]]) {
            const run = fabric(args);
            expect(run.code, args.join(' ')).toBe(2);
            expect(run.stderr).toMatch(/broken\.fabric:2:36 error linking-error .*Missing/);
            expect(run.stderr).toMatch(/broken\.fabric has 1 error; fix them first \(see 'fabric check .*broken\.fabric'\)\n$/);
        }
    });

    test('--fabric names a fabric that is not there: the error names the file and the fabrics it has, with their places', () => {
        const run = fabric(['simulate', 'examples/nvl72-copper.fabric', '--fabric', 'Nope']);
        expect(run.code).toBe(2);
        expect(run.stderr).toBe("fabric simulate: examples/nvl72-copper.fabric:1:1: no fabric named 'Nope'; it has: NVL72 (examples/nvl72-copper.fabric:6:8)\n");
    });
});

describe('fabric: file arguments', () => {
    test('a directory expands to the .fabric files below it, a quoted glob to those it matches', () => {
        const dir = fabric(['check', '--fast', 'examples']);
        const glob = fabric(['check', '--fast', 'examples/*.fabric']);
        const files = (out: string) => out.split('\n').filter(l => /^examples\/[\w/-]+\.fabric: /.test(l)).map(l => l.split(':')[0]);
        const top = readdirSync(join(root, 'examples')).filter(f => f.endsWith('.fabric')).sort().map(f => `examples/${f}`);
        expect(top.length).toBeGreaterThan(5);
        expect(files(glob.stdout)).toEqual(top);
        expect(glob.code).toBe(0);
        // the directory reaches below: examples/bad/ holds the deliberately bad design (and its fixed twin)
        expect(files(dir.stdout)).toEqual(expect.arrayContaining([...top, 'examples/bad/bad-design.fabric', 'examples/bad/bad-design-fixed.fabric']));
        expect(dir.code).toBe(1);
    });

    test('a path that is not a .fabric file is a usage error, before any language service sees it', () => {
        const check = fabric(['check', 'README.md']);
        expect(check.code).toBe(2);
        expect(check.stderr).toMatch(/^fabric check: README\.md is not a \.fabric file/);
        const simulate = fabric(['simulate', 'README.md']);
        expect(simulate.code).toBe(2);
        expect(simulate.stderr).toBe('fabric simulate: README.md is not a .fabric file\n');
        expect(fabric(['check', 'no-such-dir/*.fabric']).stderr).toBe("fabric check: no .fabric files match 'no-such-dir/*.fabric'\n");
        expect(fabric(['check', 'examples/no-such.fabric']).stderr).toBe('fabric check: cannot read examples/no-such.fabric: no such file\n');
        expect(fabric(['simulate', 'examples']).stderr).toBe('fabric simulate: examples is a directory; this command reads one .fabric file\n');
    });
});

describe('fabric: colour', () => {
    const bad = () => tempFile('bad.fabric', 'link K { kind dac lanes 1 x 100 Gbps reach 2 GB }\n');

    test('no colour when stdout is not a terminal', () => {
        const run = fabric(['check', bad()]);
        expect(run.stdout).toMatch(/error unit\/wrong-dimension/);
        expect(run.stdout).not.toMatch(ANSI);
    });

    test('colour on a terminal, none when NO_COLOR is set', () => {
        const file = bad();
        const coloured = fabricInTerminal(['check', file]);
        expect(coloured.stdout).toMatch(/\u001b\[31merror\u001b\[39m/);
        const plain = fabricInTerminal(['check', file], { NO_COLOR: '1' });
        expect(plain.stdout).toMatch(/error unit\/wrong-dimension/);
        expect(plain.stdout).not.toMatch(ANSI);
    });
});

describe('fabric: output into a pipe', () => {
    test('a reader that stops early (| head) ends the run quietly, without a stack trace', async () => {
        const { spawn } = await import('node:child_process');
        const { bin, root } = await import('./run-fabric.js');
        const child = spawn(process.execPath, [bin, 'export', 'examples/pod576-cpo.fabric', '--format', 'json', '--skip-failure-domains'], { cwd: root });
        let stderr = '';
        child.stderr.on('data', d => { stderr += d; });
        child.stdout.once('data', () => child.stdout.destroy());
        const code = await new Promise(resolve => child.on('close', resolve));
        expect(stderr).toBe('');
        expect(code).toBe(0);
    });
});
