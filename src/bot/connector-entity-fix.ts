import { Entity as EntityMapper } from 'botframework-connector/lib/connectorApi/models/mappers.js';

/**
 * Work-around for microsoft/botbuilder-js#2561 (botbuilder 4.23.3): outgoing message entities lose every property
 * but `type`, `text` and `mentioned` on the wire.
 *
 * Mechanism: the connector client (`botframework-connector`) serialises each outgoing activity with
 * `@azure/core-client`'s serializer, driven by the generated mappers in `lib/connectorApi/models/mappers.js`.
 * `Activity.entities` points at the `Entity` composite mapper, whose `modelProperties` list only those three
 * properties; a composite mapper without `type.additionalProperties` makes the serializer drop every other key.
 * A Teams `https://schema.org/Message` entity therefore reaches the channel as `{ "type": … }` without its
 * `citation` claims, and Teams shows no citation pop-ups.
 *
 * The fix declares `additionalProperties` of type `Object` on that one shared mapper object; the serializer then
 * copies unknown keys (`@type`, `@context`, `citation`, …) unchanged (an `Object` mapper does no validation).
 * The conversations serializer looks the mapper up by class name in the same module object, so mutating it once
 * fixes every send and reply. The project pins botbuilder 4.23.3 exactly; revisit when upgrading.
 *
 * Idempotent: calling it again changes nothing.
 * @returns true when this call patched the mapper, false when it was already patched
 */
export function applyConnectorEntityFix(): boolean {
  if (EntityMapper.type.additionalProperties) {
    return false;
  }
  EntityMapper.type.additionalProperties = { type: { name: 'Object' } };
  return true;
}
