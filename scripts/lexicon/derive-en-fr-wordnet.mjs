#!/usr/bin/env node
// Derives data/lexicon/en-fr-wordnet.tsv, the English→French dictionary (one line per English lemma and part of speech) of English questions, from two general,
// maintained resources joined on WordNet 3.0 synset offsets:
//   - Princeton WordNet 3.0 (WordNet 3.0 licence), Debian package `wordnet-base`: /usr/share/wordnet/index.* lists
//     each English lemma's synsets, most frequent sense first;
//   - WOLF, Wordnet Libre du Français (CeCILL-C), as published by the Open Multilingual Wordnet project
//     (github.com/omwn/omw-data, file wns/fra/wn-data-fra.tab): French lemmas of each synset.
// Only the MAX_SENSES most frequent senses of an English lemma that WOLF translates are kept (rarer senses are mostly
// noise for questions about administration); the cut is fixed a priori, not fitted on any question set.
// Irregular inflections (`sent`, `bought`, `written`, `children`), which WordNet's morphy finds through its exception
// lists (/usr/share/wordnet/*.exc, morphy(7WN)) rather than by detaching a suffix, are added as headwords carrying
// their base form's translations, unless the form is itself a lemma of that part of speech (`found`, to found).
//
// With --untranslated, writes instead the one-word English lemmas none of whose senses WOLF translates (`accountable`,
// `send`), sorted, one per line (data/lexicon/untranslated-en-wordnet.txt): a question word listed there is English
// the dictionary cannot translate, so its absence from the French documents says nothing of what they speak of.
//
// Usage: node scripts/lexicon/derive-en-fr-wordnet.mjs [--untranslated] WORDNET_DIR WN_DATA_FRA_TAB > data/lexicon/en-fr-wordnet.tsv
import fs from 'node:fs';
import path from 'node:path';

const MAX_SENSES = 3;
const MAX_WORDS = 3;
// A French lemma is words: letters, apostrophes, hyphens, spaces, dots (`b.a.-ba`) and WOLF's `|` between variants.
// WOLF's automatic extraction from Wikipedia also left titles, dates, formulas and markup as lemmas (`two` → `1`,
// `one` → `10`, `alphabet` → `-520`, `vitamine b&lt;sub&gt;6`, `Madagascar 2 : La Grande Évasion`): as
// translations they match numbered headings and list items. They are left out as the headwords with other
// characters are, before the most frequent senses are chosen.
const FRENCH_LEMMA = /^[\p{L}'’ .|-]+$/u;
const untranslatedOnly = process.argv[2] === '--untranslated';
const [wordnetDir, wolfFile] = process.argv.slice(untranslatedOnly ? 3 : 2);
if (!wordnetDir || !wolfFile) {
  process.stderr.write('usage: derive-en-fr-wordnet.mjs [--untranslated] WORDNET_DIR WN_DATA_FRA_TAB\n');
  process.exit(2);
}

const french = new Map();
for (const line of fs.readFileSync(wolfFile, 'utf8').split('\n')) {
  const [synset, kind, lemma] = line.split('\t');
  if (kind !== 'fra:lemma' || !lemma || !FRENCH_LEMMA.test(lemma.trim())) continue;
  const key = synset.replace(/-s$/, '-a');
  if (!french.has(key)) french.set(key, []);
  french.get(key).push(lemma.trim());
}

const out = new Map();
const lemmas = new Set();
for (const [file, pos] of [['index.noun', 'n'], ['index.verb', 'v'], ['index.adj', 'a'], ['index.adv', 'r']]) {
  for (const line of fs.readFileSync(path.join(wordnetDir, file), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.trim().split(' ');
    const lemma = f[0].replace(/_/g, ' ');
    if (lemma.split(' ').length > MAX_WORDS || /[^a-z' -]/.test(lemma)) continue;
    lemmas.add(lemma);
    const synsetCount = Number(f[2]);
    const translated = f
      .slice(f.length - synsetCount)
      .map((offset) => french.get(`${offset}-${pos}`))
      .filter((lemmas) => lemmas !== undefined)
      .slice(0, MAX_SENSES);
    const list = [];
    for (const lemmas of translated) for (const fr of lemmas) if (!list.includes(fr)) list.push(fr);
    if (list.length) out.set(`${lemma}\t${pos}`, list);
  }
}

for (const [file, pos] of [['noun.exc', 'n'], ['verb.exc', 'v'], ['adj.exc', 'a'], ['adv.exc', 'r']]) {
  for (const line of fs.readFileSync(path.join(wordnetDir, file), 'utf8').split('\n')) {
    const [form, ...bases] = line.trim().split(' ');
    if (!form || bases.length === 0 || /[^a-z'-]/.test(form) || out.has(`${form}\t${pos}`)) continue;
    const list = [];
    for (const base of bases) for (const fr of out.get(`${base.replace(/_/g, ' ')}\t${pos}`) ?? []) if (!list.includes(fr)) list.push(fr);
    if (list.length) out.set(`${form}\t${pos}`, list);
  }
}

if (untranslatedOnly) {
  const translated = new Set([...out.keys()].map((key) => key.split('\t')[0]));
  const untranslated = [...lemmas].filter((lemma) => /^[a-z]+$/.test(lemma) && !translated.has(lemma)).sort();
  process.stdout.write('# One-word English lemmas of Princeton WordNet 3.0 none of whose senses WOLF translates.\n');
  process.stdout.write('# Derived by scripts/lexicon/derive-en-fr-wordnet.mjs --untranslated. See data/lexicon/README.md.\n');
  process.stdout.write(`${untranslated.join('\n')}\n`);
  process.exit(0);
}

process.stdout.write('# English lemma or irregular form<TAB>part of speech (n, v, a, r)<TAB>French lemmas (|-separated, most frequent sense first).\n');
process.stdout.write('# Derived by scripts/lexicon/derive-en-fr-wordnet.mjs from Princeton WordNet 3.0 (WordNet 3.0 licence)\n');
process.stdout.write('# and WOLF via the Open Multilingual Wordnet (CeCILL-C). See data/lexicon/README.md.\n');
for (const [lemma, fr] of [...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
  process.stdout.write(`${lemma}\t${fr.join('|')}\n`);
}
