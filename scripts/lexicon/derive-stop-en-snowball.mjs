#!/usr/bin/env node
// Derives data/lexicon/stop-en-snowball.txt, the English stop words of query analysis, from the Snowball project's
// English stop word list (https://snowballstem.org/algorithms/english/stop.txt, BSD-3-Clause) as PostgreSQL ships it
// for its Snowball dictionaries (Debian package `postgresql-15`, /usr/share/postgresql/15/tsearch_data/english.stop:
// one word per line). The `stopword` package's English list is another one (the `natural` library's): it lacks
// `does`, `will`, `just`, `when`, `why`, which the dictionary then translated as content words (`does` → effectuer).
//
// Usage: node scripts/lexicon/derive-stop-en-snowball.mjs ENGLISH_STOP > data/lexicon/stop-en-snowball.txt
import fs from 'node:fs';

const [file] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: derive-stop-en-snowball.mjs ENGLISH_STOP\n');
  process.exit(2);
}
const words = fs
  .readFileSync(file, 'utf8')
  .split('\n')
  .map((line) => line.replace(/\|.*/, '').trim().toLowerCase())
  .filter(Boolean);
process.stdout.write('# English stop words, one per line: the Snowball English stop word list (BSD-3-Clause).\n');
process.stdout.write('# Derived by scripts/lexicon/derive-stop-en-snowball.mjs. See data/lexicon/README.md.\n');
for (const w of [...new Set(words)]) process.stdout.write(`${w}\n`);
