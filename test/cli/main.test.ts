import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { endQuietlyOnBrokenPipe } from '../../src/cli/main.js';

describe('endQuietlyOnBrokenPipe', () => {
  it('ends quietly when the reader closes standard output (balises ingest … | head -1)', () => {
    const stdout = new PassThrough();
    const exit = vi.fn();
    endQuietlyOnBrokenPipe(stdout, exit);
    stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(exit).toHaveBeenCalledOnce();
  });
});
