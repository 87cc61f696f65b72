/** Public surface of the Teams layer: the bot, its renderer and the connector wire fix. */
export { createBot, type Bot, type BotDeps } from './app.js';
export { applyConnectorEntityFix } from './connector-entity-fix.js';
export { renderAnswer, type RenderOptions, type CitationMessageEntity } from './render/answer.js';
