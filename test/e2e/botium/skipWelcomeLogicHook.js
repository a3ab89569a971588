'use strict';
/**
 * Botium global logic hook: the welcome message.
 *
 * The bot greets every new Direct Line conversation before the user has said anything. As the
 * project's script dialect says (test/dialogs/scripts/README.md), bot messages that arrive before
 * the first #me are skipped unless the script starts with a #bot block, which then checks the
 * welcome. Botium itself would hand the welcome to the first #bot block of every script.
 *
 * Registered through Botium's LOGIC_HOOKS capability:
 *   { ref: 'SKIP_WELCOME', src: 'skipWelcomeLogicHook.js', global: true } (SAFEDIR = this folder).
 * In onConvoBegin (before the first step) it waits for the welcome, up to WAITFORBOTTIMEOUT, and
 * drops it with whatever else is queued by then; a welcome that never comes fails the convo.
 */
module.exports = class SkipWelcomeLogicHook {
  constructor(context, caps = {}) {
    this.context = context;
    this.caps = caps;
  }

  async onConvoBegin({ convo, container }) {
    const first = (convo.conversation || []).find((step) => step.sender === 'me' || step.sender === 'bot');
    if (!first || first.sender === 'bot') return;
    try {
      await container.WaitBotSays();
    } catch (err) {
      throw new Error(`no welcome message from the bot before the first #me: ${err.message || err}`);
    }
    container._EmptyQueue();
  }
};
