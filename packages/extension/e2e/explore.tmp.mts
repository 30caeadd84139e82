import { launchChromium } from './browser.ts';
import { CodeServer, REPO_ROOT } from './code-server.ts';
const server = await CodeServer.start();
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
try {
  await page.goto(server.url(REPO_ROOT + 'examples', REPO_ROOT + 'examples/nvl72-copper.fabric'));
  await page.waitForSelector('[id="fabric-tools.fabric.fabric.summary"]', { timeout: 90000 });
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill('>Developer: Show Running Extensions');
  await page.waitForTimeout(1000);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(4000);
  await page.screenshot({ path: '/tmp/running.png' });
  console.log(await page.locator('.runtime-extensions-editor .monaco-list-row').evaluateAll(rs => rs.map(r => r.innerHTML.slice(0, 1500))).then(a => a.filter(x => /Fabric/.test(x)).join('\n----\n')));
} finally { await browser.close(); await server.stop(); }
