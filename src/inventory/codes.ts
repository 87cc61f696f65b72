import type { DeclarationState } from './types.js';

/**
 * Coded values of a declaration: what a register counts or filters is a code, never free text (the US federal
 * AI inventory had to recode hundreds of free-text answers by hand). Labels are for people; codes are stored.
 * Categories and statuses are those of the Portrait des utilisations de l'IA dans l'administration publique
 * (MCN, from declarations under arrêté ministériel 2024-01).
 */

/** A coded choice with its French and English labels. */
export interface Choice<C extends string = string> {
  code: C;
  fr: string;
  en: string;
}

/** The Portrait's ten categories of AI use. */
export const CATEGORIES = [
  { code: 'aide-decision', fr: 'Aide à la décision, planification et/ou prédiction', en: 'Decision support, planning and/or prediction' },
  { code: 'analyse-comportements', fr: 'Analyse des comportements/sentiments', en: 'Behaviour/sentiment analysis' },
  { code: 'assistant-conversationnel', fr: 'Assistant/agent conversationnel', en: 'Assistant/conversational agent' },
  { code: 'automatisation', fr: 'Automatisation', en: 'Automation' },
  { code: 'experience-utilisateur', fr: 'Expérience utilisateur - Personnalisation', en: 'User experience - Personalisation' },
  { code: 'formation', fr: 'Formation et apprentissage assisté par l’IA', en: 'AI-assisted training and learning' },
  { code: 'geomatique', fr: 'Gestion géomatique et géospatiale', en: 'Geomatics and geospatial management' },
  { code: 'laboratoire', fr: 'Laboratoire et équipement', en: 'Laboratory and equipment' },
  { code: 'systeme-connecte', fr: 'Système électronique connecté et intelligence ambiante', en: 'Connected electronic systems and ambient intelligence' },
  { code: 'imagerie', fr: 'Traitement d’image/Imagerie médicale', en: 'Image processing/Medical imaging' },
] as const satisfies readonly Choice[];

/** Status of the initiative, as the Portrait reports it. */
export const INITIATIVE_STATUSES = [
  { code: 'exploration', fr: 'Exploration', en: 'Exploration' },
  { code: 'developpement', fr: 'Développement de la solution', en: 'Solution under development' },
  { code: 'production', fr: 'Solution en production', en: 'Solution in production' },
  { code: 'retiree', fr: 'Retirée', en: 'Retired' },
] as const satisfies readonly Choice[];

/**
 * Ministerial portfolios (portefeuilles ministériels) to which public bodies are attached, as listed in the 2025
 * Portrait. Kept in code because stored declarations reference these codes; a rename is a schema change.
 */
export const PORTEFEUILLES = [
  { code: 'affaires-municipales', fr: 'Affaires municipales et Habitation', en: 'Municipal Affairs and Housing' },
  { code: 'agriculture', fr: 'Agriculture, Pêcheries et Alimentation', en: 'Agriculture, Fisheries and Food' },
  { code: 'conseil-executif', fr: 'Conseil exécutif', en: 'Executive Council' },
  { code: 'conseil-tresor', fr: 'Conseil du trésor et Administration gouvernementale', en: 'Treasury Board and Government Administration' },
  { code: 'culture', fr: 'Culture et Communications', en: 'Culture and Communications' },
  { code: 'cybersecurite-numerique', fr: 'Cybersécurité et Numérique', en: 'Cybersecurity and Digital Technology' },
  { code: 'economie', fr: 'Économie, Innovation et Énergie', en: 'Economy, Innovation and Energy' },
  { code: 'education', fr: 'Éducation', en: 'Education' },
  { code: 'emploi-solidarite', fr: 'Emploi et Solidarité sociale', en: 'Employment and Social Solidarity' },
  { code: 'enseignement-superieur', fr: 'Enseignement supérieur', en: 'Higher Education' },
  { code: 'environnement', fr: 'Environnement, Lutte contre les changements climatiques, Faune et Parcs', en: 'Environment, the Fight Against Climate Change, Wildlife and Parks' },
  { code: 'famille', fr: 'Famille', en: 'Families' },
  { code: 'finances', fr: 'Finances', en: 'Finance' },
  { code: 'immigration', fr: 'Immigration, Francisation et Intégration', en: 'Immigration, Francization and Integration' },
  { code: 'justice', fr: 'Justice', en: 'Justice' },
  { code: 'langue-francaise', fr: 'Langue française', en: 'French Language' },
  { code: 'relations-internationales', fr: 'Relations internationales et Francophonie', en: 'International Relations and La Francophonie' },
  { code: 'ressources-naturelles', fr: 'Ressources naturelles et Forêts', en: 'Natural Resources and Forests' },
  { code: 'sante-services-sociaux', fr: 'Santé et Services sociaux', en: 'Health and Social Services' },
  { code: 'securite-publique', fr: 'Sécurité publique', en: 'Public Security' },
  { code: 'transports', fr: 'Transports et Mobilité durable', en: 'Transport and Sustainable Mobility' },
] as const satisfies readonly Choice[];

/** Where the system runs (`hosting`): on the body’s own servers, or in the cloud in Québec, elsewhere in Canada or abroad. */
export const HOSTING = [
  { code: 'sur-site', fr: 'Sur les serveurs de l’organisme', en: 'On premises' },
  { code: 'infonuagique-quebec', fr: 'Infonuagique au Québec', en: 'Cloud in Québec' },
  { code: 'infonuagique-canada', fr: 'Infonuagique au Canada (hors Québec)', en: 'Cloud in Canada (outside Québec)' },
  { code: 'infonuagique-hors-canada', fr: 'Infonuagique hors du Canada', en: 'Cloud outside Canada' },
] as const satisfies readonly Choice[];

/** Whether the system handles personal information, and whether any of it is sensitive (`personalInformation`). */
export const PERSONAL_INFORMATION = [
  { code: 'aucun', fr: 'Aucun renseignement personnel', en: 'No personal information' },
  { code: 'personnel', fr: 'Renseignements personnels', en: 'Personal information' },
  { code: 'sensible', fr: 'Renseignements personnels sensibles (p. ex. santé)', en: 'Sensitive personal information (e.g. health)' },
] as const satisfies readonly Choice[];

/** Who the system’s outputs affect (`affectedGroups`, several allowed). */
export const AFFECTED_GROUPS = [
  { code: 'employes', fr: 'Employés', en: 'Employees' },
  { code: 'citoyens', fr: 'Citoyens', en: 'Citizens' },
  { code: 'entreprises', fr: 'Entreprises', en: 'Businesses' },
  { code: 'groupes-vulnerables', fr: 'Groupes vulnérables', en: 'Vulnerable groups' },
] as const satisfies readonly Choice[];

/** The system’s part in decisions about people, from none to deciding alone (`decisionRole`). */
export const DECISION_ROLES = [
  { code: 'aucun', fr: 'Aucun rôle dans des décisions sur des personnes', en: 'No role in decisions about people' },
  { code: 'soutien', fr: 'Soutient une décision prise par une personne', en: 'Supports a decision made by a person' },
  { code: 'automatise', fr: 'Décide automatiquement', en: 'Decides automatically' },
] as const satisfies readonly Choice[];

/**
 * Measures the declarant says are done (`measures`, several allowed); an assessment rule names the one that meets
 * it with `doneWith` (see assessment.ts), and the obligation then shows it as declared done. The privacy impact
 * assessment is named in full before its acronym, in French as in English: found in the Playground, step 3 offered
 * « EFVP réalisée » alone, an acronym a project lead may not know, while the English card spelt it out.
 */
export const MEASURES = [
  { code: 'efvp', fr: 'Évaluation des facteurs relatifs à la vie privée (EFVP) réalisée', en: 'Privacy impact assessment (EFVP) done' },
  { code: 'avis-securite', fr: 'Avis écrit de la sécurité de l’information obtenu', en: 'Written information-security advice obtained' },
  { code: 'personnel-forme', fr: 'Personnel formé', en: 'Staff trained' },
  { code: 'impact-environnemental', fr: 'Impact environnemental évalué', en: 'Environmental impact assessed' },
  { code: 'dossier-affaires', fr: 'Dossier d’affaires démontrant la nécessité de l’IA', en: 'Business case showing AI is needed' },
] as const satisfies readonly Choice[];

/** Labels of a declaration's workflow states (src/inventory/types.ts STATES), the same in cards and exports. */
export const STATE_LABELS: Readonly<Record<DeclarationState, { fr: string; en: string }>> = {
  draft: { fr: 'Brouillon', en: 'Draft' },
  submitted: { fr: 'Soumise', en: 'Submitted' },
  in_review: { fr: 'En examen', en: 'In review' },
  approved: { fr: 'Approuvée', en: 'Approved' },
  changes_requested: { fr: 'Changements demandés', en: 'Changes requested' },
  rejected: { fr: 'Refusée', en: 'Rejected' },
};

type Codes<T extends readonly Choice[]> = T[number]['code'];
/** Tuple of the codes of a choice list, for z.enum. */
export function codes<T extends readonly Choice[]>(choices: T): [Codes<T>, ...Codes<T>[]] {
  return choices.map((c) => c.code) as [Codes<T>, ...Codes<T>[]];
}
