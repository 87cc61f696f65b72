import type { KnowledgeStore, StoredVersion } from '../knowledge/store.js';
import type { DocumentAdminStore } from './store.js';
import type { AdminActor, AuditAction, AuditEvent } from './types.js';
import { addressDetail } from './audit-detail.js';

/**
 * The knowledge store of `admin`, whose publications and withdrawals each record their audit event in the same
 * transaction (`published` for a new version, `republished` for a stored one published again, `withdrawn`, and
 * `source_set` for a new official address, its detail followed by the address), so
 * the governance team's `audit` shows changes made outside Teams (`balises ingest`, `balises withdraw`) beside
 * the ones made in Teams. Every other method is the knowledge store's own.
 * @param actor who acts (the command line's `--by` or user name)
 * @param detail a short, language-neutral note stored on each event (the command, e.g. `balises ingest`)
 * @param now the clock of the events (injectable for tests)
 */
export function auditedKnowledgeStore(admin: DocumentAdminStore, actor: AdminActor, detail: string, now: () => Date = () => new Date()): KnowledgeStore {
  const knowledge = admin.knowledge;
  const event = (action: AuditAction, version: StoredVersion): Omit<AuditEvent, 'id'> => ({
    at: now().toISOString(),
    action,
    actor,
    docId: version.docId,
    versionLabel: version.label,
    sourceSha256: version.sourceSha256,
    proposalId: null,
    detail,
  });
  const overrides: Partial<KnowledgeStore> = {
    publishVersion: (info, sections, passages) =>
      admin.audited(
        () => knowledge.publishVersion(info, sections, passages),
        (version) => event('published', version),
      ),
    republish: (versionId) =>
      admin.audited(
        () => knowledge.republish(versionId),
        (version) => event('republished', version),
      ),
    setDocumentUrl: (docId, url) =>
      admin.audited(
        () => knowledge.setDocumentUrl(docId, url),
        (changed) =>
          changed ? { at: now().toISOString(), action: 'source_set', actor, docId, versionLabel: null, sourceSha256: null, proposalId: null, detail: addressDetail(detail, url) } : null,
      ),
    withdraw: (docId) =>
      admin.audited(
        () => knowledge.withdraw(docId),
        (result) => (result.kind === 'withdrawn' ? event('withdrawn', result.version) : null),
      ),
  };
  return new Proxy(knowledge, {
    get(target, property, receiver) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof KnowledgeStore];
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
