import type { Activity } from 'botbuilder';
import { checkMessage } from './checks.js';
import { unifiedDiff } from './diff.js';
import { expansionName } from './expand.js';
import { buttonsOf, describeMessage, type Button } from './message.js';
import type { ConvoResult, TurnFailure } from './result.js';
import { containsFolded, equalsFolded, quote } from './text.js';
import type { BotTransport } from './transport.js';
import type { Expansion, Turn } from './types.js';

/**
 * Runs one expansion of a convo over a transport: each `#me` is sent, each `#bot` checks the next
 * bot message of its turn. Stops at the first failing turn; the transport is closed either way.
 */
export async function runExpansion(expansion: Expansion, transport: BotTransport): Promise<ConvoResult> {
  const started = Date.now();
  const { convo } = expansion;
  const result = (failure?: TurnFailure): ConvoResult => ({
    name: expansionName(expansion),
    convo: convo.name,
    ...(expansion.label ? { expansion: expansion.label } : {}),
    file: convo.file,
    passed: failure === undefined,
    ...(failure ? { failure } : {}),
    durationMs: Date.now() - started,
  });
  let current: Turn | undefined;
  let sent: string | undefined;
  let lastChecked: Partial<Activity> | undefined;
  try {
    await transport.open();
    for (const turn of expansion.turns) {
      current = turn;
      if (turn.sender === 'me') {
        let activity: Partial<Activity>;
        if (turn.input.kind === 'text') {
          activity = { type: 'message', text: turn.input.text };
          sent = quote(turn.input.text);
        } else {
          const { title, line } = turn.input;
          const clicked = await findButton(title, lastChecked, transport);
          if (!clicked?.button.click) {
            const problem = clicked ? `button ${quote(title)} cannot be clicked (it opens a URL or a card)` : `the previous bot message has no button ${quote(title)}`;
            return result({
              turn: turn.turn,
              sender: 'me',
              line: turn.line,
              sent,
              expected: [`BUTTON ${title}`],
              actual: describeMessage(clicked?.message ?? lastChecked ?? (await transport.find(() => true))),
              problems: [{ line, source: `BUTTON ${title}`, problem }],
            });
          }
          const { click } = clicked.button;
          activity = { type: 'message', ...(click.text !== undefined ? { text: click.text } : {}), ...(click.value !== undefined ? { value: click.value } : {}) };
          sent = `BUTTON ${quote(clicked.button.title)} (sends ${click.text !== undefined ? quote(click.text) : JSON.stringify(click.value)})`;
        }
        lastChecked = undefined;
        await transport.send(activity);
        continue;
      }
      const message = await transport.next();
      const expected = turn.checks.map((c) => c.source);
      if (!message) {
        return result({
          turn: turn.turn,
          sender: 'bot',
          line: turn.line,
          sent,
          expected,
          actual: [`(no bot message${transport.waits})`],
          problems: [{ line: turn.line, source: '#bot', problem: `expected a bot message, none came${transport.waits}` }],
        });
      }
      const failed = checkMessage(turn, message);
      if (failed.length > 0) {
        const expectedText = failed.flatMap((f) => f.expectedText ?? []);
        return result({
          turn: turn.turn,
          sender: 'bot',
          line: turn.line,
          sent,
          expected,
          actual: describeMessage(message),
          problems: failed.map(({ line, source, problem }) => ({ line, source, problem })),
          ...(expectedText.length > 0
            ? { diff: unifiedDiff(expectedText, (message.text ?? '').split(/\r?\n/), { expected: `expected (${convo.file}:${failed[0].line})`, actual: 'actual (reply text)' }) }
            : {}),
        });
      }
      lastChecked = message;
    }
    return result();
  } catch (error) {
    const problem = `the bot or the connection failed: ${(error as Error).message ?? String(error)}`;
    return result({
      turn: current?.turn ?? 0,
      sender: current?.sender ?? 'me',
      line: current?.line ?? convo.nameLine,
      sent,
      expected: current?.sender === 'bot' ? current.checks.map((c) => c.source) : [],
      actual: [`(error: ${(error as Error).message ?? String(error)})`],
      problems: [{ line: current?.line ?? convo.nameLine, source: current ? `#${current.sender}` : '(start)', problem }],
    });
  } finally {
    await transport.close();
  }
}

/** The button a `BUTTON` line clicks: on the last checked message, else the newest message of the turn that has it. */
async function findButton(title: string, lastChecked: Partial<Activity> | undefined, transport: BotTransport): Promise<{ message: Partial<Activity>; button: Button } | undefined> {
  const pick = (message: Partial<Activity>) => {
    const buttons = buttonsOf(message);
    return buttons.find((b) => equalsFolded(b.title, title, true)) ?? buttons.find((b) => containsFolded(b.title, title, true));
  };
  const message = lastChecked && pick(lastChecked) ? lastChecked : await transport.find((m) => pick(m) !== undefined);
  const button = message && pick(message);
  return message && button ? { message, button } : undefined;
}
