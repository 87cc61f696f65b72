import { describe, expect, it } from 'vitest';
import {
  MAX_QUOTED_PASSAGES,
  MAX_SENTENCES_PER_PASSAGE,
  MAX_WHOLE_ARTICLE_CHARS,
  MAX_WHOLE_RULE_CHARS,
  MAX_WHOLE_SECTION_CHARS,
  MIN_RELATIVE_PASSAGE_SCORE,
  selectQuotes,
  stopsMidList,
} from '../../src/answers/quotes.js';
import type { PassageRecord } from '../../src/knowledge/types.js';
import { createAnalyser, terms } from '../../src/retrieval/analyse.js';
import type { RetrievedPassage } from '../../src/retrieval/types.js';

const fr = createAnalyser('fr');

function retrieved(id: string, text: string, score: number, path: string[] = [id]): RetrievedPassage {
  const passage: PassageRecord = {
    id: `charte-nuages@v1#${id}:0`,
    docId: 'charte-nuages',
    versionLabel: 'v1',
    section: { id, path },
    ordinal: 0,
    pages: null,
    text,
    title: 'Charte fictive de l’Agence québécoise des nuages',
    publishedOn: null,
    url: null,
  };
  return { passage, score };
}

/** Query terms as retrieval gives them: stem → importance (all 1 here). */
const queryOf = (words: string) => new Map(terms(words, fr).map((t) => [t, 1]));

/** Query terms with their importance: `{ registre: 4, organisme: 1 }` → stem → 4, stem → 1. */
const weighted = (words: Record<string, number>) =>
  new Map(Object.entries(words).flatMap(([word, importance]) => terms(word, fr).map((t) => [t, importance] as const)));

const sectionsOf = (quotes: ReturnType<typeof selectQuotes>) => quotes.map((q) => q.passage.passage.section.id);

describe('stopsMidList', () => {
  const passage = 'Vous êtes bien au guichet fictif si : Vous entrez par la porte bleue. Vous montrez votre carte. Le vent souffle.';

  it('is true for a quote that introduces items and stops before the passage’s next one', () => {
    expect(stopsMidList('Vous êtes bien au guichet fictif si : Vous entrez par la porte bleue.', passage)).toBe(true);
  });

  it('is false for a quote that ends its passage, or holds no list introduction', () => {
    expect(stopsMidList('Vous montrez votre carte. Le vent souffle.', passage)).toBe(false);
    expect(stopsMidList('Le guichet fictif propose : Prêt de parapluies.', 'Le guichet fictif propose : Prêt de parapluies.')).toBe(false);
  });

  it('is false for a sentence whose items run on within it, or a one-word label before a colon', () => {
    const inline = 'La formation fictive vous permettra de : Compter les nuages, Nommer les vents, Lire le ciel.';
    expect(stopsMidList(inline, `${inline} Elle dure une heure.`)).toBe(false);
    const note = 'NB : Le guichet fictif ferme à midi.';
    expect(stopsMidList(note, `${note} Il rouvre le lendemain.`)).toBe(false);
  });

  it('is false for a table row, whose column header is followed by its value', () => {
    const row = 'Mars 2031 ; Activité : Ouverture du guichet fictif.';
    expect(stopsMidList(row, `${row} Avril 2031 ; Activité : Fermeture du guichet fictif.`)).toBe(false);
  });
});

describe('selectQuotes', () => {
  describe('sentences', () => {
    it('quotes sentences that are verbatim substrings of their passage', () => {
      const text = 'Le registre des nuages est public. Il est tenu par l’Agence fictive. Les parapluies sont rangés à l’entrée.';
      const [quote] = selectQuotes([retrieved('a', text, 5)], queryOf('registre public'), fr);
      expect(quote!.excerpts.length).toBeGreaterThan(0);
      for (const s of quote!.excerpts) expect(text).toContain(s);
      expect(quote!.excerpts[0]).toBe('Le registre des nuages est public.');
    });

    it('quotes at most two sentences of a passage, in the passage’s order', () => {
      const text = 'Le registre A est public. Le registre B est public. Le registre C est public. Le registre D est public.';
      const [quote] = selectQuotes([retrieved('a', text, 5)], queryOf('registre public'), fr);
      expect(quote!.excerpts).toEqual(['Le registre A est public.', 'Le registre B est public.']);
      expect(MAX_SENTENCES_PER_PASSAGE).toBe(2);
    });

    it('never ends a quote on the number of a list item written inline after a colon (« tu dois : 1. »)', () => {
      const text = 'Consigne fictive : à partir des relevés de nuages suivants, tu dois : 1. Compter les parapluies. 2. Nommer le vent. Le ciel est bleu.';
      const [quote] = selectQuotes([retrieved('a', text, 5)], queryOf('consigne relevés nuages'), fr);
      expect(quote!.excerpts[0]).toBe('Consigne fictive : à partir des relevés de nuages suivants, tu dois :');
      for (const excerpt of quote!.excerpts) expect(excerpt).not.toMatch(/\s\d{1,3}\.$/u);
      const [item] = selectQuotes([retrieved('a', text, 5)], queryOf('compter parapluies'), fr);
      // The list is short: quoted to its last item, so it does not read as a list of one.
      expect(item!.excerpts).toEqual(['Consigne fictive : à partir des relevés de nuages suivants, tu dois : 1. Compter les parapluies. 2. Nommer le vent.']);
    });

    it('quotes two neighbouring sentences of one list as one excerpt, so no « […] » splits them', () => {
      const text = 'La fiche fictive indique : 1° le nom du nuage. 2° l’altitude du nuage. Le vent souffle.';
      const [quote] = selectQuotes([retrieved('a', text, 5)], queryOf('nom nuage altitude'), fr);
      expect(quote!.excerpts).toEqual(['La fiche fictive indique : 1° le nom du nuage. 2° l’altitude du nuage.']);
    });

    it('quotes the next item of a list with the sentence that introduces it, as one excerpt', () => {
      const text =
        'Le guichet fictif propose : Prêt de parapluies pour la journée. Relevé des nuages sur demande. Prêt de bottes aux écoles.';
      const [quote] = selectQuotes([retrieved('a', text, 5)], queryOf('guichet parapluies relevé nuages'), fr);
      expect(quote!.excerpts).toEqual(['Le guichet fictif propose : Prêt de parapluies pour la journée. Relevé des nuages sur demande.']);
    });

    it('keeps apart two neighbouring sentences when neither introduces items nor continues a list', () => {
      const text = 'Le registre fictif est public : chacun le lit. Le registre fictif est gratuit. Le vent souffle.';
      const [quote] = selectQuotes([retrieved('a', text, 5)], queryOf('registre'), fr);
      expect(quote!.excerpts).toEqual(['Le registre fictif est public : chacun le lit.', 'Le registre fictif est gratuit.']);
    });

    it('leaves out a sentence that carries much less of the question than the best one', () => {
      const text = 'Le vent souffle. Le registre des nuages est public et gratuit. Le registre existe.';
      const [quote] = selectQuotes([retrieved('a', text, 5)], queryOf('registre public gratuit'), fr);
      expect(quote!.excerpts).toEqual(['Le registre des nuages est public et gratuit.']);
    });

    it('never quotes an article number alone: it comes with the sentence it numbers', () => {
      const text = 'Les nuages passent. 12.4. Le registre des nuages est tenu à jour. 13. Les parapluies sont prêtés.';
      const query = new Map([...queryOf('registre'), ['12', 1] as const]);
      const [quote] = selectQuotes([retrieved('a', text, 5)], query, fr);
      expect(quote!.excerpts).toEqual(['12.4. Le registre des nuages est tenu à jour.']);
    });

    it('quotes the first sentence of a passage chosen for its heading only', () => {
      const [quote] = selectQuotes([retrieved('a', 'Première phrase fictive. Seconde phrase fictive.', 5)], queryOf('registre'), fr);
      expect(quote!.excerpts).toEqual(['Première phrase fictive.']);
    });
  });

  describe('statute text', () => {
    const statute = (text: string) => retrieved('article-4', text, 5, ['Section I — Nuages', 'Articles 4 et 5']);

    it('never stops a quote inside a citation of an article (« c. N-9.1, a. 12 »)', () => {
      const text = 'Le vent souffle. Le registre fictif des nuages est tenu selon le c. N-9.1, a. 12 de la loi fictive.';
      const [quote] = selectQuotes([retrieved('a', text, 5)], queryOf('registre tenu'), fr);
      expect(quote!.excerpts).toEqual(['Le registre fictif des nuages est tenu selon le c. N-9.1, a. 12 de la loi fictive.']);
    });

    it('never quotes an amendment-history note, nor runs a quote across one', () => {
      const text =
        '4. Le registre des nuages est public. 2031, c. 4, a. 7; 2 2033, c. 12, a. 1021 . 5. Le registre des nuages est gratuit. 2031, c. 4, a. 8.';
      const [quote] = selectQuotes([statute(text)], queryOf('registre nuages public gratuit'), fr);
      expect(quote!.excerpts).toEqual(['4. Le registre des nuages est public.', '5. Le registre des nuages est gratuit.']);
    });

    it('does not bring back, across a note, the sentence a dependent one seems to refer to', () => {
      const text = '4. Le registre des nuages est public. 2031, c. 4, a. 7. 5. Ce registre est fermé l’hiver.';
      const [quote] = selectQuotes([statute(text)], queryOf('fermé hiver'), fr);
      expect(quote!.excerpts).toEqual(['5. Ce registre est fermé l’hiver.']);
    });

    it('starts a quote after an article number followed by a stray digit, which would read as another article', () => {
      const text = '4. 2 Le registre des nuages est public. 2031, c. 4, a. 7.';
      const [quote] = selectQuotes([statute(text)], queryOf('registre public'), fr);
      expect(quote!.excerpts).toEqual(['Le registre des nuages est public.']);
    });

    it('starts a quote at its article number, not at the year an extraction left of the previous article’s note', () => {
      const filler = Array.from({ length: 12 }, (_, i) => `La station ${i + 1} relève le vent chaque matin.`).join(' ');
      const text = `4. Le registre des nuages est public. 2031, 5. Le registre des nuages est gratuit le dimanche. 2031, 6. ${filler}`;
      expect(text.length).toBeGreaterThan(MAX_WHOLE_ARTICLE_CHARS);
      const [quote] = selectQuotes([statute(text)], queryOf('registre gratuit dimanche'), fr);
      expect(quote!.excerpts).toEqual(['5. Le registre des nuages est gratuit le dimanche.']);
    });

    it('starts a quote after the punctuation an extraction left at the start of a passage', () => {
      const text = ', . Le registre des nuages est public. Le vent souffle.';
      const [quote] = selectQuotes([retrieved('a', text, 5)], queryOf('registre public'), fr);
      expect(quote!.excerpts).toEqual(['Le registre des nuages est public.']);
    });

    it('quotes the next passage when the best one holds only an amendment-history note', () => {
      const quotes = selectQuotes(
        [retrieved('note', '4; 2031, c. 4, a. 7; 2033, c. 12, a. 2.', 9), statute('5. Le registre des nuages est public.')],
        queryOf('registre public 2031'),
        fr,
      );
      expect(sectionsOf(quotes)).toEqual(['article-4']);
    });
  });

  describe('what completes a quoted sentence', () => {
    const article = (text: string) => retrieved('section-i/article-4', text, 5, ['Section I — Nuages', 'Article 4']);

    it('quotes a list item with the sentence introducing its list and the items before it', () => {
      const text = 'En cas de panne fictive : 1. Tapotez la girouette. 2. Si le vent persiste, appelez le gardien des nuages.';
      const [quote] = selectQuotes([retrieved('guide', text, 5)], queryOf('appeler gardien'), fr);
      expect(quote!.excerpts).toEqual([text]);
    });

    it('quotes the introduction of a long list apart, before the item chosen far down it', () => {
      const items = Array.from({ length: 8 }, (_, i) => `${i + 1}. Relevez la girouette numéro ${i + 1} chaque matin de la saison.`).join(' ');
      const intro = 'Le gardien fictif des nuages suit ces étapes :';
      const text = `${intro} ${items} 9. Appelez le météorologue en cas de grêle.`;
      expect(text.length).toBeGreaterThan(MAX_WHOLE_RULE_CHARS);
      const [quote] = selectQuotes([retrieved('guide', text, 5)], queryOf('météorologue grêle'), fr);
      expect(quote!.excerpts).toEqual([intro, '9. Appelez le météorologue en cas de grêle.']);
    });

    it('quotes a short list to its last item, not as if it ended on the item chosen', () => {
      const list = 'Le gardien fictif doit : 1. Tenir le registre des nuages. 2. Signaler la grêle au météorologue. 3. Fermer la tour le soir.';
      const [quote] = selectQuotes([retrieved('guide', `${list} La tour fictive est bleue.`, 5)], queryOf('grêle météorologue'), fr);
      expect(quote!.excerpts).toEqual([list]);
    });

    it('takes no sentence for a list’s introduction for the colon of a time or an address in it', () => {
      const item = '2. Notez la couleur de la girouette.';
      for (const before of ['La tour fictive ouvre à 8:30 chaque matin.', 'Le guide fictif est à https://nuages.example/guide pour tous.']) {
        const text = `${before} 1. Montez sur la tour fictive. ${item}`;
        const [quote] = selectQuotes([retrieved('guide', text, 5)], queryOf('couleur girouette'), fr);
        expect(quote!.excerpts).toEqual([item]);
      }
    });

    it('leaves an item alone when its list began before the passage', () => {
      const text = '2. Si le vent persiste, appelez le gardien des nuages. Le vent tombe le soir.';
      const [quote] = selectQuotes([retrieved('guide', text, 5)], queryOf('appeler gardien'), fr);
      expect(quote!.excerpts).toEqual(['2. Si le vent persiste, appelez le gardien des nuages.']);
    });

    it('quotes a short article whole: a sentence after the chosen one may qualify it without the question’s words', () => {
      const text = '4. Le registre des nuages est public. Le consentement écrit du déclarant est requis pour y inscrire son nom. 2031, c. 4, a. 7.';
      const [quote] = selectQuotes([article(text)], queryOf('registre public'), fr);
      expect(quote!.excerpts).toEqual(['4. Le registre des nuages est public. Le consentement écrit du déclarant est requis pour y inscrire son nom.']);
    });

    it('quotes only the chosen sentences of an article longer than MAX_WHOLE_ARTICLE_CHARS', () => {
      const filler = Array.from({ length: 12 }, (_, i) => `La station ${i + 1} relève le vent chaque matin.`).join(' ');
      const text = `4. Le registre des nuages est public. ${filler}`;
      expect(text.length).toBeGreaterThan(MAX_WHOLE_ARTICLE_CHARS);
      const [quote] = selectQuotes([article(text)], queryOf('registre public'), fr);
      expect(quote!.excerpts).toEqual(['4. Le registre des nuages est public.']);
    });

    it('does not quote a short passage whole when it is not a statute’s article', () => {
      const text = 'Le registre des nuages est public. Le consentement écrit du déclarant est requis pour y inscrire son nom.';
      const [quote] = selectQuotes([retrieved('guide', text, 5)], queryOf('registre public'), fr);
      expect(quote!.excerpts).toEqual(['Le registre des nuages est public.']);
    });

    const schedule = (text: string, score = 5) => retrieved('calendrier', text, score, ['Guide fictif des nuages', 'Calendrier des relevés']);
    const rows =
      'Janvier 2031 ; Activité : Relevé des cumulus. Mars 2031 ; Activité : Nettoyage des girouettes. Juin 2031 ; Activité : Fin de la saison.';

    it('quotes the best passage whole when its heading names what is asked: a table’s rows, not one row at random', () => {
      const [quote] = selectQuotes([schedule(rows)], queryOf('Quel est le calendrier des relevés?'), fr);
      expect(quote!.excerpts).toEqual([rows]);
    });

    it('picks sentences of a section named by the question when it is longer than MAX_WHOLE_SECTION_CHARS', () => {
      const long = `${rows} ${Array.from({ length: 20 }, (_, i) => `Mois ${i + 1} ; Activité : Entretien des girouettes.`).join(' ')}`;
      expect(long.length).toBeGreaterThan(MAX_WHOLE_SECTION_CHARS);
      const [quote] = selectQuotes([schedule(long)], queryOf('Quel est le calendrier des relevés?'), fr);
      expect(quote!.excerpts).toEqual(['Janvier 2031 ; Activité : Relevé des cumulus.']);
    });

    it('picks sentences when one of them carries the question as well as the heading does', () => {
      const [quote] = selectQuotes([schedule(rows)], queryOf('calendrier relevé cumulus'), fr);
      expect(quote!.excerpts).toEqual(['Janvier 2031 ; Activité : Relevé des cumulus.']);
    });

    it('quotes whole only the best passage, never a second one whose heading the question names', () => {
      const best = retrieved('bilan', 'Le bilan de la saison des relevés est publié en juin.', 6, ['Bilan de la saison']);
      const quotes = selectQuotes([best, schedule(rows, 5.5)], queryOf('calendrier des relevés, bilan de la saison, nettoyage'), fr);
      expect(quotes.map((q) => q.passage.passage.section.id)).toEqual(['bilan', 'calendrier']);
      expect(quotes[1]!.excerpts).toEqual(['Janvier 2031 ; Activité : Relevé des cumulus.', 'Mars 2031 ; Activité : Nettoyage des girouettes.']);
    });

    it('leaves out the end of a sentence an extraction moved to the start of a short article', () => {
      const text = '4. personnel. Le registre des nuages est public. Le consentement écrit du déclarant est requis.';
      const [quote] = selectQuotes([article(text)], queryOf('registre public'), fr);
      expect(quote!.excerpts).toEqual(['Le registre des nuages est public. Le consentement écrit du déclarant est requis.']);
    });

    it('quotes a sentence left out between two chosen ones when it continues the first', () => {
      const text = 'Le registre des nuages est public. Cette règle vaut en toute saison. Le registre des grêles est public.';
      const [quote] = selectQuotes([retrieved('guide', text, 5)], queryOf('registre public'), fr);
      expect(quote!.excerpts).toEqual([text]);
    });

    it('leaves out a sentence between two chosen ones that does not continue the first', () => {
      const text = 'Le registre des nuages est public. Le vent souffle sur la côte. Le registre des grêles est public.';
      const [quote] = selectQuotes([retrieved('guide', text, 5)], queryOf('registre public'), fr);
      expect(quote!.excerpts).toEqual(['Le registre des nuages est public.', 'Le registre des grêles est public.']);
    });
  });

  describe('sentences that start mid-thought', () => {
    it('brings the sentence a demonstrative refers back to, as one verbatim excerpt', () => {
      const text =
        'Le vent souffle sur la côte. L’Agence tient un registre des nuages observés. Ce registre est fermé chaque hiver.';
      const [quote] = selectQuotes([retrieved('a', text, 5)], queryOf('fermé hiver'), fr);
      expect(quote!.excerpts).toEqual(['L’Agence tient un registre des nuages observés. Ce registre est fermé chaque hiver.']);
      expect(text).toContain(quote!.excerpts[0]);
    });

    it('brings the sentence a connective continues', () => {
      const text = 'Le registre des nuages est ouvert à tous. Toutefois, les relevés de grêle restent confidentiels.';
      const [quote] = selectQuotes([retrieved('a', text, 5)], queryOf('grêle confidentiels'), fr);
      expect(quote!.excerpts).toEqual([text]);
    });

    it('brings the sentence that « de tels » points back to, even mid-sentence', () => {
      const text =
        'L’Agence utilise des anémomètres connectés. Les usagers sont informés de la portée de tels appareils avant la saison.';
      const [quote] = selectQuotes([retrieved('a', text, 5)], queryOf('usagers informés saison'), fr);
      expect(quote!.excerpts).toEqual([text]);
    });

    it('brings the sentence that a connective after the verb continues (« ne seront donc pas »)', () => {
      const text =
        'Le vent souffle. L’Agence fictive ne garde aucun relevé de grêle. Les observateurs ne seront donc pas identifiés.';
      const [quote] = selectQuotes([retrieved('a', text, 5)], queryOf('observateurs identifiés'), fr);
      expect(quote!.excerpts).toEqual([
        'L’Agence fictive ne garde aucun relevé de grêle. Les observateurs ne seront donc pas identifiés.',
      ]);
    });

    it('goes back as far as a chain of dependent sentences needs', () => {
      const text =
        'Le vent souffle. L’Agence publie un bulletin des nuages. Il paraît chaque lundi. De plus, il est traduit en anglais.';
      const [quote] = selectQuotes([retrieved('a', text, 5)], queryOf('traduit anglais'), fr);
      expect(quote!.excerpts).toEqual([
        'L’Agence publie un bulletin des nuages. Il paraît chaque lundi. De plus, il est traduit en anglais.',
      ]);
    });

    it('keeps a dependent first sentence as is: what it refers to is in another passage', () => {
      const text = 'Ces relevés de grêle restent confidentiels. Le registre des nuages est ouvert.';
      const [quote] = selectQuotes([retrieved('a', text, 5)], queryOf('grêle confidentiels'), fr);
      expect(quote!.excerpts).toEqual(['Ces relevés de grêle restent confidentiels.']);
    });

    it('does not bring a sentence before an impersonal « Il faut »', () => {
      const text = 'Le vent souffle sur la côte. Il faut consigner chaque relevé de grêle.';
      const [quote] = selectQuotes([retrieved('a', text, 5)], queryOf('consigner grêle'), fr);
      expect(quote!.excerpts).toEqual(['Il faut consigner chaque relevé de grêle.']);
    });

    it('merges a chosen sentence with the dependent one after it into one excerpt', () => {
      const text = 'Le registre des nuages est public. Ce registre est gratuit. Le vent souffle.';
      const [quote] = selectQuotes([retrieved('a', text, 5)], queryOf('registre'), fr);
      expect(quote!.excerpts).toEqual(['Le registre des nuages est public. Ce registre est gratuit.']);
    });
  });

  describe('passages', () => {
    it('quotes at most three passages', () => {
      const words = ['public', 'gratuit', 'ouvert', 'annuel', 'bilingue'];
      const many = words.map((w, i) => retrieved(`p${i}`, `Le registre est ${w}.`, 5));
      expect(selectQuotes(many, queryOf(`registre ${words.join(' ')}`), fr)).toHaveLength(MAX_QUOTED_PASSAGES);
      expect(MAX_QUOTED_PASSAGES).toBe(3);
    });

    it('quotes the rule, whole, over an example that ranked first, rule first, though they share every query word', () => {
      const quotes = selectQuotes(
        [
          retrieved('exemple', 'Un organisme fictif respecte le principe du registre en publiant ses relevés.', 10, ['Principe du registre', 'Exemple']),
          retrieved('regle', 'Le principe du registre guide les organismes fictifs. Chaque nuage observé y est inscrit le jour même.', 9, ['Principe du registre']),
          retrieved('autre', 'Un organisme fictif respecte le principe du registre en archivant ses relevés.', 9, ['Principe du registre', 'Autre exemple']),
        ],
        queryOf('principe du registre organisme'),
        fr,
      );
      expect(sectionsOf(quotes)).toEqual(['regle', 'exemple']);
      // The rule whole: its operative sentence shares no word with the question.
      expect(quotes[0]!.excerpts).toEqual(['Le principe du registre guide les organismes fictifs. Chaque nuage observé y est inscrit le jour même.']);
    });

    it('does not quote a passage that scores far below the best one', () => {
      const quotes = selectQuotes(
        [retrieved('fort', 'Le registre est public.', 10), retrieved('faible', 'Le registre existe.', 1)],
        queryOf('registre public'),
        fr,
      );
      expect(sectionsOf(quotes)).toEqual(['fort']);
    });

    it('drops a passage just under the relative cut even when it holds a key term of its own', () => {
      const best = 10;
      const quotes = selectQuotes(
        [
          retrieved('fort', 'Le registre des nuages est public.', best),
          retrieved('sous-le-seuil', 'Les relevés de grêle sont gratuits.', best * MIN_RELATIVE_PASSAGE_SCORE - 0.01),
        ],
        weighted({ registre: 4, nuages: 4, grêle: 4, gratuits: 4 }),
        fr,
      );
      expect(sectionsOf(quotes)).toEqual(['fort']);
    });

    it('drops a close passage that matches only a minor term of the question (no off-topic third quote)', () => {
      const quotes = selectQuotes(
        [
          retrieved('registre', 'Le registre des nuages est public.', 10),
          retrieved('grele', 'Les relevés de grêle sont conservés dans le registre.', 9),
          retrieved('hors-sujet', 'Chaque organisme fictif nomme un responsable des parapluies.', 8),
        ],
        weighted({ registre: 4, nuages: 4, grêle: 3, organisme: 1 }),
        fr,
      );
      expect(sectionsOf(quotes)).toEqual(['registre', 'grele']);
    });

    it('does not quote a passage that only repeats the query terms of a better one', () => {
      const quotes = selectQuotes(
        [
          retrieved('premier', 'Le registre des nuages est public.', 10),
          retrieved('redite', 'Le registre des nuages reste public.', 9.9),
        ],
        queryOf('registre nuages public'),
        fr,
      );
      expect(sectionsOf(quotes)).toEqual(['premier']);
    });

    it('quotes nothing when nothing was retrieved', () => {
      expect(selectQuotes([], queryOf('registre'), fr)).toEqual([]);
    });
  });
});
