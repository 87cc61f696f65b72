import type { Block } from './clean.js';
import { slug } from './slug.js';
import type { Section } from './types.js';

/** A section and the body blocks that belong to it, in reading order. */
export interface SectionedBlocks {
  section: Section;
  blocks: Block[];
}

/**
 * A heading still open while a document is read: its group, its level (0 a heading glued to its paragraph, 1–6 a
 * format heading, halves for subdivisions) and whether it belongs to a numbered family rather than the format's
 * markup (`glued`).
 */
export interface OpenHeading {
  group: SectionedBlocks;
  level: number;
  glued?: boolean;
}

/**
 * The sections of one document as they are read: the groups in reading order, their ids (unique, deterministic
 * slugs), the stack of open headings and the group the next block goes to. Starts with a preamble group for what
 * comes before the first heading. Used by detectSections only.
 */
export class SectionOutline {
  /** Every group opened, in reading order; a section may have several (its text resumed after a subsection). */
  readonly groups: SectionedBlocks[] = [];
  /** The open headings, outermost first. */
  readonly stack: OpenHeading[] = [];
  readonly preamble: SectionedBlocks;
  private current: SectionedBlocks;
  private readonly usedIds = new Set<string>();
  // The last suffix tried for each base id: ids are only ever added, so the next free one is never below it, and
  // thousands of sections whose headings open with the same word do not probe every suffix again each time.
  private readonly lastSuffix = new Map<string, number>();

  constructor(preambleTitle: string, preambleId: string) {
    this.preamble = this.open([preambleTitle], preambleId);
    this.current = this.preamble;
  }

  /** Opens a group for a new section at `path`, with `baseId` (`section` when empty) or the next free `baseId-N`. */
  open(path: string[], baseId: string): SectionedBlocks {
    const base = baseId || 'section';
    let id = base;
    let n = this.lastSuffix.get(base) ?? 1;
    while (this.usedIds.has(id)) id = `${base}-${++n}`;
    this.lastSuffix.set(base, n);
    this.usedIds.add(id);
    const entry = { section: { id, path }, blocks: [] };
    this.groups.push(entry);
    return entry;
  }

  /**
   * Opens the section of `heading` at `level`: headings at that level or deeper are closed, the section goes under
   * the deepest one left (its id `parent-id/idPart`), and the next blocks go to it.
   */
  push(heading: string, level: number, idPart: string, glued = false): void {
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.level >= level) this.stack.pop();
    const parent = this.stack[this.stack.length - 1]?.group.section;
    const group = parent ? this.open([...parent.path, heading], `${parent.id}/${idPart}`) : this.open([heading], idPart);
    this.stack.push({ group, level, ...(glued ? { glued } : {}) });
    this.current = group;
  }

  /** Closes every open heading: the next blocks go to the preamble. */
  closeAll(): void {
    this.stack.length = 0;
    this.current = this.preamble;
  }

  /**
   * Adds `block` to the deepest open section, or, with `label`, to a new section named `label` under it (a labelled
   * list item, a definitions clause); text that follows such a section but belongs to its parent keeps reading
   * order in a group of its own.
   */
  add(block: Block, label?: string): void {
    const parent = this.stack[this.stack.length - 1]?.group ?? this.preamble;
    if (label) {
      this.current = this.open([...parent.section.path, label], `${parent.section.id}/${slug(label)}`);
    } else if (this.current.section !== parent.section) {
      this.current = { section: parent.section, blocks: [] };
      this.groups.push(this.current);
    }
    this.current.blocks.push(block);
  }
}
