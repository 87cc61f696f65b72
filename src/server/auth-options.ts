import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { AuthenticationConstants, CallerIdConstants } from '../bot/bot-framework.js';
import type { BotCredentials } from '../config.js';

/**
 * botbuilder's authentication options: none in local mode (`bot` null). With `channelOpenIdMetadataUrl`, every
 * public-cloud endpoint is spelled out: botframework-connector's BotFrameworkAuthenticationFactory treats any one of
 * them as "all are given".
 */
export function authOptions(bot: BotCredentials | null, channelOpenIdMetadataUrl: string | undefined): ConfigurationBotFrameworkAuthenticationOptions {
  if (!bot) return {};
  const credentials = {
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.tenantId,
  };
  if (!channelOpenIdMetadataUrl) return credentials;
  return {
    ...credentials,
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: channelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}
