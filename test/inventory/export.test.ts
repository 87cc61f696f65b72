import { parse } from 'csv-parse/sync';
import { describe, expect, it, vi } from 'vitest';
import { CSV_COLUMNS, STATE_LABELS, toCsv, toJson, UTF8_BOM } from '../../src/inventory/export.js';
import { DECLARATION_FIELDS, DeclarationShape, SCHEMA_VERSION } from '../../src/inventory/schema.js';
import { STATES, type DeclarationRecord } from '../../src/inventory/types.js';
import { quietDraft } from './declarations.js';

function record(patch: Partial<DeclarationRecord> = {}): DeclarationRecord {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    publicId: 'IA-2031-0001',
    schemaVersion: SCHEMA_VERSION,
    data: quietDraft({ generative: true, affectedGroups: ['citoyens', 'groupes-vulnerables'], measures: ['efvp', 'avis-securite'] }),
    submittedData: null,
    state: 'approved',
    declarant: { id: 'aad-declarant', name: 'Éloïse Côté-Lévesque' },
    collaborators: [],
    revision: 5,
    assessment: { rulesVersion: 'test', level: 2, score: 3, obligations: [], assessedAt: '2031-04-01T12:00:00.000Z' },
    createdAt: '2031-04-01T11:00:00.000Z',
    updatedAt: '2031-04-02T11:00:00.000Z',
    submittedAt: '2031-04-01T12:00:00.000Z',
    setAsideAt: null,
    language: null,
    changedSinceReview: null,
    ...patch,
  };
}

const rowsOf = (csv: string) => parse(csv, { bom: true }) as string[][];

describe('toCsv', () => {
  it('starts with a UTF-8 byte order mark', () => {
    const bytes = Buffer.from(toCsv([record()]), 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(toCsv([]).startsWith(UTF8_BOM)).toBe(true);
  });

  it('puts the Portrait’s columns first, then ours', () => {
    const [header] = rowsOf(toCsv([record()]));
    expect(header!.slice(0, 6)).toEqual([
      'Nom de l’initiative',
      'Catégorie',
      'Organisme public responsable',
      'Portefeuille ministériel',
      'Bénéfices attendus',
      'État de l’initiative',
    ]);
    expect(header!.slice(6, 8)).toEqual(['Identifiant', 'État de la déclaration']);
    expect(header).toHaveLength(CSV_COLUMNS.length);
  });

  it('writes the documented header row, the same since the export was introduced', () => {
    const [header] = rowsOf(toCsv([]));
    expect(header).toEqual([
      'Nom de l’initiative',
      'Catégorie',
      'Organisme public responsable',
      'Portefeuille ministériel',
      'Bénéfices attendus',
      'État de l’initiative',
      'Identifiant',
      'État de la déclaration',
      'Ce qu’elle fait et pourquoi',
      'Personne-ressource',
      'Courriel de la personne-ressource',
      'Il s’agit d’IA générative',
      'Solution commerciale ou fournisseur (description générique)',
      'Hébergement',
      'Renseignements personnels utilisés',
      'Renseignements de qui',
      'Données d’entrée ou d’entraînement',
      'Rôle dans des décisions sur des personnes',
      'Des personnes interagissent directement avec le système',
      'Supervision humaine en place',
      'Mesures déjà prises',
      'Niveau d’impact préliminaire',
      'Soumise le',
      'Déclarant',
    ]);
  });

  it('keeps its headers when the form’s labels are reworded', async () => {
    const reworded = Object.fromEntries(
      Object.entries(DECLARATION_FIELDS).map(([id, ui]) => [id, { ...ui, label: { fr: `Libellé fictif reformulé ${id}`, en: `Reworded ${id}` } }]),
    );
    vi.resetModules();
    vi.doMock('../../src/inventory/schema.js', async (original) => ({ ...(await original<object>()), DECLARATION_FIELDS: reworded }));
    try {
      const { toCsv: toCsvReworded } = await import('../../src/inventory/export.js');
      expect(rowsOf(toCsvReworded([record()]))).toEqual(rowsOf(toCsv([record()])));
    } finally {
      vi.doUnmock('../../src/inventory/schema.js');
      vi.resetModules();
    }
  });

  it('has one column per declaration field, under the field’s id, and unique ids and headers', () => {
    const ids = CSV_COLUMNS.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(Object.keys(DeclarationShape)));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(CSV_COLUMNS.map((c) => c.header)).size).toBe(CSV_COLUMNS.length);
  });

  it('writes coded values as their French labels', () => {
    const [header, row] = rowsOf(toCsv([record()]));
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('Catégorie')).toBe('Traitement d’image/Imagerie médicale');
    expect(cell('Portefeuille ministériel')).toBe('Environnement, Lutte contre les changements climatiques, Faune et Parcs');
    expect(cell('État de l’initiative')).toBe('Développement de la solution');
    expect(cell('État de la déclaration')).toBe('Approuvée');
    expect(cell('Il s’agit d’IA générative')).toBe('Oui');
    expect(cell('Renseignements de qui')).toBe('Citoyens ; Groupes vulnérables');
    expect(cell('Niveau d’impact préliminaire')).toBe('2');
    expect(cell('Déclarant')).toBe('Éloïse Côté-Lévesque');
  });

  it('keeps text with commas, quotes and line breaks in one cell', () => {
    const benefits = 'Moins d’attente, «plus» de "clarté"\net une deuxième ligne.';
    const [header, row] = rowsOf(toCsv([record({ data: { ...quietDraft(), benefits } })]));
    expect(row![header!.indexOf('Bénéfices attendus')]).toBe(benefits);
  });

  it('neutralises spreadsheet formulas typed by users', () => {
    const [header, row] = rowsOf(toCsv([record({ data: { ...quietDraft(), name: '=HYPERLINK("http://x.invalid")', supplier: '@SUM(A1)' } })]));
    expect(row![header!.indexOf('Nom de l’initiative')]).toBe('\'=HYPERLINK("http://x.invalid")');
    expect(row![header!.indexOf('Solution commerciale ou fournisseur (description générique)')]).toBe("'@SUM(A1)");
  });

  it('guards every cell against formulas, codes and names included (OWASP CSV Injection)', () => {
    const forged = record({
      data: { ...quietDraft(), category: '=HYPERLINK("http://x.invalid","clic")', status: '@SUM(A1)', portefeuille: '+1+1', contactEmail: '-2+3' },
      declarant: { id: 'aad-declarant', name: '\tcmd' },
    });
    const [header, row] = rowsOf(toCsv([forged]));
    expect(row![header!.indexOf('Catégorie')]).toBe('\'=HYPERLINK("http://x.invalid","clic")');
    expect(row![header!.indexOf('État de l’initiative')]).toBe("'@SUM(A1)");
    expect(row![header!.indexOf('Portefeuille ministériel')]).toBe("'+1+1");
    expect(row![header!.indexOf('Courriel de la personne-ressource')]).toBe("'-2+3");
    expect(row![header!.indexOf('Déclarant')]).toBe("'\tcmd");
    for (const cell of row!) expect(cell).not.toMatch(/^[=+\-@\r]/);
  });

  it('never writes control or bidirectional-override characters', () => {
    const [header, row] = rowsOf(toCsv([record({ data: { ...quietDraft(), name: 'Tri\u0000 des\u001b[31m courriels \u202Egnp.exe\u2066' } })]));
    expect(row![header!.indexOf('Nom de l’initiative')]).toBe('Tri des[31m courriels gnp.exe');
  });

  it('shows the last submitted version, never edits made since', () => {
    const reopened = record({
      state: 'changes_requested',
      submittedData: quietDraft({ name: 'Version soumise' }),
      data: quietDraft({ name: 'Modification non soumise' }),
    });
    const [header, row] = rowsOf(toCsv([reopened]));
    expect(row![header!.indexOf('Nom de l’initiative')]).toBe('Version soumise');
    const json = JSON.parse(toJson([{ ...reopened, data: reopened.submittedData!, events: [], accessEvents: [] }], '2031-05-01T00:00:00.000Z'));
    expect(json.declarations[0].data.name).toBe('Version soumise');
  });

  it('shows an unknown code (from an older schema) as the code itself', () => {
    const [header, row] = rowsOf(toCsv([record({ data: { ...quietDraft(), hosting: 'ancien-code' } })]));
    expect(row![header!.indexOf('Hébergement')]).toBe('ancien-code');
  });
});

describe('toJson', () => {
  it('is the records as stored, with their events and access changes', () => {
    const accessEvents = [{ declarationId: record().id, at: '2031-04-01T12:00:00.000Z', actor: { id: 'aad-declarant', name: 'Personne fictive' }, change: 'added' as const, userId: 'aad-collegue' }];
    const json = JSON.parse(toJson([{ ...record(), events: [], accessEvents }], '2031-05-01T00:00:00.000Z'));
    expect(json).toMatchObject({ format: 'balises-inventory', schemaVersion: SCHEMA_VERSION, exportedAt: '2031-05-01T00:00:00.000Z' });
    expect(json.declarations[0]).toEqual({ ...record(), events: [], accessEvents });
  });

  it('is the document JSON.stringify pretty-prints, with a final line break, for none, one or several declarations', () => {
    const at = '2031-05-01T00:00:00.000Z';
    const declarations = [
      { ...record(), events: [], accessEvents: [] },
      { ...record({ id: 'autre-fictive', data: { ...quietDraft(), name: 'Projet « fictif »\nsur deux lignes' } }), events: [], accessEvents: [] },
    ];
    for (const n of [0, 1, 2]) {
      const document = { format: 'balises-inventory', schemaVersion: SCHEMA_VERSION, exportedAt: at, declarations: declarations.slice(0, n) };
      expect(toJson(declarations.slice(0, n), at)).toBe(`${JSON.stringify(document, null, 2)}\n`);
    }
  });
});

describe('STATE_LABELS', () => {
  it('labels every state in French and English', () => {
    for (const s of STATES) expect(STATE_LABELS[s].fr && STATE_LABELS[s].en).toBeTruthy();
  });
});
