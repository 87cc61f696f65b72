/**
 * Preloaded into the Agents Playground (`node --import`): its command line has no host option and it listens on
 * every interface, while it forwards whatever reaches it to the local bot as a governance admin. A server that
 * names no host listens on the loopback interface only, as the local bot does.
 */
import net from 'node:net';

const LOOPBACK = '127.0.0.1';
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first] = args;
  if (first !== null && typeof first === 'object' && !('fd' in first) && !('path' in first) && first.host === undefined) {
    args[0] = { ...first, host: LOOPBACK };
  } else if ((typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) && typeof args[1] !== 'string') {
    args.splice(1, 0, LOOPBACK);
  }
  return listen.apply(this, args);
};
