/** The shape of the generated Amazon States Language document (JSONata query language). */
export type AslStateType = 'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Map' | 'Parallel';

/** A JSON value: what an ASL field may hold. */
export type AslJson = string | number | boolean | null | readonly AslJson[] | { readonly [key: string]: AslJson };

export interface AslState {
  readonly Type: AslStateType;
  readonly [field: string]: AslJson | undefined;
}

export interface AslDefinition {
  readonly Comment?: string;
  readonly QueryLanguage: 'JSONata';
  readonly StartAt: string;
  readonly States: { readonly [name: string]: AslState };
}
