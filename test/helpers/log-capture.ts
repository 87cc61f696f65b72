import { Writable } from 'node:stream';

/** A pino destination that keeps every JSON log line in memory. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter((l) => l.length > 0));
    callback();
  }

  /** Parsed log records. */
  records(): Array<Record<string, any>> {
    return this.lines.map((l) => JSON.parse(l) as Record<string, any>);
  }

  /** All captured output as one string (to assert that something never appears). */
  text(): string {
    return this.lines.join('\n');
  }
}
