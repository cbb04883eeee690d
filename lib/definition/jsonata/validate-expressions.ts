/**
 * JSONata of the ValidateInput state: the whole input is checked before any SQL is sent.
 * The input is read from `$states.context.Execution.Input` while the state's own input is `{}`: JSONata 2.0.6's
 * object constructor pushes `undefined` into an empty-array context, which would corrupt an input of `[]` where the
 * context and the input are the same array (as on the local runtime).
 */
import { MAX_QUERIES } from '../history-budget';
import { RX_COMPILE_FUNCTION } from '../regex/regex-jsonata';
import { MAX_INPUT_BYTES } from '../settings';
import {
  CACHED_PATTERN_PROBLEM_FUNCTION,
  CONFIG_PROBLEM_FUNCTION,
  EXTRACT_QUERIES_FUNCTION,
  HAS_DEFAULT_TARGET_FUNCTION,
  INPUT_TOO_LARGE_FUNCTION,
  ITEM_PROBLEM_FUNCTION,
  NUMBER_PROBLEM_FUNCTION,
  PARAM_ACCESS_FUNCTIONS,
  PARAMS_PROBLEM_FUNCTION,
  PATTERN_PROBLEM_FUNCTION,
  SHOW_FUNCTION,
  SQL_TOO_LARGE_FUNCTION,
  UTF8_BYTES_FUNCTION,
} from './input-functions';
import { jsonataBlock } from './literals';

/**
 * The queries keyed by their index as a string (`{"0": ..., "1": ...}`): `$lookup` by key is O(1), while JSONata
 * evaluates an array predicate such as `$queries[$index]` once per element (1,000 items would cost 10⁶ evaluations).
 * The keys add at most 7 bytes per item; with the input bounded to MAX_INPUT_BYTES and MAX_QUERIES items the
 * variable stays under the 256 KiB one Assign may set (240,000 + 6 × 1,000 < 262,144). Empty when the input is
 * too large: `problem` says so.
 */
export const QUERIES_EXPRESSION = jsonataBlock(
  [UTF8_BYTES_FUNCTION, INPUT_TOO_LARGE_FUNCTION, EXTRACT_QUERIES_FUNCTION, '$in := $states.context.Execution.Input', '$qs := $extractQueries($in)'],
  `$inputTooLarge($in) or $count($qs) > ${MAX_QUERIES} ? {} : $merge($append([{}], $map($qs, function($query, $i) { {$string($i): $query} })))`,
);

/** How many queries the input has (0 when it has none; then `problem` says why). */
export const QUERY_COUNT_EXPRESSION = jsonataBlock(
  [UTF8_BYTES_FUNCTION, INPUT_TOO_LARGE_FUNCTION, EXTRACT_QUERIES_FUNCTION, '$in := $states.context.Execution.Input'],
  '$inputTooLarge($in) ? 0 : $count($extractQueries($in))',
);

/** The first problem of the defaults or the input as a message naming the item index and field, or null. */
export const PROBLEM_EXPRESSION = jsonataBlock(
  [
    SHOW_FUNCTION,
    UTF8_BYTES_FUNCTION,
    INPUT_TOO_LARGE_FUNCTION,
    PARAM_ACCESS_FUNCTIONS,
    SQL_TOO_LARGE_FUNCTION,
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
    '$tooLarge := $inputTooLarge($in)',
    '$qs := $tooLarge ? () : $extractQueries($in)',
    '$fromConfig := $configProblem()',
    CACHED_PATTERN_PROBLEM_FUNCTION,
    "$extraKeys := $type($in) = 'object' ? $filter($keys($in), function($k) { $k != 'Queries' }) : ()",
    `$tooMany := $count($qs) > ${MAX_QUERIES}`,
    '$itemProblems := $exists($qs) and $not($tooMany) ? $map($qs, $itemProblem) : ()',
  ],
  `$exists($fromConfig) ? $fromConfig :
$tooLarge ? 'The execution input is ' & $string($inputBytes($in)) & ' bytes of JSON (UTF-8); at most ${MAX_INPUT_BYTES} are accepted, so that the query list fits the 256 KiB Step Functions allows for the variables of one state' :
$tooMany ? 'The execution input has ' & $string($count($qs)) & ' queries; at most ${MAX_QUERIES} fit in one execution (25,000 history events, 256 KiB of output)' :
$not($exists($qs)) ? 'The execution input must be an array of queries or an object {"Queries": [...]}, got ' & $show($in) :
$exists($extraKeys) ? 'The execution input object may only have the field Queries, got the field ' & $show($append([], $extraKeys)[0]) :
$exists($itemProblems) ? $append([], $itemProblems)[0] : null`,
);
