import { Token, Tokenization } from 'cdktf';

/** `${` that does not open a cdktf token marker (`${TfToken[TOKEN.1]}`), and `%{`. */
const TEMPLATE_INTERPOLATION = /\$\{(?!TfToken\[)/g;
const TEMPLATE_DIRECTIVE = /%\{/g;

/**
 * Escapes Terraform template sequences so a literal string reaches AWS unchanged: every string of a Terraform
 * configuration is a template, so a literal `${` becomes `$${` and `%{` becomes `%%{`. cdktf token markers are kept,
 * so references still resolve.
 * @see https://developer.hashicorp.com/terraform/language/expressions/strings#escape-sequences
 */
export function escapeTerraformTemplate(text: string): string {
  return text.replace(TEMPLATE_INTERPOLATION, (sequence) => `$${sequence}`).replace(TEMPLATE_DIRECTIVE, (sequence) => `%${sequence}`);
}

/**
 * JSON text of a value for a Terraform string attribute (a state machine definition, an EventBridge input):
 * literal `${`/`%{` are escaped, string tokens resolve inside the text, and number tokens become unquoted
 * interpolations (`"Seconds": ${var.wait}`), so Terraform plans a JSON number, not a string.
 *
 * @param numberTokens number tokens that may also appear as text inside strings (e.g. a JSONata expression built
 *   with a token); their decimal form is replaced wherever it occurs.
 */
export function toTerraformJson(value: unknown, numberTokens: readonly unknown[] = []): string {
  const found = new Set<number>(numberTokens.filter(isNumberToken));
  const text = JSON.stringify(value, (_key, item: unknown) => {
    if (isNumberToken(item)) found.add(item);
    return item;
  });
  let rendered = escapeTerraformTemplate(text);
  for (const token of found) {
    const resolvable = Tokenization.reverseNumber(token);
    if (resolvable) rendered = rendered.split(JSON.stringify(token)).join(Token.asString(resolvable));
  }
  return rendered;
}

function isNumberToken(value: unknown): value is number {
  return typeof value === 'number' && Token.isUnresolved(value);
}
