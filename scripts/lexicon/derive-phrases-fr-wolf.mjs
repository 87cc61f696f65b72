#!/usr/bin/env node
// Derives data/lexicon/phrases-fr-wolf.txt, the French multiword expressions (`premier ministre`, `code source`,
// `mise en œuvre`) that name one concept, from WOLF, Wordnet Libre du Français (CeCILL-C), as published by the Open
// Multilingual Wordnet project (github.com/omwn/omw-data, file wns/fra/wn-data-fra.tab): every lemma of two to four
// words, letters, spaces, hyphens and apostrophes only. See data/lexicon/README.md.
//
// Usage: node scripts/lexicon/derive-phrases-fr-wolf.mjs WN_DATA_FRA_TAB > data/lexicon/phrases-fr-wolf.txt
import fs from 'node:fs';

const [wolfFile] = process.argv.slice(2);
if (!wolfFile) {
  process.stderr.write('usage: derive-phrases-fr-wolf.mjs WN_DATA_FRA_TAB\n');
  process.exit(2);
}
const phrases = new Set();
for (const line of fs.readFileSync(wolfFile, 'utf8').split('\n')) {
  const [, kind, lemma] = line.split('\t');
  if (kind !== 'fra:lemma' || !lemma) continue;
  const phrase = lemma.trim().toLowerCase();
  const words = phrase.split(' ');
  if (words.length < 2 || words.length > 4 || !/^[\p{L}' -]+$/u.test(phrase)) continue;
  phrases.add(phrase);
}
process.stdout.write('# French multiword expressions, one per line. Derived by scripts/lexicon/derive-phrases-fr-wolf.mjs from\n');
process.stdout.write('# WOLF (Wordnet Libre du Français, CeCILL-C) via the Open Multilingual Wordnet. See data/lexicon/README.md.\n');
for (const p of [...phrases].sort()) process.stdout.write(`${p}\n`);
