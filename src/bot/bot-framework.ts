import { createRequire } from 'node:module';
import type { TurnContext as BotTurnContext } from 'botbuilder';

/*
 * The values Balises uses from botbuilder and botframework-connector, loaded with `require`. Imported from an ES
 * module, a CommonJS package is read twice: Node first lexes its source for the names it exports, following every
 * `__exportStar(require(…))` into the modules behind it (botbuilder re-exports botbuilder-core, botframework-schema,
 * botframework-connector and more, each re-exporting dozens of files), then runs it. `require` only runs it: the
 * server's module loading took about 9 % fewer instructions (valgrind), some 0.2 s of start-up on this machine.
 * Types still come from `import type … from 'botbuilder'`, which the compiler erases.
 */
const require = createRequire(import.meta.url);
const botbuilder = require('botbuilder') as typeof import('botbuilder');
const connector = require('botframework-connector') as typeof import('botframework-connector');

export const { ActivityTypes, CallerIdConstants, CardFactory, MemoryStorage, MessageFactory, StatusCodes, TeamsInfo, TurnContext } = botbuilder;
export const { AuthenticationConstants, AuthenticationError } = connector;
/** A turn's context: the type of the TurnContext values above (the class is exported as a value only). */
export type TurnContext = BotTurnContext;
