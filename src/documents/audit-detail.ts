import type { AdminActor, AuditAction, ProposalOrigin } from './types.js';

/**
 * The detail stored on an audit event, as a short language-neutral code that each reader's language renders
 * (`audit` in Teams). Audit rows are a record, never rewritten: the codes are the forms the events have always been
 * stored with, so rows written before this module read like the ones written after it, with no migration. Written
 * only through the encoders below, read only through {@link parseAuditDetail}.
 *
 * Stored forms, by action:
 * - `proposed`: the origin kind, then its address when it has one (`file`, `url URL`, `sync URL`, `rollback`);
 * - `published` / `republished` in Teams: `replaces LABEL` (the version published before), or nothing;
 *   by the command line: the command (`balises ingest`); by the first sync: `initial state of an empty knowledge
 *   base, from URL`;
 * - `source_set`: the address (`URL`, set in Teams) or the command and the address (`balises ingest URL`);
 * - `cancelled` for an outdated proposal: `not published: version V was published after it was proposed against
 *   version B` (`the document was withdrawn` for the first part, `no published version` for the second when so);
 * - `refused`: the request refused to someone outside the governance team, as a code (see RefusedRequest);
 * - anything else (`balises withdraw`, a handled flag's declaration): shown as stored.
 */
export type AuditDetail =
  | { kind: 'replaces'; label: string }
  | { kind: 'origin'; origin: ProposalOrigin['kind']; url: string | null }
  | { kind: 'address'; command: string | null; url: string }
  | { kind: 'initial'; url: string }
  | { kind: 'outdated'; published: string | null; basedOn: string | null }
  | { kind: 'refused'; request: RefusedRequest }
  | { kind: 'text'; text: string };

/**
 * The requests a `refused` event names, as stored since they were first audited: the Teams commands (`file` a file
 * sent, `url` /publier, `history`, `audit`, `proposals`, `flags`, `flag_handled`, `rollback`, `source` /source, `withdraw`) and
 * the preview card's actions (its Action.Execute verbs, see bot/cards/document-preview-card.ts DOCUMENT_VERBS) and the
 * withdrawal confirmation's (bot/cards/withdraw-card.ts WITHDRAW_VERBS).
 */
export const REFUSED_REQUESTS = [
  'file',
  'url',
  'history',
  'audit',
  'proposals',
  'flags',
  'flag_handled',
  'rollback',
  'source',
  'withdraw',
  'documents.publish',
  'documents.cancel',
  'documents.refresh',
  'documents.withdraw',
  'documents.withdraw_cancel',
] as const;

/** A request refused to someone outside the governance team, as stored on its `refused` audit event. */
export type RefusedRequest = (typeof REFUSED_REQUESTS)[number];

const REPLACES = 'replaces ';
const INITIAL = 'initial state of an empty knowledge base, from ';
const OUTDATED = /^not published: (?:the document was withdrawn|version (.+) was published) after it was proposed against (?:no published version|version (.+))$/s;
const ORIGIN_KINDS: readonly ProposalOrigin['kind'][] = ['file', 'url', 'sync', 'rollback'];
/** An address as stored: http(s), no space. */
const ADDRESS = /^https?:\/\/\S+$/i;

/** The detail of a Teams publication: the label of the version it replaces, or null for a first publication. */
export function replacesDetail(previousLabel: string | null): string | null {
  return previousLabel ? `${REPLACES}${previousLabel}` : null;
}

/** The detail of a proposal: where its file came from. */
export function originDetail(origin: ProposalOrigin): string {
  return origin.url ? `${origin.kind} ${origin.url}` : origin.kind;
}

/** The detail of a new official address: the address, after the command that set it when not set in Teams. */
export function addressDetail(command: string | null, url: string): string {
  return command ? `${command} ${url}` : url;
}

/** The detail of a version the first sync published as the initial state of an empty knowledge base. */
export function initialDetail(url: string): string {
  return `${INITIAL}${url}`;
}

/**
 * The detail of a proposal refused at publication because its document changed since it was made: the version
 * published now (null: withdrawn) and the one it was made against (null: none was published).
 */
export function outdatedDetail(published: string | null, basedOn: string | null): string {
  const now = published === null ? 'the document was withdrawn' : `version ${published} was published`;
  return `not published: ${now} after it was proposed against ${basedOn === null ? 'no published version' : `version ${basedOn}`}`;
}

/** What a stored detail says, read in the light of its event's action; an unknown form is `text`, as stored. */
export function parseAuditDetail(action: AuditAction, detail: string): AuditDetail {
  if ((action === 'published' || action === 'republished') && detail.startsWith(REPLACES)) {
    return { kind: 'replaces', label: detail.slice(REPLACES.length) };
  }
  if (action === 'published' && detail.startsWith(INITIAL)) return { kind: 'initial', url: detail.slice(INITIAL.length) };
  if (action === 'proposed') {
    const [kind, url, ...rest] = detail.split(' ');
    const origin = ORIGIN_KINDS.find((k) => k === kind);
    if (origin && rest.length === 0 && (url === undefined || ADDRESS.test(url))) return { kind: 'origin', origin, url: url ?? null };
  }
  if (action === 'cancelled') {
    const outdated = OUTDATED.exec(detail);
    if (outdated) return { kind: 'outdated', published: outdated[1] ?? null, basedOn: outdated[2] ?? null };
  }
  if (action === 'refused') {
    const request = REFUSED_REQUESTS.find((r) => r === detail);
    if (request) return { kind: 'refused', request };
  }
  if (action === 'source_set') {
    const space = detail.lastIndexOf(' ');
    const url = detail.slice(space + 1);
    if (ADDRESS.test(url)) return { kind: 'address', command: space < 0 ? null : detail.slice(0, space), url };
  }
  return { kind: 'text', text: detail };
}

/**
 * The actor of a command-line change when no one is named (no `--by`, $USER or $USERNAME), shown as « la ligne de
 * commande »: no name is made up for it.
 */
export const COMMAND_LINE_ACTOR: AdminActor = { id: 'cli', name: '' };

/**
 * Whether `actor` is the command line with no one named: COMMAND_LINE_ACTOR, or `cli:cli`, the actor such changes
 * were recorded with before it (the user name `cli` made up when none was set).
 */
export function isUnnamedCommandLine(actor: AdminActor): boolean {
  return actor.id === COMMAND_LINE_ACTOR.id || actor.id === 'cli:cli';
}
