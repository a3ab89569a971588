// Builds dist/ (and precompresses the page's files) once before the tests that start the real bot process (node dist/src/index.js),
// so no two test files compile at the same time.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
  const root = path.join(__dirname, '..');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  // As `npm run build` does: the page's files precompressed into dist/static (only those not there yet).
  execFileSync(process.execPath, [path.join(root, 'dist', 'src', 'tools', 'precompressStatic.js')], { cwd: root, stdio: 'ignore' });
};
