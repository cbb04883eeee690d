/** The slice of ajv 8's API this folder uses (ajv is asl-validator's own dependency, loaded from its install). */
export interface AjvErrorObject {
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

export interface AjvValidateFunction {
  (data: unknown): boolean;
  errors?: AjvErrorObject[] | null;
}

export interface AjvInstance {
  addSchema(schema: object): AjvInstance;
  addFormat(name: string, format: (value: string) => boolean): AjvInstance;
  compile(schema: object): AjvValidateFunction;
}

export type AjvConstructor = new (options: Readonly<Record<string, unknown>>) => AjvInstance;
