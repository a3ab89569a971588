import { ConnectorClient, ConnectorFactory, MicrosoftAppCredentials } from 'botframework-connector';

/**
 * Gives the bot a ConnectorClient for this endpoint's own connector routes. It sends no
 * credentials: the connector URL itself carries the capability (a random per-process key).
 */
export class LoopbackConnectorFactory extends ConnectorFactory {
  constructor(private readonly serviceUrl: string) {
    super();
  }

  /** A client for our connector, whatever URL the turn names: the bot only ever talks to us. */
  override create(): Promise<ConnectorClient> {
    return Promise.resolve(new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: this.serviceUrl }));
  }
}
