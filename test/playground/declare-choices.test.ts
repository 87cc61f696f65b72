import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLARATION_FIELDS, type DeclarationField } from '../../src/inventory/index.js';
import { CHROMIUM, chromiumMissing, openPlaygroundSession, type PlaygroundSession } from '../helpers/playground-browser.js';

/**
 * The declaration form's drop-downs in the M365 Agents Playground, driven by Debian's Chromium. Each step replaces
 * the card in place (Universal Actions), and the Playground's renderer reuses a drop-down found at the same place in
 * the new card: each drop-down must still offer its own field's options, and a pick must be kept. Needs
 * /usr/bin/chromium, like test/playground/playground.test.ts; screenshots of a failing step go to
 * test-results/playground/.
 */

if (chromiumMissing && !process.env.CI) {
  console.warn(`Playground tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run installs it).`);
}

/** The French titles of a single-choice field's options, in card order. */
/** A field's option titles as a French card lists them: a list of names sorted (FieldUi.alphabetical), others as given. */
const titlesOf = (field: DeclarationField): string[] => {
  const titles = (DECLARATION_FIELDS[field].choices ?? []).map((c) => c.fr);
  return DECLARATION_FIELDS[field].alphabetical ? titles.sort((a, b) => a.localeCompare(b, 'fr-CA')) : titles;
};

describe.skipIf(chromiumMissing && !process.env.CI)('The declaration drop-downs in the Playground, across cards updated in place', { timeout: 120_000 }, () => {
  let dataDir: string;
  let session: PlaygroundSession;
  let page: Page;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-playground-choices-'));
    session = await openPlaygroundSession({ BALISES_DATA_DIR: dataDir }, 1000);
    page = session.page;
  }, 120_000);

  afterAll(async () => {
    await session?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const card = () => page.locator('.ac-adaptiveCard').last();
  const field = (label: RegExp): Locator => card().getByLabel(label).first();
  const press = (name: string) => card().getByRole('button', { name, exact: true }).click();
  /** Opens a drop-down as a person does (a click) and reads the options it offers, then closes it. */
  const optionsOf = async (label: RegExp): Promise<string[]> => {
    await field(label).click();
    await page.getByRole('listbox').waitFor();
    const options = await page.getByRole('option').allInnerTexts();
    await page.keyboard.press('Escape');
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
    return options;
  };
  /** Opens a drop-down and picks the option titled `title`. */
  const choose = async (label: RegExp, title: string) => {
    await field(label).click();
    await page.getByRole('option', { name: title, exact: true }).click();
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
  };

  it('offers each field its own options and keeps a pick, after Suivant, Précédent and a validation error', async (ctx) => {
    session.screenshotOnFailure(ctx, 'choices-');
    await session.say('/déclarer');
    await card().getByText('Étape 1 sur 3').waitFor();
    await field(/^Nom de l’initiative/).fill('Tri fictif des demandes de permis');
    await field(/^Ce qu’elle fait et pourquoi/).fill('Classer les demandes de permis fictives par priorité.');
    await choose(/^Portefeuille ministériel/, 'Finances');
    await choose(/^Catégorie/, titlesOf('category')[0]!);
    await choose(/^État de l’initiative/, titlesOf('status')[0]!);
    await field(/^Bénéfices attendus/).fill('Réduire les délais de traitement.');
    await press('Suivant');

    // Step 2 replaces step 1: its second drop-down sits where « Portefeuille ministériel » was.
    await card().getByText('Étape 2 sur 3').waitFor();
    expect(await optionsOf(/^Hébergement/)).toEqual(titlesOf('hosting'));
    expect(await optionsOf(/^Renseignements personnels utilisés/)).toEqual(titlesOf('personalInformation'));
    await choose(/^Renseignements personnels utilisés/, 'Aucun renseignement personnel');
    expect(await field(/^Renseignements personnels utilisés/).inputValue()).toBe('Aucun renseignement personnel');
    await press('Précédent');

    // Back on step 1, then re-rendered with an error, which moves every drop-down down the card.
    await card().getByText('Étape 1 sur 3').waitFor();
    expect(await optionsOf(/^Portefeuille ministériel/)).toEqual(titlesOf('portefeuille'));
    await field(/^Nom de l’initiative/).fill('ab');
    await press('Suivant');
    await card().getByText('au moins 3 caractères.').waitFor();
    expect(await optionsOf(/^Portefeuille ministériel/)).toEqual(titlesOf('portefeuille'));
    expect(await optionsOf(/^État de l’initiative/)).toEqual(titlesOf('status'));
    expect(await field(/^Portefeuille ministériel/).inputValue()).toBe('Finances');
    await field(/^Nom de l’initiative/).fill('Tri fictif des demandes de permis');
    await press('Suivant');

    // The pick made on step 2 was kept: shown again, and accepted by Suivant.
    await card().getByText('Étape 2 sur 3').waitFor();
    expect(await field(/^Renseignements personnels utilisés/).inputValue()).toBe('Aucun renseignement personnel');
    await choose(/^Hébergement/, titlesOf('hosting')[0]!);
    await field(/^Données d’entrée ou d’entraînement/).fill('Formulaires de demande fictifs.');
    await press('Suivant');
    await card().getByText('Étape 3 sur 3').waitFor();
    expect(await optionsOf(/^Rôle dans des décisions sur des personnes/)).toEqual(titlesOf('decisionRole'));
  });
});
