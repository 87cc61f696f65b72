import { describe, expect, it } from 'vitest';
import type { ConversationOptions, TeamsUser } from '../helpers/card-activities.js';
import { cardConversation } from '../helpers/card-conversation.js';
import { actionData, asInput, cardText, executeActions, inputs, inputValues, type Json } from '../helpers/card-walk.js';
import { validDraft } from '../helpers/declarations.js';
import { runningBot } from '../helpers/running-bot.js';

/**
 * `inventaire IA-AAAA-NNNN` (`inventory …`), typed by a governance admin as a receipt or a colleague gives the number:
 * that declaration's review card, the one « Examiner » opens from `inventaire`, not « Je ne connais pas cet état »;
 * an unknown number said in words, in the command's language; anyone else refused as for `inventaire`.
 */

const ADMIN: TeamsUser = { id: '29:admin-numero', name: 'Admin Numéro', aadObjectId: '0000000d-0000-4000-8000-0000000000a1' };
const DECLARANT: TeamsUser = { id: '29:declarant-numero', name: 'Déclarant Numéro', aadObjectId: '0000000d-0000-4000-8000-0000000000d1' };

describe('inventaire followed by a declaration number, over HTTP', () => {
  const bot = runningBot('balises-inventory-number', { GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId!, RATE_LIMIT_BURST: '100' });
  const { message, say, press } = cardConversation(() => bot.url, () => bot.connector);
  const as = (from: TeamsUser): ConversationOptions => ({ serviceUrl: bot.connector.serviceUrl, from, conversationId: `a:personal-${from.aadObjectId}` });

  let submitted: { publicId: string; declarationId: string } | null = null;
  /** Declares and submits validDraft as DECLARANT, once: its number and internal id. */
  async function declaration(): Promise<{ publicId: string; declarationId: string }> {
    if (submitted) return submitted;
    const draft = validDraft();
    let card = await say('/déclarer', as(DECLARANT));
    const declarationId = actionData(card).declarationId as string;
    for (;;) {
      const values = inputValues(card, Object.fromEntries(inputs(card).map((i) => [i.id, asInput(draft[i.id as keyof typeof draft])])));
      const verb = executeActions(card).some((a) => a.verb === 'declaration.submit') ? 'declaration.submit' : 'declaration.next';
      card = await press(verb, { ...actionData(card, verb), ...values }, as(DECLARANT));
      if (verb === 'declaration.submit') break;
    }
    submitted = { publicId: /IA-\d{4}-\d{4}/.exec(cardText(card))![0], declarationId };
    return submitted;
  }

  it('shows a governance admin the review card « Examiner » opens, however the number is typed', async () => {
    const { publicId, declarationId } = await declaration();
    const examined = cardText(await press('review.open', { declarationId, lang: 'fr' }, as(ADMIN)));
    for (const typed of [`inventaire ${publicId}`, `Inventaire ${publicId.toLowerCase()}`, `INVENTAIRE « ${publicId} ».`, `inventaire "${publicId.replace(/-/g, '\u2011')}"`]) {
      const card = await say(typed, as(ADMIN));
      expect(cardText(card)).toContain(`Déclaration à examiner\u00a0: ${publicId}`);
      expect(cardText(card)).toBe(examined);
      expect(card.actions.map((a: Json) => a.verb)).toEqual(['review.take', 'review.approve', 'review.request_changes', 'review.reject', 'review.inventory']);
    }
  });

  it('reads the number as people type it from memory or a spoken one: spaces, no hyphen, no leading zeros, no « IA »', async () => {
    const { publicId } = await declaration();
    const [, year, serial] = /^IA-(\d{4})-(\d{4})$/.exec(publicId)!;
    const bare = String(Number(serial));
    for (const typed of [`IA ${year} ${serial}`, `ia-${year}-${bare}`, `IA${year}-${serial}`, `IA-${year}-0${serial}`, `${year}-${serial}`, `ia ${year}-${bare}`, `IA_${year}_${serial}`, `IA/${year}/${serial}`, `n° ${publicId}`, `no ${publicId}`, `numéro ${publicId}`, `#${publicId}`]) {
      const card = await say(`inventaire ${typed}`, as(ADMIN));
      expect(cardText(card), typed).toContain(`Déclaration à examiner\u00a0: ${publicId}`);
    }
    const unknown = await message(`inventaire ia 2031 999`, as(ADMIN));
    expect(unknown.text).toMatch(/^Aucune déclaration ne porte le numéro IA-2031-0999\./);
    const huge = await message(`inventaire IA-2031-${'9'.repeat(30)}`, as(ADMIN));
    expect(huge.text).toMatch(new RegExp(`^Aucune déclaration ne porte le numéro IA-2031-${'9'.repeat(30)}\\.`));
    // A pasted run of digits is echoed clipped, the message within Teams' size limit.
    const pasted = await message(`inventaire IA-2031-${'9'.repeat(120_000)}`, as(ADMIN));
    expect(pasted.text).toMatch(/^Aucune déclaration ne porte le numéro IA-2031-9{100,}…\./);
    expect(pasted.text.length).toBeLessThan(1_000);
  });

  it('speaks English to `inventory ID`', async () => {
    const { publicId } = await declaration();
    const card = await say(`inventory ${publicId}.`, as(ADMIN));
    expect(cardText(card)).toContain(`Declaration to review: ${publicId}`);
  });

  it('says no declaration has an unknown number, in the command’s language', async () => {
    await declaration();
    const fr = await message('inventaire IA-2031-0999', as(ADMIN));
    expect(fr.text).toBe(
      'Aucune déclaration ne porte le numéro IA-2031-0999. Vérifiez le numéro sur l’accusé de réception, ou tapez `inventaire` pour voir toutes les déclarations.',
    );
    const en = await message('inventory "ia-2031-0999"', as(ADMIN));
    expect(en.text).toBe('No declaration has the number IA-2031-0999. Check the number on the receipt, or type `inventory` to see every declaration.');
  });

  it('names the number form when the words are neither a state nor a number', async () => {
    const reply = await message('inventaire bleues', as(ADMIN));
    expect(reply.text).toContain('ou suivi du numéro d’une déclaration pour la voir (`inventaire IA-2026-0001`)');
  });

  it('answers as a question a sentence that opens on the word, from an employee or an admin, rather than refuse it or ask for a state', async () => {
    await declaration();
    const refusal = cardText(await say('inventaire', as(DECLARANT)));
    for (const [question, from] of [
      ['Inventaire des systèmes d’IA : est-ce obligatoire pour un organisme public?', DECLARANT],
      ['inventaires des usages de l’IA dans les ministères', DECLARANT],
      ['Inventory of AI systems: is it required?', DECLARANT],
      ['Inventaire des systèmes d’IA : est-ce obligatoire pour un organisme public?', ADMIN],
    ] as const) {
      const reply = await message(question, as(from));
      expect(reply.text ?? '', question).toMatch(/documents indexés|indexed documents|Aucun document|No document/);
      expect(JSON.stringify(reply), question).not.toContain(refusal.slice(0, 40));
      expect(reply.text ?? '', question).not.toContain('Je ne connais pas cet état');
    }
  });

  it('takes `inventaire.`, `inventaire:` and `inventaires` typed by an admin for the command', async () => {
    await declaration();
    const list = cardText(await say('inventaire', as(ADMIN)));
    for (const typed of ['inventaire.', 'Inventaire :', 'inventaires', 'inventaire: approuvées']) {
      const card = await say(typed, as(ADMIN));
      expect(cardText(card), typed).toContain('Inventaire');
      if (!typed.includes('approuv')) expect(cardText(card), typed).toBe(list);
    }
  });

  it('names the command in the governance admins’ help, French and English', async () => {
    expect((await message('aide', as(ADMIN))).text).toMatch(/`inventaire IA-AAAA-NNNN`\s:\sla fiche d’examen d’une déclaration/);
    expect((await message('help', as(ADMIN))).text).toContain('`inventory IA-YYYY-NNNN`: one declaration’s review card');
  });

  it('refuses anyone outside the governance team as `inventaire` does, the declarant included, showing nothing', async () => {
    const { publicId } = await declaration();
    const listRefusal = cardText(await say('inventaire', as(DECLARANT)));
    const card: Json = await say(`inventaire ${publicId}`, as(DECLARANT));
    expect(cardText(card)).toBe(listRefusal);
    expect(cardText(card)).not.toContain(publicId);
  });
});
