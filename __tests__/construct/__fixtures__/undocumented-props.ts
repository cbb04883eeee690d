/** Fixture for props-docs.test.ts: two optional members lack `@default`. */
export interface UndocumentedProps {
  /** Required members need no default. */
  readonly required: string;
  /** Documented. @default 3 */
  readonly documented?: number;
  /** Has a summary only. */
  readonly noDefault?: number;
  readonly noDoc?: string;
}
