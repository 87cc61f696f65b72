import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { run } from '../../src/cli/run.js';
import { SEARCH_COMMAND_ID, SEARCH_PARAMETER } from '../../src/bot/routes/search-extension.js';
import { captureIo } from '../cli/capture.js';
import { CHROMIUM, chromiumMissing, openPlaygroundSession, SCREENSHOTS, type PlaygroundSession } from '../helpers/playground-browser.js';

/**
 * The search message extension in a real Teams-like client: the M365 Agents Playground, driven by Debian's Chromium.
 * The Playground reads no app manifest, so the person names the command and its parameter in its « Search Command »
 * panel (what the manifest tells Teams); it sends a query on every change of the search box, so the search is
 * filled at once, as a paste. Screenshots of a failing step go to test-results/playground/.
 */

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/guide-fictif-nuageville.md');
const TITLE = 'Guide fictif des assistants conversationnels de Nuageville';
const URL_OFFICIAL = 'https://exemple.gouv.qc.ca/nuageville/guide-fictif';

if (chromiumMissing && !process.env.CI) {
  console.warn(`Playground tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run installs it).`);
}

describe.skipIf(chromiumMissing && !process.env.CI)('the search message extension in the M365 Agents Playground', { timeout: 90_000 }, () => {
  let dataDir: string;
  let session: PlaygroundSession;
  let page: Page;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-playground-search-'));
    const { io, out } = captureIo({ BALISES_DATA_DIR: dataDir });
    const ingest = ['ingest', FIXTURE, '--doc', 'guide-fictif-nuageville', '--title', TITLE, '--version', '2031-04', '--date', '2031-04-02', '--url', URL_OFFICIAL];
    expect(await run(ingest, io), out.stderr).toBe(0);
    session = await openPlaygroundSession({ BALISES_DATA_DIR: dataDir }, 900);
    page = session.page;
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const screenshotOnFailure = (ctx: TestContext) => session.screenshotOnFailure(ctx, 'search-');

  /** Opens the Playground's search panel (compose box ＋ › Search Command) and names Balises' command. */
  async function openSearch(): Promise<void> {
    await page.getByRole('button', { name: 'Trigger Message Extension App' }).click();
    await page.getByText('Search Command', { exact: true }).click();
    // The Playground remembers whether « Specify Command ID or Parameter » was left open and draws the panel in two
    // steps: a single click may close it. Open it until its two fields show.
    const parameter = page.getByPlaceholder('Parameter name');
    await expect
      .poll(
        async () => {
          if (!(await parameter.isVisible())) {
            await page.getByText('Specify Command ID or Parameter').click();
            await page.waitForTimeout(500);
          }
          return parameter.isVisible();
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    await page.getByPlaceholder('Command ID').fill(SEARCH_COMMAND_ID);
    await parameter.fill(SEARCH_PARAMETER);
  }

  it('lists the passage found with its section and opening, and inserts the quoted, cited card into the chat', async (ctx) => {
    screenshotOnFailure(ctx);
    await openSearch();
    await page.getByPlaceholder('Enter a search term').fill('Doit-on aviser le citoyen qu’il converse avec un assistant conversationnel?');
    // The Playground shows a preview as a heading (its title), a subheading and the text.
    const result = page.getByRole('heading', { name: '2.1 Avis au citoyen', exact: true });
    await result.waitFor();
    const preview = result.locator('xpath=..');
    expect(await preview.getByRole('heading', { level: 2 }).textContent()).toBe(`${TITLE} — version 2031-04`);
    expect(await preview.locator('span').textContent()).toMatch(/^Tout service de Nuageville avise le citoyen, dès le premier échange/);
    await result.click();
    await page.getByRole('button', { name: 'Send Message' }).click();
    const quote = page.getByText('Tout service de Nuageville avise le citoyen, dès le premier échange, qu\'il converse avec un assistant conversationnel et non avec une personne. L\'avis est rédigé dans un langage simple.');
    await quote.last().waitFor();
    await expect.poll(() => page.locator(`a[href="${URL_OFFICIAL}"]`).count()).toBeGreaterThanOrEqual(2);
    // Sent in Balises' own chat, the card reaches the bot: it says there is no question, never « not covered ».
    await page.getByText('This message holds only an inserted passage, with no question').last().waitFor();
    expect(await page.getByText('do not cover this question').count()).toBe(0);
  });

  it('says in one result that the documents do not cover a search they do not', async (ctx) => {
    screenshotOnFailure(ctx);
    await openSearch();
    await page.getByPlaceholder('Enter a search term').fill('Quelle est la recette de la tourtière du Lac-Saint-Jean?');
    await page.getByRole('heading', { name: 'Non couvert par les documents indexés', exact: true }).waitFor();
    // One result; the other level-1 heading is the Playground's own title.
    expect((await page.getByRole('heading', { level: 1 }).allTextContents()).filter((h) => h !== 'Microsoft 365 Agents Playground')).toEqual(['Non couvert par les documents indexés']);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'search-not-covered.png') });
  });
});
