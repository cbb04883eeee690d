/**
 * The names of the functions built into JSONata 2.0.6 and added by Step Functions: `$name` resolves to them, not to
 * a workflow variable, so the fast path leaves such references to JSONata.
 */
import { SFN_FUNCTION_NAMES } from './sfn-functions';

/** JSONata 2.0.6 built-in functions: references to them are not workflow variables. */
const JSONATA_BUILTINS = new Set([
  'sum', 'count', 'max', 'min', 'average', 'string', 'substring', 'substringBefore', 'substringAfter', 'lowercase',
  'uppercase', 'length', 'trim', 'pad', 'match', 'contains', 'replace', 'split', 'join', 'formatNumber', 'formatBase',
  'formatInteger', 'parseInteger', 'number', 'floor', 'ceil', 'round', 'abs', 'sqrt', 'power', 'random', 'boolean',
  'not', 'map', 'zip', 'filter', 'single', 'reduce', 'sift', 'keys', 'lookup', 'append', 'exists', 'spread', 'merge',
  'reverse', 'each', 'error', 'assert', 'type', 'sort', 'shuffle', 'distinct', 'base64encode', 'base64decode',
  'encodeUrlComponent', 'encodeUrl', 'decodeUrlComponent', 'decodeUrl', 'eval', 'toMillis', 'fromMillis', 'clone',
  'now', 'millis',
]);

const FUNCTION_NAMES = new Set<string>([...JSONATA_BUILTINS, ...SFN_FUNCTION_NAMES]);

/** Whether `$name` names a function JSONata or Step Functions provides (not a workflow variable). */
export function isBuiltinFunctionName(name: string): boolean {
  return FUNCTION_NAMES.has(name);
}
