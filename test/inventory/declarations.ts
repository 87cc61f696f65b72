import type { Declaration, DeclarationDraft } from '../../src/inventory/schema.js';

/**
 * A fictional, complete declaration that triggers as little as possible: built in house, hosted on premises, no
 * personal information, no role in decisions, not public-facing, not generative. Tests patch what they need.
 */
export function quietDeclaration(patch: Partial<Declaration> = {}): Declaration {
  return {
    name: 'Classement des nuages du registre fictif',
    purpose: 'Classer automatiquement les photos de nuages du registre fictif pour les météorologues de l’Agence.',
    organismePublic: 'Agence québécoise des nuages (fictive)',
    portefeuille: 'environnement',
    category: 'imagerie',
    status: 'developpement',
    benefits: 'Trois jours de tri manuel épargnés chaque printemps.',
    contactName: 'Éloïse Côté-Lévesque',
    contactEmail: 'eloise.cote@nuages.exemple.invalid',
    generative: false,
    supplier: '',
    hosting: 'sur-site',
    personalInformation: 'aucun',
    affectedGroups: [],
    dataDescription: 'Photos de nuages prises par les stations automatiques, sans personne visible.',
    decisionRole: 'aucun',
    publicFacing: false,
    humanOversight: 'Un météorologue valide chaque lot avant publication.',
    measures: ['avis-securite'],
    ...patch,
  };
}

/** The same declaration as a draft (values as typed). */
export function quietDraft(patch: Partial<Declaration> = {}): DeclarationDraft {
  return { ...quietDeclaration(patch) };
}
