import type { QueryLanguage } from '../scope-tree';
import type { AjvConstructor, AjvInstance, AjvValidateFunction } from './ajv-types';
import { aslValidatorRequire, loadPatchedSchemas, SCHEMA_BASE_URL, STATE_SCHEMA_FILES, type StateSchemaFile } from './patched-schemas';

/** One validator per state type and query language, plus one for the machine's top-level fields. */
export interface CompiledValidators {
  readonly machine: AjvValidateFunction;
  forState(type: string, language: QueryLanguage): AjvValidateFunction | undefined;
}

let compiled: CompiledValidators | undefined;

/**
 * Builds the ajv instance and compiles every validator once per process (asl-validator's own entry
 * point builds a new Ajv on every call, ~100 ms; the runtime validates before every execution).
 */
export function compiledValidators(): CompiledValidators {
  compiled ??= compile();
  return compiled;
}

function compile(): CompiledValidators {
  const { schemas, branchIndex } = loadPatchedSchemas();
  const ajv = createAjv();
  for (const schema of schemas) ajv.addSchema(schema);

  const machine = ajv.compile({ $ref: `${SCHEMA_BASE_URL}state-machine.json#` });
  const byState = new Map<string, AjvValidateFunction>();
  for (const file of STATE_SCHEMA_FILES) {
    const index = branchIndex.get(file);
    if (!index) continue;
    for (const language of ['JSONata', 'JSONPath'] as const) {
      byState.set(key(typeName(file), language), ajv.compile({ $ref: `${SCHEMA_BASE_URL}${file}.json#/oneOf/${index[language]}` }));
    }
  }
  return { machine, forState: (type, language) => byState.get(key(type, language)) };
}

function createAjv(): AjvInstance {
  const ajvModule = aslValidatorRequire('ajv') as { default?: AjvConstructor } & AjvConstructor;
  const Ajv = ajvModule.default ?? ajvModule;
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strict: false });
  const formatsModule = aslValidatorRequire('ajv-formats') as { default?: (ajv: AjvInstance) => void } & ((ajv: AjvInstance) => void);
  (formatsModule.default ?? formatsModule)(ajv);
  // JSONPath paths and payload templates, as asl-validator registers them.
  const pathValidator = aslValidatorRequire('asl-path-validator') as { registerAll(ajv: AjvInstance): void };
  pathValidator.registerAll(ajv);
  // Resource ARNs are checked by this folder (asl-validator's pattern knows only 3 partitions).
  ajv.addFormat('asl_arn', () => true);
  ajv.addFormat('jsonata_string', () => true);
  return ajv;
}

function typeName(file: StateSchemaFile): string {
  return file.charAt(0).toUpperCase() + file.slice(1);
}

function key(type: string, language: QueryLanguage): string {
  return `${type}/${language}`;
}
