import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The Agents Playground forwards whatever reaches it to the local bot as a governance admin, and its command line
 * cannot choose an interface: `npm run playground` preloads scripts/loopback-only.mjs so that it is reachable from
 * this machine only, as the bot is.
 */

const preload = pathToFileURL(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/loopback-only.mjs')).href;

/** The address a server started by `listenCall` (JavaScript, `server` in scope) listens on, with the preload. */
function listeningAddress(listenCall: string): string {
  const script = `import net from 'node:net'; const server = net.createServer(); ${listenCall}; server.on('listening', () => { console.log(server.address().address); server.close(); });`;
  return execFileSync(process.execPath, ['--import', preload, '--input-type=module', '-e', script], { encoding: 'utf8' }).trim();
}

describe('the Playground preload', () => {
  it('puts a server that names no interface on the loopback interface, whatever the form of the call', () => {
    expect(listeningAddress('server.listen(0)')).toBe('127.0.0.1');
    expect(listeningAddress('server.listen(0, () => {})')).toBe('127.0.0.1');
    expect(listeningAddress('server.listen({ port: 0 })')).toBe('127.0.0.1');
  });

  it('leaves an interface the caller names alone', () => {
    expect(listeningAddress("server.listen(0, '127.0.0.1')")).toBe('127.0.0.1');
    expect(listeningAddress("server.listen({ port: 0, host: '0.0.0.0' })")).toBe('0.0.0.0');
  });
});
