/** The parts of a parsed DOM node the HTML reader walks (cheerio's tree, without depending on its internal types). */
export interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  parent?: DomNode | null;
  /** The siblings before and after the node, text and comments included. */
  prev?: DomNode | null;
  next?: DomNode | null;
}

/** The element children of a node named one of `names`, in document order. */
export function childElements(node: DomNode, names: ReadonlySet<string>): DomNode[] {
  return (node.children ?? []).filter((c) => c.type === 'tag' && names.has(c.name ?? ''));
}
