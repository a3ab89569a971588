/**
 * The parts of botbuilder-dialogs the bot uses, taken from their module files rather than the
 * package index: the index also loads every prompt and Microsoft's text recognizers, a large share
 * of start-up (docs/benchmarks.md), and the bot uses no prompt. Types can come from the index
 * (they leave no require behind). `test/process/startupModules.test.ts` checks the index stays out.
 */
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog';
export { Dialog } from 'botbuilder-dialogs/lib/dialog';
export { runDialog } from 'botbuilder-dialogs/lib/dialogHelper';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
