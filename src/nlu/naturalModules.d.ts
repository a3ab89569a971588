/**
 * The two files of natural the bot uses (the normaliser's stemmer, the hand-off triggers'
 * tokenizer), required directly: natural's folder indexes load every stemmer and tokenizer of every
 * language, which start-up would pay for nothing. Their types are the ones natural declares for its indexes.
 */
declare module 'natural/lib/natural/stemmers/porter_stemmer' {
  import type { PorterStemmer } from 'natural/lib/natural/stemmers';
  const stemmer: typeof PorterStemmer;
  export = stemmer;
}

declare module 'natural/lib/natural/tokenizers/regexp_tokenizer' {
  export { WordTokenizer } from 'natural/lib/natural/tokenizers';
}

declare module 'natural/lib/natural/distance/levenshtein_distance' {
  export { DamerauLevenshteinDistance } from 'natural/lib/natural/distance';
}
