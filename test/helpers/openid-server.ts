import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The issuer of tokens the Bot Framework channel sends to bots (botframework-connector's ToBotFromChannelTokenIssuer). */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

/** Claims of a channel token; `exp` and `nbf` in seconds since the epoch. */
export type TokenClaims = Record<string, unknown>;

/**
 * A local stand-in for the Bot Framework's OpenID endpoints: `GET /v1/.well-known/openidconfiguration` (the
 * metadata, naming `jwks_uri`) and `GET /v1/keys` (one RSA public key, endorsed for `msteams`, as the real key set
 * is), on 127.0.0.1 and an ephemeral port. Signs RS256 tokens with its private key, as the channel does.
 */
export class OpenIdServer {
  private server: Server | null = null;
  private readonly keyId = `key-${randomUUID()}`;
  private readonly privateKey: KeyObject;
  private readonly publicJwk: Record<string, unknown>;
  /** The metadata URL to give the adapter, valid after {@link start}. */
  metadataUrl = '';

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.publicJwk = publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const base = this.metadataUrl.replace(/\/v1\/\.well-known\/openidconfiguration$/, '');
      let body: unknown = null;
      if (req.url === '/v1/.well-known/openidconfiguration') {
        body = { issuer: CHANNEL_ISSUER, jwks_uri: `${base}/v1/keys`, id_token_signing_alg_values_supported: ['RS256'] };
      } else if (req.url === '/v1/keys') {
        body = { keys: [{ ...this.publicJwk, kid: this.keyId, use: 'sig', alg: 'RS256', endorsements: ['msteams'] }] };
      }
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? { error: 'not found' }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.metadataUrl = `http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /**
   * A channel token for `appId` and `serviceUrl`, valid for an hour, with `overrides` applied to the claims.
   * @param signWith another private key (a forger's), else this server's
   */
  token(appId: string, serviceUrl: string, overrides: TokenClaims = {}, signWith?: KeyObject): string {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: CHANNEL_ISSUER, aud: appId, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600, ...overrides };
    return signJwt({ alg: 'RS256', typ: 'JWT', kid: this.keyId }, claims, signWith ?? this.privateKey);
  }
}

/** An RS256 JSON Web Token (RFC 7519) over `header` and `claims`. */
export function signJwt(header: Record<string, unknown>, claims: TokenClaims, key: KeyObject): string {
  const encode = (part: unknown) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const signingInput = `${encode(header)}.${encode(claims)}`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(key).toString('base64url');
  return `${signingInput}.${signature}`;
}

/** A fresh RSA private key nobody trusts. */
export function forgerKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}
