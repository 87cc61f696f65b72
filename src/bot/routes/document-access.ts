import type { TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Language } from '../../answers/types.js';
import type { RefusedRequest } from '../../documents/audit-detail.js';
import { typedDocId } from '../../documents/document-lookup.js';
import type { AdminActor } from '../../documents/types.js';
import { actorOf } from '../activities.js';
import { message } from '../render/answer.js';
import { DOCUMENT_ADMIN_TEXT as TEXT } from '../render/document-admin.js';
import { turnLogger } from '../turn.js';
import type { DocumentsDeps, InventoryDeps } from './deps.js';
import { governanceChannelRegistered, governancePlace, inChannel, registerHint } from './governance-place.js';

/** Requests that only read document administration (refused with words that say so, not « publish or restore »). */
const READ_ONLY_REQUESTS: ReadonlySet<RefusedRequest> = new Set(['history', 'audit', 'proposals', 'flags']);

/** Who may administer documents, and where: what every document-administration route checks first. */
export interface DocumentAccess {
  /** The admin acting, or null after telling the person why not (refusals are audited). */
  admin(context: TurnContext, language: Language, what: RefusedRequest): Promise<AdminActor | null>;
  /**
   * The admin acting, where what the command shows may be read (a personal chat or the governance channel), or null
   * after telling the person why not.
   */
  adminHere(context: TurnContext, language: Language, what: RefusedRequest): Promise<AdminActor | null>;
  /** A document id the store knows (it has versions or audit events), as typed (see typedDocId: `ÉNONCÉ-…` is `enonce-…`). */
  knownDocument(typed: string): boolean;
  /** Whether the turn's sender is a governance admin (GOVERNANCE_ADMIN_IDS); tells no one, audits nothing. */
  isAdmin(context: TurnContext): boolean;
}

/** The {@link DocumentAccess} checks over the inventory's admins and conversations and the documents' audit trail. */
export function documentAccess(inventory: InventoryDeps, documents: DocumentsDeps, logger: Logger): DocumentAccess {
  const admin = async (context: TurnContext, language: Language, what: RefusedRequest): Promise<AdminActor | null> => {
    const actor = actorOf(context.activity);
    if (!actor) {
      await context.sendActivity(message(TEXT[language].noIdentity));
      return null;
    }
    if (!inventory.service.isGovernanceAdmin(actor)) {
      documents.proposals.refused(actor, what);
      turnLogger(context, logger).info({ what }, 'document administration refused: not a governance admin');
      await context.sendActivity(message(READ_ONLY_REQUESTS.has(what) ? TEXT[language].notAdminToRead : TEXT[language].notAdmin));
      return null;
    }
    return actor;
  };

  return {
    admin,

    async adminHere(context, language, what) {
      const actor = await admin(context, language, what);
      if (!actor) return null;
      if (!(await governancePlace(context, inventory.conversations))) {
        const hint = inChannel(context) ? ` ${registerHint(language, await governanceChannelRegistered(inventory.conversations))}` : '';
        await context.sendActivity(message(`${TEXT[language].notHere}${hint}`));
        return null;
      }
      return actor;
    },

    knownDocument(typed) {
      const docId = typedDocId(typed);
      return documents.proposals.history(docId).length > 0 || documents.proposals.audit({ docId, limit: 1 }).length > 0;
    },

    isAdmin(context) {
      const actor = actorOf(context.activity);
      return actor !== null && inventory.service.isGovernanceAdmin(actor);
    },
  };
}

/** `command` matched against a message's text; null for any other activity. */
export function matchOf(context: TurnContext, command: RegExp): RegExpExecArray | null {
  return context.activity.type === 'message' ? command.exec(context.activity.text ?? '') : null;
}

/** The language of a command that has a French and an English word: French when the French word was typed, else English. */
export function commandLanguage(text: string | undefined, french: RegExp): Language {
  return french.test(text ?? '') ? 'fr' : 'en';
}
