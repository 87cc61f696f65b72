import type { KnowledgeService } from '../../src/answers/service.js';
import type { AskResult, CoveredDocument, Language } from '../../src/answers/types.js';

/** A scripted KnowledgeService: `answer` decides the result of each question; calls are recorded. */
export class FakeKnowledge implements KnowledgeService {
  readonly questions: string[] = [];
  ready = true;

  constructor(
    private readonly answer: (question: string) => AskResult | Promise<AskResult>,
    private readonly documents: CoveredDocument[] = [],
  ) {}

  async ask(question: string, _options?: { language?: Language }): Promise<AskResult> {
    this.questions.push(question);
    return this.answer(question);
  }

  sources(): CoveredDocument[] {
    return this.documents;
  }

  isReady(): boolean {
    return this.ready;
  }
}
