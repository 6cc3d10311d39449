// The public entry of @spn/vocabularies: the network's shared code lists, as plain constants with no
// dependency, so that the services and the browser console import the same lists.
export { NEEDS, type Need } from './lib/needs';
export {
  ACCESSIBILITY_FEATURES,
  CULTURAL_ATTRIBUTES,
  type AccessibilityFeature,
  type CulturalAttribute,
} from './lib/directory';
