import { describe, expect, it } from 'vitest';
import { auditDetailText } from '../../../src/bot/render/audit-detail.js';
import { REFUSED_REQUESTS, addressDetail, initialDetail, originDetail, outdatedDetail, replacesDetail } from '../../../src/documents/audit-detail.js';

describe('an audit event’s detail, in the reader’s language', () => {
  it('says in French what each stored form says, and in English as stored', () => {
    const cases = [
      ['published', replacesDetail('2026-12-02')!, 'remplace la version 2026-12-02', 'replaces 2026-12-02'],
      ['republished', replacesDetail('v 1')!, 'remplace la version v 1', 'replaces v 1'],
      ['proposed', originDetail({ kind: 'url', url: 'http://exemple.test/consigne.docx' }), 'adresse http://exemple.test/consigne.docx', 'url http://exemple.test/consigne.docx'],
      ['proposed', originDetail({ kind: 'file' }), 'fichier', 'file'],
      ['proposed', originDetail({ kind: 'rollback' }), 'rétablissement', 'rollback'],
      ['proposed', originDetail({ kind: 'sync', url: 'https://exemple.test/a' }), 'vérification automatique, adresse https://exemple.test/a', 'sync https://exemple.test/a'],
      ['source_set', addressDetail(null, 'https://exemple.test/a'), 'adresse https://exemple.test/a', 'https://exemple.test/a'],
      ['source_set', addressDetail('balises ingest', 'https://exemple.test/a'), 'balises ingest, adresse https://exemple.test/a', 'balises ingest https://exemple.test/a'],
      ['cancelled', outdatedDetail('v3', 'v1'), 'non publiée : la version v3 a été publiée après cette proposition, faite par rapport à la version v1', 'not published: version v3 was published after it was proposed against version v1'],
      ['cancelled', outdatedDetail(null, null), 'non publiée : le document a été retiré après cette proposition, faite quand aucune version n’était publiée', 'not published: the document was withdrawn after it was proposed against no published version'],
      ['cancelled', outdatedDetail('v 3 révisée', 'v 1'), 'non publiée : la version v 3 révisée a été publiée après cette proposition, faite par rapport à la version v 1', 'not published: version v 3 révisée was published after it was proposed against version v 1'],
      ['published', initialDetail('https://exemple.test/a'), 'état initial d’une base de connaissances vide, depuis l’adresse https://exemple.test/a', 'initial state of an empty knowledge base, from https://exemple.test/a'],
    ] as const;
    for (const [action, stored, fr, en] of cases) {
      expect(auditDetailText(action, stored, 'fr')).toBe(fr);
      expect(auditDetailText(action, stored, 'en')).toBe(en);
    }
  });

  it('names a refused request in words, never as its stored code', () => {
    expect(auditDetailText('refused', 'documents.publish', 'fr')).toBe('demande : publier une proposition');
    expect(auditDetailText('refused', 'documents.publish', 'en')).toBe('request: publish a proposal');
    expect(auditDetailText('refused', 'url', 'fr')).toBe('demande : soumettre un document par son adresse (/publier)');
    expect(auditDetailText('refused', 'source', 'en')).toBe('request: change a document’s official address');
    for (const request of REFUSED_REQUESTS) {
      for (const language of ['fr', 'en'] as const) {
        const text = auditDetailText('refused', request, language);
        expect(text, request).toMatch(/^(?:demande :|request:) \p{Ll}/u);
        expect(text, request).not.toMatch(/documents\.|_/);
      }
    }
  });

  it('reads rows stored before this code the same way, and shows any other detail as stored', () => {
    expect(auditDetailText('published', 'replaces 2026-12-02', 'fr')).toBe('remplace la version 2026-12-02');
    expect(auditDetailText('proposed', 'url http://exemple.test/x', 'fr')).toBe('adresse http://exemple.test/x');
    expect(auditDetailText('published', 'balises ingest', 'fr')).toBe('balises ingest');
    expect(auditDetailText('withdrawn', 'balises withdraw', 'fr')).toBe('balises withdraw');
    expect(auditDetailText('refused', 'publish', 'fr')).toBe('publish');
    expect(auditDetailText('flag_handled', 'IA-2026-0042 (Entretien, v1)', 'fr')).toBe('IA-2026-0042 (Entretien, v1)');
    // Only the action whose detail it is reads a form: a refused request is not an address.
    expect(auditDetailText('refused', 'url http://exemple.test/x', 'fr')).toBe('url http://exemple.test/x');
  });
});
