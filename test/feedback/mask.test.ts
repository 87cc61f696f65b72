import { describe, expect, it } from 'vitest';
import { maskPersonalInformation, MASKS } from '../../src/feedback/index.js';

describe('maskPersonalInformation', () => {
  it('masks e-mail addresses', () => {
    expect(maskPersonalInformation('Écrire à éloïse.côté@exemple.gouv.qc.ca svp')).toBe(`Écrire à ${MASKS.email} svp`);
  });

  it.each(['418-555-0199', '(418) 555-0199', '+1 418 555 0199', '4185550199', '418.555.0199 poste 1234'])('masks the phone number %s', (phone) => {
    expect(maskPersonalInformation(`Appelez le ${phone}.`)).toBe(`Appelez le ${MASKS.phone}.`);
  });

  it.each(['+33 1 42 68 53 00', '+44 20 7946 0958', '+33142685300', '00 32 2 555 12 34', '011 33 1 42 68 53 00', '+32 2 555 12 34 poste 8'])(
    'masks the international phone number %s',
    (phone) => {
      expect(maskPersonalInformation(`Appelez le ${phone}.`)).toBe(`Appelez le ${MASKS.phone}.`);
    },
  );

  it('keeps a signed amount', () => {
    expect(maskPersonalInformation('une hausse de +15 000 000 $ en 2031')).toBe('une hausse de +15 000 000 $ en 2031');
  });

  it.each(['123 456 789', '123-456-789', '123456789'])('masks the social insurance number %s', (sin) => {
    expect(maskPersonalInformation(`Mon NAS est ${sin}`)).toBe(`Mon NAS est ${MASKS.sin}`);
  });

  it('masks a social insurance number glued to the word before it', () => {
    expect(maskPersonalInformation('Mon NAS123456789 est perdu')).toBe(`Mon NAS${MASKS.sin} est perdu`);
  });

  it.each([
    ['non-breaking hyphens', '418\u2011555\u20110199', MASKS.phone],
    ['en dashes', '418\u2013555\u20130199', MASKS.phone],
    ['spaced dashes', '418 - 555 - 0199', MASKS.phone],
    ['full-width digits', '４１８-５５５-０１９９', MASKS.phone],
    ['zero-width spaces', '046\u200b454\u200b286', MASKS.sin],
    ['doubled spaces', '046  454  286', MASKS.sin],
    ['minus signs', '046\u2212454\u2212286', MASKS.sin],
    ['a full-width at sign', 'jean.tremblay＠exemple.gouv.qc.ca', MASKS.email],
  ])('masks a number or an address written with %s', (_how, written, mask) => {
    expect(maskPersonalInformation(`Voir ${written}.`)).toBe(`Voir ${mask}.`);
  });

  it('masks a health insurance number', () => {
    expect(maskPersonalInformation('carte TREM 1234 5678')).toBe(`carte ${MASKS.healthCard}`);
  });

  it.each([
    ['le dossier 2031-00123 de madame', `le dossier ${MASKS.fileNumber} de madame`],
    ['réf. AB-778 concerne', `réf. ${MASKS.fileNumber} concerne`],
    ['case #A12-3', `case #${MASKS.fileNumber}`],
    ['le numéro 88412 est', `le numéro ${MASKS.fileNumber} est`],
    ['identifiant 5512398 interne', `identifiant ${MASKS.fileNumber} interne`],
  ])('masks the file number in « %s »', (text, masked) => {
    expect(maskPersonalInformation(text)).toBe(masked);
  });

  it.each(['4520 1234 5678 9012', '4520-1234-5678-9012', '3782 822463 10005', 'T6523-120385-08', 'T6523 120385 08'])(
    'masks the card or licence number %s, printed in groups',
    (number) => {
      expect(maskPersonalInformation(`Ma carte ${number} a été refusée`)).toBe(`Ma carte ${MASKS.fileNumber} a été refusée`);
    },
  );

  it('keeps amounts and counts written in groups of three', () => {
    const comment = 'Le budget de 1 250 000 $ couvre 12 500 postes, 2 000 000 de pages et les articles 12 13 14 15 16 17.';
    expect(maskPersonalInformation(comment)).toBe(comment);
  });

  it.each(['Un projet de 125 000 000 $ doit-il faire une EFVP?', 'Un contrat de 150 000 000 dollars est-il visé?', 'Un budget de 300 000 000 de dollars ou de 200 000 000 d’euros?', 'Is a $125 000 000 project high impact?'])(
    'keeps an amount of nine digits in groups of three: %s',
    (question) => {
      expect(maskPersonalInformation(question)).toBe(question);
    },
  );

  it('still masks a social insurance number in groups of three beside an amount', () => {
    expect(maskPersonalInformation('NAS 123 456 789, salaire 85 000 $')).toBe(`NAS ${MASKS.sin}, salaire 85 000 $`);
  });

  it('keeps years, dates, short numbers and the words of the question', () => {
    const question = 'Le principe 7 de l’Énoncé de 2024 (arrêté 2024-01, publié le 2024-08-07) s’applique-t-il à 3 outils en 2024-2025?';
    expect(maskPersonalInformation(question)).toBe(question);
  });

  it.each([
    'Le budget pour 2024 2025 est-il visé?',
    'Que dit la norme ISO/IEC 42001 sur les risques?',
    'Faut-il suivre ISO 27001 ou la norme CEI 62443?',
    'Que prévoit le Décret 1741-2021?',
  ])('keeps a period of two years and the number of a standard or a decree in « %s »', (question) => {
    expect(maskPersonalInformation(question)).toBe(question);
  });

  it('still masks a health insurance number whose digits could be a birth date, and an identifier after another word', () => {
    expect(maskPersonalInformation('NAM ROYM 2011 2012 et DISO 12345')).toBe(`NAM ${MASKS.healthCard} et DISO ${MASKS.fileNumber}`);
  });

  it.each([
    'Que dit le principe no 4 sur la transparence?',
    'La Loi 25 (projet de loi n° 64) s’applique-t-elle?',
    'Le cas 2 du guide et le numéro 10 de la liste se contredisent.',
    'Voir la réf. 2.3 du guide.',
  ])('keeps the number of a part of a text after « no », « cas », « numéro » or « réf. » in « %s »', (question) => {
    expect(maskPersonalInformation(question)).toBe(question);
  });

  it.each([
    'L’arrêté numéro 2024-01 du ministre s’applique-t-il?',
    'Le décret no 1234-2023, le règlement 2022-1234 et la directive 01-2023 se contredisent-ils?',
    'Le C.T. 221234 vise-t-il Copilot?',
    'Que faire de la faille CVE-2024-12345?',
  ])('keeps the number of a legal or administrative instrument in « %s »', (question) => {
    expect(maskPersonalInformation(question)).toBe(question);
  });

  it('reads no word as the letters of a file number: « numéros 3 », « cas no 5 » stay whole', () => {
    expect(maskPersonalInformation('Les numéros 3 et 4, puis le cas no 5.')).toBe('Les numéros 3 et 4, puis le cas no 5.');
  });

  it('still masks a longer number or a dossier after those words', () => {
    expect(maskPersonalInformation('no 1234, dossier 12 et réf. 889.')).toBe(`no ${MASKS.fileNumber}, dossier ${MASKS.fileNumber} et réf. ${MASKS.fileNumber}.`);
    expect(maskPersonalInformation('Mon dossier no 12, matricule numéro 45.')).toBe(`Mon dossier no ${MASKS.fileNumber}, matricule numéro ${MASKS.fileNumber}.`);
  });

  describe('dates of birth', () => {
    it.each([
      ['Mon client, né le 3 mars 1980, demande', `Mon client, né le ${MASKS.birthDate}, demande`],
      ['elle est née le 1er mars 1980', `elle est née le ${MASKS.birthDate}`],
      ['née à Rimouski le 3 mars 1980', `née à Rimouski le ${MASKS.birthDate}`],
      ['date de naissance : 1980-03-03', `date de naissance : ${MASKS.birthDate}`],
      ['DDN 03/03/1980', `DDN ${MASKS.birthDate}`],
      ['né en 1980', `né ${MASKS.birthDate}`],
      ['DOB 03/03/1980', `DOB ${MASKS.birthDate}`],
      ['he was born March 3, 1980 in Laval', `he was born ${MASKS.birthDate} in Laval`],
      ['born on the 3rd of March 1980', `born on the ${MASKS.birthDate}`],
      ['Date of birth: 1980.03.03', `Date of birth: ${MASKS.birthDate}`],
      ['ma date de naissance est le 3 mars 1980', `ma date de naissance est le ${MASKS.birthDate}`],
      ['my date of birth is March 3, 1980', `my date of birth is ${MASKS.birthDate}`],
    ])('masks the date of birth in « %s »', (text, masked) => {
      expect(maskPersonalInformation(text)).toBe(masked);
    });

    it('keeps a date that no word says is a birth date', () => {
      const text = 'Publié le 3 mars 2024, en vigueur le 2024-04-01, le document donné le 12/05/2024.';
      expect(maskPersonalInformation(text)).toBe(text);
    });
  });

  describe('names', () => {
    it.each([
      ['Mme Tremblay a demandé', `Mme ${MASKS.name} a demandé`],
      ['M. Jean-François Côté, analyste', `M. ${MASKS.name}, analyste`],
      ['selon Me Luc d’Amours', `selon Me ${MASKS.name}`],
      ['la Dre Nadia Haddad', `la Dre ${MASKS.name}`],
      ['M. J. TREMBLAY a écrit', `M. ${MASKS.name} a écrit`],
      ['madame Côté nous a écrit', `madame ${MASKS.name} nous a écrit`],
      ['Mr. John Smith asked', `Mr. ${MASKS.name} asked`],
      ["Ask Mrs. O'Neil or Ms. Lee", `Ask Mrs. ${MASKS.name} or Ms. ${MASKS.name}`],
      ['un citoyen nommé Jean Tremblay', `un citoyen nommé ${MASKS.name}`],
      ['une agente appelée Julie', `une agente appelée ${MASKS.name}`],
      ['Je m’appelle Léa Roy et', `Je m’appelle ${MASKS.name} et`],
      ['a clerk named John Smith', `a clerk named ${MASKS.name}`],
      ['a client called Ann', `a client called ${MASKS.name}`],
      ['Mauvaise réponse. Merci, Jean Tremblay', `Mauvaise réponse. Merci, ${MASKS.name}`],
      ['Mauvaise réponse.\nCordialement,\nMarie de la Fontaine\nDirection des TI', `Mauvaise réponse.\nCordialement,\n${MASKS.name}\nDirection des TI`],
      ['Wrong principle.\nThanks,\n— Ann Lee', `Wrong principle.\nThanks,\n— ${MASKS.name}`],
      ['Passage hors sujet.\n— Julie Gagnon', `Passage hors sujet.\n— ${MASKS.name}`],
      ['Réponse incomplète. Merci Julie Gagnon', `Réponse incomplète. Merci ${MASKS.name}`],
      ['Nom : Julie Gagnon\nCourriel : à venir', `Nom : ${MASKS.name}\nCourriel : à venir`],
      ['Signé : Marc Roy', `Signé : ${MASKS.name}`],
      ['Name: John Smith', `Name: ${MASKS.name}`],
      ['De : Julie Gagnon\nObjet : réponse', `De : ${MASKS.name}\nObjet : réponse`],
      ['Bonjour, je suis Julie Gagnon, analyste. Puis-je utiliser ChatGPT?', `Bonjour, je suis ${MASKS.name}, analyste. Puis-je utiliser ChatGPT?`],
      ["I'm John Smith from the ministry, can I use Copilot?", `I'm ${MASKS.name} from the ministry, can I use Copilot?`],
      ['Mon collègue Jean Tremblay veut utiliser ChatGPT', `Mon collègue ${MASKS.name} veut utiliser ChatGPT`],
      ['Ma gestionnaire, Julie Gagnon, demande si', `Ma gestionnaire, ${MASKS.name}, demande si`],
      ['La cliente Marie Côté peut-elle demander ses données?', `La cliente ${MASKS.name} peut-elle demander ses données?`],
      ['Le citoyen Marc Roy a demandé son dossier', `Le citoyen ${MASKS.name} a demandé son dossier`],
      ['Can customer Jane Doe ask for her data?', `Can customer ${MASKS.name} ask for her data?`],
      ['je m’appelle julie gagnon et j’aimerais savoir', `je m’appelle ${MASKS.name} et j’aimerais savoir`],
      ['mon nom c’est JULIE GAGNON pis j’ai une question', `mon nom c’est ${MASKS.name} pis j’ai une question`],
      ['je me nomme marie de la fontaine', `je me nomme ${MASKS.name} de la fontaine`],
      ['my name is john smith and I work at the ministry', `my name is ${MASKS.name} and I work at the ministry`],
      ['Mme. Gagnon a écrit', `Mme. ${MASKS.name} a écrit`],
      ["M. Luc D'Amours-Tremblay a écrit", `M. ${MASKS.name} a écrit`],
      ['Mme Côté-O’Brien, analyste', `Mme ${MASKS.name}, analyste`],
      ["Mme O'brien a appelé", `Mme ${MASKS.name} a appelé`],
      ['Mme d’Amours a appelé', `Mme ${MASKS.name} a appelé`],
      ['Mme DʼAmours et Mme O‘Brien', `Mme ${MASKS.name} et Mme ${MASKS.name}`],
      ["M. O'BRIEN et M. D’AMOURS", `M. ${MASKS.name} et M. ${MASKS.name}`],
      ['je m’appelle julie d’amours et j’aimerais savoir', `je m’appelle ${MASKS.name} et j’aimerais savoir`],
      ['madame julie gagnon a demandé son dossier', `madame ${MASKS.name} a demandé son dossier`],
      ['monsieur jean tremblay veut savoir', `monsieur ${MASKS.name} veut savoir`],
      ['Monsieur jean Tremblay, analyste', `Monsieur ${MASKS.name}, analyste`],
      ['à madame julie d’amours, directrice', `à madame ${MASKS.name}, directrice`],
      ['Mme gagnon et M. tremblay ont écrit', `Mme ${MASKS.name} et M. ${MASKS.name} ont écrit`],
      ["madame kevin o'brien", `madame ${MASKS.name}`],
      ['Mrs. jane doe asked', `Mrs. ${MASKS.name} asked`],
      ['mr. john smith said no', `mr. ${MASKS.name} said no`],
      ['mr smith asked and ms. jane doe replied', `mr ${MASKS.name} asked and ms. ${MASKS.name} replied`],
      ['mrs o’connor and dr. tremblay wrote', `mrs ${MASKS.name} and dr. ${MASKS.name} wrote`],
    ])('masks the name in « %s »', (text, masked) => {
      expect(maskPersonalInformation(text)).toBe(masked);
    });

    it.each([
      'Santé Québec et Revenu Québec ont-ils adopté l’Énoncé?',
      'Le Guide de l’expérimentateur dit-il que Madame la ministre approuve?',
      'Merci Balises! Merci, Balises.',
      'Un outil appelé IAG ou un assistant appelé ChatGPT, est-ce permis?',
      'Question sur la Loi 25.\nSanté Québec',
      'Me voici : le Comité ministériel est-il appelé à se prononcer?',
      'Un outil appelé Copilot ou un assistant nommé Gemini, est-ce permis?',
      'Réponse utile. Merci, Copilot!',
      'Merci Balises.',
      'Merci Beaucoup! Thanks Again!',
      'Je suis Québécoise : le client Hydro-Québec est-il visé?',
      'Mon collègue Copilot Studio peut-il répondre aux citoyens?',
      'madame la ministre a-t-elle approuvé le projet?',
      'monsieur le président et madame la sous-ministre adjointe',
      'Madame, Monsieur, madame veut savoir si monsieur peut-il refuser',
      'madame demande si monsieur voudrait savoir; madame n’a pas répondu',
      'merci madame bonne journée',
      'monsieur ou madame, le maître d’œuvre',
      'Merci, J’ai une question. Merci, D’accord.',
      'Mr. president and Mrs. chairwoman',
      'Est-ce que monsieur et madame peuvent refuser? madame répond que non, monsieur ajoute que oui',
      'madame pose la question, monsieur rappelle la règle et madame propose un projet',
      'Une latence de 500 ms est-elle permise?',
    ])('keeps organisations, places, titles and words of the question in « %s »', (text) => {
      expect(maskPersonalInformation(text)).toBe(text);
    });
  });
});
