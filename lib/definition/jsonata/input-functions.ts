/**
 * JSONata helper functions about the execution input, declared inside the expressions that need them
 * (Step Functions variables hold JSON only, so functions cannot be shared between states).
 * They read the deploy-time defaults from the `$config` variable.
 */
import {
  ITEM_KEYS,
  MAX_BATCH_SQLS,
  MAX_INPUT_BYTES,
  MAX_ITEM_SQL_BYTES,
  NUMERIC_SETTINGS,
  STATEMENT_ID_PATTERN,
  STATEMENT_PARAMETER_KEYS,
  STATEMENT_STRING_KEYS,
} from '../settings';
import { jsonataString, jsonataStringList } from './literals';

const NUMERIC_KEYS = NUMERIC_SETTINGS.map((rule) => rule.key);

/** `$show(value)`: a short rendering of a value for error messages. */
export const SHOW_FUNCTION = String.raw`
$show := function($v) {
  $type($v) = 'string' ? '"' & $substring($v, 0, 60) & ($length($v) > 60 ? '..."' : '"') :
  $type($v) = 'undefined' ? 'nothing' : ($length($string($v)) > 80 ? $substring($string($v), 0, 80) & '...' : $string($v))
}`;

/**
 * `$utf8Bytes(text)`: the UTF-8 size of a string, counting runs of characters by range (one regex pass per
 * range, not one step per character). A character above U+FFFF may count one byte more than its 4: an upper bound.
 */
export const UTF8_BYTES_FUNCTION = String.raw`
$utf8Bytes := function($s) {
  $length($s) + $length($replace($s, /[^\u0080-\u07ff]+/, '')) + 2 * $length($replace($s, /[^\u0800-\uffff]+/, ''))
}`;

/** `$inputTooLarge(input)`: whether the input's JSON text is over ${MAX_INPUT_BYTES} UTF-8 bytes. Needs `$utf8Bytes`. */
export const INPUT_TOO_LARGE_FUNCTION = String.raw`
$inputBytes := function($in) {( $s := $string($in); $length($s) * 4 <= ${MAX_INPUT_BYTES} ? $length($s) : $utf8Bytes($s) )};
$inputTooLarge := function($in) { $inputBytes($in) > ${MAX_INPUT_BYTES} }`;

/** `$extractQueries(input)`: the query array of `[...]` or `{"Queries": [...]}`, else nothing. */
export const EXTRACT_QUERIES_FUNCTION = String.raw`
$extractQueries := function($in) {
  $type($in) = 'array' ? $in :
  ($type($in) = 'object' and $type($lookup($in, 'Queries')) = 'array') ? $lookup($in, 'Queries') : ()
}`;

function numericRulesLiteral(): string {
  const entries = NUMERIC_SETTINGS.map(
    (rule) =>
      `${jsonataString(rule.key)}: {"min": ${rule.min}, "minExclusive": ${rule.minExclusive}, "max": ${rule.max}, ` +
      `"integer": ${rule.integer}, "nullable": ${rule.nullable}, "requirement": ${jsonataString(rule.requirement)}}`,
  );
  return `{${entries.join(', ')}}`;
}

/** `$numberProblem(key, value, prefix)`: why a numeric setting is invalid, or nothing. Needs `$show`. */
export const NUMBER_PROBLEM_FUNCTION = String.raw`
$numberRules := ${numericRulesLiteral()};
$numberProblem := function($key, $v, $prefix) {(
  $r := $lookup($numberRules, $key);
  $ok := ($type($v) = 'null' and $r.nullable) or
    ($type($v) = 'number' and ($r.minExclusive ? $v > $r.min : $v >= $r.min) and $v <= $r.max and ($r.integer ? $floor($v) = $v : true));
  $ok ? () : $prefix & $key & ' must be ' & $r.requirement & ', got ' & $show($v)
)}`;

/** `$patternProblem(value, prefix)`: why a RetryErrorMatch is unusable, or nothing. Needs `$show`, `$rxCompile`. */
export const PATTERN_PROBLEM_FUNCTION = String.raw`
$patternProblem := function($v, $prefix) {
  $type($v) != 'string' ? $prefix & 'RetryErrorMatch must be a string (a regular expression), got ' & $show($v) : (
    $compiled := $rxCompile($v);
    $exists($compiled.e) ? $prefix & 'RetryErrorMatch ' & $show($v) & ' is not supported: ' & $compiled.e : ()
  )
}`;

/** `$configProblem()`: why the deploy-time defaults in `$config` are unusable, or nothing. */
export const CONFIG_PROBLEM_FUNCTION = String.raw`
$configProblem := function() {(
  $prefix := 'Deploy-time default ';
  $numeric := $map(${jsonataStringList(NUMERIC_KEYS)}, function($k) { $numberProblem($k, $lookup($config, $k), $prefix) });
  $exists($numeric) ? $append([], $numeric)[0] : $patternProblem($config.RetryErrorMatch, $prefix)
)}`;

/** `$hasDefaultTarget()`: whether the deploy-time defaults name a cluster or workgroup. */
export const HAS_DEFAULT_TARGET_FUNCTION = String.raw`
$hasDefaultTarget := function() {
  $count($filter(['ClusterIdentifier', 'WorkgroupName'], function($k) {(
    $v := $lookup($config.Connection, $k);
    $type($v) = 'string' and $v != ''
  )})) > 0
}`;

/** `$paramName(p)`, `$paramValue(p)`: a SQL parameter's name and value, given as Name/Value or as name/value. */
export const PARAM_ACCESS_FUNCTIONS = String.raw`
$paramName := function($p) { $exists($lookup($p, 'Name')) ? $lookup($p, 'Name') : $lookup($p, 'name') };
$paramValue := function($p) { $exists($lookup($p, 'Value')) ? $lookup($p, 'Value') : $lookup($p, 'value') }`;

/** `$sqlTooLarge(sql, field)`: why one SQL text is too large for an item, or nothing. Needs `$utf8Bytes`. */
export const SQL_TOO_LARGE_FUNCTION = String.raw`
$sqlTooLarge := function($sql, $f) {(
  $bytes := $length($sql) * 4 <= ${MAX_ITEM_SQL_BYTES} ? 0 : $utf8Bytes($sql);
  $bytes > ${MAX_ITEM_SQL_BYTES} ? $f & ' has ' & $string($bytes) & ' bytes of SQL; at most ${MAX_ITEM_SQL_BYTES} (100 KiB, UTF-8) per item' : ()
)}`;

/** `$paramsProblem(esp, at)`: why an item's ExecuteStatementParameters are invalid, or nothing. Needs `$paramName`, `$paramValue`, `$utf8Bytes`, `$sqlTooLarge`. */
export const PARAMS_PROBLEM_FUNCTION = String.raw`
$paramsProblem := function($esp, $at) {(
  $f := $at & 'ExecuteStatementParameters';
  $type($esp) = 'string' ? ($trim($esp) = '' ? $f & ' is an empty SQL text' : $sqlTooLarge($esp, $f)) :
  $type($esp) != 'object' ? $f & ' must be a SQL string or an object, got ' & $show($esp) : (
    $unknown := $filter($keys($esp), function($k) { $not($k in ${jsonataStringList(STATEMENT_PARAMETER_KEYS)}) });
    $sql := $lookup($esp, 'Sql');
    $sqls := $lookup($esp, 'Sqls');
    $badString := $filter(${jsonataStringList(STATEMENT_STRING_KEYS)}, function($k) {
      $exists($lookup($esp, $k)) and ($type($lookup($esp, $k)) != 'string' or $lookup($esp, $k) = '')
    });
    $params := $lookup($esp, 'Parameters');
    $keepAlive := $lookup($esp, 'SessionKeepAliveSeconds');
    $badName := function($name) { $type($name) != 'string' or $name = '' or
      $count($filter($split($name, ''), function($ch) { $not(($ch >= 'a' and $ch <= 'z') or ($ch >= 'A' and $ch <= 'Z') or ($ch >= '0' and $ch <= '9') or $ch = '_') })) > 0 };
    $one := function($p, $names) { $count($filter($keys($p), function($k) { $k in $names })) = 1 };
    $badParam := function($p) { $type($p) != 'object' or $count($keys($p)) != 2 or $not($one($p, ['Name', 'name'])) or $not($one($p, ['Value', 'value'])) or
      $badName($paramName($p)) or $type($paramValue($p)) != 'string' or $paramValue($p) = '' };
    $sqlBytes := $type($sqls) = 'array' ? $sum($map($sqls, function($s) { $type($s) = 'string' ? $utf8Bytes($s) : 0 })) : $type($sql) = 'string' ? $utf8Bytes($sql) : 0;
    $exists($unknown) ? $f & ' has an unknown field ' & $show($append([], $unknown)[0]) &
      ($append([], $unknown)[0] = 'ClientToken' ? ' (the state machine sets ClientToken itself)' : ' (allowed: ${STATEMENT_PARAMETER_KEYS.join(', ')})') :
    ($exists($sql) and $exists($sqls)) ? $f & ' has both Sql and Sqls; use Sql for one statement or Sqls for a batch (one transaction)' :
    ($not($exists($sql)) and $not($exists($sqls))) ? $f & ' has no Sql (or Sqls for a batch)' :
    ($exists($sql) and ($type($sql) != 'string' or $trim($sql) = '')) ? $f & '.Sql must be a non-empty string, got ' & $show($sql) :
    ($exists($sqls) and ($type($sqls) != 'array' or $count($sqls) < 1 or $count($sqls) > ${MAX_BATCH_SQLS})) ?
      $f & '.Sqls must be an array of 1 to ${MAX_BATCH_SQLS} SQL strings, got ' & $show($sqls) :
    ($exists($sqls) and $count($filter($sqls, function($s) { $type($s) != 'string' or $trim($s) = '' })) > 0) ?
      $f & '.Sqls must contain only non-empty strings, got ' & $show($sqls) :
    $sqlBytes > ${MAX_ITEM_SQL_BYTES} ? $f & ' has ' & $string($sqlBytes) & ' bytes of SQL; at most ${MAX_ITEM_SQL_BYTES} (100 KiB, UTF-8) per item, for Sql or for all Sqls of a batch together' :
    $exists($badString) ? $f & '.' & $append([], $badString)[0] & ' must be a non-empty string, got ' & $show($lookup($esp, $append([], $badString)[0])) :
    ($exists($lookup($esp, 'ClusterIdentifier')) and $exists($lookup($esp, 'WorkgroupName'))) ?
      $f & ' has both ClusterIdentifier and WorkgroupName; give one' :
    ($exists($lookup($esp, 'WithEvent')) and $type($lookup($esp, 'WithEvent')) != 'boolean') ?
      $f & '.WithEvent must be true or false, got ' & $show($lookup($esp, 'WithEvent')) :
    ($exists($lookup($esp, 'ResultFormat')) and $not($lookup($esp, 'ResultFormat') in ['JSON', 'CSV'])) ?
      $f & '.ResultFormat must be "JSON" or "CSV", got ' & $show($lookup($esp, 'ResultFormat')) :
    ($exists($keepAlive) and ($type($keepAlive) != 'number' or $keepAlive < 0 or $keepAlive > 86400 or $floor($keepAlive) != $keepAlive)) ?
      $f & '.SessionKeepAliveSeconds must be an integer from 0 to 86400, got ' & $show($keepAlive) :
    ($exists($params) and ($type($params) != 'array' or $count($params) < 1)) ?
      $f & '.Parameters must be a non-empty array of {"Name": ..., "Value": ...}, got ' & $show($params) :
    ($exists($params) and $count($filter($params, $badParam)) > 0) ?
      $f & '.Parameters[' & $string($filter([0..$count($params) - 1], function($k) { $badParam($params[$k]) })[0]) &
      '] must be {"Name": <letters, digits, _>, "Value": <non-empty string>} (or name/value), got ' & $show($filter($params, $badParam)[0]) :
    ($not($exists($lookup($esp, 'ClusterIdentifier')) or $exists($lookup($esp, 'WorkgroupName')) or $exists($lookup($esp, 'SessionId'))) and $not($hasDefaultTarget())) ?
      $f & ' names no ClusterIdentifier, WorkgroupName or SessionId, and the state machine has no default cluster or workgroup' : ()
  )
)}`;

/**
 * `$cachedPatternProblem(value, prefix)`: like `$patternProblem`, but compiles each distinct pattern of `$qs` once
 * (1,000 items with the same pattern validate in one compile). Needs `$qs`, `$show`, `$rxCompile`.
 */
export const CACHED_PATTERN_PROBLEM_FUNCTION = String.raw`
$patternErrors := $merge($append([{}], $map(
  $distinct($filter($append([], $map($qs, function($it) { $type($it) = 'object' ? $lookup($it, 'RetryErrorMatch') : () })), function($p) { $type($p) = 'string' })),
  function($p) {( $compiled := $rxCompile($p); {$p: $exists($compiled.e) ? $compiled.e : ''} )}
)));
$cachedPatternProblem := function($v, $prefix) {
  $type($v) != 'string' ? $prefix & 'RetryErrorMatch must be a string (a regular expression), got ' & $show($v) :
  $lookup($patternErrors, $v) = '' ? () : $prefix & 'RetryErrorMatch ' & $show($v) & ' is not supported: ' & $lookup($patternErrors, $v)
}`;

/** `$itemProblem(item, index)`: why one execution-input item is invalid, or nothing. */
export const ITEM_PROBLEM_FUNCTION = String.raw`
$itemProblem := function($it, $i) {(
  $at := 'Query at index ' & $string($i) & ': ';
  $t := $type($it);
  $t = 'string' ? (
    $trim($it) = '' ? $at & 'the SQL text is empty' :
    $exists($sqlTooLarge($it, $at & 'the SQL text')) ? $sqlTooLarge($it, $at & 'the SQL text') :
    $hasDefaultTarget() ? () :
    $at & 'a plain SQL string needs a default cluster or workgroup in the state machine; give ExecuteStatementParameters with ClusterIdentifier or WorkgroupName'
  ) :
  $t != 'object' ? $at & 'expected a SQL string or an object, got ' & $t & ' ' & $show($it) : (
    $unknown := $filter($keys($it), function($k) { $not($k in ${jsonataStringList(ITEM_KEYS)}) });
    $esp := $lookup($it, 'ExecuteStatementParameters');
    $sid := $lookup($it, 'StatementId');
    $numeric := $map(${jsonataStringList(NUMERIC_KEYS)}, function($k) {
      $exists($lookup($it, $k)) ? $numberProblem($k, $lookup($it, $k), $at) : ()
    });
    $exists($unknown) ? $at & 'unknown field ' & $show($append([], $unknown)[0]) & ' (allowed: ${ITEM_KEYS.join(', ')})' :
    ($not($exists($esp)) and $not($exists($sid))) ? $at & 'needs ExecuteStatementParameters (the SQL) or a StatementId (to resume)' :
    ($exists($sid) and ($type($sid) != 'string' or $trim($sid) = '')) ? $at & 'StatementId must be a non-empty string, got ' & $show($sid) :
    ($exists($sid) and $not($contains($sid, /${STATEMENT_ID_PATTERN}/))) ?
      $at & 'StatementId must be a Data API statement Id (a lowercase UUID, with :<n> for a sub-statement), got ' & $show($sid) :
    $exists($numeric) ? $append([], $numeric)[0] :
    $exists($lookup($it, 'RetryErrorMatch')) and $exists($cachedPatternProblem($lookup($it, 'RetryErrorMatch'), $at)) ?
      $cachedPatternProblem($lookup($it, 'RetryErrorMatch'), $at) :
    $exists($esp) ? $paramsProblem($esp, $at) : ()
  )
)}`;

/**
 * `$normalise(item)`: the item as the loop uses it: `Params` (ExecuteStatement fields merged over the
 * deploy-time connection defaults, SQL parameters as `{"Name", "Value"}`: Step Functions takes request members in
 * PascalCase), `Batch`, and every setting (the item's own value, else the default). Needs `$paramName`, `$paramValue`.
 */
export const NORMALISE_FUNCTION = String.raw`
$normalise := function($it) {(
  $o := $type($it) = 'string' ? {"ExecuteStatementParameters": $it} : $it;
  $esp := $lookup($o, 'ExecuteStatementParameters');
  $given := $type($esp) = 'string' ? {"Sql": $esp} : $esp;
  $params := $lookup($given, 'Parameters');
  $p := $exists($params) ? $merge([$given, {"Parameters": $append([], $map($params, function($q) { {"Name": $paramName($q), "Value": $paramValue($q)} }))}]) : $given;
  $ownTarget := $exists($lookup($p, 'ClusterIdentifier')) or $exists($lookup($p, 'WorkgroupName'));
  $ownAuth := $exists($lookup($p, 'DbUser')) or $exists($lookup($p, 'SecretArn'));
  $inherited := $exists($lookup($p, 'SessionId')) ? () : $sift($config.Connection, function($v, $k) {
    $type($v) = 'string' and $v != '' and (
      $k = 'Database' ? true :
      $ownTarget ? false :
      ($k = 'DbUser' or $k = 'SecretArn') ? $not($ownAuth) : true
    )
  });
  $setting := function($k) { $exists($lookup($o, $k)) ? $lookup($o, $k) : $lookup($config, $k) };
  {
    "Params": $exists($p) ? ($exists($inherited) ? $merge([$inherited, $p]) : $p) : (),
    "Batch": $exists($lookup($p, 'Sqls')),
    "InitialWaitTime": $setting('InitialWaitTime'),
    "BaseWaitTime": $setting('BaseWaitTime'),
    "WaitMultiplier": $setting('WaitMultiplier'),
    "MaxWait": $setting('MaxWait'),
    "MaxRetries": $setting('MaxRetries'),
    "RetryErrorMatch": $setting('RetryErrorMatch'),
    "TimeoutSeconds": $setting('TimeoutSeconds')
  }
)}`;
