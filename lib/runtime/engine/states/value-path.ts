/** JSONPath fields that read one value from a state's effective input (SecondsPath, ItemsPath, MaxConcurrencyPath ...). */
import { invalidPath, readPath } from '../../jsonpath/payload-template';
import type { JsonPathField } from '../compiled-machine';
import type { StateRun } from '../state-run';

/**
 * The value at the state's `field` path; undefined when the state has no such path (or is a JSONata state).
 * A path that matches nothing is States.Runtime "Invalid path '$.x' : No results for path: $['x']" (LocalStack's AWS
 * recording scenarios/test_base_scenarios.snapshot.json, test_invalid_jsonpath[ST.INVALID_JSONPATH_IN_TIMEOUTSECONDSPATH]),
 * unless `onMissing` words it otherwise.
 */
export function readValuePath(run: StateRun, field: JsonPathField, onMissing?: (path: string) => Error): unknown {
  const path = run.state.jsonPath?.fieldPaths[field];
  if (!path) return undefined;
  const env = run.env();
  const lookup = readPath(path, env);
  if (!lookup.found) throw onMissing ? onMissing(path.text) : invalidPath(path, env);
  return lookup.value;
}
