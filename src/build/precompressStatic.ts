/**
 * The build's last step (`npm run build`): writes the best brotli and gzip forms of the chat page's
 * files into dist/static, named by their content's hash, so the server sends them compressed from
 * the first request without compressing anything itself. A file whose forms are there already is
 * skipped (Web Chat's bundle changes only with its package).
 */
import { defaultPrecompressedDir, precompress } from '../http/staticFiles.js';
import { staticFilePaths } from '../channels/webPage.js';

const dir = defaultPrecompressedDir();
for (const { file, raw, gzip, br } of precompress(staticFilePaths(), dir)) {
  process.stdout.write(`precompressed ${file}: ${raw} bytes, gzip ${gzip}, br ${br}\n`);
}
