import { type Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import {
  AuthenticationConstants,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';

/** Most clients kept per kind; with authentication off the service URL is the caller's to choose, so the cache is bounded. */
const MAX_CLIENTS = 64;

/**
 * Bot Framework authentication from configuration that builds each ConnectorClient and
 * UserTokenClient once and reuses it. botbuilder builds both anew for every turn (an HTTP pipeline
 * and credentials each, a tenth of an FAQ turn's time) although they hold nothing of the turn: a
 * client depends only on the bot's app id from the token's claims, the audience and the service
 * URL, all of which are part of the key here.
 */
export class ReusingBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectorClients = new BoundedCache<Promise<ConnectorClient>>(MAX_CLIENTS);
  private readonly userTokenClients = new BoundedCache<Promise<UserTokenClient>>(MAX_CLIENTS);

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    if (!result.connectorFactory) return result;
    return { ...result, connectorFactory: new ReusingConnectorFactory(result.connectorFactory, appIdOf(result.claimsIdentity), this.connectorClients) };
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokenClients.getOrCreate(appIdOf(claimsIdentity) ?? '', () => super.createUserTokenClient(claimsIdentity));
  }
}

/** A turn's connector factory that hands out the client built for the same app id, service URL and audience before. */
class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string | undefined,
    private readonly clients: BoundedCache<Promise<ConnectorClient>>,
  ) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = JSON.stringify([this.appId ?? null, serviceUrl, audience ?? null]);
    return this.clients.getOrCreate(key, () => this.inner.create(serviceUrl, audience));
  }
}

/**
 * The app id botbuilder's connector factory and user token client are built for: the token's
 * audience, or for the Emulator its appid claim (botbuilder's own rule, ParameterizedBotFrameworkAuthentication).
 */
function appIdOf(claimsIdentity: ClaimsIdentity): string | undefined {
  return claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? undefined;
}

/** A map of promises that forgets a failed one (so a later turn tries again) and its oldest entry when full. */
class BoundedCache<T extends Promise<unknown>> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly capacity: number) {}

  getOrCreate(key: string, create: () => T): T {
    const cached = this.entries.get(key);
    if (cached) return cached;
    const created = create();
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, created);
    created.catch(() => {
      if (this.entries.get(key) === created) this.entries.delete(key);
    });
    return created;
  }
}
