import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { createAnalyser, fold, terms, type Analyser } from './analyse.js';

const AcronymsFile = z.object({
  acronyms: z.array(
    z.object({
      acronym: z.string().min(1),
      expansion: z.object({ fr: z.string().min(1), en: z.string().min(1) }),
      kind: z.enum(['organisme']).optional(),
    }),
  ),
});
const GlossaryFile = z.object({
  concepts: z.array(z.object({ en: z.array(z.string().min(1)).min(1), fr: z.array(z.string().min(1)).min(1) })),
});
const StopWordsFile = z.object({ fr: z.array(z.string()), en: z.array(z.string()) });

/** A phrase as a sequence of analysed stems. */
export type StemPhrase = readonly string[];

/** An acronym's expansion, analysed per language. `organisme` acronyms name who asks, not what is asked. */
export interface AcronymEntry {
  fr: string[];
  en: string[];
  organisme: boolean;
}

/** One glossary concept: English phrases (English stems) and the French index terms they stand for. */
export interface GlossaryConcept {
  en: StemPhrase[];
  frTerms: string[];
}

/**
 * The domain lexicon kept as data in `data/lexicon/`: acronyms, an English→French governance glossary, a French
 * thesaurus (Solr synonym format, reusable as an Azure AI Search synonym map) and extra stop words.
 */
export interface Lexicon {
  fr: Analyser;
  en: Analyser;
  /** Keyed by the acronym folded to lower case (`efvp`). */
  acronyms: ReadonlyMap<string, AcronymEntry>;
  glossary: readonly GlossaryConcept[];
  /** Thesaurus groups: each group is a list of equivalent French phrases (stems). */
  thesaurus: readonly StemPhrase[][];
  /** English surface words of the glossary, for typo correction of English questions. */
  englishVocabulary: ReadonlySet<string>;
}

/**
 * Parses a Solr synonym file: `#` comments, blank lines, and lines of comma-separated equivalent terms
 * (explicit `a => b` mappings are read as equivalences too).
 */
export function parseSolrSynonyms(text: string): string[][] {
  return text
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter((l) => l.length > 0)
    .map((l) => l.split(/,|=>/).map((t) => t.trim()).filter((t) => t.length > 0))
    .filter((g) => g.length > 1);
}

/**
 * Loads and validates the lexicon files.
 * @param dir folder holding acronyms.json, glossary-en-fr.json, thesaurus-fr.txt, stopwords-extra.json
 * @throws Error naming the file and the problem when a file is missing or invalid
 */
export function loadLexicon(dir: string = findLexiconDir()): Lexicon {
  const read = (name: string) => {
    try {
      return fs.readFileSync(path.join(dir, name), 'utf8');
    } catch (e) {
      throw new Error(`lexicon file ${path.join(dir, name)} cannot be read: ${(e as Error).message}`);
    }
  };
  const parse = <T>(name: string, schema: z.ZodType<T>): T => {
    let json: unknown;
    try {
      json = JSON.parse(read(name));
    } catch (e) {
      throw new Error(`lexicon file ${name} is not valid JSON: ${(e as Error).message}`);
    }
    const result = schema.safeParse(json);
    if (!result.success) throw new Error(`lexicon file ${name} is invalid: ${result.error.issues[0]?.message}`);
    return result.data;
  };
  const stop = parse('stopwords-extra.json', StopWordsFile);
  const fr = createAnalyser('fr', stop.fr);
  const en = createAnalyser('en', stop.en);

  const acronyms = new Map<string, AcronymEntry>();
  for (const a of parse('acronyms.json', AcronymsFile).acronyms) {
    acronyms.set(fold(a.acronym), { fr: terms(a.expansion.fr, fr), en: terms(a.expansion.en, en), organisme: a.kind === 'organisme' });
  }
  const englishVocabulary = new Set<string>();
  const glossary = parse('glossary-en-fr.json', GlossaryFile).concepts.map((c) => {
    for (const p of c.en) for (const w of fold(p).split(/[^a-z0-9]+/)) if (w) englishVocabulary.add(w);
    return {
      en: c.en.map((p) => terms(p, en)).filter((p) => p.length > 0),
      frTerms: [...new Set(c.fr.flatMap((p) => terms(p, fr)))],
    };
  });
  const thesaurus = parseSolrSynonyms(read('thesaurus-fr.txt')).map((group) =>
    group.map((p) => terms(p, fr)).filter((p) => p.length > 0),
  );
  return { fr, en, acronyms, glossary, thesaurus, englishVocabulary };
}

/**
 * Finds `data/lexicon` from the running module, whether it runs from `src` (tests) or `dist/src` (built).
 * @throws Error when no such folder is found above the module
 */
export function findLexiconDir(): string {
  let dir = path.dirname(new URL(import.meta.url).pathname);
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'data', 'lexicon');
    if (fs.existsSync(path.join(candidate, 'glossary-en-fr.json'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('data/lexicon not found above the Balises modules');
}
