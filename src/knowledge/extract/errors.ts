/**
 * The causes of an ExtractionError a person can act on, so a message can say what to do in their language:
 * `empty` (0 bytes), `no_text_layer` (a PDF of scanned images: needs OCR), `password_protected` (a PDF),
 * `inflates_too_much` (a DOCX beyond MAX_DOCX_XML_BYTES / MAX_DOCX_INFLATED_BYTES once decompressed),
 * `too_many_pages` (a PDF beyond MAX_PDF_PAGES), `word_compound` (a .docx that is an Office compound file: a password-protected Word document, or a Word 97–2003
 * .doc), `no_text` (a text, Markdown or HTML file with no text). Any other failure has none.
 */
export type ExtractionProblem = 'empty' | 'no_text_layer' | 'password_protected' | 'inflates_too_much' | 'too_many_pages' | 'word_compound' | 'no_text';

/**
 * Thrown when a file cannot be turned into text: unsupported extension, corrupt or password-protected file,
 * or a file with no extractable text (e.g. a scanned PDF). `reason` is one line, meant for the person ingesting,
 * and never contains document text.
 */
export class ExtractionError extends Error {
  constructor(
    /** The file as it was named to the extractor (path or base name). */
    readonly file: string,
    /** One-line, human-readable reason, e.g. `not a valid PDF file`. */
    readonly reason: string,
    options?: { cause?: unknown; problem?: ExtractionProblem },
  ) {
    super(`${file}: ${reason}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ExtractionError';
    this.problem = options?.problem ?? null;
  }
  /** The cause, when it is one a person can act on (see ExtractionProblem); null otherwise. */
  readonly problem: ExtractionProblem | null;
}

/** First line of an error's message: library errors can be long or multi-line, reports are one line. */
export function firstLineOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n', 1)[0] ?? message;
}
