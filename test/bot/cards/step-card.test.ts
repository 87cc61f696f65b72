import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DECLARATION_VERBS, stepCard } from '../../../src/bot/cards/index.js';
import { DECLARATION_FIELDS, DeclarationShape, SCHEMA_VERSION, STEPS, fieldsOf, validateStep } from '../../../src/inventory/schema.js';
import { fingerprintsOf } from '../../../src/inventory/merge.js';
import { cardText, executeActions, inputs, type Json } from '../../helpers/card-walk.js';
import { validDraft } from '../../helpers/declarations.js';

const ID = '11111111-1111-4111-8111-111111111111';
const stepCards = (language: 'fr' | 'en') => STEPS.map((step) => stepCard({ declarationId: ID, revision: 4, step, values: validDraft() }, language));

describe('stepCard', () => {
  it('has one input per schema field across the steps, and every input id is a schema key', () => {
    const ids = stepCards('fr').flatMap((card) => inputs(card).map((i) => i.id as string));
    expect([...ids].sort()).toEqual(Object.keys(DeclarationShape).sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lists the ministerial portfolios in the alphabetical order of the card’s language, other choices in their own order', () => {
    for (const language of ['fr', 'en'] as const) {
      const byId = new Map(stepCards(language).flatMap((c) => inputs(c)).map((i) => [i.id as string, i] as const));
      const titles = (id: string) => (byId.get(id)!.choices as { title: string }[]).map((c) => c.title);
      const portfolios = titles('portefeuille');
      expect(portfolios, language).toEqual([...portfolios].sort((a, b) => a.localeCompare(b, language)));
      expect(titles('status'), language).toEqual(DECLARATION_FIELDS.status.choices!.map((c) => c[language]));
    }
    const english = new Map(stepCards('en').flatMap((c) => inputs(c)).map((i) => [i.id as string, i] as const));
    expect((english.get('portefeuille')!.choices as { title: string }[])[0]!.title).toBe('Agriculture, Fisheries and Food');
  });

  it('says on every step that a button press saves the answers, incomplete ones too, not that typing does', () => {
    for (const card of stepCards('fr')) expect(cardText(card)).toContain('Vos réponses sont enregistrées chaque fois que vous appuyez sur un bouton de cette carte, même incomplètes');
    for (const card of stepCards('en')) expect(cardText(card)).toContain('Your answers are saved whenever you press a button on this card, even incomplete');
  });

  it('names the privacy impact assessment in full before its acronym among the measures, in French as in English', () => {
    // Found in the Playground: step 3 offered « EFVP réalisée » alone, the English card spelt it out.
    for (const language of ['fr', 'en'] as const) {
      const measures = stepCards(language).flatMap((c) => inputs(c)).find((i) => i.id === 'measures')!;
      const titles = (measures.choices as { title: string }[]).map((c) => c.title);
      expect(titles[0], language).toBe(language === 'fr' ? 'Évaluation des facteurs relatifs à la vie privée (EFVP) réalisée' : 'Privacy impact assessment (EFVP) done');
    }
  });

  it('shows each step’s fields in form order', () => {
    for (const step of STEPS) {
      const card = stepCard({ declarationId: ID, revision: 1, step, values: {} }, 'fr');
      expect(inputs(card).map((i) => i.id)).toEqual(fieldsOf(step));
    }
  });

  it('uses the input kind of each field', () => {
    const byId = new Map(stepCards('fr').flatMap((c) => inputs(c)).map((i) => [i.id as string, i] as const));
    for (const [field, ui] of Object.entries(DECLARATION_FIELDS)) {
      const input = byId.get(field)!;
      switch (ui.kind) {
        case 'text':
          expect(input).toMatchObject({ type: 'Input.Text' });
          expect(input.isMultiline).toBeUndefined();
          break;
        case 'multiline':
          expect(input).toMatchObject({ type: 'Input.Text', isMultiline: true });
          break;
        case 'email':
          expect(input).toMatchObject({ type: 'Input.Text', style: 'email' });
          break;
        case 'choice':
          expect(input).toMatchObject({ type: 'Input.ChoiceSet', style: 'filtered' });
          // In their own order, or sorted by title for a list of names (see the portfolio test below).
          expect(ui.alphabetical ? [...input.choices.map((c: Json) => c.value)].sort() : input.choices.map((c: Json) => c.value)).toEqual(
            ui.alphabetical ? ui.choices!.map((c) => c.code).sort() : ui.choices!.map((c) => c.code),
          );
          break;
        case 'multichoice':
          expect(input).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true, style: 'expanded' });
          break;
        case 'toggle':
          expect(input).toMatchObject({ type: 'Input.Toggle', valueOn: 'true', valueOff: 'false' });
          break;
      }
    }
  });

  it('labels every input in French, marks required fields in words, and in English for English users', () => {
    const fr = new Map(stepCards('fr').flatMap((c) => inputs(c)).map((i) => [i.id, i.label] as const));
    const en = new Map(stepCards('en').flatMap((c) => inputs(c)).map((i) => [i.id, i.label] as const));
    expect(fr.get('name')).toBe('Nom de l’initiative (obligatoire, au moins 3 caractères)');
    expect(fr.get('supplier')).toBe('Solution commerciale ou fournisseur (description générique)');
    expect(fr.get('contactEmail')).toBe('Courriel de la personne-ressource (obligatoire)');
    expect(en.get('name')).toBe('Name of the initiative (required, at least 3 characters)');
    expect(en.get('category')).toBe('Category (required)');
  });

  it('states each minimum length in the field’s label before any error, in French and in English, with the schema’s number', () => {
    const fr = new Map(stepCards('fr').flatMap((c) => inputs(c)).map((i) => [i.id, i.label] as const));
    const en = new Map(stepCards('en').flatMap((c) => inputs(c)).map((i) => [i.id, i.label] as const));
    expect(fr.get('purpose')).toBe('Ce qu’elle fait et pourquoi (obligatoire, au moins 20 caractères)');
    expect(fr.get('benefits')).toBe('Bénéfices attendus (obligatoire, au moins 10 caractères)');
    expect(en.get('purpose')).toBe('What it does and why (required, at least 20 characters)');
    expect(en.get('benefits')).toBe('Expected benefits (required, at least 10 characters)');
    // Every text whose schema sets a minimum beyond « not empty » says it, with the number validation checks.
    for (const [field, shape] of Object.entries(DeclarationShape)) {
      const min = shape instanceof z.ZodString ? (shape.minLength ?? 0) : 0;
      if (min <= 1) {
        expect(fr.get(field), field).not.toContain('au moins');
        continue;
      }
      expect(fr.get(field), field).toContain(`(obligatoire, au moins ${min} caractères)`);
      expect(en.get(field), field).toContain(`(required, at least ${min} characters)`);
      const short = validateStep(DECLARATION_FIELDS[field as keyof typeof DECLARATION_FIELDS].step, { ...validDraft(), [field]: 'x'.repeat(min - 1) });
      expect(short[field as keyof typeof short], field).toBe(`at least ${min} characters`);
    }
  });

  it('prefills the values as typed, unescaped, with toggles and multiple choices in card form', () => {
    const values = { ...validDraft(), name: '**Pas du gras** [lien](http://x)', affectedGroups: ['citoyens', 'employes'], generative: true };
    const byId = new Map(
      STEPS.flatMap((step) => inputs(stepCard({ declarationId: ID, revision: 1, step, values }, 'fr'))).map((i) => [i.id, i.value] as const),
    );
    expect(byId.get('name')).toBe('**Pas du gras** [lien](http://x)');
    expect(byId.get('affectedGroups')).toBe('citoyens,employes');
    expect(byId.get('generative')).toBe('true');
    expect(byId.get('publicFacing')).toBe('true');
    expect(byId.get('category')).toBe('automatisation');
  });

  it('caps text inputs at the schema’s maximum length', () => {
    const card = stepCard({ declarationId: ID, revision: 1, step: 'identification', values: { name: 'x'.repeat(4_000) } }, 'fr');
    const name = inputs(card).find((i) => i.id === 'name')!;
    expect(name.maxLength).toBe(150);
    expect(name.value).toHaveLength(150);
  });

  it('shows each problem in its field’s label, read with the input by screen readers, in words, with a summary at the top in the attention colour', () => {
    const card = stepCard(
      { declarationId: ID, revision: 1, step: 'identification', values: { name: 'ab' }, errors: { name: 'at least 3 characters', contactEmail: 'a valid e-mail address' } },
      'fr',
    );
    const body = card.body as Json[];
    const nameIndex = body.findIndex((e) => e.id === 'name');
    expect(body[nameIndex]!.label).toBe('Nom de l’initiative (obligatoire, au moins 3 caractères) — Erreur\u00a0: au moins 3 caractères.');
    expect(inputs(card).find((i) => i.id === 'contactEmail')!.label).toMatch(/ — Erreur\u00a0: entrez une adresse courriel valide/);
    expect(inputs(card).find((i) => i.id === 'purpose')!.label).not.toContain('Erreur');
    // No problem text left apart from its input, where a screen reader would not tie it to the field.
    expect(cardText(card)).not.toContain('au moins 3 caractères');
    expect(body.findIndex((e) => e.color === 'Attention')).toBeLessThan(nameIndex);
    expect(cardText(card)).toContain('**Erreur\u00a0:** 2 champs sont à corriger (voir «\u00a0Erreur\u00a0» à côté du nom de chaque champ).');
  });

  it('says « Étape N sur 3 » and carries declarationId, revision, step, schema version, language and the shown values’ digests on every button', () => {
    STEPS.forEach((step, index) => {
      const card = stepCard({ declarationId: ID, revision: 7, step, values: {} }, 'fr');
      expect(JSON.stringify(card.body)).toContain(`Étape ${index + 1} sur 3`);
      const verbs = executeActions(card).map((a) => a.verb);
      expect(verbs).toEqual(
        index === 0
          ? [DECLARATION_VERBS.next]
          : index === STEPS.length - 1
            ? [DECLARATION_VERBS.back, DECLARATION_VERBS.submit]
            : [DECLARATION_VERBS.back, DECLARATION_VERBS.next],
      );
      for (const action of executeActions(card)) {
        expect(action.data).toEqual({ declarationId: ID, revision: 7, step, schemaVersion: SCHEMA_VERSION, lang: 'fr', shown: fingerprintsOf(step, {}) });
      }
    });
  });

  it('asks step 2 whose information it is in plain words, under the field id affectedGroups', () => {
    const label = (language: 'fr' | 'en') =>
      inputs(stepCard({ declarationId: ID, revision: 1, step: 'nature', values: {} }, language)).find((i) => i.id === 'affectedGroups')?.label;
    expect(label('fr')).toBe('Personnes concernées par ces renseignements');
    expect(label('en')).toBe('People this information is about');
  });

  it('says under « Personnes concernées » when it must be filled, before an error does', () => {
    const text = (language: 'fr' | 'en') => cardText(stepCard({ declarationId: ID, revision: 1, step: 'nature', values: {} }, language));
    expect(text('fr')).toContain('Obligatoire si des renseignements personnels sont utilisés ; sinon, ne cochez rien.');
    expect(text('en')).toContain('Required when personal information is used; otherwise, check nothing.');
  });

  it('offers « Nouvelle déclaration » on a resumed draft only, with the step’s data and inputs, in French and in English', () => {
    for (const [language, title, note] of [
      ['fr', 'Nouvelle déclaration', 'Vous reprenez votre brouillon. «\u00a0Nouvelle déclaration\u00a0» le met de côté'],
      ['en', 'New declaration', 'You are resuming your draft. "New declaration" sets it aside'],
    ] as const) {
      const card = stepCard({ declarationId: ID, revision: 5, step: 'nature', values: validDraft(), offerNew: true }, language);
      const actions = executeActions(card);
      expect(actions.map((a) => a.verb)).toEqual([DECLARATION_VERBS.back, DECLARATION_VERBS.next, DECLARATION_VERBS.startNew]);
      expect(actions[2]).toMatchObject({ title, data: actions[1]!.data });
      expect(actions[2]!.associatedInputs).toBeUndefined();
      expect(cardText(card)).toContain(note);
      expect(executeActions(stepCard({ declarationId: ID, revision: 5, step: 'nature', values: validDraft() }, language)).map((a) => a.verb)).not.toContain(
        DECLARATION_VERBS.startNew,
      );
    }
  });

  it('says at the top of a resumed draft when its answers were saved, in French and in English, and nothing of it on a new one', () => {
    const expected = {
      fr: 'Brouillon repris\u00a0: vos réponses enregistrées le 2 décembre 2026 à 9\u00a0h\u00a015 (heure de l’Est) sont conservées.',
      en: 'Draft resumed: your answers saved on December 2, 2026 at 9:15\u00a0a.m. ET are kept.',
    };
    for (const language of ['fr', 'en'] as const) {
      const resumed = stepCard({ declarationId: ID, revision: 4, step: 'identification', values: validDraft(), resumedAt: '2026-12-02T14:15:00.000Z' }, language);
      const text = cardText(resumed);
      expect(text).toContain(expected[language]);
      // Before the first input: read as the card opens, not after the form.
      const body = resumed.body as Json[];
      const line = body.findIndex((e) => e.text === expected[language]);
      expect(line).toBeGreaterThan(0);
      expect(line).toBeLessThan(body.findIndex((e) => e.id === 'name'));
      const fresh = cardText(stepCard({ declarationId: ID, revision: 1, step: 'identification', values: {} }, language));
      expect(fresh).not.toContain(language === 'fr' ? 'Brouillon repris' : 'Draft resumed');
    }
  });

  describe('of a declaration sent back for changes', () => {
    const request = { actor: { id: 'r', name: 'Réviseure Fictive' }, at: '2026-12-02T14:15:00.000Z', comment: 'Préciser la solution fictive.' };

    it('shows a comment typed on two lines on two lines', () => {
      const twoLines = { ...request, comment: 'Préciser la solution fictive.\nAjouter le fournisseur fictif.' };
      const text = cardText(stepCard({ declarationId: ID, revision: 3, step: 'identification', values: validDraft(), changesRequested: twoLines }, 'fr'));
      expect(text).toContain('**Commentaire\u00a0:** Préciser la solution fictive.\n\nAjouter le fournisseur fictif.');
    });

    it('shows who asked, when and the comment at the top of every step, in French and in English', () => {
      const expected = {
        fr: ['**Changements demandés par Réviseure Fictive, le 2 décembre 2026 à 9\u00a0h\u00a015 (heure de l’Est)**', '**Commentaire\u00a0:** Préciser la solution fictive.'],
        // A no-break space before « a.m. » (formatDate: ICU's narrow one reads as no space at all).
        en: ['**Changes requested by Réviseure Fictive on December 2, 2026 at 9:15\u00a0a.m. ET**', '**Comment:** Préciser la solution fictive.'],
      };
      for (const language of ['fr', 'en'] as const) {
        for (const step of STEPS) {
          const text = cardText(stepCard({ declarationId: ID, revision: 3, step, values: validDraft(), changesRequested: request }, language));
          for (const line of expected[language]) expect(text).toContain(line);
          expect(text.indexOf(expected[language][0]!)).toBeLessThan(text.indexOf(language === 'fr' ? 'Vos réponses sont enregistrées' : 'Your answers are saved'));
        }
      }
    });

    it('shows nothing of a request on a draft', () => {
      expect(cardText(stepCard({ declarationId: ID, revision: 3, step: 'identification', values: validDraft() }, 'fr'))).not.toContain('Changements demandés');
    });
  });
});
