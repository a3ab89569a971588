import { type Activity, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
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
 * and credentials each, a noticeable part of an FAQ turn's time) although they hold nothing of the turn: a
 * client depends only on the bot's app id from the token's claims, the audience and the service
 * URL, all of which are part of the key here.
 */
export class ReusingBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectorClients = new BoundedCache<Promise<ConnectorClient>>(MAX_CLIENTS);
  private readonly userTokenClients = new BoundedCache<Promise<UserTokenClient>>(MAX_CLIENTS);
  private readonly requestTimeoutMs: number | undefined;

  /**
   * @param limits.requestTimeoutMs Longest one request of a connector client (a reply to the
   * channel) may take, retries included; unbounded when absent.
   */
  constructor(options: ConfigurationBotFrameworkAuthenticationOptions, limits: { requestTimeoutMs?: number } = {}) {
    super(options);
    this.requestTimeoutMs = limits.requestTimeoutMs;
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    if (!result.connectorFactory) return result;
    return { ...result, connectorFactory: this.reusing(result.connectorFactory, result.claimsIdentity) };
  }

  /** The factory proactive turns (continueConversation) use: the same clients, with the same bound. */
  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokenClients.getOrCreate(appIdOf(claimsIdentity) ?? '', () => super.createUserTokenClient(claimsIdentity));
  }

  private reusing(inner: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const timeoutMs = this.requestTimeoutMs;
    const bound = timeoutMs === undefined ? undefined : (client: ConnectorClient) => boundRequests(client, timeoutMs);
    return new ReusingConnectorFactory(inner, appIdOf(claimsIdentity), this.connectorClients, bound);
  }
}

/** The part of an HTTP request of the Azure SDK's pipeline that a deadline needs. */
interface PipelineRequestLike {
  abortSignal?: AbortSignal;
}
/** The part of the Azure SDK's request pipeline (`@azure/core-rest-pipeline`'s `Pipeline`) used here. */
interface PipelineLike {
  addPolicy(policy: { name: string; sendRequest: (request: PipelineRequestLike, next: (request: PipelineRequestLike) => Promise<unknown>) => Promise<unknown> }): void;
}

/**
 * Makes every request of `client` give up after `timeoutMs`, retries and their pauses included.
 * The Azure SDK under the ConnectorClient retries a refused connection with growing pauses and waits
 * for an answer without limit, so a dead or silent serviceUrl would hold the turn (and its HTTP
 * request) that long. botbuilder offers no option for either; the deadline is a policy on the
 * client's pipeline ahead of the retry policy, which stops retrying once the request's signal aborts.
 *
 * @throws Error naming `boundRequests()` when the client keeps no pipeline where this botbuilder version does.
 */
export function boundRequests(client: ConnectorClient, timeoutMs: number): ConnectorClient {
  const pipeline = (client as unknown as { client?: { pipeline?: PipelineLike } }).client?.pipeline;
  if (typeof pipeline?.addPolicy !== 'function') throw new Error('boundRequests(): the ConnectorClient has no request pipeline to bound');
  pipeline.addPolicy({
    name: 'icpBotRequestDeadline',
    sendRequest: (request, next) => {
      const deadline = AbortSignal.timeout(timeoutMs);
      request.abortSignal = request.abortSignal ? AbortSignal.any([request.abortSignal, deadline]) : deadline;
      return next(request);
    },
  });
  return client;
}

/** A turn's connector factory that hands out the client built for the same app id, service URL and audience before. */
class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string | undefined,
    private readonly clients: BoundedCache<Promise<ConnectorClient>>,
    private readonly bound?: (client: ConnectorClient) => ConnectorClient,
  ) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = JSON.stringify([this.appId ?? null, serviceUrl, audience ?? null]);
    const bound = this.bound;
    return this.clients.getOrCreate(key, () => (bound ? this.inner.create(serviceUrl, audience).then(bound) : this.inner.create(serviceUrl, audience)));
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
