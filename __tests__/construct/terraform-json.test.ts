import { TerraformOutput, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import { escapeTerraformTemplate, toTerraformJson } from '../../lib/construct';

describe('escapeTerraformTemplate', () => {
  test.each([
    ['SELECT \'${not_a_var}\'', "SELECT '$${not_a_var}'"],
    ['%{ if x }', '%%{ if x }'],
    ['$${already}', '$$${already}'],
    ['no template $ { here', 'no template $ { here'],
  ])('%s → %s', (input, expected) => {
    expect(escapeTerraformTemplate(input)).toBe(expected);
  });

  test('keeps cdktf token markers so references still resolve', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const name = new TerraformVariable(stack, 'name', { type: 'string' }).stringValue;
    expect(escapeTerraformTemplate(`${name} and \${literal}`)).toBe(`${name} and $\${literal}`);
  });
});

describe('toTerraformJson', () => {
  test('a number token becomes an unquoted interpolation, so Terraform renders a JSON number', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const wait = new TerraformVariable(stack, 'wait', { type: 'number' }).numberValue;
    const text = toTerraformJson({ Seconds: wait, Expression: `{% ${wait} * 2 %}` }, [wait]);
    expect(Token.isUnresolved(text)).toBe(true);
    new TerraformOutput(stack, 'definition', { value: text, staticId: true });
    expect(JSON.parse(Testing.synth(stack)).output.definition.value).toBe('{"Seconds":${var.wait},"Expression":"{% ${var.wait} * 2 %}"}');
  });

  test('literal ${ and %{ inside values are escaped, the JSON structure is untouched', () => {
    expect(toTerraformJson({ Sql: "SELECT '${x}', '%{y}'" })).toBe('{"Sql":"SELECT \'$${x}\', \'%%{y}\'"}');
  });
});
