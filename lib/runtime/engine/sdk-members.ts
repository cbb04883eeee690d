/**
 * Member names of AWS SDK integrations, as Step Functions handles them: a state machine writes request members in
 * PascalCase at every depth ("Parameters in Step Functions are expressed in PascalCase, even if the native service
 * API is in camelCase"), Step Functions sends them under the service's own (wire) names, and it hands back the
 * response with PascalCase member names. A member that is not the PascalCase name of a member of the operation's
 * input shape (unknown, or written with the service's camelCase) is refused before anything is sent.
 *
 * Shapes are the AWS SDK for JavaScript v3's schemas (`ExecuteStatementInput$` of `@aws-sdk/client-*`), which a
 * service handler may provide; without them requests and responses pass through untouched.
 */
import { NormalizedSchema } from '@smithy/core/schema';

/** An operation's input and output structure schemas as the AWS SDK for JavaScript v3 exports them (`ExecuteStatementInput$`, `ExecuteStatementOutput$`). */
export interface OperationShapes {
  readonly input: unknown;
  readonly output: unknown;
}

/** A request member Step Functions would refuse; the message is AWS's wording for the problem. */
export class SdkMemberProblem extends Error {
  override readonly name = 'SdkMemberProblem';
}

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function membersByPascalName(shape: NormalizedSchema): Map<string, [string, NormalizedSchema]> {
  const members = new Map<string, [string, NormalizedSchema]>();
  for (const [name, member] of shape.structIterator()) members.set(pascal(name), [name, member]);
  return members;
}

function requestValue(value: unknown, shape: NormalizedSchema): unknown {
  if (shape.isStructSchema() && isRecord(value)) {
    const members = membersByPascalName(shape);
    const wire: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      const known = members.get(key);
      if (!known) throw new SdkMemberProblem(`The field "${key}" is not supported by Step Functions`);
      wire[known[0]] = requestValue(member, known[1]);
    }
    return wire;
  }
  if (shape.isListSchema() && Array.isArray(value)) return value.map((item) => requestValue(item, shape.getValueSchema()));
  if (shape.isMapSchema() && isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, requestValue(item, shape.getValueSchema())]));
  }
  return value;
}

function responseValue(value: unknown, shape: NormalizedSchema): unknown {
  if (shape.isStructSchema() && isRecord(value)) {
    const members = new Map<string, NormalizedSchema>();
    for (const [name, member] of shape.structIterator()) members.set(name, member);
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      const schema = members.get(key);
      out[schema ? pascal(key) : key] = schema ? responseValue(member, schema) : member;
    }
    return out;
  }
  if (shape.isListSchema() && Array.isArray(value)) return value.map((item) => responseValue(item, shape.getValueSchema()));
  if (shape.isMapSchema() && isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, responseValue(item, shape.getValueSchema())]));
  }
  return value;
}

/**
 * The request under the service's member names.
 * @throws SdkMemberProblem for a member the operation does not have in PascalCase
 */
export function toServiceRequest(args: unknown, shapes: OperationShapes): unknown {
  return requestValue(args, NormalizedSchema.of(shapes.input as never));
}

/** The response with the PascalCase member names Step Functions hands a state machine. */
export function toStepFunctionsResponse(result: unknown, shapes: OperationShapes): unknown {
  return responseValue(result, NormalizedSchema.of(shapes.output as never));
}
