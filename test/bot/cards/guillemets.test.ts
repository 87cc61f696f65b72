import { describe, expect, it } from 'vitest';
import { listCard, receiptCard, stepCard } from '../../../src/bot/cards/index.js';
import { cardText, executeActions, inputs, type Json } from '../../helpers/card-walk.js';
import { sampleRecord, submittedRecord } from '../../helpers/declarations.js';

/** Every string of a card JSON, with its property name. */
function strings(node: unknown, key = ''): Array<[string, string]> {
  if (typeof node === 'string') return [[key, node]];
  if (Array.isArray(node)) return node.flatMap((item) => strings(item, key));
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => strings(v, k));
  return [];
}

describe('French guillemets on cards', () => {
  it('holds « and » to their words with a no-break space in what people read: notes, button titles', () => {
    const draft = sampleRecord({ revision: 3 });
    const list = listCard([draft], { kind: 'mine' }, 'fr') as Json;
    expect(executeActions(list).map((a) => a.title)).toContain('Reprendre «\u00a0Tri fictif des…\u00a0»');
    expect(cardText(list)).toContain('«\u00a0Nouvelle déclaration\u00a0» met votre brouillon en cours de côté');
    const read = strings(list).filter(([key]) => key === 'text' || key === 'title');
    expect(read.filter(([, text]) => /« | »/u.test(text))).toEqual([]);
  });

  it('leaves a quoted passage as the document writes it, its own guillemets and spaces included', () => {
    const assessment = submittedRecord().assessment!;
    const [first] = assessment.obligations;
    const quoted = { ...assessment, obligations: [{ ...first!, quote: { ...first!.quote!, text: 'Le registre « fictif » est tenu à jour.' } }] };
    const card = receiptCard(submittedRecord({ assessment: quoted }), 'fr');
    const quote = (card.body as Json[]).find((e) => e.type === 'Container' && e.style === 'emphasis');
    expect(quote!.items[0].text).toBe('«\u00a0Le registre « fictif » est tenu à jour.\u00a0»');
  });

  it('leaves what a person typed in the inputs exactly as typed', () => {
    const card = stepCard({ declarationId: 'd', revision: 2, step: 'identification', values: { name: 'Outil « maison » fictif' } }, 'fr') as Json;
    expect(inputs(card).find((i) => i.id === 'name')?.value).toBe('Outil « maison » fictif');
  });
});
