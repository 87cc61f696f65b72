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
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason}`, options);
    this.name = 'ExtractionError';
  }
}

/** First line of an error's message: library errors can be long or multi-line, reports are one line. */
export function firstLineOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n', 1)[0] ?? message;
}
