#!/usr/bin/env node
// Derives data/lexicon/lemmas-fr-hunspell.tsv from the French Hunspell dictionary of Dicollecte/Grammalecte
// (Debian package hunspell-fr-classical, MPL 2.0): every inflected form the dictionary's suffix rules generate from a
// headword, with the headword as its lemma, folded (lower case, no diacritics) as Balises analyses text.
//
// Only the forms that need the table are written: those whose Snowball stem differs from the Snowball stem of every
// lemma the dictionary gives them (`informent` → `informer`; `utilisons` stems like `utiliser` already and is left
// out). A folded form with lemmas of different stems is left out too: the table must never choose a reading.
// Prefix rules (French elisions `l'`, `d'`…) are not expanded: Balises removes elisions before analysis.
//
// With --stems, writes instead the Snowball stem of every form, one per line (data/lexicon/stems-fr-hunspell.txt):
// the French words Balises never takes for a typo of an indexed word (`demain` is not `domain` misspelled).
//
// usage: node scripts/lexicon/derive-lemmas-fr-hunspell.mjs [--stems] fr.aff fr.dic > data/lexicon/lemmas-fr-hunspell.tsv
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const snowball = require('snowball-stemmers').newStemmer('french');

const stemsOnly = process.argv[2] === '--stems';
const [affFile, dicFile] = process.argv.slice(stemsOnly ? 3 : 2);
if (!affFile || !dicFile) {
  console.error('usage: derive-lemmas-fr-hunspell.mjs [--stems] fr.aff fr.dic');
  process.exit(2);
}

const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const stem = (folded) => snowball.stem(folded);

/** Suffix rules by two-character flag (the dictionary declares `FLAG long`). */
const suffixes = new Map();
for (const line of fs.readFileSync(affFile, 'utf8').split('\n')) {
  const f = line.trim().split(/\s+/);
  if (f[0] !== 'SFX' || f.length < 5) continue;
  const [, flag, strip, addWithFlags, condition] = f;
  const add = addWithFlags.split('/')[0];
  const rules = suffixes.get(flag) ?? [];
  rules.push({
    strip: strip === '0' ? '' : strip,
    add: add === '0' ? '' : add,
    condition: new RegExp(`${condition === '.' ? '' : condition}$`, 'u'),
  });
  suffixes.set(flag, rules);
}

/** Folded form → folded lemmas. */
const lemmas = new Map();
const note = (form, lemma) => {
  const key = fold(form);
  if (!/^[a-z]+$/.test(key)) return;
  const set = lemmas.get(key) ?? new Set();
  set.add(fold(lemma));
  lemmas.set(key, set);
};
const lines = fs.readFileSync(dicFile, 'utf8').split('\n');
for (const line of lines.slice(1)) {
  const entry = line.split(/\s/)[0];
  if (!entry) continue;
  const [word, flags = ''] = entry.split('/');
  if (!/^\p{Ll}/u.test(word)) continue;
  note(word, word);
  for (let i = 0; i + 1 < flags.length; i += 2) {
    for (const rule of suffixes.get(flags.slice(i, i + 2)) ?? []) {
      if (!word.endsWith(rule.strip) || !rule.condition.test(word)) continue;
      note(word.slice(0, word.length - rule.strip.length) + rule.add, word);
    }
  }
}

if (stemsOnly) {
  const stems = [...new Set([...lemmas.keys()].map(stem))].sort();
  process.stdout.write(
    '# Snowball stem of every folded form of the Dicollecte French Hunspell dictionary (MPL 2.0), see data/lexicon/README.md\n' +
      `${stems.join('\n')}\n`,
  );
  process.exit(0);
}

const out = [];
for (const [form, set] of lemmas) {
  const own = stem(form);
  const stems = new Set([...set].map(stem));
  if (stems.has(own) || stems.size !== 1) continue;
  const lemma = [...set].sort((a, b) => a.length - b.length || a.localeCompare(b))[0];
  out.push(`${form}\t${lemma}`);
}
out.sort();
process.stdout.write(
  '# form\tlemma, folded; from the Dicollecte French Hunspell dictionary (MPL 2.0), see data/lexicon/README.md\n' +
    `${out.join('\n')}\n`,
);
