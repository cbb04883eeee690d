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
  test('a number token becomes ${jsonencode(...)} in place of the value, so Terraform renders a JSON number (or null)', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const wait = new TerraformVariable(stack, 'wait', { type: 'number' }).numberValue;
    const text = toTerraformJson({ Seconds: wait, Expression: `{% ${wait} * 2 %}` }, [wait]);
    expect(Token.isUnresolved(text)).toBe(true);
    new TerraformOutput(stack, 'definition', { value: text, staticId: true });
    expect(JSON.parse(Testing.synth(stack)).output.definition.value).toBe('{"Seconds":${jsonencode(var.wait)},"Expression":"{% ${jsonencode(var.wait)} * 2 %}"}');
  });

  test('a string token is JSON-encoded by Terraform; a string mixing text and a reference is refused', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const path = new TerraformVariable(stack, 'path', { type: 'string' }).stringValue;
    new TerraformOutput(stack, 'definition', { value: toTerraformJson({ RoleArn: path, Sql: '"\\${x}' }), staticId: true });
    expect(JSON.parse(Testing.synth(stack)).output.definition.value).toBe('{"RoleArn":${jsonencode(var.path)},"Sql":"\\"\\\\$${x}"}');
    expect(() => toTerraformJson({ RoleArn: `arn:aws:iam::1:role${path}x` })).toThrow(/mixes text and Terraform references/);
  });

  test('literal ${ and %{ inside values are escaped, the JSON structure is untouched', () => {
    expect(toTerraformJson({ Sql: "SELECT '${x}', '%{y}'" })).toBe('{"Sql":"SELECT \'$${x}\', \'%%{y}\'"}');
  });
});
