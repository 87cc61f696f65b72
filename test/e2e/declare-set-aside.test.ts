import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQLITE_MIGRATIONS } from '../../src/inventory/migrations/sqlite.js';
import { start, type RunningBalises } from '../../src/server/main.js';
import { type ConversationOptions, type TeamsUser } from '../helpers/card-activities.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { CardConnector } from '../helpers/card-connector.js';
import { cardText, executeActions, inputLabels, inputs, type Json } from '../helpers/card-walk.js';

/**
 * An inventory from before drafts were one per declarant, holding two edited drafts of one person, upgraded by a
 * start: the older draft is set aside, and its declarant sees it in `mes déclarations`, takes it back or deletes it.
 */

const DECLARANT: TeamsUser = { id: '29:declarant-ancien', name: 'Déclarant Ancien', aadObjectId: '0000000c-0000-4000-8000-0000000000c1' };
const OTHER: TeamsUser = { id: '29:autre-ancien', name: 'Autre Personne', aadObjectId: '0000000c-0000-4000-8000-0000000000c2' };
const RESUMER: TeamsUser = { id: '29:reprise-fictive', name: 'Personne Qui Reprend', aadObjectId: '0000000c-0000-4000-8000-0000000000c3' };
const BLANK: TeamsUser = { id: '29:rien-saisi', name: 'Personne Sans Saisie', aadObjectId: '0000000c-0000-4000-8000-0000000000c4' };
const OLDER = '20000000-0000-4000-8000-000000000001';
const NEWER = '20000000-0000-4000-8000-000000000002';

/** Writes an inventory at schema migration 1 with the declarant's two edited drafts (the older one first). */
function writeOldInventory(file: string): void {
  const db = new Database(file);
  try {
    db.exec('CREATE TABLE inventory_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)');
    db.exec(SQLITE_MIGRATIONS[0]!);
    db.prepare('INSERT INTO inventory_migrations (version, applied_at) VALUES (1, ?)').run('2026-03-01T00:00:00.000Z');
    const insert = db.prepare(
      `INSERT INTO inventory_declarations (id, schema_version, data, state, declarant_id, declarant_name, revision, created_at, updated_at)
       VALUES (?, 1, ?, 'draft', ?, ?, 3, ?, ?)`,
    );
    insert.run(OLDER, JSON.stringify({ name: 'Tri fictif des plaintes, premier essai' }), DECLARANT.aadObjectId, DECLARANT.name, '2026-03-02T14:00:00.000Z', '2026-03-02T14:10:00.000Z');
    insert.run(NEWER, JSON.stringify({ name: 'Tri fictif des plaintes, second essai' }), DECLARANT.aadObjectId, DECLARANT.name, '2026-03-02T14:01:00.000Z', '2026-03-02T14:20:00.000Z');
  } finally {
    db.close();
  }
}

describe('drafts set aside by an upgrade, over HTTP', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises;
  const as = (from: TeamsUser, extra: Partial<ConversationOptions> = {}): ConversationOptions => ({
    serviceUrl: connector.serviceUrl,
    from,
    conversationId: `a:personal-${from.aadObjectId}`,
    ...extra,
  });

  const { say, press } = cardConversation(() => running.url, () => connector);

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-set-aside-'));
    writeOldInventory(path.join(dataDir, 'balises.db'));
    connector = await new CardConnector().start();
    running = await start({ BALISES_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
  });
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts, resumes the newer draft on /déclarer and lists the older one as set aside', async () => {
    const step = await say('/déclarer', as(DECLARANT));
    expect(inputs(step).find((i) => i.id === 'name')?.value).toBe('Tri fictif des plaintes, second essai');
    const list = await say('mes déclarations', as(DECLARANT));
    const text = cardText(list);
    expect(text).toContain('Mes déclarations (2)');
    expect(text).toContain('Tri fictif des plaintes, premier essai');
    expect(text).toContain('sans numéro · Brouillon mis de côté · mise à jour le 2 mars 2026 à 9\u00a0h\u00a010 (heure de l’Est)');
    expect(executeActions(list).filter((a) => a.data.declarationId === OLDER).map((a) => a.title)).toEqual([
      'Reprendre «\u00a0Tri fictif des…\u00a0»',
      'Supprimer «\u00a0Tri fictif des…\u00a0»',
    ]);
  });

  it('gives the older draft back as the draft, with what was typed, and sets the newer aside in its place', async () => {
    const step = await press('declaration.reopen', { declarationId: OLDER }, as(DECLARANT));
    expect(inputs(step).find((i) => i.id === 'name')?.value).toBe('Tri fictif des plaintes, premier essai');
    // Taken up from the list as /déclarer gives a draft back: said above the inputs, dated from its last save.
    expect(cardText(step)).toMatch(
      /^Étape 1 sur 3 — Identification\nBrouillon repris\u00a0: vos réponses enregistrées le 2 mars 2026 à 9\u00a0h\u00a010 \(heure de l’Est\) sont conservées\.$/mu,
    );
    expect(executeActions(step).map((a) => a.title)).toEqual(['Suivant', 'Nouvelle déclaration']);
    const list = cardText(await say('mes déclarations', as(DECLARANT)));
    expect(list).toMatch(/Tri fictif des plaintes, second essai\*\*\s+sans numéro · Brouillon mis de côté/);
  });

  /**
   * Presses the button titled `title` on `card`, as Teams sends it (its verb and data); on a list, the first whose
   * title is `title` followed by the declaration it names (« Reprendre « … » »), or whose tooltip is `title` and the
   * whole name (« Reprendre ce brouillon : … »).
   */
  async function pressButton(card: Json, title: string, options: ConversationOptions): Promise<Json> {
    const action = executeActions(card).find((a) => a.title === title || String(a.title).startsWith(`${title} «\u00a0`) || String(a.tooltip).startsWith(`${title}\u00a0: `));
    expect(action, `button «\u00a0${title}\u00a0» in ${cardText(card)}`).toBeDefined();
    return press(action!.verb as string, action!.data as Json, options);
  }

  async function deleteButtonOf(id: string): Promise<Json> {
    const list = await say('mes déclarations', as(DECLARANT));
    const action = executeActions(list).find((a) => a.data.declarationId === id && String(a.title).startsWith('Supprimer «\u00a0'));
    expect(action).toBeDefined();
    return action!;
  }

  it('asks before deleting a draft set aside, with the draft named and both answers in words; « Non » goes back to the list, draft kept', async () => {
    const button = await deleteButtonOf(NEWER);
    const question = await press(button.verb, button.data, as(DECLARANT));
    const text = cardText(question);
    expect(text).toContain('Supprimer définitivement ce brouillon mis de côté?');
    expect(text).toContain('Tout ce que vous y avez saisi sera effacé. Cette action ne peut pas être annulée.');
    expect(text).toContain('Tri fictif des plaintes, second essai');
    expect(executeActions(question).map((a) => a.title)).toEqual(['Oui, supprimer ce brouillon', 'Non, garder ce brouillon']);
    expect(inputs(question)).toEqual([]);

    const list = cardText(await pressButton(question, 'Non, garder ce brouillon', as(DECLARANT)));
    expect(list).toContain('Mes déclarations (2)');
    expect(list).toMatch(/Tri fictif des plaintes, second essai\*\*\s+sans numéro · Brouillon mis de côté/);
  });

  it('asks in English on an English card', async () => {
    const question = await press('declaration.delete_set_aside', { declarationId: NEWER, lang: 'en' }, as(DECLARANT, { locale: 'fr-CA' }));
    expect(cardText(question)).toContain('Delete this set-aside draft for good?');
    expect(executeActions(question).map((a) => a.title)).toEqual(['Yes, delete this draft', 'No, keep this draft']);
    expect(cardText(await pressButton(question, 'No, keep this draft', as(DECLARANT)))).toContain('My declarations (2)');
  });

  it('lets only its declarant delete a draft set aside', async () => {
    const asked = await press('declaration.delete_set_aside', { declarationId: NEWER }, as(OTHER));
    expect(cardText(asked)).toContain('Vous n’avez pas accès à cette déclaration');
    const refused = await press('declaration.delete_set_aside.confirm', { declarationId: NEWER }, as(OTHER));
    expect(cardText(refused)).toContain('Vous n’avez pas accès à cette déclaration');
    expect(cardText(await say('mes déclarations', as(DECLARANT)))).toContain('Mes déclarations (2)');
  });

  it('deletes on « Oui », giving a double click the same confirmation twice, deleting nothing else', async () => {
    const button = await deleteButtonOf(NEWER);
    const question = await press(button.verb, button.data, as(DECLARANT));
    const [first, second] = await Promise.all([
      pressButton(question, 'Oui, supprimer ce brouillon', as(DECLARANT)),
      pressButton(question, 'Oui, supprimer ce brouillon', as(DECLARANT)),
    ]);
    expect(cardText(first)).toBe('Le brouillon mis de côté est supprimé.');
    expect(second).toEqual(first);
    const late = await pressButton(question, 'Oui, supprimer ce brouillon', as(DECLARANT));
    expect(late).toEqual(first);
    // Asking again to delete it (not confirming) says it is gone.
    const again = await press(button.verb, button.data, as(DECLARANT));
    expect(cardText(again)).toContain('il a déjà été supprimé');

    const list = cardText(await pressButton(late, 'Voir mes déclarations', as(DECLARANT)));
    expect(list).toContain('Mes déclarations (1)');
    expect(list).toContain('premier essai');
    expect(list).not.toContain('second essai');
  });

  it('starts a new declaration from the list, setting the draft aside with what was typed, once for a double click', async () => {
    const list = await say('mes déclarations', as(DECLARANT));
    expect(cardText(list)).toContain('«\u00a0Nouvelle déclaration\u00a0» met votre brouillon en cours de côté, avec tout ce que vous y avez saisi');
    const [first, second] = await Promise.all([
      pressButton(list, 'Nouvelle déclaration', as(DECLARANT)),
      pressButton(list, 'Nouvelle déclaration', as(DECLARANT)),
    ]);
    const answers = [first, second].map(cardText);
    expect(answers.every((text) => text.includes('Étape 1 sur 3'))).toBe(true);
    expect(answers.some((text) => text.includes('Votre brouillon «\u00a0Tri fictif des plaintes, premier essai\u00a0» est mis de côté'))).toBe(true);
    expect(inputs(first).find((i) => i.id === 'name')?.value).toBe('');
    expect(first.actions[0].data.declarationId).toBe(second.actions[0].data.declarationId);

    // The new draft, nothing typed in it yet, is not listed: an empty « (sans nom) » entry is only clutter.
    const after = cardText(await say('mes déclarations', as(DECLARANT)));
    expect(after).toContain('Mes déclarations (1)');
    expect(after).toMatch(/Tri fictif des plaintes, premier essai\*\*\s+sans numéro · Brouillon mis de côté/);
    expect(after).not.toContain('(sans nom)');
  });

  it('keeps the new draft, resumed blank by /déclarer, and lists it once something is typed, with « Supprimer » asking first; deleted, /déclarer starts afresh', async () => {
    const blank = await say('/déclarer', as(DECLARANT));
    const current = executeActions(blank)[0]!.data.declarationId as string;
    expect(inputs(blank).find((i) => i.id === 'name')?.value).toBe('');
    const typed = { ...Object.fromEntries(inputs(blank).map((i) => [i.id, i.value ?? ''])), name: 'Essai à jeter' };
    await press('declaration.next', { ...executeActions(blank)[0]!.data, ...typed }, as(DECLARANT));

    const list = await press('declaration.list_mine', {}, as(DECLARANT));
    expect(cardText(list)).toContain('Mes déclarations (2)');
    expect(executeActions(list).filter((a) => a.data.declarationId === current).map((a) => a.title)).toEqual([
      'Reprendre «\u00a0Essai à jeter\u00a0»',
      'Supprimer «\u00a0Essai à jeter\u00a0»',
      'Partager «\u00a0Essai à jeter\u00a0»',
    ]);
    // « Reprendre » on the current draft: the same card as /déclarer gives.
    const resumed = await pressButton(list, 'Reprendre «\u00a0Essai à jeter\u00a0»', as(DECLARANT));
    expect(cardText(resumed)).toContain('Brouillon repris\u00a0: vos réponses enregistrées le ');
    expect(executeActions(resumed).map((a) => a.title)).toEqual(['Suivant', 'Nouvelle déclaration']);

    const question = await press('declaration.delete_set_aside', { declarationId: current }, as(DECLARANT));
    expect(cardText(question)).toContain('Supprimer définitivement ce brouillon?');
    expect(cardText(question)).not.toContain('mis de côté');
    expect(executeActions(question).map((a) => a.title)).toEqual(['Oui, supprimer ce brouillon', 'Non, garder ce brouillon']);
    const [first, second] = await Promise.all([
      pressButton(question, 'Oui, supprimer ce brouillon', as(DECLARANT)),
      pressButton(question, 'Oui, supprimer ce brouillon', as(DECLARANT)),
    ]);
    expect(cardText(first)).toBe('Le brouillon est supprimé.');
    expect(second).toEqual(first);

    const after = cardText(await pressButton(first, 'Voir mes déclarations', as(DECLARANT)));
    expect(after).toContain('Mes déclarations (1)');
    expect(after).toMatch(/Tri fictif des plaintes, premier essai\*\*\s+sans numéro · Brouillon mis de côté/);
    expect(after).not.toContain('Essai à jeter');
    const step = await say('/déclarer', as(DECLARANT));
    expect(executeActions(step)[0]!.data.declarationId).not.toBe(current);
    expect(inputs(step).find((i) => i.id === 'name')?.value).toBe('');
  });

  it('discards the blank current draft when a draft set aside is resumed, rather than setting it aside', async () => {
    // The draft /déclarer just started, blank, is not listed; were it set aside, it would be.
    const list = await press('declaration.list_mine', {}, as(DECLARANT));
    expect(cardText(list)).toContain('Mes déclarations (1)');
    expect(cardText(list)).not.toContain('(sans nom)');
    const back = await pressButton(list, 'Reprendre ce brouillon', as(DECLARANT));
    expect(inputs(back).find((i) => i.id === 'name')?.value).toBe('Tri fictif des plaintes, premier essai');

    const after = cardText(await press('declaration.list_mine', {}, as(DECLARANT)));
    expect(after).toContain('Mes déclarations (1)');
    expect(after).toMatch(/Tri fictif des plaintes, premier essai\*\*\s+sans numéro · Brouillon ·/);
    expect(after).not.toContain('(sans nom)');
    expect(after).not.toContain('Brouillon mis de côté');
  });

  it('offers « Nouvelle déclaration » on the draft /déclarer resumes, keeping what was typed on that card in the draft set aside', async () => {
    const me = as(RESUMER);
    const fresh = await say('/déclarer', me);
    expect(executeActions(fresh).map((a) => a.title)).toEqual(['Suivant']);
    expect(cardText(fresh)).not.toContain('Brouillon repris');
    const step1 = inputs(fresh).map((i) => [i.id, i.value ?? '']);
    await press('declaration.next', { ...executeActions(fresh)[0]!.data, ...Object.fromEntries(step1), name: 'Brouillon fictif repris' }, me);

    const resumed = await say('/déclarer', me);
    expect(executeActions(resumed).map((a) => a.title)).toEqual(['Suivant', 'Nouvelle déclaration']);
    expect(cardText(resumed)).toContain('Vous reprenez votre brouillon. «\u00a0Nouvelle déclaration\u00a0» le met de côté, avec tout ce que vous y avez saisi, et en commence une autre.');
    // Not a new form: the draft's last save, said above the inputs.
    expect(cardText(resumed)).toMatch(
      /^Étape 1 sur 3 — Identification\nBrouillon repris\u00a0: vos réponses enregistrées le \d{1,2}(er)? \p{L}+ \d{4} à \d{1,2}\u00a0h\u00a0\d{2} \(heure de l’Est\) sont conservées\.$/mu,
    );
    const typed = { ...Object.fromEntries(inputs(resumed).map((i) => [i.id, i.value ?? ''])), benefits: 'Bénéfices tapés juste avant.' };
    const newButton = executeActions(resumed).find((a) => a.title === 'Nouvelle déclaration')!;
    const [first, again] = [
      await press(newButton.verb, { ...newButton.data, ...typed }, me),
      await press(newButton.verb, { ...newButton.data, ...typed }, me),
    ];
    for (const card of [first, again]) {
      expect(cardText(card)).toContain('Étape 1 sur 3');
      expect(cardText(card)).toContain('Votre brouillon «\u00a0Brouillon fictif repris\u00a0» est mis de côté');
      expect(inputs(card).find((i) => i.id === 'name')?.value).toBe('');
    }
    expect(again).toEqual(first);
    expect(executeActions(first).map((a) => a.title)).toEqual(['Suivant']);

    const list = await say('mes déclarations', me);
    expect(cardText(list)).toContain('Mes déclarations (1)');
    expect(cardText(list)).not.toContain('(sans nom)');
    const back = await pressButton(list, 'Reprendre ce brouillon', me);
    expect(inputs(back).find((i) => i.id === 'benefits')?.value).toBe('Bénéfices tapés juste avant.');
  });

  it('discards, not sets aside, a draft where « Suivant » was pressed with nothing entered', async () => {
    const me = as(BLANK);
    const fresh = await say('/déclarer', me);
    // The card sent back as it came: its prefilled values (organisme, contact), nothing typed, the rest empty.
    const prefilled = Object.fromEntries(inputs(fresh).map((i) => [i.id, i.value ?? '']));
    const again = await press('declaration.next', { ...executeActions(fresh)[0]!.data, ...prefilled }, me);
    expect(inputLabels(again)).toContain('— Erreur\u00a0: ce champ est obligatoire.');

    // Resumed as never edited: nothing to set aside, so no « Nouvelle déclaration » on its card.
    const resumed = await say('/déclarer', me);
    expect(executeActions(resumed).map((a) => a.title)).toEqual(['Suivant']);
    expect(cardText(resumed)).not.toContain('Vous reprenez votre brouillon');
    expect(cardText(resumed)).not.toContain('Brouillon repris');

    // Nothing typed, nothing listed: no empty « (sans nom) » entry, and so no « Nouvelle déclaration » to set it aside.
    const list = cardText(await say('mes déclarations', me));
    expect(list).toBe('Mes déclarations (0)\nVous n’avez encore aucune déclaration. Tapez /déclarer pour en commencer une.');
    // « Nouvelle déclaration » from a card shown before (the verb, as Teams sends it): the blank draft again, not set aside.
    const started = await press('declaration.start_new', { lang: 'fr' }, me);
    expect(cardText(started)).toContain('Étape 1 sur 3');
    expect(cardText(started)).not.toContain('est mis de côté');
    expect(executeActions(started)[0]!.data.declarationId).toBe(executeActions(fresh)[0]!.data.declarationId);
    const after = cardText(await say('mes déclarations', me));
    expect(after).toContain('Mes déclarations (0)');
    expect(after).not.toContain('Brouillon mis de côté');
  });

  it('offers « New declaration » in English, and only in a personal chat', async () => {
    const list = await press('declaration.list_mine', { lang: 'en' }, as(DECLARANT));
    expect(cardText(list)).toContain('"New declaration" sets your current draft aside');
    const elsewhere = await press('declaration.start_new', { lang: 'en' }, as(DECLARANT, { conversationId: '19:ailleurs@thread.tacv2', conversationType: 'channel' }));
    expect(cardText(elsewhere)).toContain('Declarations are made in a personal chat with me');
    expect(inputs(elsewhere)).toEqual([]);
  });
});
