/**
 * Finds the variables an expression reads that it does not bind itself, so a reference to a workflow variable that
 * was never assigned fails as AWS fails it (States.QueryEvaluationError) instead of silently yielding nothing.
 */
import type jsonata = require('jsonata');
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

const NOT_WORKFLOW_VARIABLES = new Set<string>(['', '$', 'states', ...JSONATA_BUILTINS, ...SFN_FUNCTION_NAMES]);

type Node = jsonata.ExprNode & Record<string, unknown>;

/** Names (without `$`) of variables read but neither bound in the expression nor built in. */
export function freeVariables(ast: jsonata.ExprNode): string[] {
  const read = new Set<string>();
  const bound = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const node = value as Node;
    if (node.type === 'variable' && typeof node.value === 'string') read.add(node.value);
    if ((node.type as string) === 'bind' && (node.lhs as Node | undefined)?.type === 'variable') bound.add((node.lhs as Node).value as string);
    if (node.type === 'lambda' && Array.isArray(node.arguments)) {
      for (const arg of node.arguments as Node[]) if (typeof arg.value === 'string') bound.add(arg.value);
    }
    // Positional (`#$i`) and context (`@$x`) bindings on path steps.
    if (typeof node.index === 'string') bound.add(node.index);
    if (typeof node.focus === 'string') bound.add(node.focus);
    for (const key of Object.keys(node)) {
      if (key !== 'type' && key !== 'value' && key !== 'position') visit(node[key]);
    }
  };
  visit(ast);
  return [...read].filter((name) => !bound.has(name) && !NOT_WORKFLOW_VARIABLES.has(name));
}
