/**
 * A deterministic synthetic corpus of plausible French administrative passages, to measure retrieval at a size the
 * real corpus does not reach. The vocabulary below was written for the bench: it imitates the register of Quebec
 * administrative texts (bodies, obligations, deadlines) without quoting any of them.
 */
import type { PassageRecord } from '../knowledge/types.js';

/** Passages per synthetic document (a long directive). */
export const PASSAGES_PER_DOCUMENT = 50;

const SUBJECTS = [
  'Le ministère',
  'L’organisme public',
  'Le comité de direction',
  'La personne responsable de l’accès aux documents',
  'Le dirigeant principal de l’information',
  'La direction des ressources humaines',
  'Le gestionnaire du projet',
  'Le responsable de la sécurité de l’information',
  'La direction des affaires juridiques',
  'Le sous-ministre adjoint',
  'Chaque unité administrative',
  'Le comité d’audit interne',
  'La direction des finances',
  'Le bureau de projet',
  'Le conseil d’administration',
];
const VERBS = [
  'consigne',
  'transmet',
  'évalue',
  'approuve',
  'révise',
  'publie',
  'documente',
  'tient à jour',
  'présente',
  'valide',
  'archive',
  'communique',
  'planifie',
  'examine',
  'soumet',
];
const OBJECTS = [
  'le registre des contrats',
  'le plan d’effectifs',
  'la reddition de comptes annuelle',
  'les demandes d’accès reçues',
  'le calendrier de conservation',
  'les indicateurs de performance',
  'le budget de fonctionnement',
  'l’inventaire des systèmes informatiques',
  'la politique de télétravail',
  'le plan de continuité des services',
  'les données financières du trimestre',
  'le bilan des plaintes',
  'la liste des fournisseurs autorisés',
  'le programme de formation du personnel',
  'les ententes de partage d’information',
  'le rapport d’étape du projet',
  'la grille d’évaluation des soumissions',
  'le plan de gestion des risques',
  'les autorisations de dépenses',
  'le répertoire des processus',
];
const CIRCUMSTANCES = [
  'avant le 31 mars de chaque année',
  'dans un délai de trente jours',
  'après consultation du comité',
  'selon les directives du Conseil du trésor',
  'au plus tard à la fin de l’exercice financier',
  'lors de chaque modification importante',
  'à la demande du sous-ministre',
  'conformément au plan stratégique',
  'dès la réception de la demande',
  'en collaboration avec les unités concernées',
  'sous réserve des crédits disponibles',
  'à l’occasion de la revue annuelle',
];
const CLOSINGS = [
  'Une copie est versée au dossier.',
  'Les écarts constatés sont expliqués par écrit.',
  'Le document est accessible au personnel concerné.',
  'Toute dérogation est autorisée par écrit.',
  'Les pièces justificatives sont conservées cinq ans.',
  'Un suivi est fait à la rencontre suivante.',
];
const THEMES = [
  'Gestion contractuelle',
  'Ressources humaines',
  'Gestion documentaire',
  'Sécurité de l’information',
  'Gestion financière',
  'Services aux citoyens',
  'Gestion de projet',
  'Audit interne',
  'Continuité des services',
  'Approvisionnement',
];

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same sequence of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` synthetic passages, deterministic for a given `seed`: documents of PASSAGES_PER_DOCUMENT passages
 * (`synthetique-NNNN`, version `1`), each passage 2–5 sentences built from the vocabulary above, under a section
 * path `Chapitre N — Theme › Article M`. Ids follow the real format `docId@version#sectionId:ordinal`.
 * @throws RangeError when `count` is negative or not an integer
 */
export function syntheticPassages(count: number, seed = 1): PassageRecord[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`passage count must be a non-negative integer, got ${count}`);
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const passages: PassageRecord[] = [];
  for (let i = 0; i < count; i++) {
    const doc = Math.floor(i / PASSAGES_PER_DOCUMENT);
    const ordinal = i % PASSAGES_PER_DOCUMENT;
    const docId = `synthetique-${String(doc).padStart(4, '0')}`;
    const chapter = Math.floor(ordinal / 10) + 1;
    const article = ordinal + 1;
    const sentences: string[] = [];
    const length = 2 + Math.floor(random() * 4);
    for (let s = 0; s < length; s++) {
      sentences.push(
        s === length - 1 && random() < 0.5
          ? pick(CLOSINGS)
          : `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(CIRCUMSTANCES)}.`,
      );
    }
    const sectionId = `chapitre-${chapter}/article-${article}`;
    passages.push({
      id: `${docId}@1#${sectionId}:${ordinal}`,
      docId,
      versionLabel: '1',
      section: { id: sectionId, path: [`Chapitre ${chapter} — ${THEMES[(doc + chapter) % THEMES.length]}`, `Article ${article}`] },
      ordinal,
      pages: { from: chapter, to: chapter },
      text: sentences.join(' '),
      title: `Directive administrative synthétique no ${doc + 1}`,
      publishedOn: '2030-01-01',
      url: null,
    });
  }
  return passages;
}
