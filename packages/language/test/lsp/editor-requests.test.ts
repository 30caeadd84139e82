import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyzeFabric, formatAnalysisText } from '@fabric/simulator';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AnalysisReportRequest, SUMMARY_CHANGED_NOTIFICATION, SUMMARY_REQUEST, SummaryChangedNotification, SummaryRequest, type AnalysisReport, type DocumentSummary } from '../../src/index.js';
import { buildText, createTestServices } from './fabric-test-services.js';
import { LanguageServerProcess } from './language-server-process.js';

const examples = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const exampleText = (name: string) => readFileSync(`${examples}${name}`, 'utf8');

let server: LanguageServerProcess;
beforeAll(async () => { server = await LanguageServerProcess.start(examples); });
afterAll(async () => { await server?.stop(); });

/** Opens an example in the server and waits for the announcement that its analysis is done. */
async function openAnalysed(name: string, text = exampleText(name)): Promise<string> {
    const announced = new Promise<string>(resolve => {
        const subscription = server.connection.onNotification(SummaryChangedNotification, params => {
            if (params.uri.endsWith(name)) { subscription.dispose(); resolve(params.uri); }
        });
    });
    await server.open(`${examples}${name}`, text);
    return announced;
}

describe('status-bar summary over LSP', () => {
    test('method names are declared once, with their types', () => {
        expect([SUMMARY_REQUEST, SUMMARY_CHANGED_NOTIFICATION, SummaryRequest.method]).toEqual(['fabric/summary', 'fabric/summaryChanged', 'fabric/summary']);
    });

    test("the NVL72 rack: the rack's power against its 132 kW budget and the slowest phase, the simulator's numbers", async () => {
        const uri = await openAnalysed('nvl72-copper.fabric');
        const summary = await server.connection.sendRequest(SummaryRequest, { uri }) as DocumentSummary;
        const services = await createTestServices();
        const document = await buildText(services, `${examples}nvl72-copper.fabric`, exampleText('nvl72-copper.fabric'));
        const analysis = analyzeFabric(services.elaboration.FabricElaboration.of(document).models[0]);
        const rack = analysis.groups.find(g => g.path === 'R')!;
        const slowest = [...analysis.phases].sort((a, b) => b.timeSeconds! - a.timeSeconds!)[0];
        expect(summary.version).toBe(1);
        expect(summary.fabrics).toEqual([{
            name: 'NVL72', powerWatts: analysis.totals.powerWatts,
            budget: { path: 'R', powerWatts: rack.powerWatts, budgetWatts: 132_000, overBudget: false, of: 1 },
            slowestPhase: { phase: `train.${slowest.name}`, timeSeconds: slowest.timeSeconds }
        }]);
    });

    test('of eight budgeted racks the fullest is shown, with the count', async () => {
        const uri = await openAnalysed('pod576-cpo.fabric');
        const summary = await server.connection.sendRequest(SummaryRequest, { uri }) as DocumentSummary;
        const budget = summary.fabrics[0].budget!;
        expect(budget.of).toBe(8);
        expect(budget.budgetWatts).toBe(132_000);
        expect(budget.path).toMatch(/rack\[\d\]/);
    });

    test('an edit that exceeds the budget is announced and shows over budget', async () => {
        const text = exampleText('nvl72-copper.fabric').replace('budget power 132 kW', 'budget power 50 kW');
        const announced = new Promise<number | undefined>(resolve => {
            const subscription = server.connection.onNotification(SummaryChangedNotification, params => {
                if (params.uri.endsWith('nvl72-copper.fabric') && params.version === 2) { subscription.dispose(); resolve(params.version); }
            });
        });
        const uri = pathToFileURL(`${examples}nvl72-copper.fabric`).toString();
        await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
        expect(await announced).toBe(2);
        const summary = await server.connection.sendRequest(SummaryRequest, { uri }) as DocumentSummary;
        expect(summary.version).toBe(2);
        expect(summary.fabrics[0].budget).toMatchObject({ budgetWatts: 50_000, overBudget: true });
    });

    test('a document with no fabric has an empty summary', async () => {
        const uri = await server.open(`${examples}parts-only.fabric`, 'link L { kind dac lanes 1 x 100 Gbps per-direction reach 2 m }\n');
        expect(await server.connection.sendRequest(SummaryRequest, { uri })).toMatchObject({ fabrics: [] });
    });
});

describe('analysis report over LSP', () => {
    test("the report is the simulator's text, as fabric simulate prints it", async () => {
        const uri = await openAnalysed('vcsel-slow-wide.fabric');
        const report = await server.connection.sendRequest(AnalysisReportRequest, { uri }) as AnalysisReport;
        const services = await createTestServices();
        const document = await buildText(services, `${examples}vcsel-slow-wide.fabric`, exampleText('vcsel-slow-wide.fabric'));
        expect(report.text).toBe(formatAnalysisText(analyzeFabric(services.elaboration.FabricElaboration.of(document).models[0])));
    });

    test('a document without a fabric says so', async () => {
        const uri = await server.open(`${examples}parts-only-2.fabric`, 'link L { kind dac lanes 1 x 100 Gbps per-direction reach 2 m }\n');
        expect((await server.connection.sendRequest(AnalysisReportRequest, { uri }) as AnalysisReport).text).toMatch(/declares no fabric/);
    });
});
