import { join } from 'node:path';
import { FactReader, loadVocabulary } from '../../../../src/nlu/facts';

let reader: FactReader | undefined;

/** The fact reader on the real vocabulary and place data, built once per test file. */
export function sharedReader(): FactReader {
  reader ??= new FactReader(loadVocabulary(join(__dirname, '..', '..', '..', '..', 'knowledge')));
  return reader;
}
