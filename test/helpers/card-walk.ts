/** Walks Adaptive Card JSON: every element and action, nested containers, column sets and action sets included. */

export type Json = Record<string, any>;

/** Every object in the card that has a `type` (elements, inputs, actions, refresh action), depth first. */
export function typedNodes(card: unknown): Json[] {
  const found: Json[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node && typeof node === 'object') {
      const obj = node as Json;
      if (typeof obj.type === 'string') found.push(obj);
      Object.values(obj).forEach(visit);
    }
  };
  visit(card);
  return found;
}

/** Every `Action.Execute` in the card (buttons, action sets, select actions, the refresh action). */
export function executeActions(card: unknown): Json[] {
  return typedNodes(card).filter((n) => n.type === 'Action.Execute');
}

/** Every input element (`Input.*`) of the card. */
export function inputs(card: unknown): Json[] {
  return typedNodes(card).filter((n) => String(n.type).startsWith('Input.'));
}

/** The text of every TextBlock and fact, joined by newlines. */
export function cardText(card: unknown): string {
  return typedNodes(card)
    .flatMap((n) => (n.type === 'TextBlock' ? [n.text] : n.type === 'FactSet' ? n.facts.map((f: Json) => `${f.title} ${f.value}`) : []))
    .join('\n');
}
