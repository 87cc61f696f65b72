import { describe, expect, it } from 'vitest';
import { extractMarkdown } from '../../../src/knowledge/extract/markdown.js';
import type { SourceLine } from '../../../src/knowledge/types.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The non-empty lines a Markdown file renders to (paragraph separators have their own test). */
async function lines(markdown: string): Promise<SourceLine[]> {
  const doc = await extractMarkdown(encode(markdown), 'guide.md');
  return (doc.pages[0]?.lines ?? []).filter((line) => line.text !== '');
}

async function texts(markdown: string): Promise<string[]> {
  return (await lines(markdown)).map((line) => line.text);
}

describe('extractMarkdown', () => {
  describe('headings', () => {
    it('turns ATX and setext headings into heading lines of their level, without their markers', async () => {
      expect(await lines('# Politique\n## Portée ##\n###### Détail\n\nAnnexe\n------')).toEqual([
        { text: 'Politique', headingLevel: 1 },
        { text: 'Portée', headingLevel: 2 },
        { text: 'Détail', headingLevel: 6 },
        { text: 'Annexe', headingLevel: 2 },
      ]);
    });

    it('makes a bold paragraph standing alone a minor heading one level below the last heading', async () => {
      const markdown = '## Principes fictifs\n\n**Sobriété des nuages**\n\nLes nuages fictifs sont comptés une fois.\n\n**Vous débutez ?**\n\nLisez le guide fictif.';
      expect(await lines(markdown)).toEqual([
        { text: 'Principes fictifs', headingLevel: 2 },
        { text: 'Sobriété des nuages', headingLevel: 3 },
        { text: 'Les nuages fictifs sont comptés une fois.' },
        { text: 'Vous débutez ?', headingLevel: 3 },
        { text: 'Lisez le guide fictif.' },
      ]);
    });

    it('keeps a bold date line under the title as body text, not a heading over the opening text', async () => {
      const markdown = [
        '# Politique fictive des nuages',
        '**Mis à jour le 12 mars 2031**',
        'Le registre fictif recense les nuages.',
        '## 1. Objet',
        '**Dernière mise à jour : 2031-03-12**',
        '**Last updated: March 12, 2031**',
        '**Mise à jour des nuages**',
        'Les nuages fictifs sont comptés chaque matin.',
      ].join('\n\n');
      expect(await lines(markdown)).toEqual([
        { text: 'Politique fictive des nuages', headingLevel: 1 },
        { text: 'Mis à jour le 12 mars 2031' },
        { text: 'Le registre fictif recense les nuages.' },
        { text: '1. Objet', headingLevel: 2 },
        { text: 'Dernière mise à jour : 2031-03-12' },
        { text: 'Last updated: March 12, 2031' },
        { text: 'Mise à jour des nuages', headingLevel: 3 },
        { text: 'Les nuages fictifs sont comptés chaque matin.' },
      ]);
    });

    it('keeps a bold sentence, and bold text followed by more text, as body text', async () => {
      expect(await lines('**Ne partagez jamais ce code fictif.**\n\n**Le registre fictif** contient les nuages :')).toEqual([
        { text: 'Ne partagez jamais ce code fictif.' },
        { text: 'Le registre fictif contient les nuages :' },
      ]);
    });
  });

  describe('markup', () => {
    it('drops the YAML front matter', async () => {
      expect(await texts('---\nicon: nuage\ndescription: Guide fictif\n---\n\n# Guide fictif\n\nTexte.')).toEqual(['Guide fictif', 'Texte.']);
    });

    it('drops the TOML front matter of a Hugo page, which would otherwise be quoted as text', async () => {
      expect(await texts('+++\ntitle = "Guide fictif"\nauteur = "Équipe fictive"\n+++\n\n# Guide fictif\n\nTexte.')).toEqual(['Guide fictif', 'Texte.']);
    });

    it('takes the title from the front matter (YAML or TOML, quoted or not), not from a block value', async () => {
      const titleOf = async (md: string) => (await extractMarkdown(new TextEncoder().encode(md), 'page.md')).title;
      expect(await titleOf('---\nid: avis\ntitle: "Avis fictif"\nlabel: |\n  Autre\n---\n\nTexte.')).toBe('Avis fictif');
      expect(await titleOf('+++\ntitle = \'Guide des nuages\'\n+++\n\nTexte.')).toBe('Guide des nuages');
      expect(await titleOf('---\ntitle: |\n  Plusieurs lignes\n---\n\nTexte.')).toBeUndefined();
      expect(await titleOf('Texte.\n\n---\ntitle: Pas une entête\n---\n')).toBeUndefined();
    });

    it('reads a front matter title as the generator does: quotes’ escapes, a doubled apostrophe, a comment; no list', async () => {
      const titleOf = async (md: string) => (await extractMarkdown(new TextEncoder().encode(md), 'page.md')).title;
      expect(await titleOf("---\ntitle: 'Guide : l''IA fictive'\n---\n\nTexte.")).toBe("Guide : l'IA fictive");
      expect(await titleOf('---\ntitle: "Le \\"nuage\\" d\\u2019été"\n---\n\nTexte.')).toBe('Le "nuage" d’été');
      expect(await titleOf('---\ntitle: Avis fictif # brouillon\n---\n\nTexte.')).toBe('Avis fictif');
      expect(await titleOf('+++\ntitle = "Guide \\"fictif\\"" # à revoir\n+++\n\nTexte.')).toBe('Guide "fictif"');
      expect(await titleOf('---\ntitle: [Avis, Guide]\n---\n\nTexte.')).toBeUndefined();
    });

    it('drops a container naming the site’s navigation and a leaf directive, keeping a directive’s label', async () => {
      const md = [
        '# Parapluie fictif',
        '',
        ':::site-tab-navigation',
        '',
        '- [Présentation](../index.md)',
        '- [Démo](../demo/index.md)',
        '',
        ':::',
        '',
        'Le parapluie fictif s’ouvre.',
        '',
        '::conditions-fictives',
        '',
        '::video-fictive[Ouverture du parapluie]{#p1}',
        '',
        ':::tip Astuce',
        'Il se ferme aussi.',
        ':::',
      ].join('\n');
      expect(await texts(md)).toEqual(['Parapluie fictif', 'Le parapluie fictif s’ouvre.', 'Ouverture du parapluie', 'Astuce', 'Il se ferme aussi.']);
    });

    it('drops emphasis markers and link syntax, keeping the link text', async () => {
      expect(await texts('La **charte** _fictive_ est sur [le site des nuages](https://nuages.example/charte "titre") ~~jadis~~.')).toEqual([
        'La charte fictive est sur le site des nuages jadis.',
      ]);
    });

    it('keeps only the text of a link whose address a browser would refuse (javascript:, vbscript:, file:, data:)', async () => {
      const markdown = [
        'Consultez [le registre fictif](javascript:alert(1)) avant de décider.',
        '',
        'Voir [la note](vbscript:msgbox) et [le fichier](file:///etc/nuages) ou [la page](data:text/html;base64,PHA+).',
        '',
        'Le sceau ![sceau](data:image/png;base64,AAAA) reste une image.',
      ].join('\n');
      expect(await texts(markdown)).toEqual([
        'Consultez le registre fictif avant de décider.',
        'Voir la note et le fichier ou la page.',
        'Le sceau reste une image.',
      ]);
    });

    it('drops images, keeps a figure caption and decodes HTML entities and escapes', async () => {
      const markdown = [
        'Avant ![Capture d’écran](capture.png) après.&#x20;',
        '',
        '<figure><img src="a.png" alt="Capture d&#x27;écran"><figcaption>Le tableau de bord fictif</figcaption></figure>',
        '',
        'Note \\[1] \\& suite d&#x27;un texte.',
      ].join('\n');
      expect(await texts(markdown)).toEqual(['Avant après.', 'Le tableau de bord fictif', "Note [1] & suite d'un texte."]);
    });

    it('turns inline HTML into text: <br> continues the paragraph on a new line, <mark> keeps its text', async () => {
      expect(await texts('Première ligne<br>seconde <mark>ligne</mark>.')).toEqual(['Première ligne', 'seconde ligne.']);
    });

    it('keeps the summary and the content of a <details> block as text', async () => {
      expect(await texts('<details>\n<summary>Pourquoi des nuages ?</summary>\n\nParce qu’ils sont fictifs.\n\n</details>')).toEqual([
        'Pourquoi des nuages ?',
        'Parce qu’ils sont fictifs.',
      ]);
    });

    it('drops a checklist’s boxes, keeping each item’s text, and leaves brackets elsewhere alone', async () => {
      const markdown = '- [ ] Évaluer le nuage fictif\n- [x] Inscrire le nuage au registre\n\n1. [X] Archiver le relevé\n\n- [ ]\n\n[ ] Case hors liste.';
      expect(await texts(markdown)).toEqual(['- Évaluer le nuage fictif', '- Inscrire le nuage au registre', '1. Archiver le relevé', '- [ ]', '[ ] Case hors liste.']);
    });

    it('makes each list item a line of its own, numbered items keeping their number', async () => {
      expect(await texts('* premier point\n* **second** point\n\n3. troisième étape\n4. quatrième étape')).toEqual([
        '- premier point',
        '- second point',
        '3. troisième étape',
        '4. quatrième étape',
      ]);
    });

    it('renders a table as one line per row, each value after its column header, HTML inside cells made text', async () => {
      const markdown = [
        '| **Rôle** | Exemple | Saison |',
        '| --- | --- | --- |',
        '| <p><strong>Observateur</strong> : compte<br>les nuages</p> | Un cumulus fictif | printemps |',
        '| **Météorologue** | Une pluie fictive. | |',
      ].join('\n');
      expect(await lines(markdown)).toEqual([
        { text: 'Observateur : compte les nuages ; Exemple : Un cumulus fictif ; Saison : printemps.', tableRow: true },
        { text: 'Météorologue ; Exemple : Une pluie fictive.', tableRow: true },
      ]);
    });

    it('reads an HTML table written inside the Markdown the same way, row by row', async () => {
      const markdown = [
        'Le calendrier fictif :',
        '',
        '<table><thead><tr><th>Étape</th><th>Date</th></tr></thead>',
        '<tbody><tr><td>Inscription</td><td>mars 2031</td></tr><tr><td>Bilan</td><td>juin 2031</td></tr></tbody></table>',
      ].join('\n');
      expect(await lines(markdown)).toEqual([
        { text: 'Le calendrier fictif :' },
        { text: 'Inscription ; Date : mars 2031.', tableRow: true },
        { text: 'Bilan ; Date : juin 2031.', tableRow: true },
      ]);
    });

    it('keeps the lines of a code block as written, tags included', async () => {
      expect(await texts('```\n{% hint %}\n**gras**\n```')).toEqual(['{% hint %}', '**gras**']);
    });

    it('keeps a tag quoted in inline code as text', async () => {
      expect(await texts('Le bloc `{% hint %}` encadre une note.')).toEqual(['Le bloc {% hint %} encadre une note.']);
    });
  });

  describe('publishing-tool directives', () => {
    it('removes GitBook tags and keeps the text between them as body text', async () => {
      const markdown = '{% hint style="warning" %}\nCe guide fictif est réservé aux observateurs.\n{% endhint %}\n\nVoir {% embed url="https://nuages.example" %} la suite.';
      expect(await lines(markdown)).toEqual([{ text: 'Ce guide fictif est réservé aux observateurs.' }, { text: 'Voir la suite.' }]);
    });

    it('makes a GitBook tab title a minor heading over the tab’s text', async () => {
      const markdown = '## Installation\n\n{% tabs %}\n{% tab title="Poste fictif" %}\nInstallez le nuage.\n{% endtab %}\n{% endtabs %}';
      expect(await lines(markdown)).toEqual([
        { text: 'Installation', headingLevel: 2 },
        { text: 'Poste fictif', headingLevel: 3 },
        { text: 'Installez le nuage.' },
      ]);
    });

    it('removes ::: container fences: the type is not text, a custom title is body text, not a heading', async () => {
      const markdown = '## Usage\n\n:::tip Bon à savoir\nLes nuages fictifs se comptent le matin.\n:::\n\n::: warning\nNe comptez pas la nuit.\n:::';
      expect(await lines(markdown)).toEqual([
        { text: 'Usage', headingLevel: 2 },
        { text: 'Bon à savoir' },
        { text: 'Les nuages fictifs se comptent le matin.' },
        { text: 'Ne comptez pas la nuit.' },
      ]);
    });

    it('reads footnotes as a rendered page shows them: calls as bracketed numbers, each note its own paragraph', async () => {
      const markdown = [
        'Les nuages fictifs servent les usagers[^a]. Chaque nuage a un nom[^1], écrit `[^1]` en code.',
        '',
        '[^1]: Un nom court.',
        '[^a]: Selon le registre fictif',
        '    des nuages.',
        '',
        'Un renvoi sans note[^x] reste du texte.',
      ].join('\n');
      expect(await texts(markdown)).toEqual([
        'Les nuages fictifs servent les usagers[1]. Chaque nuage a un nom[2], écrit [^1] en code.',
        '[2] Un nom court.',
        '[1] Selon le registre fictif des nuages.',
        'Un renvoi sans note[^x] reste du texte.',
      ]);
    });

    it('removes a GitHub alert marker from its quotation', async () => {
      expect(await texts('> [!WARNING]\n> Les nuages fictifs sont fragiles.')).toEqual(['Les nuages fictifs sont fragiles.']);
    });
  });

  it('separates paragraphs with an empty line and returns one page without a page number', async () => {
    expect(await extractMarkdown(encode('Un.\n\nDeux.'), 'p.md')).toEqual({
      format: 'markdown',
      pages: [{ pageNumber: null, lines: [{ text: 'Un.' }, { text: '' }, { text: 'Deux.' }] }],
    });
  });

  describe('errors', () => {
    it('rejects lists nested beyond what the parser reads, instead of dropping them and the text after them', async () => {
      const nested = (depth: number): string => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- Niveau fictif ${i}`).join('\n');
      const guide = (depth: number): string => `# Guide fictif\n\n${nested(depth)}\n\nLa règle fictive qui suit la liste.\n`;
      expect((await texts(guide(49))).at(-1)).toBe('La règle fictive qui suit la liste.');
      await expect(extractMarkdown(encode(guide(50)), 'profond.md')).rejects.toMatchObject({ file: 'profond.md', reason: expect.stringContaining('nested too deeply') });
      await expect(extractMarkdown(encode(`${'> '.repeat(100)}Citation fictive.\n\nSuite.\n`), 'profond.md')).rejects.toMatchObject({
        reason: expect.stringContaining('nested too deeply'),
      });
    });

    it('rejects a file with only blank lines', async () => {
      await expect(extractMarkdown(encode('\n  \n'), 'vide.md')).rejects.toMatchObject({ file: 'vide.md', reason: expect.stringContaining('no text') });
    });

    it('rejects a file with only front matter', async () => {
      await expect(extractMarkdown(encode('---\ntitle: Rien\n---\n'), 'vide.md')).rejects.toMatchObject({ reason: expect.stringContaining('no text') });
    });
  });
});

describe('extractMarkdown on a Pandoc Markdown file', () => {
  it('reads headings without their attributes and anchors', async () => {
    expect(await lines('## []{#nuage}2.1. Qu’est-ce qu’un nuage fictif ? {#quest-ce-quun-nuage .title}\n\nTexte.')).toEqual([
      { text: '2.1. Qu’est-ce qu’un nuage fictif ?', headingLevel: 2 },
      { text: 'Texte.' },
    ]);
  });

  it('reads bracketed spans as their text and drops the attributes of code and links', async () => {
    const markdown = [
      'Il y a [les nuages **blancs**]{.emphasis} et [les nuages gris]{.emphasis}.',
      'La commande `nuage-compter`{.literal}[]{#idm12\n.indexterm} lit [[nuage]{.refentrytitle}(5)]{.citerefentry}, voir [le registre](#registre){.xref}.',
    ].join('\n\n');
    expect(await texts(markdown)).toEqual([
      'Il y a les nuages blancs et les nuages gris.',
      'La commande nuage-compter lit nuage(5), voir le registre.',
    ]);
  });

  it('keeps braces that hold no attributes', async () => {
    expect(await texts('Le gabarit ${NUAGE} vaut {} ou [x]{=html} dans {la note}.')).toEqual(['Le gabarit ${NUAGE} vaut {} ou [x]{=html} dans {la note}.']);
  });
});
