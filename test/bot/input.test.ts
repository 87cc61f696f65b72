import { describe, expect, it } from 'vitest';
import { classifyMessage, HELP_COMMAND, MAX_QUESTION_CHARS, mentionsDeclaring, SOURCES_COMMAND } from '../../src/bot/input.js';

describe('classifyMessage', () => {
  it('takes a greeting or a thanks alone for small talk, in its language, and anything more for a question', () => {
    expect(classifyMessage('Bonjour!', undefined)).toEqual({ kind: 'small_talk', language: 'fr', act: 'greeting' });
    expect(classifyMessage('merci beaucoup 🙂', undefined)).toEqual({ kind: 'small_talk', language: 'fr', act: 'thanks' });
    expect(classifyMessage('Thank you very much', undefined)).toEqual({ kind: 'small_talk', language: 'en', act: 'thanks' });
    expect(classifyMessage('Bonjour, qui tient le registre?', undefined)).toMatchObject({ kind: 'question' });
    expect(classifyMessage('merci de me dire qui tient le registre', undefined)).toMatchObject({ kind: 'question' });
  });

  it('takes thanks with a word of appreciation, and an acknowledgement, for small talk; ok has no language of its own', () => {
    expect(classifyMessage('Merci beaucoup, c’est très utile!', undefined)).toEqual({ kind: 'small_talk', language: 'fr', act: 'thanks' });
    expect(classifyMessage('That was really helpful, thanks!', undefined)).toEqual({ kind: 'small_talk', language: 'en', act: 'thanks' });
    expect(classifyMessage('Parfait, c’est clair.', undefined)).toEqual({ kind: 'small_talk', language: 'fr', act: 'acknowledgement' });
    expect(classifyMessage('got it', undefined)).toEqual({ kind: 'small_talk', language: 'en', act: 'acknowledgement' });
    expect(classifyMessage('ok', undefined)).toEqual({ kind: 'small_talk', language: null, act: 'acknowledgement' });
    expect(classifyMessage('Ok merci', undefined)).toEqual({ kind: 'small_talk', language: 'fr', act: 'thanks' });
    expect(classifyMessage('ok, et pour les fournisseurs?', undefined)).toMatchObject({ kind: 'question' });
    expect(classifyMessage('Merci, mais est-ce utile pour un chatbot?', undefined)).toMatchObject({ kind: 'question' });
  });

  it('takes a request for more that names no subject for a follow-up, in its language, and one with a subject for a question', () => {
    expect(classifyMessage('plus de détails', undefined)).toEqual({ kind: 'small_talk', language: 'fr', act: 'followUp' });
    expect(classifyMessage('Peux-tu m’en dire plus?', undefined)).toEqual({ kind: 'small_talk', language: 'fr', act: 'followUp' });
    expect(classifyMessage('pourquoi?', undefined)).toEqual({ kind: 'small_talk', language: 'fr', act: 'followUp' });
    expect(classifyMessage('Merci, peux-tu m’en dire plus?', undefined)).toEqual({ kind: 'small_talk', language: 'fr', act: 'followUp' });
    expect(classifyMessage('Can you tell me more?', undefined)).toEqual({ kind: 'small_talk', language: 'en', act: 'followUp' });
    expect(classifyMessage('Plus de détails sur le registre des nuages?', undefined)).toMatchObject({ kind: 'question' });
    expect(classifyMessage('Pourquoi le registre est-il public?', undefined)).toMatchObject({ kind: 'question' });
    expect(classifyMessage('Why must the cloud register be public?', undefined)).toMatchObject({ kind: 'question' });
  });

  it('takes « et pour ça? » and "what about that?", which only point back at the previous answer, for a follow-up', () => {
    // QA: « et pour ça? » after an answer got « Les documents indexés ne couvrent pas cette question » and a list of documents.
    expect(classifyMessage('et pour ça?', undefined)).toEqual({ kind: 'small_talk', language: 'fr', act: 'followUp' });
    expect(classifyMessage('Pis ça?', undefined)).toEqual({ kind: 'small_talk', language: 'fr', act: 'followUp' });
    expect(classifyMessage('What about that?', undefined)).toEqual({ kind: 'small_talk', language: 'en', act: 'followUp' });
    expect(classifyMessage('et ça, c’est permis pour un chatbot?', undefined)).toMatchObject({ kind: 'question' });
    expect(classifyMessage('And what about the cloud register?', undefined)).toMatchObject({ kind: 'question' });
    expect(classifyMessage('merci pour ça', undefined)).toEqual({ kind: 'small_talk', language: 'fr', act: 'thanks' });
  });

  it('takes a greeting that names Balises or asks how it is, and « qui es-tu? », for a greeting, in its language', () => {
    // Found in the Playground: « Salut Balises, ça va? » and « Qui es-tu? » got « Les documents indexés ne couvrent pas
    // cette question » with the list of every document, where « bonjour » got Balises' greeting.
    const greeting = (language: 'fr' | 'en') => ({ kind: 'small_talk', language, act: 'greeting' });
    expect(classifyMessage('Salut Balises, ça va?', undefined)).toEqual(greeting('fr'));
    expect(classifyMessage('Bonjour, comment allez-vous?', undefined)).toEqual(greeting('fr'));
    expect(classifyMessage('Comment ça va?', undefined)).toEqual(greeting('fr'));
    expect(classifyMessage('Qui es-tu?', undefined)).toEqual(greeting('fr'));
    expect(classifyMessage('Balises, qu’est-ce que tu peux faire?', undefined)).toEqual(greeting('fr'));
    expect(classifyMessage('Hi Balises, how are you?', undefined)).toEqual(greeting('en'));
    expect(classifyMessage('Who are you?', undefined)).toEqual(greeting('en'));
    expect(classifyMessage('What can you do?', undefined)).toEqual(greeting('en'));
    expect(classifyMessage('Merci Balises!', undefined)).toEqual({ kind: 'small_talk', language: 'fr', act: 'thanks' });
    // A question around these words stays a question.
    expect(classifyMessage('Comment ça va se passer pour le registre des nuages?', undefined)).toMatchObject({ kind: 'question' });
    expect(classifyMessage('Qui es-tu censé joindre pour le registre?', undefined)).toMatchObject({ kind: 'question' });
    expect(classifyMessage('What can you do with the cloud register?', undefined)).toMatchObject({ kind: 'question' });
    expect(classifyMessage('Que dit Balises sur le registre?', undefined)).toMatchObject({ kind: 'question' });
  });

  it('takes « bon matin », asking Balises its name, what it knows how to do, how it works or for help, for small talk; with a subject, a question', () => {
    const greeting = (language: 'fr' | 'en') => ({ kind: 'small_talk', language, act: 'greeting' });
    for (const text of ['Bon matin!', 'C’est quoi ton nom?', 'Quel est ton nom?', 'Comment tu t’appelles?', 'Tu fais quoi?', 'Qu’est-ce que tu sais faire?', 'Peux-tu m’aider?', 'Salut! Ça va? Peux-tu m’aider?', 'Comment ça marche?']) {
      expect(classifyMessage(text, undefined), text).toEqual(greeting('fr'));
    }
    for (const text of ['What’s your name?', 'What are you?', 'Can you help me?', 'What’s up?', 'How does it work?']) expect(classifyMessage(text, undefined), text).toEqual(greeting('en'));
    expect(classifyMessage('Merci pour ton aide!', undefined)).toEqual({ kind: 'small_talk', language: 'fr', act: 'thanks' });
    expect(classifyMessage('Thanks for your help!', undefined)).toEqual({ kind: 'small_talk', language: 'en', act: 'thanks' });
    for (const text of ['Merci pour vos réponses!', 'Merci pour tes explications', 'Merci pour l’info', 'Merci pour votre temps']) {
      expect(classifyMessage(text, undefined), text).toEqual({ kind: 'small_talk', language: 'fr', act: 'thanks' });
    }
    for (const text of ['Thanks for your answers', 'Thanks for the info', 'Thank you for your time']) {
      expect(classifyMessage(text, undefined), text).toEqual({ kind: 'small_talk', language: 'en', act: 'thanks' });
    }
    for (const text of ['Peux-tu m’aider avec l’EFVP?', 'Comment ça marche pour déclarer?', 'Tu fais quoi avec mes données?', 'What are you doing with my data?', 'Could you help me with the EFVP?', 'Bon matin, quelle est la politique?', 'Merci, informations personnelles?', 'Votre politique?']) {
      expect(classifyMessage(text, undefined).kind, text).toBe('question');
    }
  });

  it('takes « Balises, c’est quoi? », « À quoi sers-tu? » and "What is Balises?" for a greeting, not a search for the word', () => {
    const greeting = (language: 'fr' | 'en') => ({ kind: 'small_talk', language, act: 'greeting' });
    expect(classifyMessage('Balises, c’est quoi?', undefined)).toEqual(greeting('fr'));
    expect(classifyMessage('C’est quoi Balises?', undefined)).toEqual(greeting('fr'));
    expect(classifyMessage('Bonjour! Qu’est-ce que Balises?', undefined)).toEqual(greeting('fr'));
    expect(classifyMessage('À quoi sers-tu?', undefined)).toEqual(greeting('fr'));
    expect(classifyMessage('À quoi sert Balises?', undefined)).toEqual(greeting('fr'));
    expect(classifyMessage('What is Balises?', undefined)).toEqual(greeting('en'));
    expect(classifyMessage('Hi, what does Balises do?', undefined)).toEqual(greeting('en'));
    // The common noun « balises » (guidelines) and a question beside the name stay questions.
    expect(classifyMessage('C’est quoi les balises pour l’IA générative?', undefined)).toMatchObject({ kind: 'question' });
    expect(classifyMessage('À quoi sert Balises pour une EFVP?', undefined)).toMatchObject({ kind: 'question' });
    expect(classifyMessage('What is Balises’ source for the cloud register?', undefined)).toMatchObject({ kind: 'question' });
  });

  it('takes a question announced but not asked, « Bonjour, j’ai une question », for a greeting that asks for it', () => {
    // Found in the Playground: « Bonjour, j’ai une question » was searched, and answered « Réponse incertaine » with a
    // passage giving a contact address.
    const greeting = (language: 'fr' | 'en') => ({ kind: 'small_talk', language, act: 'greeting' });
    expect(classifyMessage('Bonjour, j’ai une question', undefined)).toEqual(greeting('fr'));
    expect(classifyMessage('Salut Balises! J’aurais une petite question', undefined)).toEqual(greeting('fr'));
    expect(classifyMessage('Question rapide', undefined)).toEqual(greeting('fr'));
    expect(classifyMessage('Bonjour, est-ce que je peux vous poser une question?', undefined)).toEqual(greeting('fr'));
    expect(classifyMessage('Bonjour, puis-je vous poser une question?', undefined)).toEqual(greeting('fr'));
    expect(classifyMessage('Hi, I have a quick question', undefined)).toEqual(greeting('en'));
    expect(classifyMessage('Can I ask you a question?', undefined)).toEqual(greeting('en'));
    // The question itself, after or around the announcement, is searched.
    expect(classifyMessage('J’ai une question sur le registre des nuages', undefined)).toMatchObject({ kind: 'question' });
    expect(classifyMessage('Bonjour, j’ai une question : le registre des nuages est-il public?', undefined)).toMatchObject({ kind: 'question' });
    expect(classifyMessage('I have a question about the cloud register', undefined)).toMatchObject({ kind: 'question' });
  });

  it('treats blank text as empty', () => {
    expect(classifyMessage('  \n ', undefined)).toEqual({ kind: 'empty' });
  });

  it('ignores the HTML copy of the body Teams attaches', () => {
    expect(classifyMessage('', [{ contentType: 'text/html', content: '<p></p>' }])).toEqual({ kind: 'empty' });
  });

  it('recognises a message that only carries a file', () => {
    expect(classifyMessage('', [{ contentType: 'image/png', contentUrl: 'https://exemple.invalid/a.png' }])).toEqual({ kind: 'attachment_only' });
  });

  it('recognises a message that only carries a card inserted from the compose box, beside Teams’ HTML copy', () => {
    const card = { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', body: [] } };
    expect(classifyMessage('', [card, { contentType: 'text/html', content: '<div></div>' }])).toEqual({ kind: 'card_only' });
    expect(classifyMessage('', [card, { contentType: 'image/png', contentUrl: 'https://exemple.invalid/a.png' }])).toEqual({ kind: 'attachment_only' });
  });

  it('recognises a message without letters or digits', () => {
    expect(classifyMessage('🙂 ?? 👍', undefined)).toEqual({ kind: 'no_words' });
  });

  it('recognises an unknown slash command', () => {
    expect(classifyMessage('/foo bar', undefined)).toEqual({ kind: 'unknown_command' });
  });

  it('cuts a long question at a word boundary within the limit', () => {
    const input = classifyMessage('mot '.repeat(5_000), undefined);
    if (input.kind !== 'question') throw new Error(input.kind);
    expect(input.text.length).toBeLessThanOrEqual(MAX_QUESTION_CHARS);
    expect(input.text.endsWith('mot')).toBe(true);
    expect(input.truncated).toEqual({ originalChars: 19_999, usedChars: input.text.length });
  });

  it('matches help and sources commands with or without slash', () => {
    for (const c of ['aide', '/aide', 'Help', '/help', 'aide ?', 'aide-moi', 'Aidez moi!', 'help me']) expect(HELP_COMMAND.test(c)).toBe(true);
    for (const c of ['sources', '/sources', 'Sources.']) expect(SOURCES_COMMAND.test(c)).toBe(true);
    expect(HELP_COMMAND.test('aide-moi à comprendre le principe 7')).toBe(false);
  });
});

describe('mentionsDeclaring', () => {
  it('finds the family of déclarer / declare with a word of the AI inventory, accents or not', () => {
    for (const q of [
      'Je veux déclarer mon projet',
      'Comment DECLARER un cas d’usage?',
      'Où est ma déclaration d’IA?',
      'Faut-il déclarer un système d’intelligence artificielle acheté?',
      'Do we declare pilots?',
      'declaring a chatbot',
      'How do I declare an AI use case to the inventory?',
    ]) {
      expect(mentionsDeclaring(q), q).toBe(true);
    }
  });

  it('ignores a declaration of anything else, and the inventory’s words without declaring', () => {
    for (const q of [
      'Quelle est la date limite pour produire ma déclaration de revenus?',
      'Que dit la Déclaration des droits de l’homme?',
      'Où est ma déclaration?',
      'When is my income tax declaration due?',
      'Is the declaration of independence relevant?',
      'Qui tient le registre des projets d’IA?',
      'Les déclarants fictifs',
      'clarté des nuages',
    ]) {
      expect(mentionsDeclaring(q), q).toBe(false);
    }
  });
});
