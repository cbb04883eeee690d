/**
 * Run-time checks (JSONata, inside ValidateInput) of the completion mode: the deploy-time settings in `$config`
 * and an item's `CompletionMode`. Same wording as the build-time checks of ../validate-options.ts.
 */
import { jsonataStringList } from '../jsonata/literals';
import { COMPLETION_MODES, EVENT_FALLBACK_RANGE } from './event-settings';

/** `$configEventProblem()`: why the deploy-time completion settings are unusable, or nothing. Needs `$show`. */
export const CONFIG_EVENT_PROBLEM_FUNCTION = String.raw`
$configEventProblem := function() {(
  $mode := $config.CompletionMode;
  $fallback := $config.EventFallbackSeconds;
  $hasTable := $type($config.CompletionTable) = 'string' and $config.CompletionTable != '';
  $hasPrefix := $type($config.StatementNamePrefix) = 'string' and $config.StatementNamePrefix != '';
  $not($mode in ${jsonataStringList(COMPLETION_MODES)}) ? 'Deploy-time default CompletionMode must be "poll" or "event", got ' & $show($mode) :
  ($type($fallback) != 'number' or $fallback < ${EVENT_FALLBACK_RANGE.min} or $fallback > ${EVENT_FALLBACK_RANGE.max}) ?
    'Deploy-time default EventFallbackSeconds must be a number from ${EVENT_FALLBACK_RANGE.min} to ${EVENT_FALLBACK_RANGE.max}, got ' & $show($fallback) :
  ($mode = 'event' and $not($hasTable and $hasPrefix)) ?
    'Deploy-time default CompletionMode "event" needs a completion table and a statement name prefix (deploy the event resources)' : ()
)}`;

/** `$completionModeProblem(item, at)`: why an item's CompletionMode is unusable, or nothing. Needs `$show`. */
export const COMPLETION_MODE_PROBLEM_FUNCTION = String.raw`
$completionModeProblem := function($it, $at) {(
  $m := $lookup($it, 'CompletionMode');
  $not($exists($m)) ? () :
  $not($m in ${jsonataStringList(COMPLETION_MODES)}) ? $at & 'CompletionMode must be "poll" or "event", got ' & $show($m) :
  ($m = 'event' and $not($type($config.CompletionTable) = 'string' and $config.CompletionTable != '' and $type($config.StatementNamePrefix) = 'string' and $config.StatementNamePrefix != '')) ?
    $at & 'CompletionMode "event" needs the state machine deployed with event support (completion table, relay machine and rule); this one only polls' : ()
)}`;
