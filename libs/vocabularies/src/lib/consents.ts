/** What a client consents to: care, sharing with a partner, evaluation, research; decided by clients. */
export const CONSENT_PURPOSES = ['care', 'sharing', 'evaluation', 'research'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
