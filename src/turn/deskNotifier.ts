import type { TurnContext } from 'botbuilder';
import type { AgentDesk, DeskChange } from '../handoff/desk.js';
import type { DeskNotice } from '../handoff/deskNotice.js';
import type { ProactiveSender } from '../handoff/proactive.js';
import type { DeskCase } from '../handoff/types.js';
import type { Logger } from '../log.js';
import { turnRecord } from './turnRecord.js';

/** What {@link DeskNotifier} needs; built where the server is, which knows every way to reach a conversation. */
export interface DeskNotifierDependencies {
  desk: AgentDesk;
  proactive: ProactiveSender;
  /** The bot's whole turn (state, queue, outbox), which runs each notice. */
  runTurn: (context: TurnContext) => Promise<void>;
  log: Logger;
}

/**
 * Tells a user's conversation what happened at the desk, in a proactive turn of the bot: the
 * notice goes on the turn record, where no client can put one, and the bot's handoff events read it.
 */
export class DeskNotifier {
  constructor(private readonly deps: DeskNotifierDependencies) {
    if (!deps.desk || !deps.proactive || !deps.runTurn || !deps.log) throw new Error('DeskNotifier(): desk, proactive, runTurn and log are required');
    // When a waiting conversation is taken or leaves, the ones behind it move up: tell them.
    deps.desk.on('change', (change) => void this.tellNewPlaces(change));
  }

  /** Tells a desk case's conversation about a change; rejects when it cannot be reached. */
  async notify(deskCase: DeskCase, notice: DeskNotice): Promise<void> {
    await this.deps.proactive.continue(deskCase.reference, async (context) => {
      turnRecord(context).deskNotice = notice;
      await this.deps.runTurn(context);
    });
  }

  /**
   * After a waiting case was claimed or left, tells each conversation that was behind it its new
   * place. Best effort: a conversation that cannot be reached learns its place when it next writes.
   */
  private async tellNewPlaces(change: DeskChange): Promise<void> {
    if (change.kind !== 'claimed' && change.kind !== 'left') return;
    const { desk, log } = this.deps;
    try {
      const gone = await desk.get(change.caseId);
      if (!gone) return;
      const waiting = (await desk.list()).filter((c) => c.status === 'waiting');
      await Promise.all(
        waiting.map(async (deskCase, index) => {
          if (deskCase.createdAt < gone.createdAt) return;
          await this.notify(deskCase, { kind: 'place', caseId: deskCase.id, position: index + 1 }).catch((error: Error) =>
            log('warn', `handoff: could not tell case ${deskCase.id} its new place: ${error.message}`),
          );
        }),
      );
    } catch (error) {
      log('warn', `handoff: could not update places in the queue: ${(error as Error).message}`);
    }
  }
}
