import { describe, expect, it } from 'vitest';
import type { PassageReference, QuotedPassage } from '../../src/answers/passage-lookup.js';
import {
  assess,
  levelOf,
  loadAssessmentRules,
  parseAssessmentRules,
  ruleFires,
  type AssessmentRules,
} from '../../src/inventory/assessment.js';
import type { Declaration } from '../../src/inventory/schema.js';
import { quietDeclaration } from './declarations.js';

const rules = loadAssessmentRules();
const NOW = '2031-04-01T12:00:00.000Z';

/** A lookup over a fictional document: quotes back which reference it was asked for. */
function recordingLookup() {
  const asked: PassageReference[] = [];
  const lookup = async (reference: PassageReference): Promise<QuotedPassage | null> => {
    asked.push(reference);
    if (reference.sectionSuffix === undefined) return null;
    return {
      text: `Passage fictif de la section ${reference.sectionSuffix}.`,
      docId: 'charte-fictive',
      title: 'Charte fictive',
      versionLabel: 'v1',
      sectionPath: reference.sectionSuffix.split('/'),
      pages: null,
      url: null,
    };
  };
  return { asked, lookup };
}

const fired = (d: Declaration) => rules.rules.filter((r) => ruleFires(r, d)).map((r) => r.id);

describe('the assessment rules file', () => {
  it('loads, with a version and four increasing levels', () => {
    expect(rules.version).toMatch(/^\d{4}-\d{2}-\d{2}\.\d+$/);
    expect(rules.levels.map((l) => l.level)).toEqual([1, 2, 3, 4]);
  });

  it('names a passage section for every rule, and holds no document text (only search words)', () => {
    for (const rule of rules.rules) {
      expect(rule.passage.sectionSuffix, rule.id).toBeTruthy();
      expect(rule.passage.query.length, rule.id).toBeLessThan(160);
    }
  });
});

describe('ruleFires, rule by rule', () => {
  it('a quiet declaration triggers only the information-security advice', () => {
    expect(fired(quietDeclaration())).toEqual(['avis-securite']);
  });

  it.each<[string, Partial<Declaration>, string[]]>([
    ['efvp', { personalInformation: 'personnel', affectedGroups: ['employes'] }, ['efvp']],
    ['renseignements-sensibles (with the EFVP)', { personalInformation: 'sensible', affectedGroups: ['citoyens'] }, ['efvp', 'renseignements-sensibles']],
    ['groupes-vulnerables', { personalInformation: 'personnel', affectedGroups: ['citoyens', 'groupes-vulnerables'] }, ['efvp', 'groupes-vulnerables']],
    ['transparence', { publicFacing: true }, ['transparence']],
    ['explicabilite (a human decides)', { decisionRole: 'soutien' }, ['explicabilite']],
    ['explicabilite and supervision-humaine (decides automatically)', { decisionRole: 'automatise' }, ['explicabilite', 'supervision-humaine']],
    ['fournisseurs', { supplier: 'Plateforme infonuagique commerciale' }, ['fournisseurs']],
    ['hebergement-hors-canada', { hosting: 'infonuagique-hors-canada' }, ['hebergement-hors-canada']],
    ['competence-ia-generative', { generative: true }, ['competence-ia-generative']],
  ])('%s fires on its condition', (_name, patch, expected) => {
    expect(fired(quietDeclaration(patch))).toEqual([...expected, 'avis-securite'].sort(byFileOrder));
  });

  it.each<[string, Partial<Declaration>]>([
    ['no personal information', { personalInformation: 'aucun', affectedGroups: ['citoyens'] }],
    ['non-sensitive personal information', { personalInformation: 'personnel', affectedGroups: ['citoyens', 'entreprises'] }],
    ['not public-facing', { publicFacing: false }],
    ['no role in decisions', { decisionRole: 'aucun' }],
    ['built in house (empty supplier)', { supplier: '' }],
    ['hosted in Canada', { hosting: 'infonuagique-canada' }],
    ['hosted in Québec', { hosting: 'infonuagique-quebec' }],
    ['not generative', { generative: false }],
  ])('does not fire on near misses: %s', (_name, patch) => {
    const ids = fired(quietDeclaration(patch));
    expect(ids).not.toContain('renseignements-sensibles');
    expect(ids).not.toContain('groupes-vulnerables');
    expect(ids).not.toContain('transparence');
    expect(ids).not.toContain('explicabilite');
    expect(ids).not.toContain('supervision-humaine');
    expect(ids).not.toContain('fournisseurs');
    expect(ids).not.toContain('hebergement-hors-canada');
    expect(ids).not.toContain('competence-ia-generative');
  });
});

function byFileOrder(a: string, b: string): number {
  const order = rules.rules.map((r) => r.id);
  return order.indexOf(a) - order.indexOf(b);
}

describe('assess', () => {
  it('quotes each obligation live, in the file’s order, and records the rules version and date', async () => {
    const { asked, lookup } = recordingLookup();
    const declaration = quietDeclaration({ publicFacing: true, generative: true, supplier: 'Assistant commercial' });
    const assessment = await assess(declaration, rules, lookup, NOW);
    expect(assessment.rulesVersion).toBe(rules.version);
    expect(assessment.assessedAt).toBe(NOW);
    expect(assessment.obligations.map((o) => o.ruleId)).toEqual(['transparence', 'fournisseurs', 'competence-ia-generative', 'avis-securite']);
    expect(asked.map((a) => a.sectionSuffix)).toEqual(['principe-7', 'introduction/fournisseurs-et-prestataires', 'principe-10/illustration', 'principe-4/illustration']);
    expect(assessment.obligations[0]).toEqual({
      ruleId: 'transparence',
      label: { fr: 'Transparence envers les citoyens et les entreprises', en: 'Transparency towards citizens and businesses' },
      quote: expect.objectContaining({ text: 'Passage fictif de la section principe-7.', docId: 'charte-fictive' }),
    });
  });

  it('keeps an obligation whose passage is no longer indexed, with a null quote', async () => {
    const assessment = await assess(quietDeclaration(), rules, async () => null, NOW);
    expect(assessment.obligations).toEqual([{ ruleId: 'avis-securite', label: expect.any(Object), quote: null, declaredDone: true }]);
  });

  it('marks an obligation the declarant says is already met by a measure taken, and keeps it listed', async () => {
    const patch: Partial<Declaration> = { personalInformation: 'personnel', affectedGroups: ['citoyens'], generative: true };
    const doneOf = async (measures: Declaration['measures']) =>
      Object.fromEntries((await assess(quietDeclaration({ ...patch, measures }), rules, async () => null, NOW)).obligations.map((o) => [o.ruleId, o.declaredDone]));
    expect(await doneOf(['efvp', 'personnel-forme'])).toEqual({ efvp: true, 'competence-ia-generative': true, 'avis-securite': false });
    expect(await doneOf(['avis-securite'])).toEqual({ efvp: false, 'competence-ia-generative': false, 'avis-securite': true });
  });

  it.each<[string, number, 1 | 2 | 3 | 4, Partial<Declaration>]>([
    ['a quiet declaration', 0, 1, {}],
    ['an internal generative assistant from a supplier', 2, 1, { generative: true, supplier: 'Assistant commercial' }],
    [
      'the same assistant open to the public, with citizens’ personal information',
      5,
      2,
      { generative: true, supplier: 'Assistant commercial', publicFacing: true, personalInformation: 'personnel', affectedGroups: ['citoyens'] },
    ],
    ['automated decisions on personal information', 6, 3, { decisionRole: 'automatise', personalInformation: 'personnel', affectedGroups: ['citoyens'] }],
    [
      'automated decisions on sensitive information of vulnerable groups',
      10,
      4,
      { decisionRole: 'automatise', personalInformation: 'sensible', affectedGroups: ['groupes-vulnerables'] },
    ],
  ])('scores %s as %i points, level %i', async (_name, score, level, patch) => {
    const assessment = await assess(quietDeclaration(patch), rules, recordingLookup().lookup, NOW);
    expect(assessment.score).toBe(score);
    expect(assessment.level).toBe(level);
  });

  it('lets hosting outside Canada raise the level', async () => {
    const base = { generative: true, publicFacing: true } as const;
    const inQuebec = await assess(quietDeclaration({ ...base, hosting: 'infonuagique-quebec' }), rules, recordingLookup().lookup, NOW);
    const abroad = await assess(quietDeclaration({ ...base, hosting: 'infonuagique-hors-canada' }), rules, recordingLookup().lookup, NOW);
    expect(abroad.score - inQuebec.score).toBe(2);
    expect(abroad.level).toBeGreaterThan(inQuebec.level);
  });
});

describe('levelOf', () => {
  it.each([
    [0, 1],
    [2, 1],
    [3, 2],
    [5, 2],
    [6, 3],
    [9, 3],
    [10, 4],
    [15, 4],
  ])('score %i → level %i', (score, level) => {
    expect(levelOf(score, rules.levels)).toBe(level);
  });
});

describe('parseAssessmentRules rejects', () => {
  const valid = (): AssessmentRules => JSON.parse(JSON.stringify(rules)) as AssessmentRules;
  const withRule = (when: unknown) => {
    const file = valid() as unknown as { rules: { when: unknown }[] };
    file.rules[0]!.when = when;
    return file;
  };

  it('an unknown declaration field', () => {
    expect(() => parseAssessmentRules(withRule({ colour: ['bleu'] }))).toThrow(/unknown declaration field "colour"/);
  });
  it('an unknown code for a coded field', () => {
    expect(() => parseAssessmentRules(withRule({ hosting: ['lune'] }))).toThrow(/hosting has no code "lune"/);
  });
  it('a yes/no condition on a coded field', () => {
    expect(() => parseAssessmentRules(withRule({ hosting: true }))).toThrow(/hosting is coded/);
  });
  it('a list condition on a yes/no field', () => {
    expect(() => parseAssessmentRules(withRule({ publicFacing: ['oui'] }))).toThrow(/publicFacing is yes\/no/);
  });
  it('a code list on a free-text field', () => {
    expect(() => parseAssessmentRules(withRule({ supplier: ['x'] }))).toThrow(/supplier is free text/);
  });
  it('"always" other than true', () => {
    expect(() => parseAssessmentRules(withRule({ always: false }))).toThrow(/"always" takes true/);
  });
  it('a rule without conditions', () => {
    expect(() => parseAssessmentRules(withRule({}))).toThrow(/at least one condition/);
  });
  it('a duplicate rule id', () => {
    const file = valid();
    file.rules.push({ ...file.rules[0]! });
    expect(() => parseAssessmentRules(file)).toThrow(/duplicate rule id "efvp"/);
  });
  it('thresholds that do not increase', () => {
    const file = valid();
    file.levels[2]!.minScore = file.levels[1]!.minScore;
    expect(() => parseAssessmentRules(file)).toThrow(/thresholds must increase/);
  });
  it('a level 1 that does not start at 0', () => {
    const file = valid();
    file.levels[0]!.minScore = 1;
    expect(() => parseAssessmentRules(file)).toThrow(/level 1 starts at 0/);
  });
  it('a file that is not JSON, naming the file', () => {
    expect(() => loadAssessmentRules('/nonexistent/rules.json')).toThrow(/\/nonexistent\/rules\.json/);
  });
});
