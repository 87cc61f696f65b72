import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { startPlayground, type RunningPlayground } from '../../scripts/playground.js';
import { policyDocx } from '../helpers/policy-docx.js';

/**
 * Document administration in a real Teams-like client: the M365 Agents Playground driven by Debian's Chromium (see
 * test/playground/playground.test.ts). The Playground cannot attach a file to a bot message, so the document comes
 * from `/publier URL` on a local HTTP server; the Playground user is a governance admin (scripts/playground.ts).
 * Screenshots of the preview card, and of a failing step, go to test-results/playground/.
 */

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOTS = path.join(repoRoot, 'test-results/playground');
const UI_TIMEOUT_MS = 20_000;
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const chromiumMissing = !existsSync(CHROMIUM);

describe.skipIf(chromiumMissing && !process.env.CI)('a governance admin publishes a document from the Agents Playground', { timeout: 120_000 }, () => {
  let dataDir: string;
  let profileDir: string;
  let playground: RunningPlayground;
  let context: BrowserContext;
  let page: Page;
  let files: Server;
  let filesUrl = '';
  const served = new Map<string, Buffer>();

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-docs-playground-'));
    profileDir = mkdtempSync(path.join(tmpdir(), 'balises-docs-chromium-'));
    served.set('/v1.docx', await policyDocx('printemps', false));
    served.set('/v2.docx', await policyDocx('automne', true));
    files = createHttpServer((req, res) => {
      const bytes = served.get(req.url ?? '');
      res.writeHead(bytes ? 200 : 404, bytes ? { 'content-type': DOCX_TYPE } : {});
      res.end(bytes);
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
    playground = await startPlayground({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' }, await freePort());
    context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true, viewport: { width: 1280, height: 1400 }, locale: 'fr-CA' });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    await page.goto(playground.url);
    await composer().waitFor();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await playground?.stop();
    await new Promise<void>((resolve) => (files ? files.close(() => resolve()) : resolve()));
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  });

  function screenshotOnFailure(ctx: TestContext): void {
    ctx.onTestFailed(async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page?.screenshot({ path: path.join(SCREENSHOTS, `documents-${ctx.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80)}.png`), fullPage: true });
    });
  }

  const composer = () => page.locator('[contenteditable="true"]').first();
  const card = (): Locator => page.locator('.ac-adaptiveCard').last();

  async function say(text: string): Promise<void> {
    await composer().click();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }

  it('previews a URL’s DOCX, publishes it with the typed label, then previews a new version with its diff', async (ctx) => {
    screenshotOnFailure(ctx);
    await say(`/publier ${filesUrl}/v1.docx`);
    // The Playground stamps every activity en-US, so the card follows the client's language: English.
    await card().getByText('New document proposed: Directive fictive sur les lanternes du phare').waitFor();
    await card().getByLabel(/^Version label/).fill('v1');
    await card().getByRole('button', { name: 'Publish', exact: true }).click();
    await card().getByText(/Published by .* \(version v1\)/).waitFor();

    await say(`/publier ${filesUrl}/v2.docx`);
    await card().getByText('New version proposed: Directive fictive sur les lanternes du phare').waitFor();
    await card().getByText('Sections added (1)').waitFor();
    const text = (await card().textContent()) ?? '';
    expect(text).toMatch(/Before:.*printemps/);
    expect(text).toMatch(/After:.*automne/);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await card().screenshot({ path: path.join(SCREENSHOTS, 'documents-preview-card.png') });
    await card().getByLabel(/^Version label/).fill('v2');
    await card().getByRole('button', { name: 'Publish', exact: true }).click();
    await card().getByText(/Published by .* \(version v2\)/).waitFor();
  });

  it('lists the versions with historique', async (ctx) => {
    screenshotOnFailure(ctx);
    await say('historique directive-fictive-sur-les-lanternes-du-phare');
    await page.getByText(/version v2 .*published|version v2 .*publiée/).last().waitFor();
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
