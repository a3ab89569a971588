// Builds dist/ (and precompresses the page's files) once before the tests that start the real bot process (node dist/src/index.js),
// and dist-tools/ for the benchmark tests that fork its processes, so no two test files compile at the same time.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
  const root = path.join(__dirname, '..');
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  // As `npm run build` does: the page's files precompressed into dist/static (only those not there yet).
  execFileSync(process.execPath, [path.join(root, 'dist', 'src', 'build', 'precompressStatic.js')], { cwd: root, stdio: 'ignore' });
  // As `npm run build:tools` does: the tooling, apart from the production build.
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.tools.json'], { cwd: root, stdio: 'inherit' });
};
