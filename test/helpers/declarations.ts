import type { DeclarationDraft } from '../../src/inventory/schema.js';
import { SCHEMA_VERSION } from '../../src/inventory/schema.js';
import type { Assessment, DeclarationEvent, DeclarationRecord } from '../../src/inventory/types.js';

/** A complete, valid declaration of a fictional use case, as a card would send it (draft values). */
export function validDraft(): DeclarationDraft {
  return {
    name: 'Tri fictif des demandes de permis',
    purpose: 'Classer les demandes de permis fictives par priorité pour accélérer leur traitement par le personnel.',
    organismePublic: 'Office fictif des permis',
    portefeuille: 'transports',
    category: 'automatisation',
    status: 'developpement',
    benefits: 'Réduire les délais de traitement des demandes.',
    contactName: 'Personne Fictive',
    contactEmail: 'personne.fictive@exemple.gouv.qc.ca',
    generative: false,
    supplier: 'Fournisseur infonuagique générique',
    hosting: 'infonuagique-canada',
    personalInformation: 'personnel',
    affectedGroups: ['citoyens'],
    dataDescription: 'Formulaires de demande fictifs des trois dernières années.',
    decisionRole: 'soutien',
    publicFacing: true,
    humanOversight: 'Un agent valide chaque classement avant le traitement.',
    measures: ['efvp'],
  };
}

/** A preliminary assessment with one quoted obligation and one whose passage is gone. */
export function sampleAssessment(): Assessment {
  return {
    rulesVersion: 'test-1',
    level: 2,
    score: 5,
    assessedAt: '2031-03-14T15:00:00.000Z',
    obligations: [
      {
        ruleId: 'efvp',
        label: { fr: 'Réaliser une EFVP', en: 'Carry out a privacy impact assessment (EFVP)' },
        quote: {
          text: 'Tout organisme réalise une évaluation des facteurs relatifs à la vie privée avant de déployer un système fictif.',
          docId: 'charte-fictive-ia',
          title: 'Charte fictive de l’IA',
          versionLabel: '2031',
          sectionPath: ['Charte fictive', 'Principe 1 — Vie privée'],
          pages: { from: 3, to: 4 },
          url: 'https://exemple.gouv.qc.ca/charte-fictive-ia',
        },
      },
      { ruleId: 'gone', label: { fr: 'Règle disparue', en: 'Rule gone' }, quote: null },
    ],
  };
}

/** A stored declaration with sensible defaults; `overrides` replace fields. */
export function sampleRecord(overrides: Partial<DeclarationRecord> = {}): DeclarationRecord {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    publicId: null,
    schemaVersion: SCHEMA_VERSION,
    data: validDraft(),
    submittedData: null,
    state: 'draft',
    declarant: { id: '00000000-0000-0000-0000-0000000000aa', name: 'Personne Fictive' },
    collaborators: [],
    revision: 3,
    assessment: null,
    createdAt: '2031-03-14T14:00:00.000Z',
    updatedAt: '2031-03-14T14:30:00.000Z',
    submittedAt: null,
    setAsideAt: null,
    language: null,
    changedSinceReview: null,
    ...overrides,
  };
}

/**
 * A submitted declaration with its number and assessment. Its answers were submitted as they are: `submittedData`
 * is `overrides.data` when given (unless `overrides.submittedData` says otherwise, for edits made since).
 */
export function submittedRecord(overrides: Partial<DeclarationRecord> = {}): DeclarationRecord {
  return sampleRecord({
    publicId: 'IA-2031-0001',
    state: 'submitted',
    revision: 5,
    assessment: sampleAssessment(),
    submittedData: overrides.data ?? validDraft(),
    submittedAt: '2031-03-14T15:00:00.000Z',
    ...overrides,
  });
}

/** A governance decision event on `record`. */
export function decisionEvent(record: DeclarationRecord, to: DeclarationEvent['to'], comment: string | null = null): DeclarationEvent {
  return {
    declarationId: record.id,
    at: '2031-03-15T13:45:00.000Z',
    actor: { id: '00000000-0000-0000-0000-0000000000ad', name: 'Admin Fictive' },
    from: 'submitted',
    to,
    comment,
  };
}
