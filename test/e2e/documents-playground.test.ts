import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { chromiumMissing, openPlaygroundSession, SCREENSHOTS, type PlaygroundSession } from '../helpers/playground-browser.js';
import { policyDocx } from '../helpers/policy-docx.js';

/**
 * Document administration in a real Teams-like client: the M365 Agents Playground driven by Debian's Chromium (see
 * test/playground/playground.test.ts). The Playground cannot attach a file to a bot message, so the document comes
 * from `/publier URL` on a local HTTP server; the Playground user is a governance admin (scripts/playground.ts).
 * Screenshots of the preview card, and of a failing step, go to test-results/playground/.
 */

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe.skipIf(chromiumMissing && !process.env.CI)('a governance admin publishes a document from the Agents Playground', { timeout: 120_000 }, () => {
  let dataDir: string;
  let session: PlaygroundSession;
  let page: Page;
  let files: Server;
  let filesUrl = '';
  const served = new Map<string, Buffer>();

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-docs-playground-'));
    served.set('/v1.docx', await policyDocx('printemps', false));
    served.set('/v2.docx', await policyDocx('automne', true));
    files = createHttpServer((req, res) => {
      const bytes = served.get(req.url ?? '');
      res.writeHead(bytes ? 200 : 404, bytes ? { 'content-type': DOCX_TYPE } : {});
      res.end(bytes);
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
    // `/publier` reads from a file server on 127.0.0.1.
    session = await openPlaygroundSession({ BALISES_DATA_DIR: dataDir, DOWNLOADS_ALLOW_PRIVATE_ADDRESSES: 'true' }, 1400);
    page = session.page;
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    await new Promise<void>((resolve) => (files ? files.close(() => resolve()) : resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const screenshotOnFailure = (ctx: TestContext) => session.screenshotOnFailure(ctx, 'documents-');
  const say = (text: string) => session.say(text);
  const card = (): Locator => page.locator('.ac-adaptiveCard').last();

  it('previews a URL’s DOCX, publishes it with the typed label, then previews a new version with its diff', async (ctx) => {
    screenshotOnFailure(ctx);
    await say(`/publier ${filesUrl}/v1.docx`);
    // The Playground stamps every activity en-US, but « /publier » is French: the card speaks the proposal's language.
    await card().getByText('Nouveau document proposé : Directive fictive sur les lanternes du phare').waitFor();
    await card().getByLabel(/^Libellé de la version/).fill('v1');
    await card().getByRole('button', { name: 'Publier', exact: true }).click();
    // The decided card says what happened at the top, and the person who decided is not told it was already decided.
    await card().getByText('Document publié : Directive fictive sur les lanternes du phare').waitFor();
    await card().getByText(/Publié par .* \(version v1\)/).waitFor();
    expect((await card().textContent()) ?? '').not.toContain('déjà été traitée');

    await say(`/publish ${filesUrl}/v2.docx`);
    await card().getByText('New version proposed: Directive fictive sur les lanternes du phare').waitFor();
    await card().getByText('Sections added (1)').waitFor();
    const text = (await card().textContent()) ?? '';
    expect(text).toMatch(/Before:.*printemps/);
    expect(text).toMatch(/After:.*automne/);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await card().screenshot({ path: path.join(SCREENSHOTS, 'documents-preview-card.png') });
    await card().getByLabel(/^Version label/).fill('v2');
    await card().getByRole('button', { name: 'Publish', exact: true }).click();
    await card().getByText('Version published: Directive fictive sur les lanternes du phare').waitFor();
    await card().getByText(/Published by .* \(version v2\)/).waitFor();
  });

  it('lists the versions with historique', async (ctx) => {
    screenshotOnFailure(ctx);
    await say('historique directive-fictive-sur-les-lanternes-du-phare');
    await page.getByText(/version v2 .*published|version v2 .*publiée/).last().waitFor();
  });
});
