import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES } from '../../../src/bot/render/answer.js';
import { helpMessage, sourcesMessage, welcomeMessage } from '../../../src/bot/render/messages.js';
import { CHARTER, manyDocuments } from '../../helpers/answers.js';

describe('sourcesMessage', () => {
  it('lists each indexed document with its version and date', () => {
    const { text } = sourcesMessage('fr', [CHARTER]);
    expect(text).toContain(`[${CHARTER.title}](${CHARTER.url}) — version 2031 du 14 mars 2031`);
    expect(text).not.toMatch(/autres? documents?/);
  });

  it('lists at most twenty documents, counts the others, and stays under 80 KB with 400 documents', () => {
    const documents = manyDocuments(400);
    for (const language of ['fr', 'en'] as const) {
      const activity = sourcesMessage(language, documents);
      expect(Buffer.byteLength(JSON.stringify(activity))).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
      expect(activity.text).toContain(documents[19]!.title);
      expect(activity.text).not.toContain(documents[20]!.title);
      expect(activity.text).toContain(language === 'fr' ? 'et 380 autres documents' : 'and 380 more documents');
    }
  });

  it('lists fewer documents when twenty would not fit in one message', () => {
    // Long non-ASCII URLs (three UTF-8 bytes per character) make twenty lines larger than one message.
    const documents = manyDocuments(25).map((d) => ({ ...d, url: `${d.url}#${'é'.repeat(1_900)}` }));
    const activity = sourcesMessage('fr', documents);
    expect(Buffer.byteLength(JSON.stringify(activity))).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    const shown = documents.filter((d) => activity.text!.includes(d.title)).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(20);
    expect(activity.text).toContain(`et ${25 - shown} autres documents`);
  });

  it('says no document is indexed yet when there is none', () => {
    expect(sourcesMessage('en', []).text).toContain('No document is indexed yet');
  });

  it('tells an admin, on an empty base, every way to add a document: Teams file, /publier URL, /source, ingest, sync', () => {
    const { text } = sourcesMessage('fr', [], true);
    for (const way of ['m’envoie le fichier en conversation personnelle', '`/publier URL`', '`/source IDENTIFIANT URL`', '`npm run -s balises -- ingest DOSSIER_OU_FICHIER`', '`npm run -s balises -- sync`']) {
      expect(text).toContain(way);
    }
    expect(sourcesMessage('en', [], true).text).toContain('`/publish URL`');
  });

  it('gives an English admin the ingest command with an English placeholder', () => {
    const { text } = sourcesMessage('en', [], true);
    expect(text).toContain('`npm run -s balises -- ingest FOLDER_OR_FILE`');
    expect(text).not.toContain('DOSSIER_OU_FICHIER');
  });

  it('welcomes anyone else on an empty base saying an admin can send the document in a personal chat, without server commands', () => {
    const audience = { declarations: true, admin: false, operator: false, personal: true };
    const { text } = welcomeMessage('fr', audience, false);
    expect(text).toContain('Aucun document n’est encore indexé');
    expect(text).toContain('Un de ses administrateurs peut m’envoyer un document ici, dans une conversation personnelle avec moi.');
    expect(text).not.toContain('npm run');
  });
});

describe('welcomeMessage in English', () => {
  const person = { declarations: true, admin: false, operator: false, personal: true };

  it('opens with a line in French saying French works, before the English text, in a personal chat and a channel', () => {
    // Found in the Playground (every activity `en-US`): the welcome was English only, its buttons too, and nothing said
    // that a French-speaking employee could write in French.
    const personal = String(welcomeMessage('en', person, true).text);
    expect(personal).toMatch(/^Bonjour! Vous pouvez m’écrire en français\u00a0: je réponds dans la langue de la question\. Tapez `aide` pour savoir comment m’utiliser\.\n\nHello! I am \*\*Balises\*\*/);
    const channel = String(welcomeMessage('en', { ...person, personal: false }, true).text);
    expect(channel).toMatch(/^Bonjour! Vous pouvez m’écrire en français\u00a0: je réponds dans la langue de la question\. Mentionnez-moi \(@Balises\) avec `aide`/);
    expect(channel).not.toContain('Tapez');
  });

  it('leaves the French welcome in French only', () => {
    const text = String(welcomeMessage('fr', person, true).text);
    expect(text).toMatch(/^Bonjour! Je suis \*\*Balises\*\*/);
    expect(text).not.toContain('Vous pouvez m’écrire en français');
  });
});

describe('welcomeMessage with generative answers', () => {
  it('never says in English that the answers are quotes when an AI writes them', () => {
    // Found in the Playground: the generative welcome's first line still said « by quoting the indexed documents ».
    const audience = { declarations: true, admin: false, operator: false, personal: true };
    const en = String(welcomeMessage('en', audience, true, true).text);
    expect(en).toContain('then an AI writes a short answer');
    expect(en).not.toMatch(/by quoting/);
  });
});

describe('helpMessage', () => {
  const person = { declarations: true, admin: false, operator: false, personal: true };

  it('says that an AI writes the answers when a model is configured, as the welcome does, not that it quotes', () => {
    // Found in the Playground: with generative answers on, the welcome said an AI writes the answer, `aide` still said
    // « Je réponds en citant les documents ».
    const fr = String(helpMessage('fr', person, [], true).text);
    expect(fr).toContain('Une IA rédige une réponse courte à partir des seuls passages trouvés');
    expect(fr).not.toContain('Je réponds en citant');
    const en = String(helpMessage('en', person, [], true).text);
    expect(en).toContain('An AI writes a short answer from the passages found');
    expect(en).not.toContain('I answer by quoting');
    expect(String(helpMessage('fr', person).text)).toContain('Je réponds en citant les documents officiels indexés');
  });

  it('tells a project lead coming back to the help that /déclarer also resumes the draft left halfway', () => {
    // Found in the Playground: a person who left a declaration at step 2 and typed « aide » read only « déclarer un
    // cas d’utilisation », nothing saying the same command takes them back to their draft.
    expect(String(helpMessage('fr', person).text)).toContain('`/déclarer`\u00a0: déclarer un cas d’utilisation de l’IA à l’inventaire, ou reprendre votre brouillon');
    expect(String(helpMessage('en', person).text)).toContain('`/declare`: declare an AI use case to the inventory, or resume your draft');
  });

  it('tells a governance admin that a file sent here is proposed as a document, and never that files are not read', () => {
    for (const language of ['fr', 'en'] as const) {
      const text = String(helpMessage(language, { ...person, admin: true, operator: true }).text);
      expect(text).toMatch(language === 'fr' ? /un fichier envoyé ici ou `\/publier URL`/ : /a file sent here or `\/publish URL`/);
      expect(text).not.toMatch(/Je ne lis pas les fichiers joints|I do not read attached files/);
    }
  });

  it('tells a governance admin reading the help in a group chat or channel that files and /publier go to the personal chat, not « here »', () => {
    // QA: the help shown in a group chat said « un fichier envoyé ici », where files are not taken.
    const shared = { ...person, admin: true, operator: true, personal: false };
    expect(String(helpMessage('fr', shared).text)).toContain('un fichier ou `/publier URL`, dans une conversation personnelle avec moi\u00a0: proposer un document');
    expect(String(helpMessage('en', shared).text)).toContain('a file or `/publish URL`, in a personal chat with me: propose a document');
    expect(String(helpMessage('fr', shared).text)).not.toContain('envoyé ici');
  });

  it('tells everyone, in a personal chat or a channel, where to find the passage search of the compose box, by the title Teams shows', () => {
    // The message extension was in the manifest and the README, never in `aide`: a person had no way to learn of it.
    const manifest = JSON.parse(readFileSync(new URL('../../../appPackage/manifest.json', import.meta.url), 'utf8'));
    const english = JSON.parse(readFileSync(new URL('../../../appPackage/en-us.json', import.meta.url), 'utf8'));
    const titles = { fr: manifest.composeExtensions[0].commands[0].title, en: english['composeExtensions[0].commands[0].title'] };
    for (const audience of [person, { ...person, personal: false }, { ...person, admin: true, operator: true }]) {
      const fr = String(helpMessage('fr', audience).text);
      expect(fr).toContain(`zone de rédaction, ouvrez les applications (+ ou …), puis Balises › «\u00a0${titles.fr}\u00a0»`);
      expect(fr).toContain('pour l’insérer, cité, dans votre message');
      const en = String(helpMessage('en', audience).text);
      expect(en).toContain(`in the compose box, open the apps (+ or …), then Balises › "${titles.en}"`);
    }
  });

  it('tells everyone else that attached files are not read', () => {
    expect(String(helpMessage('fr', person).text)).toContain('Je ne lis pas les fichiers joints');
    expect(String(helpMessage('en', person).text)).toContain('I do not read attached files');
  });

  it('gives as French example a question on a section of the indexed documents, a numbered one first', () => {
    const charter = {
      docId: 'charte-nuages',
      title: 'Charte fictive des nuages',
      versionLabel: 'v1',
      publishedOn: null,
      url: null,
      sections: ['Préambule', '1. Principe de la prudence', '2. Principe de la sobriété', '3. Principe de la clarté', 'Annexe'],
    };
    expect(String(helpMessage('fr', person, [charter]).text)).toContain('Par exemple\u00a0: «\u00a0Que dit la section “2. Principe de la sobriété”?\u00a0»');
    expect(String(helpMessage('en', person, [charter]).text)).toContain('For example: "Do we have to tell citizens they are talking to an AI?"');
    expect(String(helpMessage('fr', person).text)).toContain('Par exemple\u00a0: «\u00a0Doit-on dire aux citoyens qu’ils parlent à une IA?\u00a0»');
    const unnumbered = { ...charter, sections: ['Préambule', 'Qui observe les nuages', 'Relevés des orages', 'Signalements des grêles'] };
    expect(String(helpMessage('fr', person, [unnumbered, charter]).text)).toContain('Par exemple\u00a0: «\u00a0Que dit la section “2. Principe de la sobriété”?\u00a0»');
    expect(String(helpMessage('fr', person, [unnumbered]).text)).toContain('Par exemple\u00a0: «\u00a0Que dit la section “Relevés des orages”?\u00a0»');
  });

  it('quotes the section title of the French example with “ ” inside « », never « » inside « »', () => {
    const charter = { docId: 'charte-nuages', title: 'Charte fictive des nuages', versionLabel: 'v1', publishedOn: null, url: null, sections: ['Relevés des orages'] };
    const text = String(helpMessage('fr', person, [charter]).text);
    expect(text).toContain('«\u00a0Que dit la section “Relevés des orages”?\u00a0»');
    expect(text).not.toMatch(/«[^»]*«/);
  });
});
