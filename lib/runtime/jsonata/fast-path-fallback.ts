/** What a fast evaluator returns when it cannot be sure of JSONata's answer: the caller then runs JSONata itself. */
export const FALLBACK: unique symbol = Symbol('fallback to JSONata');
