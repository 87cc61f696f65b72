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

/** The labels of a card's inputs, one per line: where a field's problem is (« … — Erreur : … »), read with its input. */
export function inputLabels(card: unknown): string {
  return inputs(card)
    .map((i) => String(i.label ?? ''))
    .join('\n');
}

/** What a step card's buttons carry, read from the card. */
export function actionData(card: Json, verb?: string): Json {
  const action = executeActions(card).find((a) => verb === undefined || a.verb === verb);
  if (!action) throw new Error(`no ${verb ?? 'action'} in card: ${JSON.stringify(card).slice(0, 300)}`);
  return action.data;
}

/** The values a person would submit from a step card (its inputs as Teams sends them), with some changed. */
export function inputValues(card: Json, changes: Record<string, string> = {}): Record<string, string> {
  const values: Record<string, string> = {};
  for (const input of inputs(card)) values[input.id] = String(input.value ?? '');
  return { ...values, ...changes };
}

/** A draft value as a card input sends it. */
export function asInput(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}
