import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DOCX_XML_BYTES } from '../../src/knowledge/extract/docx.js';
import { MAX_PDF_PAGES } from '../../src/knowledge/extract/pdf-limits.js';
import { start, type RunningBalises } from '../../src/server/main.js';
import { userMessage, type ConversationOptions, type TeamsUser } from '../helpers/card-activities.js';
import { CardConnector } from '../helpers/card-connector.js';
import type { Json } from '../helpers/card-walk.js';
import { FileServer } from '../helpers/file-server.js';
import { buildDocx, buildPdf } from '../knowledge/extract/fixtures.js';

const ADMIN: TeamsUser = { id: '29:admin-pb', name: 'Adèle Gouvernance', aadObjectId: '0000000f-0000-4000-8000-0000000000ad' };
const FILE_TYPE = 'application/vnd.microsoft.teams.file.download.info';
const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

/** A small DOCX whose markup inflates beyond the limit (a "ZIP bomb"). */
async function docxBomb(): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await buildDocx([{ heading: 1, text: 'Directive fictive' }]));
  const paragraph = '<w:p><w:r><w:t>Une ligne fictive répétée pour gonfler le fichier.</w:t></w:r></w:p>';
  const body = `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraph.repeat(Math.ceil((MAX_DOCX_XML_BYTES * 1.2) / paragraph.length))}</w:body></w:document>`;
  zip.file('word/document.xml', body);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

describe('an admin sending a document from Teams is told the specific problem, over HTTP', () => {
  let dataDir: string;
  let connector: CardConnector;
  let running: RunningBalises;
  const files = new FileServer();

  const as = (extra: Partial<ConversationOptions> = {}): ConversationOptions => ({ serviceUrl: connector.serviceUrl, from: ADMIN, conversationId: 'a:personal-admin-pb', ...extra });

  async function post(activity: Record<string, unknown>, options: ConversationOptions, count: number): Promise<Json[]> {
    const before = connector.messages(options.conversationId).length;
    const res = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(res.status).toBe(200);
    await connector.waitFor((c) => c.method === 'POST' && c.conversationId === options.conversationId && c.body.type === 'message', before + count, 15_000);
    return connector.messages(options.conversationId).slice(before).map((c) => c.body);
  }
  /** Sends files the way Teams does: download-info attachments pointing at download URLs of the file server. */
  const sendFiles = (names: string[], options: ConversationOptions, count: number) =>
    post(
      { ...userMessage('', options), attachments: names.map((name) => ({ contentType: FILE_TYPE, name, content: { downloadUrl: `${files.url}/${encodeURIComponent(name)}`, uniqueId: name } })) },
      options,
      count,
    );
  const say = (text: string, options: ConversationOptions) => post(userMessage(text, options), options, 1);

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'balises-doc-problems-'));
    await files.start();
    const octets = { 'content-type': 'application/octet-stream' };
    files.routes.set('/numerise.pdf', { headers: { 'content-type': 'application/pdf' }, body: Buffer.from(await buildPdf([[]])) });
    const policy = [{ text: 'Politique fictive des phares', y: 760, size: 18 }, { text: 'Les lanternes fictives restent allumées la nuit.', y: 720 }];
    files.routes.set('/milliers.pdf', { headers: { 'content-type': 'application/pdf' }, body: Buffer.from(await buildPdf([policy, ...Array.from({ length: MAX_PDF_PAGES }, () => [])])) });
    files.routes.set('/bombe.docx', { headers: octets, body: await docxBomb() });
    files.routes.set('/vide.pdf', { headers: { 'content-type': 'application/pdf' }, body: Buffer.alloc(0) });
    // An Office compound file, as Word saves a document protected by a password.
    files.routes.set('/protege.docx', { headers: octets, body: Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]) });
    const directive = Buffer.from(await buildDocx([{ heading: 1, text: 'Directive fictive des phares' }, { text: 'Les lanternes fictives restent allumées la nuit.' }]));
    files.routes.set('/a.docx', { headers: octets, body: directive });
    files.routes.set('/b.docx', { headers: octets, body: directive });
    connector = await new CardConnector().start();
    running = await start({
      BALISES_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      GOVERNANCE_ADMIN_IDS: ADMIN.aadObjectId!,
      RATE_LIMIT_BURST: '100',
      // The file server (standing in for Teams' file downloads) is on 127.0.0.1.
      DOWNLOADS_ALLOW_PRIVATE_ADDRESSES: 'true',
    });
  });
  afterAll(async () => {
    await running?.stop();
    await connector?.stop();
    await files.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a PDF without a text layer needs OCR, in French and English', async () => {
    const [, failed] = await sendFiles(['numerise.pdf'], as(), 2);
    expect(failed!.text).toBe(
      'Je n’ai pas pu lire ce document\u00a0: ce PDF ne contient que des images de pages, sans texte (un document numérisé) ; faites-le passer par la reconnaissance de caractères (OCR), puis envoyez le PDF obtenu. Rien n’a été modifié.',
    );
    const [, english] = await sendFiles(['numerise.pdf'], as({ locale: 'en-US' }), 2);
    expect(english!.text).toContain('this PDF holds only images of pages, no text (a scanned document); run it through text recognition (OCR)');
  });

  it('a PDF of thousands of empty pages is refused at once, naming the page limit', async () => {
    const sent = Date.now();
    const [, failed] = await sendFiles(['milliers.pdf'], as(), 2);
    expect(failed!.text).toBe(
      `Je n’ai pas pu lire ce document\u00a0: le PDF a plus de ${MAX_PDF_PAGES.toLocaleString('fr-CA')} pages, le plus que Balises lit (un document officiel en a quelques centaines) ; il est refusé pour protéger le serveur. Rien n’a été modifié.`,
    );
    // Reading its pages took seconds of a core (minutes at 20 000 pages); counting them is immediate.
    expect(Date.now() - sent).toBeLessThan(4_000);
    const [, english] = await sendFiles(['milliers.pdf'], as({ locale: 'en-US' }), 2);
    expect(english!.text).toContain('the PDF has more than 5,000 pages, the most Balises reads');
  }, 30_000);

  it('a DOCX that inflates beyond the limit is named as such', async () => {
    const [, failed] = await sendFiles(['bombe.docx'], as(), 2);
    expect(failed!.text).toContain('une fois décompressé, le fichier DOCX dépasse la taille permise (20 Mio de texte balisé, 200 Mio en tout');
  });

  it('a password-protected Word file is named as such, not « not an accepted format »', async () => {
    const [, failed] = await sendFiles(['protege.docx'], as(), 2);
    expect(failed!.text).toBe(
      'Je n’ai pas pu lire ce document\u00a0: ce fichier Word est protégé par un mot de passe, ou enregistré dans l’ancien format Word 97-2003 (.doc) ; retirez le mot de passe, ou enregistrez-le en format Document Word (.docx), puis envoyez-le de nouveau. Rien n’a été modifié.',
    );
    const [, english] = await sendFiles(['protege.docx'], as({ locale: 'en-US' }), 2);
    expect(english!.text).toContain('this Word file is password-protected, or saved in the old Word 97-2003 format (.doc)');
  });

  it('an empty file is called empty, not a wrong format', async () => {
    const [, failed] = await sendFiles(['vide.pdf'], as(), 2);
    expect(failed!.text).toBe('Je n’ai pas pu obtenir le document\u00a0: le fichier est vide (0 octet). Rien n’a été modifié.');
    const [, english] = await sendFiles(['vide.pdf'], as({ locale: 'en-US' }), 2);
    expect(english!.text).toBe('I could not get the document: the file is empty (0 bytes). Nothing was changed.');
  });

  it('two files in one message: the first is proposed, and the reply names the one to send again', async () => {
    const [notice, reading, preview] = await sendFiles(['a.docx', 'b.docx'], as(), 3);
    expect(notice!.text).toBe('Un seul fichier à la fois\u00a0: je prends «\u00a0a.docx\u00a0» ; envoyez «\u00a0b.docx\u00a0» dans un autre message.');
    expect(reading!.text).toContain('Je lis «\u00a0a.docx\u00a0»');
    expect(preview!.attachments[0].contentType).toBe(CARD_TYPE);
    expect(files.hits.get('/b.docx')).toBeUndefined();
  });

  it('an address whose site cannot be reached says to check the address, not only that the server has no network', async () => {
    // `.invalid` never resolves (RFC 2606), on a machine with network or without.
    const [, french] = await post(userMessage('/publier https://site-introuvable.invalid/directive.pdf', as()), as(), 2);
    expect(french!.text).toBe(
      'Je n’ai pas pu obtenir le document\u00a0: le serveur de Balises ne joint pas ce site (nom introuvable, ou pas d’accès au réseau) ; vérifiez l’adresse, puis réessayez plus tard. Rien n’a été modifié.',
    );
    const english = as({ conversationId: 'a:personal-admin-pb-en', locale: 'en-US' });
    const [, reply] = await post(userMessage('/publish https://site-introuvable.invalid/directive.pdf', english), english, 2);
    expect(reply!.text).toContain('cannot reach this site (name not found, or no network access); check the address, then try again later.');
    // A file sent in the chat: Teams gave the link, so there is no address for the admin to check.
    const file = { contentType: FILE_TYPE, name: 'directive.pdf', content: { downloadUrl: 'https://site-introuvable.invalid/directive.pdf', uniqueId: 'directive' } };
    const [, fromFile] = await post({ ...userMessage('', as()), attachments: [file] }, as(), 2);
    expect(fromFile!.text).toBe('Je n’ai pas pu obtenir le document\u00a0: le serveur de Balises n’a pas accès au réseau ; réessayez plus tard. Rien n’a été modifié.');
  });

  it('a mistyped /publier gets the usage of /publier, not the list of every command', async () => {
    const usage = 'Donnez l’adresse du document\u00a0: /publier https://… (PDF, DOCX, HTML ou Markdown).';
    for (const text of ['/publier pas une url', '/publier https://exemple.invalid/a b.pdf']) {
      const [reply] = await say(text, as());
      expect(reply!.text).toBe(usage);
    }
    const [two] = await say('/publier https://exemple.invalid/a.pdf https://exemple.invalid/b.pdf', as());
    expect(two!.text).toBe(`${usage} Une seule adresse à la fois, sans espace\u00a0: envoyez un /publier par document.`);
    const [english] = await say('/publish not a url', as({ locale: 'en-US' }));
    expect(english!.text).toBe('Give the document’s address: /publish https://… (PDF, DOCX, HTML or Markdown).');
  });
});
