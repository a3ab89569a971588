/** Reading the facts of a user's situation from free text: the public surface. */
export { FactReader, type Blanked, type MessageReading, type ReadMode } from './factReader.js';
export { loadVocabulary, type Vocabulary } from './vocabulary.js';
export {
  ASKS,
  PLACE_ROLES,
  STATEMENT_FIELDS,
  type Ask,
  type Facts,
  type HostingProviderId,
  type Place,
  type PlaceMention,
  type PlaceRole,
  type StatementField,
} from './facts.js';
