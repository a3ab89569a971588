// The order jest runs the test files in. With timings from an earlier run, jest's own: files that failed last
// time first, then the longest first, so no worker sits idle at the end. Without them, as on a fresh clone (CI
// always tests one), jest orders by file size, which puts the suites that run the bot's process, a server, Redis
// or a browser for a minute or more (test/fuzz, test/process, …: small files) last, and the run then ends on
// one of them while the other workers wait. Files without timings are therefore ordered by their folder first.
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

/** Folders under test/ whose suites take longest, longest first; the rest (test/unit) after them. */
const SLOW_FIRST = ['fuzz', 'process', 'soak', 'dialogs', 'e2e', 'bench', 'storage'];

function rank(test) {
  const folder = path.relative(path.join(__dirname), test.path).split(path.sep)[0];
  const index = SLOW_FIRST.indexOf(folder);
  return index < 0 ? SLOW_FIRST.length : index;
}

class SlowFirstSequencer extends Sequencer {
  sort(tests) {
    // jest's order, in which the files without timings come first (by size); among those, by folder, then as jest had them.
    const ordered = super.sort(tests).map((test, index) => ({ test, index }));
    ordered.sort((a, b) => (a.test.duration == null && b.test.duration == null ? rank(a.test) - rank(b.test) || a.index - b.index : a.index - b.index));
    return ordered.map(({ test }) => test);
  }
}

module.exports = SlowFirstSequencer;
