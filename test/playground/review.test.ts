import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, chromiumMissing, openPlaygroundSession, SCREENSHOTS, UI_TIMEOUT_MS, type PlaygroundSession } from '../helpers/playground-browser.js';

/**
 * A governance review tried in the M365 Agents Playground as docs/playground.md tells a newcomer: Camille (the yml's current
 * user) declares a use case; the Playground is stopped and started again with PLAYGROUND_USER=dominique on the same
 * data folder; Dominique, now the current user and the governance admin, registers the governance channel, takes
 * Camille's declaration for review (« Prendre en charge ») and approves it from its review card. Needs /usr/bin/chromium, like
 * test/playground/playground.test.ts; the review card's screenshot, and those of a failing step, go to
 * test-results/playground/.
 */

if (chromiumMissing && !process.env.CI) {
  console.warn(`Playground tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run installs it).`);
}

describe.skipIf(chromiumMissing && !process.env.CI)('a declaration made as Camille, reviewed as Dominique (PLAYGROUND_USER)', { timeout: 180_000 }, () => {
  let dataDir: string;
  let session: PlaygroundSession | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-playground-review-'));
  });

  afterAll(async () => {
    await session?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The IA number of Camille's declaration. */
  let id = '';

  it('lets Camille, the Playground’s default current user, declare a use case in her personal chat', async (ctx) => {
    session = await openPlaygroundSession({ BALISES_DATA_DIR: dataDir }, 1000);
    session.screenshotOnFailure(ctx, 'review-camille-');
    const page = session.page;
    await page.getByText('Camille Tremblay', { exact: true }).first().waitFor();
    const card = () => page.locator('.ac-adaptiveCard').last();
    const field = (label: RegExp) => card().getByLabel(label).first();
    const choose = async (label: RegExp) => {
      await field(label).click();
      await page.getByRole('option').first().click();
      await page.getByRole('listbox').waitFor({ state: 'hidden' });
    };
    const press = (name: string) => card().getByRole('button', { name, exact: true }).click();
    await session.say('/déclarer');
    await card().getByText('Étape 1 sur 3').waitFor();
    await field(/^Nom de l’initiative/).fill('Tri fictif des demandes de permis');
    await field(/^Ce qu’elle fait et pourquoi/).fill('Classer les demandes de permis fictives par priorité.');
    await choose(/^Portefeuille ministériel/);
    await choose(/^Catégorie/);
    await choose(/^État de l’initiative/);
    await field(/^Bénéfices attendus/).fill('Réduire les délais de traitement.');
    await press('Suivant');
    await card().getByText('Étape 2 sur 3').waitFor();
    await choose(/^Hébergement/);
    await field(/^Renseignements personnels utilisés/).click();
    await page.getByRole('option', { name: 'Aucun renseignement personnel', exact: true }).click();
    await field(/^Données d’entrée ou d’entraînement/).fill('Formulaires de demande fictifs.');
    await press('Suivant');
    await card().getByText('Étape 3 sur 3').waitFor();
    await choose(/^Rôle dans des décisions sur des personnes/);
    await field(/^Supervision humaine en place/).fill('Un agent valide chaque classement.');
    await press('Soumettre');
    const receipt = card().getByText(/Déclaration reçue\u00a0: IA-\d{4}-\d{4}/);
    await receipt.waitFor();
    id = /IA-\d{4}-\d{4}/.exec((await receipt.textContent()) ?? '')![0];
    await session.close();
    session = undefined;
  });

  it('lets Dominique, after a restart with PLAYGROUND_USER=dominique, approve it in the governance channel', async (ctx) => {
    expect(id, 'Camille’s declaration').not.toBe('');
    session = await openPlaygroundSession({ BALISES_DATA_DIR: dataDir, PLAYGROUND_USER: 'dominique' }, 1400);
    session.screenshotOnFailure(ctx, 'review-dominique-');
    const page = session.page;
    await page.getByText('Dominique Gagnon', { exact: true }).first().waitFor();
    await page.getByText('Gouvernance de l’IA', { exact: true }).click();
    // A new post in the channel, mentioning Balises as a person does: « @ », then Balises in the list.
    const post = page.locator('[contenteditable="true"]').first();
    await post.click();
    await page.keyboard.type('@');
    await page.locator('#typeahead-menu').getByText('Balises', { exact: true }).click();
    await page.keyboard.type(' gouvernance enregistrer');
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.getByRole('paragraph').filter({ hasText: 'Ce canal est maintenant celui de l’équipe de gouvernance' }).waitFor();

    // The pending declaration's review card reaches the channel, with its decision buttons for Dominique.
    const review = page.locator('.ac-adaptiveCard').filter({ hasText: `Déclaration à examiner : ${id}` });
    await review.waitFor({ timeout: UI_TIMEOUT_MS * 2 });
    expect(await review.textContent()).toContain('Tri fictif des demandes de permis');
    expect(await review.textContent()).not.toContain('Vous ne pouvez pas examiner une déclaration que vous avez faite');
    for (const name of ['Prendre en charge', 'Approuver', 'Demander des changements', 'Refuser']) await review.getByRole('button', { name, exact: true }).waitFor();
    mkdirSync(SCREENSHOTS, { recursive: true });
    // The card is taller than the channel's pane: the screenshot shows its end, the buttons, as Dominique sees them.
    await review.getByRole('button', { name: 'Approuver', exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'review-card-dominique.png') });

    // Dominique takes it for review: the card says so in words, and offers to hand it back.
    await review.getByRole('button', { name: 'Prendre en charge', exact: true }).click();
    await review.getByRole('button', { name: 'Remettre en attente', exact: true }).waitFor();
    expect(await review.textContent()).toMatch(/En examen par Dominique Gagnon depuis le \d/u);
    expect(await review.getByRole('button', { name: 'Prendre en charge', exact: true }).count()).toBe(0);
    await review.getByText(/En examen par Dominique Gagnon/u).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'review-card-in-review.png') });

    await review.getByRole('button', { name: 'Approuver', exact: true }).click();
    const decided = page.locator('.ac-adaptiveCard').filter({ hasText: `Déclaration examinée : ${id} (approuvée)` });
    await decided.waitFor();
    expect(await decided.textContent()).toMatch(/Décision\u00a0: approuvée, par Dominique Gagnon/);
    expect(await decided.getByRole('button', { name: 'Approuver', exact: true }).count()).toBe(0);
  });
});
