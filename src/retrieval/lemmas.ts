/**
 * A French form → lemma table (data/lexicon/lemmas-fr-hunspell.tsv, derived from the Dicollecte Hunspell dictionary
 * by scripts/lexicon/derive-lemmas-fr-hunspell.mjs), kept as the file's sorted text and the offsets of its lines so
 * that some 80 000 entries cost about 2 MB, not a map of strings. Lookups are binary searches.
 */
export class LemmaTable {
  private readonly text: string;
  private readonly starts: Uint32Array;

  /**
   * @param tsv lines `form<TAB>lemma`, folded, sorted by form (byte order); `#` lines are comments
   * @throws Error when the forms are not sorted (lookups would silently miss)
   */
  constructor(tsv: string) {
    this.text = tsv;
    const starts: number[] = [];
    let previous = '';
    for (let at = 0; at < tsv.length; ) {
      const end = tsv.indexOf('\n', at);
      const stop = end < 0 ? tsv.length : end;
      if (stop > at && tsv[at] !== '#') {
        const form = tsv.slice(at, tsv.indexOf('\t', at));
        if (form <= previous) throw new Error(`lemma table not sorted at "${form}"`);
        previous = form;
        starts.push(at);
      }
      at = stop + 1;
    }
    this.starts = Uint32Array.from(starts);
  }

  /** Number of forms. */
  get size(): number {
    return this.starts.length;
  }

  /** The lemma of a folded form, or undefined when the table does not list it. */
  lemma(form: string): string | undefined {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = this.starts[mid]!;
      const tab = this.text.indexOf('\t', at);
      const key = this.text.slice(at, tab);
      if (key === form) {
        const end = this.text.indexOf('\n', tab);
        return this.text.slice(tab + 1, end < 0 ? this.text.length : end);
      }
      if (key < form) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }
}
