import { MAX_TASK_SECONDS } from './asl-limits';
import { DiagnosticCode } from './diagnostic';
import type { DiagnosticSink } from './diagnostic-sink';
import { describeValue, has, type JsonObject } from './json-value';
import { integerFieldProblem } from './literal-values';
import type { StateEntry } from './scope-tree';

/** `arn:<partition>:<service>:<region>:<account>:<resource>`; region and account may be empty (`arn:aws:states:::...`). */
const ARN_PATTERN = /^arn:[a-z][a-z0-9-]*:[A-Za-z0-9-]+:[a-z0-9-]*:[0-9]*:\S+$/;

/** Resource must be a literal ARN (never an expression); TimeoutSeconds/HeartbeatSeconds positive integers. */
export function checkTask(state: StateEntry, node: JsonObject, sink: DiagnosticSink): void {
  if (!has(node, 'Resource')) {
    sink.stateErrorAtState(
      DiagnosticCode.SchemaValidationFailed,
      state,
      'Resource',
      "field 'Resource' is required, e.g. \"arn:aws:states:::aws-sdk:redshiftdata:executeStatement\"",
    );
  } else if (typeof node.Resource !== 'string' || !ARN_PATTERN.test(node.Resource)) {
    sink.stateError(
      DiagnosticCode.InvalidResource,
      state,
      ['Resource'],
      `Resource ${describeValue(node.Resource)} is not an ARN; a Task Resource is a literal ` +
        'arn:<partition>:<service>:<region>:<account>:<resource>, e.g. arn:aws:states:::aws-sdk:redshiftdata:executeStatement',
    );
  }
  for (const field of ['TimeoutSeconds', 'HeartbeatSeconds']) {
    if (!has(node, field)) continue;
    const problem = integerFieldProblem(node[field], state.language, 1, MAX_TASK_SECONDS);
    if (problem) sink.stateError(DiagnosticCode.SchemaValidationFailed, state, [field], `field '${field}' ${problem} (got ${describeValue(node[field])})`);
  }
}
