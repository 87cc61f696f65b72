import { describe, expect, it } from 'vitest';
import { ClosingStack } from '../../src/server/closing-stack.js';

describe('ClosingStack', () => {
  it('closes last opened first, synchronous and asynchronous closers alike', async () => {
    const closed: string[] = [];
    const stack = new ClosingStack();
    stack.push('database', (name) => closed.push(name));
    stack.push('pool', async (name) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      closed.push(name);
    });
    stack.push('timer', (name) => closed.push(name));
    await stack.closeAll();
    expect(closed).toEqual(['timer', 'pool', 'database']);
  });

  it('returns what it was given, so opening and registering is one expression', () => {
    const resource = { close: () => undefined };
    expect(new ClosingStack().push(resource, (r) => r.close())).toBe(resource);
  });

  it('closes everything even when a closer fails, then throws the first failure', async () => {
    const closed: string[] = [];
    const stack = new ClosingStack();
    stack.push('file', (name) => closed.push(name));
    stack.push('pool', () => Promise.reject(new Error('pool already ended')));
    stack.push('socket', () => {
      throw new Error('socket reset');
    });
    await expect(stack.closeAll()).rejects.toThrow('socket reset');
    expect(closed).toEqual(['file']);
  });

  it('closes nothing twice when called again', async () => {
    let closes = 0;
    const stack = new ClosingStack();
    stack.push(null, () => closes++);
    await stack.closeAll();
    await stack.closeAll();
    expect(closes).toBe(1);
  });
});
