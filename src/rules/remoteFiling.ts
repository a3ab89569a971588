/**
 * What each provincial communications administration says about an individual whose identity card is
 * from another province: whether it takes the application, and with which document. Only provinces
 * whose published rules say so are listed; for any other province the check keeps asking the user
 * (and says "it depends on your local administration" when they do not know).
 */
import type { ProvinceId } from './provinces.js';

/** The document a non-local applicant adds to the application. */
export const REMOTE_FILING_DOCUMENTS = ['residence-permit'] as const;
export type RemoteFilingDocument = (typeof REMOTE_FILING_DOCUMENTS)[number];

export type RemoteFilingRule =
  | { province: ProvinceId; accepts: true; document: RemoteFilingDocument; source: string }
  | { province: ProvinceId; accepts: false; source: string };

/** One row per province, each with the id of its page in knowledge/sources.yaml. */
export const REMOTE_PERSONAL_FILING: readonly RemoteFilingRule[] = [
  // "If the identity documents are not from this province, upload a residence permit."
  { province: 'jiangsu', accepts: true, document: 'residence-permit', source: 'alibaba-rules-jiangsu' },
  // "Individuals cannot apply for ICP Filing if the identity documents are not from this province."
  { province: 'gansu', accepts: false, source: 'alibaba-rules-gansu' },
];

/** The provinces that take a non-local individual's application with this document. */
export function provincesAccepting(document: RemoteFilingDocument): ProvinceId[] {
  return REMOTE_PERSONAL_FILING.flatMap((row) => (row.accepts && row.document === document ? [row.province] : []));
}

/** The provinces that do not take a non-local individual's application. */
export function provincesRefusing(): ProvinceId[] {
  return REMOTE_PERSONAL_FILING.flatMap((row) => (row.accepts ? [] : [row.province]));
}

/** The provinces the table knows, either way. */
export function provincesKnown(): ProvinceId[] {
  return REMOTE_PERSONAL_FILING.map((row) => row.province);
}

/** The table's row for a province, or undefined where its rules are not known. */
export function remoteFilingRule(province: ProvinceId): RemoteFilingRule | undefined {
  return REMOTE_PERSONAL_FILING.find((row) => row.province === province);
}
