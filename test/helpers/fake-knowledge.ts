import type { KnowledgeService } from '../../src/answers/service.js';
import type { AskResult, CoveredDocument, Language } from '../../src/answers/types.js';

/** A scripted KnowledgeService: `answer` decides the result of each question; calls are recorded. */
export class FakeKnowledge implements KnowledgeService {
  readonly questions: string[] = [];
  /** The `language` option of each `ask` call, in call order (undefined when the caller passed none). */
  readonly languages: Array<Language | undefined> = [];
  ready = true;

  constructor(
    private readonly answer: (question: string, options: { language?: Language }) => AskResult | Promise<AskResult>,
    private readonly documents: CoveredDocument[] = [],
  ) {}

  async ask(question: string, options: { language?: Language } = {}): Promise<AskResult> {
    this.questions.push(question);
    this.languages.push(options.language);
    return this.answer(question, options);
  }

  sources(): CoveredDocument[] {
    return this.documents;
  }

  isReady(): boolean {
    return this.ready;
  }
}
