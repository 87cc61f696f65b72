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
  const lines: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const obj = node as Json;
    if (obj.type === 'TextBlock') lines.push(obj.text);
    else if (obj.type === 'FactSet') lines.push(...obj.facts.map((f: Json) => `${f.title} ${f.value}`));
    else if (obj.type === 'ColumnSet') {
      // A row of columns reads as one line, as a fact does (« Portefeuille ministériel Transports… »).
      lines.push(columnTexts(obj).join(' '));
      return;
    }
    Object.values(obj).forEach(visit);
  };
  visit(card);
  return lines.join('\n');
}

/** The text of each column of a ColumnSet (its TextBlocks joined by a space). */
function columnTexts(columnSet: Json): string[] {
  return (columnSet.columns as Json[]).map((column) =>
    typedNodes(column.items)
      .filter((n) => n.type === 'TextBlock')
      .map((n) => String(n.text))
      .join(' '),
  );
}

/**
 * Every label–value pair of the card, from FactSets (title, value) and from two-column rows (ColumnSets: label
 * column, value column), in order, with the column weights of each row (null for a fact).
 */
export function labelledValues(card: unknown): Array<{ label: string; value: string; widths: [unknown, unknown] | null }> {
  return typedNodes(card).flatMap((n) => {
    if (n.type === 'FactSet') return n.facts.map((f: Json) => ({ label: f.title, value: f.value, widths: null }));
    if (n.type !== 'ColumnSet' || n.columns.length !== 2) return [];
    const [label, value] = columnTexts(n);
    return [{ label: label!, value: value!, widths: [n.columns[0].width, n.columns[1].width] as [unknown, unknown] }];
  });
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
