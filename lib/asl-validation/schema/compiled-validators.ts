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
 * Builds the ajv instance once per process and compiles each validator the first time it is needed,
 * then keeps it (a fixed set: 1 + 8 types x 2 languages). asl-validator's own entry point builds a new
 * Ajv on every call (~100 ms), too slow for the runtime, which validates before every execution.
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
  const forState = (type: string, language: QueryLanguage): AjvValidateFunction | undefined => {
    const cached = byState.get(key(type, language));
    if (cached) return cached;
    const file = STATE_SCHEMA_FILES.find((candidate) => typeName(candidate) === type);
    const index = file && branchIndex.get(file);
    if (!file || !index) return undefined;
    const validate = ajv.compile({ $ref: `${SCHEMA_BASE_URL}${file}.json#/oneOf/${index[language]}` });
    byState.set(key(type, language), validate);
    return validate;
  };
  return { machine, forState };
}

function createAjv(): AjvInstance {
  const ajvModule = aslValidatorRequire('ajv') as { default?: AjvConstructor } & AjvConstructor;
  const Ajv = ajvModule.default ?? ajvModule;
  const ajv = new Ajv({
    allErrors: true,
    allowUnionTypes: true,
    strict: false,
    // Separate functions for referenced schemas: compiling is several times faster than inlining them everywhere.
    inlineRefs: false,
    // asl-validator's schemas are fixed and known to be valid draft-07.
    validateSchema: false,
  });
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
