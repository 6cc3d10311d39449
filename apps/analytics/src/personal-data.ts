import type { PersonalDataDeclaration } from '@spn/service-kit';

/**
 * The analytics subgraph answers with no personal data: counts with small cells suppressed, and
 * de-identified, k-anonymous exports (each release recorded in the log). Every type classified so, so
 * that a personal field added here has to be declared (see apps/clients/src/personal-data.ts).
 */
export const ANALYTICS_PERSONAL_DATA: PersonalDataDeclaration = {
  types: {},
  impersonal: [
    'EvaluatorExport',
    'ExportRelease',
    'ExportReleasePage',
    'PopulationCell',
    'EquityGap',
    'IndicatorFigure',
    'FirstContactIndicator',
    'ReferralLoopIndicator',
    'StatusTimeIndicator',
    'OutcomeChangeIndicator',
    'CountIndicator',
  ],
};
