import { NEEDS, type Need } from '@spn/contracts';
import { ACCESSIBILITY_FEATURES, CULTURAL_ATTRIBUTES } from '@spn/vocabularies';
import { v5 as uuidv5 } from 'uuid';
import type { HsdsTaxonomy, HsdsTaxonomyTerm } from './hsds.model';

/**
 * The network's shared vocabulary (docs/domain.md, domain 5), as HSDS taxonomies. Ids derive from names,
 * so every deployment and every fixture agree on them. Matching works on term *codes*: a directory
 * imported from elsewhere matches as long as its terms use these codes.
 */
const TAXONOMY_NAMESPACE = 'b8a3c7e2-4f0d-5a61-9c3e-7d2f1a0b6e45';
export const taxonomyIdOf = (name: string): string => uuidv5(`taxonomy:${name}`, TAXONOMY_NAMESPACE);
export const termIdOf = (taxonomy: string, code: string): string =>
  uuidv5(`term:${taxonomy}:${code}`, TAXONOMY_NAMESPACE);

/** Asset-Based Community Development: what kind of community asset a resource is (domain 7). */
export const ASSET_CATEGORIES = [
  'individuals',
  'associations',
  'institutions',
  'physical-spaces',
  'economic',
  'cultural',
] as const;

const labelOf = (code: string) =>
  code
    .split('-')
    .map((word) => (word === '2slgbtqia' ? '2SLGBTQIA+' : `${word.charAt(0).toUpperCase()}${word.slice(1)}`))
    .join(' ');

interface Vocabulary {
  readonly name: string;
  readonly description: string;
  readonly codes: readonly string[];
}

export const VOCABULARIES = {
  needs: {
    name: 'SPN needs',
    description: 'Social determinants of health a referral names (the platform taxonomy of needs).',
    codes: NEEDS,
  },
  cultural: {
    name: 'SPN cultural safety',
    description: 'What makes a resource culturally safe, and for whom.',
    codes: CULTURAL_ATTRIBUTES,
  },
  accessibility: {
    name: 'SPN accessibility',
    description: 'Physical and communication access at a location.',
    codes: ACCESSIBILITY_FEATURES,
  },
  assets: {
    name: 'ABCD asset categories',
    description: 'Asset-Based Community Development: the kinds of community assets.',
    codes: ASSET_CATEGORIES,
  },
} as const satisfies Record<string, Vocabulary>;
export type VocabularyName = keyof typeof VOCABULARIES;

export const needTermId = (need: Need): string => termIdOf(VOCABULARIES.needs.name, need);
export const vocabularyTermId = (vocabulary: VocabularyName, code: string): string =>
  termIdOf(VOCABULARIES[vocabulary].name, code);

/** The shared taxonomies and their terms, in HSDS form. */
export function sharedTaxonomies(): { taxonomies: HsdsTaxonomy[]; terms: HsdsTaxonomyTerm[] } {
  const taxonomies: HsdsTaxonomy[] = [];
  const terms: HsdsTaxonomyTerm[] = [];
  for (const vocabulary of Object.values(VOCABULARIES) as Vocabulary[]) {
    const taxonomyId = taxonomyIdOf(vocabulary.name);
    taxonomies.push({
      id: taxonomyId,
      name: vocabulary.name,
      description: vocabulary.description,
      version: '1',
    });
    for (const code of vocabulary.codes)
      terms.push({
        id: termIdOf(vocabulary.name, code),
        code,
        name: labelOf(code),
        description: `${labelOf(code)} (${vocabulary.name})`,
        taxonomy_id: taxonomyId,
        taxonomy: vocabulary.name,
        language: 'en',
      });
  }
  return { taxonomies, terms };
}
