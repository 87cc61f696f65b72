import type { Language } from '../../answers/types.js';
import type { DownloadFailure } from '../../documents/download.js';
import type { InternalRange } from '../../documents/internal-addresses.js';
import type { ProposeProblem } from '../../documents/proposals.js';
import { MAX_DOCX_INFLATED_BYTES, MAX_DOCX_XML_BYTES } from '../../knowledge/extract/docx-limits.js';
import { MAX_PDF_PAGES } from '../../knowledge/extract/pdf-limits.js';
import { MAX_DOC_ID_CHARS } from '../../knowledge/index.js';

/** Bytes in whole mebibytes, for messages. */
function mib(bytes: number): number {
  return Math.round(bytes / (1024 * 1024));
}

/** What an internal address is, in words; `unknown` when the error did not say. */
const RANGE_WORDS: Record<Language, Record<InternalRange | 'unknown', string>> = {
  fr: {
    loopback: 'une adresse de bouclage (le serveur de Balises lui-même)',
    private: 'une adresse de réseau privé (RFC 1918)',
    link_local: 'une adresse lien-local (169.254.0.0/16, où répond notamment le service de métadonnées infonuagique)',
    unique_local: 'une adresse IPv6 locale unique (réseau interne)',
    unknown: 'une adresse interne',
  },
  en: {
    loopback: 'a loopback address (the Balises server itself)',
    private: 'a private network address (RFC 1918)',
    link_local: 'a link-local address (169.254.0.0/16, where the cloud metadata service answers)',
    unique_local: 'an IPv6 unique local address (internal network)',
    unknown: 'an internal address',
  },
};

const DOWNLOAD: Record<Language, Record<DownloadFailure, (status?: number, range?: InternalRange) => string>> = {
  fr: {
    invalid_url: () => 'l’adresse n’est pas une adresse web complète (https://…)',
    credentials: () => 'une adresse qui contient un identifiant ou un mot de passe n’est pas acceptée ; donnez l’adresse publique du document',
    internal_address: (_status, range) =>
      `l’adresse mène à ${RANGE_WORDS.fr[range ?? 'unknown']} ; Balises ne télécharge rien sur le réseau interne de son serveur, à moins que son administrateur ne l’autorise (\`DOWNLOADS_ALLOW_PRIVATE_ADDRESSES\`)`,
    offline: () => 'le serveur de Balises ne joint pas ce site (nom introuvable, ou pas d’accès au réseau) ; vérifiez l’adresse, puis réessayez plus tard',
    unreachable: () => 'le site ne répond pas ; réessayez plus tard',
    timeout: () => 'le téléchargement a pris trop de temps ; réessayez plus tard',
    http_status: (status) => `le site a répondu par une erreur${status ? ` (HTTP ${status})` : ''}`,
    too_many_redirects: () => 'l’adresse redirige trop de fois',
    too_large: () => 'le fichier est trop volumineux',
    empty: () => 'le fichier est vide (0 octet)',
    unexpected_format: () => 'ce n’est pas un format accepté (PDF, DOCX, HTML, Markdown ou texte)',
  },
  en: {
    invalid_url: () => 'the address is not a full web address (https://…)',
    credentials: () => 'an address holding a user name or password is not accepted; give the document’s public address',
    internal_address: (_status, range) =>
      `the address leads to ${RANGE_WORDS.en[range ?? 'unknown']}; Balises downloads nothing from its server’s internal network unless its administrator allows it (\`DOWNLOADS_ALLOW_PRIVATE_ADDRESSES\`)`,
    offline: () => 'the Balises server cannot reach this site (name not found, or no network access); check the address, then try again later',
    unreachable: () => 'the site does not answer; try again later',
    timeout: () => 'the download took too long; try again later',
    http_status: (status) => `the site answered with an error${status ? ` (HTTP ${status})` : ''}`,
    too_many_redirects: () => 'the address redirects too many times',
    too_large: () => 'the file is too large',
    empty: () => 'the file is empty (0 bytes)',
    unexpected_format: () => 'it is not an accepted format (PDF, DOCX, HTML, Markdown or text)',
  },
};

const PROPOSE: Record<Language, Record<ProposeProblem['code'], (versions: string[]) => string>> = {
  fr: {
    invalid_doc_id: () => `l’identifiant du document ne peut contenir que des lettres minuscules, des chiffres et des tirets, ${MAX_DOC_ID_CHARS} caractères au plus`,
    unreadable: () => 'le fichier est illisible ou son contenu ne correspond pas à son format',
    empty: () => 'le fichier est vide (0 octet)',
    no_text_layer: () =>
      'ce PDF ne contient que des images de pages, sans texte (un document numérisé) ; faites-le passer par la reconnaissance de caractères (OCR), puis envoyez le PDF obtenu',
    password_protected: () => 'le PDF est protégé par un mot de passe ; envoyez une version sans mot de passe',
    inflates_too_much: () =>
      `une fois décompressé, le fichier DOCX dépasse la taille permise (${mib(MAX_DOCX_XML_BYTES)} Mio de texte balisé, ${mib(MAX_DOCX_INFLATED_BYTES)} Mio en tout, quand un document Word ordinaire en fait quelques Mio) ; il est refusé pour protéger le serveur`,
    too_many_pages: () =>
      `le PDF a plus de ${MAX_PDF_PAGES.toLocaleString('fr-CA')} pages, le plus que Balises lit (un document officiel en a quelques centaines) ; il est refusé pour protéger le serveur`,
    word_compound: () =>
      'ce fichier Word est protégé par un mot de passe, ou enregistré dans l’ancien format Word 97-2003 (.doc) ; retirez le mot de passe, ou enregistrez-le en format Document Word (.docx), puis envoyez-le de nouveau',
    no_text: () => 'le fichier ne contient aucun texte',
    no_passage: () => 'aucun texte n’a pu en être tiré',
    unknown_document: () => 'aucun document n’a cet identifiant',
    unknown_version: (versions) => `ce document n’a pas cette version (versions : ${versions.join(', ')})`,
  },
  en: {
    invalid_doc_id: () => `a document id may hold only lower-case letters, digits and dashes, at most ${MAX_DOC_ID_CHARS} characters`,
    unreadable: () => 'the file cannot be read, or its content does not match its format',
    empty: () => 'the file is empty (0 bytes)',
    no_text_layer: () => 'this PDF holds only images of pages, no text (a scanned document); run it through text recognition (OCR), then send the resulting PDF',
    password_protected: () => 'the PDF is password-protected; send a version without a password',
    inflates_too_much: () =>
      `once decompressed, the DOCX file exceeds the size allowed (${mib(MAX_DOCX_XML_BYTES)} MiB of markup, ${mib(MAX_DOCX_INFLATED_BYTES)} MiB in all, where an ordinary Word document holds a few MiB); it is refused to protect the server`,
    too_many_pages: () =>
      `the PDF has more than ${MAX_PDF_PAGES.toLocaleString('en-CA')} pages, the most Balises reads (an official document has a few hundred); it is refused to protect the server`,
    word_compound: () =>
      'this Word file is password-protected, or saved in the old Word 97-2003 format (.doc); remove the password, or save it as a Word Document (.docx), then send it again',
    no_text: () => 'the file contains no text',
    no_passage: () => 'no text could be taken from it',
    unknown_document: () => 'no document has this id',
    unknown_version: (versions) => `this document has no such version (versions: ${versions.join(', ')})`,
  },
};

/**
 * Why a document could not be downloaded, in the reader's language, without the address (a Teams download link is
 * a secret). `status` is the HTTP status of an `http_status` failure, `range` the kind of address an
 * `internal_address` failure met. `fromFile`: the address is the download link Teams gave for a file sent in the chat,
 * which the person never typed: an `offline` failure then says no network, not to check the address.
 */
export function downloadProblemText(language: Language, kind: DownloadFailure, status?: number, range?: InternalRange, fromFile = false): string {
  return fromFile && kind === 'offline' ? FILE_OFFLINE[language] : DOWNLOAD[language][kind](status, range);
}

/** An `offline` failure on a file sent in Teams: its download host exists, so the server has no network. */
const FILE_OFFLINE: Record<Language, string> = {
  fr: 'le serveur de Balises n’a pas accès au réseau ; réessayez plus tard',
  en: 'the Balises server has no network access; try again later',
};

/** Why a proposal failed (see ProposeProblem), in the reader's language. */
export function proposeProblemText(language: Language, problem: ProposeProblem): string {
  return PROPOSE[language][problem.code](problem.code === 'unknown_version' ? problem.versions : []);
}
