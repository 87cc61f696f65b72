import { describe, expect, it } from 'vitest';
import { listCard, receiptCard, reviewCard, stepCard } from '../../../src/bot/cards/index.js';
import { cardText, executeActions, inputs, type Json } from '../../helpers/card-walk.js';
import { decisionEvent, sampleRecord, submittedRecord } from '../../helpers/declarations.js';

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

describe('French colons on cards', () => {
  /** A colon after an ordinary space that follows a word or a closing mark: where a narrow card can start a line on « : ». */
  const LOOSE_COLON = /[\p{L}\p{N}»)\]*_`] +:/u;
  const READ = new Set(['text', 'title', 'label', 'placeholder', 'tooltip', 'errorMessage', 'altText']);
  const ADMIN = '00000000-0000-0000-0000-0000000000ad';

  it('holds « : » to the word before it with a no-break space in labels, titles, tooltips and notes', () => {
    const step = stepCard({ declarationId: 'd', revision: 2, step: 'identification', values: { name: 'ab' }, errors: { name: 'at least 3 characters' } }, 'fr') as Json;
    expect(inputs(step).find((i) => i.id === 'name')!.label).toContain('— Erreur\u00a0: au moins 3 caractères.');
    const receipt = receiptCard(submittedRecord(), 'fr') as Json;
    expect(cardText(receipt)).toContain('Déclaration reçue\u00a0: IA-2031-0001');
    expect(cardText(receipt)).toContain('Source\u00a0: ');
    const list = listCard([sampleRecord({ revision: 3 })], { kind: 'mine' }, 'fr') as Json;
    expect(executeActions(list).map((a) => a.tooltip)).toContain('Reprendre\u00a0: Tri fictif des demandes de permis');
    const record = submittedRecord({ state: 'changes_requested' });
    const decided = reviewCard(record, 'fr', { adminIds: [ADMIN], events: [decisionEvent(record, 'changes_requested', 'Motif fictif')] }) as Json;
    expect(cardText(decided)).toContain('Commentaire\u00a0: Motif fictif');
    for (const card of [step, receipt, list, decided]) {
      expect(strings(card).filter(([key, text]) => READ.has(key) && LOOSE_COLON.test(text))).toEqual([]);
    }
  });

  it('writes English with no space before a colon, as typed', () => {
    const step = stepCard({ declarationId: 'd', revision: 2, step: 'identification', values: { name: 'ab' }, errors: { name: 'at least 3 characters' } }, 'en') as Json;
    expect(inputs(step).find((i) => i.id === 'name')!.label).toContain('— Error: at least 3 characters.');
  });

  it('leaves a quoted passage and what a person typed in the inputs as they are, spaces before a colon included', () => {
    const assessment = submittedRecord().assessment!;
    const [first] = assessment.obligations;
    const quoted = { ...assessment, obligations: [{ ...first!, quote: { ...first!.quote!, text: 'Le registre fictif contient : la date.' } }] };
    const card = receiptCard(submittedRecord({ assessment: quoted }), 'fr');
    const quote = (card.body as Json[]).find((e) => e.type === 'Container' && e.style === 'emphasis');
    expect(quote!.items[0].text).toBe('«\u00a0Le registre fictif contient : la date.\u00a0»');
    const step = stepCard({ declarationId: 'd', revision: 2, step: 'identification', values: { name: 'Outil : maison fictif' } }, 'fr') as Json;
    expect(inputs(step).find((i) => i.id === 'name')?.value).toBe('Outil : maison fictif');
  });
});
