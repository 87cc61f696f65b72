import type { Language } from '../../answers/types.js';
import { parseAuditDetail, type AuditDetail } from '../../documents/audit-detail.js';
import type { RefusedRequest } from '../../documents/audit-detail.js';
import type { AuditAction, ProposalOrigin } from '../../documents/types.js';

const ORIGIN_WORDS: Record<Language, Record<ProposalOrigin['kind'], string>> = {
  fr: { file: 'fichier', url: 'adresse', sync: 'vérification automatique, adresse', rollback: 'rétablissement' },
  en: { file: 'file', url: 'url', sync: 'sync', rollback: 'rollback' },
};

/** What a person outside the governance team asked for and was refused, in words (the audit says « refusé » before it). */
const REQUEST_WORDS: Record<Language, Record<RefusedRequest, string>> = {
  fr: {
    file: 'soumettre un fichier',
    url: 'soumettre un document par son adresse (/publier)',
    history: 'voir l’historique d’un document',
    audit: 'voir le journal d’administration',
    proposals: 'voir les propositions en attente',
    flags: 'voir les évaluations signalées',
    flag_handled: 'marquer un signalement traité',
    rollback: 'rétablir une version antérieure',
    withdraw: 'retirer un document',
    source: 'changer l’adresse officielle d’un document',
    'documents.publish': 'publier une proposition',
    'documents.cancel': 'annuler une proposition',
    'documents.refresh': 'afficher l’aperçu d’une proposition',
    'documents.withdraw': 'confirmer le retrait d’un document',
    'documents.withdraw_cancel': 'annuler le retrait d’un document',
  },
  en: {
    file: 'submit a file',
    url: 'submit a document by its address (/publish)',
    history: 'see a document’s history',
    audit: 'see the administration log',
    proposals: 'see the pending proposals',
    flags: 'see the flagged assessments',
    flag_handled: 'mark a flag handled',
    rollback: 'restore an earlier version',
    withdraw: 'withdraw a document',
    source: 'change a document’s official address',
    'documents.publish': 'publish a proposal',
    'documents.cancel': 'cancel a proposal',
    'documents.refresh': 'show a proposal’s preview',
    'documents.withdraw': 'confirm the withdrawal of a document',
    'documents.withdraw_cancel': 'cancel the withdrawal of a document',
  },
};

const WORDS = {
  fr: {
    replaces: (label: string) => `remplace la version ${label}`,
    address: (command: string | null, url: string) => (command ? `${command}, adresse ${url}` : `adresse ${url}`),
    initial: (url: string) => `état initial d’une base de connaissances vide, depuis l’adresse ${url}`,
    request: (words: string) => `demande : ${words}`,
    outdated: (published: string | null, basedOn: string | null) =>
      `non publiée : ${published === null ? 'le document a été retiré' : `la version ${published} a été publiée`} après cette proposition, faite ${basedOn === null ? 'quand aucune version n’était publiée' : `par rapport à la version ${basedOn}`}`,
  },
  en: {
    replaces: (label: string) => `replaces ${label}`,
    address: (command: string | null, url: string) => (command ? `${command} ${url}` : url),
    initial: (url: string) => `initial state of an empty knowledge base, from ${url}`,
    request: (words: string) => `request: ${words}`,
    outdated: (published: string | null, basedOn: string | null) =>
      `not published: ${published === null ? 'the document was withdrawn' : `version ${published} was published`} after it was proposed against ${basedOn === null ? 'no published version' : `version ${basedOn}`}`,
  },
} as const;

/**
 * An audit event's stored detail (see AuditDetail) in the reader's language, plain text (the caller escapes it):
 * « remplace la version 2026-12-02 », « adresse https://… », 'replaces 2026-12-02', « demande : publier une
 * proposition » (a refused request, never its stored code). A detail of no known form (a command, a handled flag)
 * is shown as stored.
 */
export function auditDetailText(action: AuditAction, detail: string, language: Language): string {
  const parsed: AuditDetail = parseAuditDetail(action, detail);
  const t = WORDS[language];
  switch (parsed.kind) {
    case 'replaces':
      return t.replaces(parsed.label);
    case 'origin':
      return parsed.url ? `${ORIGIN_WORDS[language][parsed.origin]} ${parsed.url}` : ORIGIN_WORDS[language][parsed.origin];
    case 'address':
      return t.address(parsed.command, parsed.url);
    case 'initial':
      return t.initial(parsed.url);
    case 'outdated':
      return t.outdated(parsed.published, parsed.basedOn);
    case 'refused':
      return t.request(REQUEST_WORDS[language][parsed.request]);
    case 'text':
      return parsed.text;
  }
}
