import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Who holds a lease (a notification the outbox is posting, a turn being answered), written beside it as
 * `host:pid:random`, so that a process restarted on the same machine can tell a dead holder from a live one and take
 * over at once what the dead one held, rather than wait for its lease to run out.
 */

/** The lease owners live in this process: started and not stopped (see isDeadLeaseOwner). */
const runningOwners = new Set<string>();

/** A new lease owner, `host:pid:random`; live once {@link ownerStarted} and until {@link ownerStopped}. */
export function newLeaseOwner(): string {
  return `${hostname()}:${process.pid}:${randomUUID()}`;
}

/** Says that `owner` (see newLeaseOwner) holds leases from now on in this process. */
export function ownerStarted(owner: string): void {
  runningOwners.add(owner);
}

/** Says that `owner` holds no lease any more: one of this process's id left behind is dead. */
export function ownerStopped(owner: string): void {
  runningOwners.delete(owner);
}

/**
 * This process's owner of the leases it takes without a worker of their own (turn claims): started once, for the
 * process's lifetime.
 */
export const processLeaseOwner: string = (() => {
  const owner = newLeaseOwner();
  ownerStarted(owner);
  return owner;
})();

/**
 * True when a process of this id runs on this machine (one of another user's answers EPERM: it runs). A zombie —
 * killed, not yet reaped by its parent — does not run, though signal 0 still reaches it: a bot restarted right after
 * a `kill -9` (its parent, an init or a supervisor, reaping the dead one a second or two later) found the dead
 * holder "running" and left what it held to wait out the whole lease, two minutes. Where /proc is not there (not
 * Linux), signal 0 alone answers.
 */
function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/** True when /proc says process `pid` is a zombie (state `Z`, or `X`: dead); false when /proc cannot say. */
function isZombie(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return false;
  }
  // `pid (comm) state …` (proc(5)); comm may hold spaces and parentheses, so the state follows the last `)`.
  const state = stat.slice(stat.lastIndexOf(')') + 1).trim().charAt(0);
  return state === 'Z' || state === 'X';
}

/**
 * True when the holder of a lease under `owner` (see newLeaseOwner) is known to be dead: it ran on this machine and
 * its process no longer runs, or it had this process's id but is none of this process's live owners (a container
 * restarted: the same pid again). Anything else (another machine, an owner of another form, a process that runs)
 * may be alive: its lease is left to run out.
 */
export function isDeadLeaseOwner(owner: string, here = { host: hostname(), pid: process.pid, running: runningOwners as ReadonlySet<string>, runs: processRuns }): boolean {
  const match = /^(.+):(\d+):[^:]+$/.exec(owner);
  if (!match || match[1] !== here.host) return false;
  const pid = Number(match[2]);
  return pid === here.pid ? !here.running.has(owner) : !here.runs(pid);
}
