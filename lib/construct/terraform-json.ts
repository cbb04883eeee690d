import { Fn, TerraformLocal, Token, Tokenization } from 'cdktf';
import type { Construct } from 'constructs';

/** `${` that does not open a cdktf token marker (`${TfToken[TOKEN.1]}`), and `%{`. */
const TEMPLATE_INTERPOLATION = /\$\{(?!TfToken\[)/g;
const TEMPLATE_DIRECTIVE = /%\{/g;
/** A whole string that is one cdktf string token. */
const SINGLE_TOKEN = /^\$\{TfToken\[[^\]]+\]\}$/;
const PLACEHOLDER = (index: number) => `\u0000rq-plan-time-${index}\u0000`;

/**
 * Escapes Terraform template sequences so a literal string reaches AWS unchanged: every string of a Terraform
 * configuration is a template, so a literal `${` becomes `$${` and `%{` becomes `%%{`. cdktf token markers are kept,
 * so references still resolve.
 * @see https://developer.hashicorp.com/terraform/language/expressions/strings#escape-sequences
 */
export function escapeTerraformTemplate(text: string): string {
  return text.replace(TEMPLATE_INTERPOLATION, (sequence) => `$${sequence}`).replace(TEMPLATE_DIRECTIVE, (sequence) => `%${sequence}`);
}

/** Thrown for a value Terraform could not encode safely (a string mixing text and a reference). */
export class TerraformJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TerraformJsonError';
  }
}

/**
 * JSON text of a value for a Terraform string attribute (a state machine definition, an EventBridge input). Known
 * values are encoded here (`JSON.stringify`, then literal `${`/`%{` escaped). A value known only at plan time is
 * encoded by Terraform: a string or number token becomes `${jsonencode(<reference>)}` in place of the JSON value,
 * so quotes, backslashes, `${` or a `null` in a variable still give valid JSON with the exact value.
 *
 * @param numberTokens number tokens that may also appear as text inside strings (e.g. a JSONata expression built
 *   with a token); their decimal form is replaced wherever it occurs.
 * @throws TerraformJsonError for a string that mixes text and tokens: make it a `TerraformLocal` first.
 */
export function toTerraformJson(value: unknown, numberTokens: readonly unknown[] = []): string {
  const found = new Set<number>(numberTokens.filter(isNumberToken));
  const strings: string[] = [];
  const text = JSON.stringify(value, (_key, item: unknown) => {
    if (isNumberToken(item)) found.add(item);
    if (typeof item === 'string' && Token.isUnresolved(item)) {
      if (!SINGLE_TOKEN.test(item)) {
        throw new TerraformJsonError(`the string ${JSON.stringify(item)} mixes text and Terraform references: pass it as a TerraformLocal`);
      }
      strings.push(item);
      return PLACEHOLDER(strings.length - 1);
    }
    return item;
  });
  let rendered = escapeTerraformTemplate(text);
  strings.forEach((token, index) => {
    rendered = rendered.split(JSON.stringify(PLACEHOLDER(index))).join(Token.asString(Fn.jsonencode(token)));
  });
  for (const token of found) {
    const resolvable = Tokenization.reverseNumber(token);
    if (resolvable) rendered = rendered.split(JSON.stringify(token)).join(Token.asString(Fn.jsonencode(resolvable)));
  }
  return rendered;
}

function isNumberToken(value: unknown): value is number {
  return typeof value === 'number' && Token.isUnresolved(value);
}

/**
 * A string that may mix text and plan-time references, as one reference (a `TerraformLocal`) when it does, so it
 * can be spliced into JSON by `toTerraformJson`; a known string is returned as it is.
 */
export function asPlanTimeString(scope: Construct, id: string, text: string): string {
  return Token.isUnresolved(text) && !SINGLE_TOKEN.test(text) ? new TerraformLocal(scope, id, text).asString : text;
}
