/**
 * JSONata of the ValidateInput state: the whole input is checked before any SQL is sent.
 * The input is read from `$states.context.Execution.Input` while the state's own input is `{}`: JSONata 2.0.6's
 * object constructor pushes `undefined` into an empty-array context, which would corrupt an input of `[]` where the
 * context and the input are the same array (as on the local runtime).
 */
import { RX_COMPILE_FUNCTION } from '../regex/regex-jsonata';
import {
  CACHED_PATTERN_PROBLEM_FUNCTION,
  CONFIG_PROBLEM_FUNCTION,
  EXTRACT_QUERIES_FUNCTION,
  HAS_DEFAULT_TARGET_FUNCTION,
  ITEM_PROBLEM_FUNCTION,
  NUMBER_PROBLEM_FUNCTION,
  PARAMS_PROBLEM_FUNCTION,
  PATTERN_PROBLEM_FUNCTION,
  SHOW_FUNCTION,
} from './input-functions';
import { jsonataBlock } from './literals';

/**
 * The queries keyed by their index as a string (`{"0": ..., "1": ...}`): `$lookup` by key is O(1), while JSONata
 * evaluates an array predicate such as `$queries[$index]` once per element (1,000 items would cost 10⁶ evaluations).
 */
export const QUERIES_EXPRESSION = jsonataBlock(
  [EXTRACT_QUERIES_FUNCTION, '$qs := $extractQueries($states.context.Execution.Input)'],
  '$merge($append([{}], $map($qs, function($query, $i) { {$string($i): $query} })))',
);

/** How many queries the input has (0 when it has none; then `problem` says why). */
export const QUERY_COUNT_EXPRESSION = jsonataBlock(
  [EXTRACT_QUERIES_FUNCTION, '$qs := $extractQueries($states.context.Execution.Input)'],
  '$count($qs)',
);

/** The first problem of the defaults or the input as a message naming the item index and field, or null. */
export const PROBLEM_EXPRESSION = jsonataBlock(
  [
    SHOW_FUNCTION,
    RX_COMPILE_FUNCTION,
    NUMBER_PROBLEM_FUNCTION,
    PATTERN_PROBLEM_FUNCTION,
    CACHED_PATTERN_PROBLEM_FUNCTION,
  CONFIG_PROBLEM_FUNCTION,
    HAS_DEFAULT_TARGET_FUNCTION,
    PARAMS_PROBLEM_FUNCTION,
    ITEM_PROBLEM_FUNCTION,
    EXTRACT_QUERIES_FUNCTION,
    '$in := $states.context.Execution.Input',
    '$qs := $extractQueries($in)',
    '$fromConfig := $configProblem()',
    CACHED_PATTERN_PROBLEM_FUNCTION,
    "$extraKeys := $type($in) = 'object' ? $filter($keys($in), function($k) { $k != 'Queries' }) : ()",
    '$itemProblems := $exists($qs) ? $map($qs, $itemProblem) : ()',
  ],
  `$exists($fromConfig) ? $fromConfig :
$not($exists($qs)) ? 'The execution input must be an array of queries or an object {"Queries": [...]}, got ' & $show($in) :
$exists($extraKeys) ? 'The execution input object may only have the field Queries, got the field ' & $show($append([], $extraKeys)[0]) :
$exists($itemProblems) ? $append([], $itemProblems)[0] : null`,
);
