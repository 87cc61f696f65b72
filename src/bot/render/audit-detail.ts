import type { Language } from '../../answers/types.js';
import { parseAuditDetail, type AuditDetail } from '../../documents/audit-detail.js';
import type { AuditAction, ProposalOrigin } from '../../documents/types.js';

const ORIGIN_WORDS: Record<Language, Record<ProposalOrigin['kind'], string>> = {
  fr: { file: 'fichier', url: 'adresse', sync: 'vérification automatique, adresse', rollback: 'rétablissement' },
  en: { file: 'file', url: 'url', sync: 'sync', rollback: 'rollback' },
};

const WORDS = {
  fr: {
    replaces: (label: string) => `remplace la version ${label}`,
    address: (command: string | null, url: string) => (command ? `${command}, adresse ${url}` : `adresse ${url}`),
    initial: (url: string) => `état initial d’une base de connaissances vide, depuis l’adresse ${url}`,
    outdated: (published: string | null, basedOn: string | null) =>
      `non publiée : ${published === null ? 'le document a été retiré' : `la version ${published} a été publiée`} après cette proposition, faite ${basedOn === null ? 'quand aucune version n’était publiée' : `par rapport à la version ${basedOn}`}`,
  },
  en: {
    replaces: (label: string) => `replaces ${label}`,
    address: (command: string | null, url: string) => (command ? `${command} ${url}` : url),
    initial: (url: string) => `initial state of an empty knowledge base, from ${url}`,
    outdated: (published: string | null, basedOn: string | null) =>
      `not published: ${published === null ? 'the document was withdrawn' : `version ${published} was published`} after it was proposed against ${basedOn === null ? 'no published version' : `version ${basedOn}`}`,
  },
} as const;

/**
 * An audit event's stored detail (see AuditDetail) in the reader's language, plain text (the caller escapes it):
 * « remplace la version 2026-12-02 », « adresse https://… », 'replaces 2026-12-02'. A detail of no known form
 * (a command, a refused request, a handled flag) is shown as stored.
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
    case 'text':
      return parsed.text;
  }
}
