/**
 * A sorted table of folded keys, one per line, each with an optional value after a tab (`key` or `key<TAB>value`),
 * kept as the file's text and the offsets of its lines, so that some 100 000 entries cost about as many bytes as the
 * file rather than a map of strings. Lookups are binary searches.
 */
export class SortedKeys {
  private readonly text: string;
  private readonly starts: Uint32Array;

  /**
   * @param text lines `key` or `key<TAB>value`, sorted by key (byte order, keys unique); `#` lines are comments
   * @param what what a key is, for the error message (`lemma table`)
   * @throws Error when the keys are not sorted (lookups would silently miss)
   */
  constructor(text: string, what: string) {
    this.text = text;
    const starts: number[] = [];
    let previous = '';
    for (let at = 0; at < text.length; ) {
      const end = text.indexOf('\n', at);
      const stop = end < 0 ? text.length : end;
      if (stop > at && text[at] !== '#') {
        const key = text.slice(at, this.keyEnd(at, stop));
        if (key <= previous) throw new Error(`${what} not sorted at "${key}"`);
        previous = key;
        starts.push(at);
      }
      at = stop + 1;
    }
    this.starts = Uint32Array.from(starts);
  }

  /** Number of keys. */
  get size(): number {
    return this.starts.length;
  }

  /** True when the table lists `key`. */
  has(key: string): boolean {
    return this.find(key) >= 0;
  }

  /** The value after `key`'s tab ('' for a line without one), or undefined when the table does not list `key`. */
  protected valueOf(key: string): string | undefined {
    const line = this.find(key);
    if (line < 0) return undefined;
    const at = this.starts[line]!;
    const stop = this.lineEnd(at);
    const tab = this.keyEnd(at, stop);
    return tab < stop ? this.text.slice(tab + 1, stop) : '';
  }

  private find(key: string): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = this.starts[mid]!;
      const found = this.text.slice(at, this.keyEnd(at, this.lineEnd(at)));
      if (found === key) return mid;
      if (found < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private lineEnd(at: number): number {
    const end = this.text.indexOf('\n', at);
    return end < 0 ? this.text.length : end;
  }

  /** The tab ending the key of the line [at, stop), else `stop`. Scans that line only: `indexOf` would run on to the
   *  next tab, i.e. to the end of a file without values (the stem list), on every line read and every lookup step. */
  private keyEnd(at: number, stop: number): number {
    for (let i = at; i < stop; i++) if (this.text.charCodeAt(i) === 9) return i;
    return stop;
  }
}

/**
 * A French form → lemma table (data/lexicon/lemmas-fr-hunspell.tsv, derived from the Dicollecte Hunspell dictionary
 * by scripts/lexicon/derive-lemmas-fr-hunspell.mjs): some 80 000 entries in about 2 MB (see SortedKeys).
 */
export class LemmaTable extends SortedKeys {
  /**
   * @param tsv lines `form<TAB>lemma`, folded, sorted by form (byte order); `#` lines are comments
   * @throws Error when the forms are not sorted (lookups would silently miss)
   */
  constructor(tsv: string) {
    super(tsv, 'lemma table');
  }

  /** The lemma of a folded form, or undefined when the table does not list it. */
  lemma(form: string): string | undefined {
    return this.valueOf(form);
  }
}
