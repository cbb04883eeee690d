import { createRequire } from 'node:module';

/** asl-validator 4.0.0's JSON schemas, by file name. */
export const SCHEMA_FILES = [
  'common',
  'paths',
  'jsonata',
  'choice',
  'fail',
  'parallel',
  'pass',
  'base-state-machine',
  'state-machine',
  'state',
  'succeed',
  'task',
  'wait',
  'map',
  'errors',
] as const;
export type SchemaFile = (typeof SCHEMA_FILES)[number];

export const SCHEMA_BASE_URL = 'http://asl-validator.cloud/';

type Schema = Record<string, any>;

/** Requires modules as asl-validator itself resolves them (its schemas, ajv, ajv-formats, asl-path-validator). */
export const aslValidatorRequire = createRequire(require.resolve('asl-validator'));

/**
 * Loads asl-validator's schemas and corrects the places where they refuse definitions AWS accepts
 * (each patch below names the false error it removes). Checks this folder makes itself with better
 * messages (state graph, names, JSONata shape and parsing, QueryLanguage, Resource ARN) are relaxed here
 * so the schema pass does not repeat them.
 */
export function loadPatchedSchemas(): PatchedSchemas {
  const schemas = new Map<SchemaFile, Schema>();
  for (const file of SCHEMA_FILES) {
    schemas.set(file, structuredClone(aslValidatorRequire(`./schemas/${file}.json`)) as Schema);
  }
  const get = (file: SchemaFile): Schema => schemas.get(file) as Schema;
  const branchIndex = new Map<StateSchemaFile, Record<'JSONata' | 'JSONPath', number>>();
  for (const file of STATE_SCHEMA_FILES) {
    const branches = get(file).oneOf as Schema[];
    const jsonataIndex = branches.findIndex(isJsonataBranch);
    branchIndex.set(file, { JSONata: jsonataIndex, JSONPath: jsonataIndex === 0 ? 1 : 0 });
  }

  const jsonata = get('jsonata').definitions;
  // Their pattern `^\{% .+ %\}$` needs spaces and refuses newlines: AWS's is `^{%(.*)%}$`, multi-line expressions work.
  jsonata.jsonata = { type: 'string', pattern: '^\\{%[\\s\\S]*%\\}$' };
  // Their "not JSONata" string refuses '' and newlines, so a multi-line SQL text in Arguments was an error.
  jsonata.not_jsonata = { type: 'string', pattern: '^(?!\\{%)' };
  jsonata.maybe_jsonata = { type: 'string' };
  // Output is any JSON value in AWS (a number, an array, a literal string), not only an object or expression.
  jsonata.output = {};
  // A Condition may be a literal boolean.
  jsonata.condition = { oneOf: [{ type: 'boolean' }, { $ref: '#/definitions/jsonata' }] };
  // Their template refused arrays of arrays; any JSON value is a valid template (strings are checked by our JSONata pass).
  jsonata.jsonata_template = {};
  jsonata._jsonata_template_object = { type: 'object' };

  // In a JSONPath payload template (Parameters, Assign, ...) every JSON value is a literal: AWS ran a JSONPath Assign
  // whose list holds null and "{% $varname %}" (LocalStack's AWS recording assign/test_assign_base.snapshot.json,
  // BASE_CONSTANT_LITERALS); asl-validator refused both.
  const paths = get('paths').definitions;
  paths.asl_payload_template = {
    oneOf: [
      { $ref: '#/definitions/_payload_template_object' },
      { type: 'array', items: { $ref: '#/definitions/asl_payload_template' } },
      { type: ['boolean', 'number', 'null', 'string'] },
    ],
  };

  // `"End": false` is tolerated by AWS (a state with End false must then have Next, which we check).
  get('common').definitions.End = { type: 'boolean' };

  // Each state is validated on its own against its type and language, so the containers stop at States.
  get('state-machine').properties.States = { type: 'object' };
  get('base-state-machine').properties.States = { type: 'object' };

  const jsonataBranch = (file: StateSchemaFile): Schema => get(file).oneOf[branchIndex.get(file)?.JSONata ?? -1] as Schema;

  const map = get('map');
  // AWS defaults ProcessorConfig.Mode to INLINE; it is not required.
  delete map.definitions.ItemProcessor.properties.ProcessorConfig.oneOf[0].required;
  // ToleratedFailurePercentage is a number from 0 to 100, not only an integer (AWS ran 1.1 through
  // ToleratedFailurePercentagePath: scenarios/test_base_scenarios.snapshot.json, test_map_state_tolerated_failure_percentage_path[1.1]).
  map.definitions.ToleratedFailurePercentage = { type: 'number', minimum: 0, maximum: 100 };
  // JSONata Items may be a literal array, object or expression.
  jsonataBranch('map').properties.Items = { anyOf: [{ type: 'array' }, { type: 'object' }, { $ref: 'jsonata.json#/definitions/jsonata' }] };

  // Timestamps are checked with AWS's exact RFC 3339 profile by this folder.
  get('wait').definitions.Timestamp = { type: 'string' };
  jsonataBranch('wait').properties.Timestamp = { type: 'string' };

  for (const file of STATE_SCHEMA_FILES) {
    for (const branch of get(file).oneOf as Schema[]) {
      // QueryLanguage is resolved and checked by this folder with AWS's rules.
      branch.required = (branch.required as string[]).filter((field) => field !== 'QueryLanguage');
      branch.properties.QueryLanguage = {};
    }
  }

  return { schemas: [...schemas.values()], branchIndex };
}

/** Schema files that describe one state type each, as a oneOf of a JSONPath and a JSONata form. */
export const STATE_SCHEMA_FILES = ['task', 'map', 'pass', 'wait', 'choice', 'fail', 'parallel', 'succeed'] as const;
export type StateSchemaFile = (typeof STATE_SCHEMA_FILES)[number];

export interface PatchedSchemas {
  readonly schemas: readonly Schema[];
  /** Which `oneOf` branch of each state schema is the JSONata form and which the JSONPath form. */
  readonly branchIndex: ReadonlyMap<StateSchemaFile, Record<'JSONata' | 'JSONPath', number>>;
}

export function isJsonataBranch(branch: Schema): boolean {
  const ref = branch.properties?.QueryLanguage?.$ref;
  return typeof ref === 'string' && ref.startsWith('jsonata.json');
}
