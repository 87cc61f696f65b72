import { describe, expect, it } from 'vitest';
import { extractHtmlString } from '../../src/knowledge/extract/html.js';
import { extractMarkdown } from '../../src/knowledge/extract/markdown.js';
import { buildPassages, rebuiltUnder } from '../../src/knowledge/pipeline.js';
import { splitSentences } from '../../src/knowledge/sentences.js';
import type { ExtractedDocument } from '../../src/knowledge/types.js';

const HEADER = 'Partie 9 BULLETIN FICTIF DES NUAGES, 12 mars 2031, 3e année, no 7';
const FOOTER = '© Agence québécoise des nuages (fictive), 2031';

/** A fictional Gazette-like extraction: running header with page numbers, footer, glued footnote, line-break
 *  hyphenation, numbered principles glued to their text, principle 3 whose number the extraction replaced by the
 *  page number, a format heading for each illustration, and the minister's signature. */
const LINES = [
  `${HEADER} 701`,
  '',
  '## CHARTE FICTIVE DE L’AGENCE QUÉBÉCOISE DES NUAGES',
  '',
  `INTRODUCTION La Charte fictive de l’Agence québécoise des nuages encadre l’obser- vation des nuages par les organismes fictifs. ${FOOTER}`,
  '',
  `${HEADER} 702 1 Principe de la clarté Chaque nuage observé est décrit dans un registre public5. L’observation des nuages est annuelle.`,
  '',
  '5. Registre fictif des nuages, édition 2031.',
  '',
  `${HEADER} 703 2 Principe de la sobriété Les instruments de mesure consomment peu d’énergie. ${FOOTER}`,
  '',
  '## ILLUSTRATION DU PRINCIPE',
  '',
  'Un organisme fictif compare la consommation de ses anémomètres avant d’en acheter.',
  '',
  `${HEADER} 704 Principe de la douceur Les nuages fictifs sont manipulés avec douceur et sans bruit. ${FOOTER}`,
  '',
  '## ILLUSTRATION DU PRINCIPE',
  '',
  'Un organisme fictif forme ses observateurs au toucher délicat des cumulus.',
  '',
  `${HEADER} 705 4 Principe de la blancheur Les nuages fictifs sont lavés chaque saison. ${FOOTER}`,
  '',
  'Nuageville, le 12 mars 2031 La ministre des Nuages fictifs, Jeanne Cumulus',
];

function extracted(): ExtractedDocument {
  return {
    format: 'markdown',
    pages: [
      {
        pageNumber: null,
        lines: LINES.map((line) => (line.startsWith('## ') ? { text: line.slice(3), headingLevel: 2 } : { text: line })),
      },
    ],
  };
}

describe('buildPassages', () => {
  const built = buildPassages(extracted(), { docId: 'charte-nuages', versionLabel: '2031-03-12', title: 'Charte fictive de l’Agence québécoise des nuages' });
  const allText = built.passages.map((p) => p.text).join('\n');
  const passageOf = (sectionId: string) => built.passages.find((p) => p.section.id === sectionId);

  it('finds the numbered principles, restoring the number the extraction lost', () => {
    const ids = built.sections.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(['principe-1', 'principe-2', 'principe-3', 'principe-4']));
    expect(built.sections.find((s) => s.id === 'principe-3')!.path).toEqual(['3. Principe de la douceur']);
  });

  it('makes each illustration a subsection of its principle', () => {
    expect(passageOf('principe-2/illustration')?.text).toBe(
      'Un organisme fictif compare la consommation de ses anémomètres avant d’en acheter.',
    );
    expect(passageOf('principe-3/illustration')?.text).toBe('Un organisme fictif forme ses observateurs au toucher délicat des cumulus.');
  });

  it('leaves no running header, page number or footer in the passages', () => {
    expect(allText).not.toContain('BULLETIN FICTIF');
    expect(allText).not.toContain('©');
    expect(allText).not.toMatch(/\b70\d\b/);
  });

  it('never builds a passage from the signature block', () => {
    expect(allText).not.toContain('Jeanne Cumulus');
    expect(allText).not.toContain('Nuageville');
    expect(passageOf('principe-4')?.text).toBe('Les nuages fictifs sont lavés chaque saison.');
  });

  it('drops the footnote and the reference digit glued to the word', () => {
    expect(allText).not.toContain('Registre fictif des nuages, édition 2031');
    expect(passageOf('principe-1')?.text).toBe(
      'Chaque nuage observé est décrit dans un registre public. L’observation des nuages est annuelle.',
    );
  });

  it('rejoins a word hyphenated across a line break when the document uses the joined form', () => {
    expect(passageOf('introduction')?.text).toContain('encadre l’observation des nuages');
  });

  it('gives each passage the page printed in the running header', () => {
    expect(passageOf('principe-1')?.pages).toEqual({ from: 702, to: 702 });
    expect(passageOf('principe-3')?.pages).toEqual({ from: 704, to: 704 });
  });

  it('is deterministic: the same extraction gives the same passages and ids', () => {
    const again = buildPassages(extracted(), { docId: 'charte-nuages', versionLabel: '2031-03-12', title: 'Charte fictive de l’Agence québécoise des nuages' });
    expect(again).toEqual(built);
    expect(built.passages.every((p, i) => p.id === `charte-nuages@2031-03-12#${p.section.id}:${i}`)).toBe(true);
  });

  it('detects the title from the title heading when none is given', () => {
    expect(buildPassages(extracted(), { docId: 'charte-nuages', versionLabel: 'v1' }).title).toBe(
      'Charte fictive de l’Agence québécoise des nuages',
    );
  });
});

/** A fictional GitBook guide: front matter, a hint, a table of contents, bold minor headings, a table, an image. */
const GUIDE = `---
icon: nuage
---

# Guide fictif de l'observateur de nuages

{% hint style="warning" %}
Ce guide fictif s'adresse aux observateurs inscrits.&#x20;
{% endhint %}

* [Prise en main](#prise-en-main)
* [Principes](#principes)
* [Calendrier](#calendrier)

## Prise en main

Connectez-vous avec votre **code fictif** fourni par [votre référent](https://nuages.example/referent).

<figure><img src="capture.png" alt="Capture d&#x27;écran"><figcaption></figcaption></figure>

## Principes

**Sobriété**

Comptez chaque nuage une seule fois.

**Clarté**

Décrivez chaque nuage simplement.

## Calendrier

| Étape | Date | Lieu |
| --- | --- | --- |
| **Inscription** | mars 2031 | en ligne |
| **Bilan** | juin 2031 | Nuageville |
`;

describe('buildPassages on a Markdown guide', async () => {
  const doc = await extractMarkdown(new TextEncoder().encode(GUIDE), 'guide.md');
  const built = buildPassages(doc, { docId: 'guide-nuages', versionLabel: 'v1' });

  it('quotes text without Markdown, Liquid or HTML markup', () => {
    const allText = built.passages.map((p) => p.text).join('\n');
    expect(allText).not.toMatch(/\*\*|\{%|%\}|<\/?[a-z]|&#|\]\(|!\[/);
    expect(allText).toContain('Connectez-vous avec votre code fictif fourni par votre référent.');
    expect(allText).toContain("Ce guide fictif s'adresse aux observateurs inscrits.");
  });

  it('takes its sections from the heading hierarchy, bold lines as minor headings', () => {
    expect(built.sections.map((s) => s.path.join(' › '))).toEqual([
      'Préambule',
      'Prise en main',
      'Principes › Sobriété',
      'Principes › Clarté',
      'Calendrier',
    ]);
  });

  it('quotes a table row by row, each value after its column header, under the table’s heading', () => {
    const calendar = built.passages.filter((p) => p.section.path.at(-1) === 'Calendrier');
    expect(calendar.map((p) => p.text)).toEqual(['Inscription ; Date : mars 2031 ; Lieu : en ligne. Bilan ; Date : juin 2031 ; Lieu : Nuageville.']);
    expect(splitSentences(calendar[0]!.text)).toEqual(['Inscription ; Date : mars 2031 ; Lieu : en ligne.', 'Bilan ; Date : juin 2031 ; Lieu : Nuageville.']);
  });

  it('leaves the table of contents out of the passages', () => {
    expect(built.passages.some((p) => p.text.includes('Prise en main'))).toBe(false);
  });
});

describe('buildPassages on a Markdown guide with footnotes', async () => {
  const markdown = '# Guide fictif des nuages\n\n## Principes\n\nLes nuages fictifs servent les usagers[^1].\n\n[^1]: Selon le registre fictif.\n';
  const doc = await extractMarkdown(new TextEncoder().encode(markdown), 'guide.md');
  const built = buildPassages(doc, { docId: 'guide-nuages', versionLabel: 'v1' });

  it('quotes a note call as its number and the note under it, never the footnote syntax', () => {
    expect(built.passages.map((p) => p.text)).toEqual(['Les nuages fictifs servent les usagers[1]. [1] Selon le registre fictif.']);
  });
});

describe('buildPassages on a Markdown list whose items end on no punctuation', async () => {
  const markdown = [
    '# Guide fictif des nuages',
    '',
    '## Usages permis',
    '',
    'Voici quelques exemples :',
    '',
    '* **Relevé des cumulus** du registre public',
    '* **Aide à la réflexion** (remue-méninges)',
    '* **Transcription automatique** des bulletins fictifs.',
    '',
    'Ces usages restent sous supervision humaine.',
    '',
  ].join('\n');
  const doc = await extractMarkdown(new TextEncoder().encode(markdown), 'guide.md');
  const built = buildPassages(doc, { docId: 'guide-nuages', versionLabel: 'v1' });

  it('keeps each item a sentence of its own, never run into the next item or paragraph', () => {
    expect(built.passages).toHaveLength(1);
    expect(splitSentences(built.passages[0]!.text)).toEqual([
      'Voici quelques exemples : Relevé des cumulus du registre public',
      'Aide à la réflexion (remue-méninges)',
      'Transcription automatique des bulletins fictifs.',
      'Ces usages restent sous supervision humaine.',
    ]);
  });
});

/** A fictional statute as a dirty extraction leaves it: lone commas and full stops between words and as headings. */
const STATUTE = [
  '# Loi fictive sur les nuages',
  '',
  '## SECTION I',
  '',
  '## ,',
  '',
  '1. La présente loi s’applique aux nuages fictifs, selon le , cas.',
  '',
  '2. Nul ne peut vendre un nuage . fictif sans permis.',
  '',
  '## , .',
  '',
  '3. Le registre des nuages est public.',
  '',
  '4. Le registre est tenu par l’Agence.',
  '',
  '5. Le registre est gratuit.',
  '',
].join('\n');

describe('buildPassages on a statute with stray punctuation', async () => {
  const doc = await extractMarkdown(new TextEncoder().encode(STATUTE), 'loi-nuages.md');
  const built = buildPassages(doc, { docId: 'loi-nuages', versionLabel: 'v1' });
  const allText = built.passages.map((p) => p.text).join('\n');

  it('quotes no comma or full stop standing alone between words', () => {
    expect(allText).toContain('selon le cas.');
    expect(allText).toContain('Nul ne peut vendre un nuage fictif sans permis.');
    expect(allText).not.toMatch(/(?:^| )[,.](?: |$)/m);
  });

  it('still reads the articles, and cites them as before', () => {
    expect(built.passages.map((p) => p.section.path.at(-1))).toContain('Articles 1 à 5');
  });
});

describe('buildPassages on a guide holding one numbered list of steps', async () => {
  const markdown = [
    '# Guide fictif des nuages',
    '',
    '## Préparer le ciel',
    '',
    'Le ciel fictif se prépare avant toute chose.',
    '',
    '## Faire pleuvoir',
    '',
    'Pour faire pleuvoir, suivez ces étapes :',
    '',
    '1. Ouvrir le nuage principal.',
    '2. Vérifier la pression des gouttes.',
    '3. Choisir la couleur de la pluie.',
    '4. Déclencher la première averse.',
    '5. Mesurer la quantité tombée.',
    '6. Fermer le nuage.',
    '',
    '## Ranger les nuages',
    '',
    'Les nuages se rangent dans le hangar céleste.',
    '',
  ].join('\n');
  const doc = await extractMarkdown(new TextEncoder().encode(markdown), 'guide.md');
  const built = buildPassages(doc, { docId: 'guide-nuages', versionLabel: 'v1' });

  it('keeps its sections: its steps are no statute’s articles', () => {
    expect(built.sections.map((s) => s.path.join(' › '))).toEqual(['Préparer le ciel', 'Faire pleuvoir', 'Ranger les nuages']);
    expect(built.passages[1]!.text).toContain('1. Ouvrir le nuage principal.');
  });
});

describe('buildPassages on a site page whose title is in its front matter and its # heading is of two words', async () => {
  const markdown = [
    '---',
    'title: Avis fictif',
    'description: Une page fictive.',
    '---',
    '',
    '# Avis fictif',
    '',
    'Cet avis fictif s’applique au ciel.',
    '',
    '## Résultats des mesures',
    '',
    'Les nuages fictifs sont conformes.',
    '',
    '### Contenus non soumis à la règle des nuages',
    '',
    'Les brouillards fictifs ne sont pas mesurés.',
    '',
  ].join('\n');
  const doc = await extractMarkdown(new TextEncoder().encode(markdown), 'avis.md');
  const built = buildPassages(doc, { docId: 'avis', versionLabel: 'v1' });

  it('is titled as its site titles it, and each subsection keeps its place', () => {
    expect(built.title).toBe('Avis fictif');
    const brouillards = built.passages.find((p) => p.text.includes('brouillards'));
    expect(brouillards?.section.path).toEqual(['Résultats des mesures', 'Contenus non soumis à la règle des nuages']);
  });
});

describe('buildPassages on a Markdown file whose # heading is of two words, above a section of five', async () => {
  const markdown = ['# Charte fictive', '', '## Objet', '', 'La charte fictive encadre les nuages.', '', '## Principe de la douceur des nuages', '', 'Les nuages fictifs sont manipulés avec douceur.', ''].join('\n');
  const built = buildPassages(await extractMarkdown(new TextEncoder().encode(markdown), 'charte.md'), { docId: 'charte', versionLabel: 'v1' });

  it('is titled by its # heading, and cites each section’s text under that section, none under « Préambule »', () => {
    expect(built.title).toBe('Charte fictive');
    expect(built.passages.map((p) => [p.section.path, p.text])).toEqual([
      [['Objet'], 'La charte fictive encadre les nuages.'],
      [['Principe de la douceur des nuages'], 'Les nuages fictifs sont manipulés avec douceur.'],
    ]);
  });
});

describe('buildPassages on a Markdown file without a title, whose only heading follows its first paragraph', async () => {
  const markdown = ['Les nuages fictifs sont observés chaque matin.', '', '## Entretien des instruments fictifs de mesure', '', 'Les anémomètres fictifs sont vérifiés chaque été.', ''].join('\n');
  const built = buildPassages(await extractMarkdown(new TextEncoder().encode(markdown), 'nuages.md'), { docId: 'nuages', versionLabel: 'v1' });

  it('cites the text under that heading in its section, not under « Préambule », though the heading names the document', () => {
    expect(built.passages.map((p) => [p.section.path, p.text])).toEqual([
      [['Préambule'], 'Les nuages fictifs sont observés chaque matin.'],
      [['Entretien des instruments fictifs de mesure'], 'Les anémomètres fictifs sont vérifiés chaque été.'],
    ]);
  });
});

describe('buildPassages on a web page whose numbered list follows a word ending in a digit', () => {
  const html = [
    '<h1>Manuel fictif du nuage</h1>',
    '<p>Le nuage fictif lit les fichiers au format Cumulus1 et Strato2.</p>',
    '<p>Il cherche ses réglages ainsi :</p>',
    '<ol><li>Lire le dossier du ciel.</li><li>Lire la variable NUAGE_DIR.</li></ol>',
  ].join('');
  const built = buildPassages(extractHtmlString(html, 'manuel.html'), { docId: 'manuel-nuage', versionLabel: 'v1' });
  const text = built.passages.map((p) => p.text).join(' ');

  it('quotes the first step, which is no footnote, and the names as written', () => {
    expect(text).toContain('1. Lire le dossier du ciel.');
    expect(text).toContain('au format Cumulus1 et Strato2.');
  });

  it('keeps a numbered chapter heading, which is no footnote either', () => {
    const chapters = `${html}<h2>2. Nuages du soir</h2><p>Le nuage fictif du soir est rose.</p>`;
    const rebuilt = buildPassages(extractHtmlString(chapters, 'manuel.html'), { docId: 'manuel-nuage', versionLabel: 'v1' });
    expect(rebuilt.passages.at(-1)?.section.path).toEqual(['2. Nuages du soir']);
    expect(rebuilt.passages.map((p) => p.text).join(' ')).toContain('Cumulus1 et Strato2.');
  });
});

describe('buildPassages on a web page whose licence numbers its clauses from 0, chapters after names ending in a digit', () => {
  const html = [
    '<h1>Manuel fictif du nuage</h1>',
    '<h2>1. Réseau</h2>',
    '<p>Le port nuage0 relie le ciel principal et le port nuage1 sert les averses.</p>',
    '<h2>2. Annexe — Licence fictive</h2>',
    '<p>0. Cette licence fictive s’applique à tout nuage qui porte son avis.</p>',
    '<p>1. Vous pouvez copier le nuage fictif tel quel.</p>',
  ].join('');
  const built = buildPassages(extractHtmlString(html, 'manuel.html'), { docId: 'manuel-nuage', versionLabel: 'v1' });
  const text = built.passages.map((p) => p.text).join(' ');

  it('quotes the names as written', () => {
    expect(text).toContain('Le port nuage0 relie le ciel principal et le port nuage1 sert les averses.');
  });

  it('quotes the clauses numbered 0 and 1, which are no footnotes', () => {
    expect(text).toContain('0. Cette licence fictive s’applique');
    expect(text).toContain('1. Vous pouvez copier le nuage fictif tel quel.');
  });
});

describe('rebuiltUnder', () => {
  const titled = extractMarkdown(new TextEncoder().encode('# Règlement fictif des parapluies\n\n## Prêt\n\nLe parapluie fictif est prêté les jours de pluie.\n\n## Retour\n\nIl est rendu sec.\n'), 'parapluies.md');
  const untitled = extractMarkdown(new TextEncoder().encode('Le parapluie fictif est prêté les jours de pluie. Il est rendu sec.\n'), 'parapluies.md');

  it('gives what building again under another id and label gives', async () => {
    const from = { docId: 'document', versionLabel: 'probe' };
    const to = { docId: 'parapluies', versionLabel: '2031-04' };
    const doc = await titled;
    expect(rebuiltUnder(buildPassages(doc, from), from, to)).toEqual(buildPassages(doc, to));
    expect(rebuiltUnder(buildPassages(doc, { ...from, title: 'Titre donné' }), { ...from, title: 'Titre donné' }, { ...to, title: 'Titre donné' })).toEqual(
      buildPassages(doc, { ...to, title: 'Titre donné' }),
    );
  });

  it('builds again (null) when the title may have come from the id, or the given titles differ', async () => {
    const from = { docId: 'document', versionLabel: 'probe' };
    const doc = await untitled;
    expect(buildPassages(doc, from).title).toBe('document');
    expect(rebuiltUnder(buildPassages(doc, from), from, { docId: 'parapluies', versionLabel: 'v1' })).toBeNull();
    expect(rebuiltUnder(buildPassages(await titled, from), from, { docId: 'parapluies', versionLabel: 'v1', title: 'Autre' })).toBeNull();
  });
});
