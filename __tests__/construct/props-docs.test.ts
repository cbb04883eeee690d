import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';

/** A small "awslint": every optional member of every interface in the public option files documents its default. */
const FILES = ['props.ts', 'schedule.ts', 'event-trigger.ts', 'trigger-resources.ts'].map((file) =>
  join(__dirname, '../../lib/construct', file),
);

function optionalMembersWithoutDefault(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const missing: string[] = [];
  const visit = (node: ts.Node, owner: string): void => {
    if (ts.isInterfaceDeclaration(node)) owner = node.name.text;
    if (ts.isFunctionLike(node)) owner = '';
    if (owner !== '' && ts.isPropertySignature(node) && node.questionToken) {
      const docs = ts.getJSDocCommentsAndTags(node).map((doc) => doc.getText()).join('\n');
      if (!/@default\s+\S/.test(docs)) missing.push(`${owner}.${node.name.getText()}`);
    }
    ts.forEachChild(node, (child) => visit(child, owner));
  };
  visit(source, '');
  return missing;
}

function membersOf(file: string, interfaceName: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const declaration = source.statements.find((node): node is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(node) && node.name.text === interfaceName);
  return declaration!.members.filter(ts.isPropertySignature).map((member) => member.name.getText());
}

describe('construct option docs', () => {
  test('every prop appears in the props table of docs/construct.md', () => {
    const docs = readFileSync(join(__dirname, '../../docs/construct.md'), 'utf8');
    const props = membersOf(FILES[0], 'RedshiftQueryStepFunctionProps');
    expect(props.length).toBeGreaterThan(25);
    expect(props.filter((prop) => !new RegExp(`^\\| \`${prop}[\`.]`, 'm').test(docs))).toEqual([]);
  });

  test.each(FILES)('every optional member of %s has an @default', (file) => {
    expect(optionalMembersWithoutDefault(file)).toEqual([]);
  });

  test('the check finds a member without @default', () => {
    const file = join(__dirname, '__fixtures__', 'undocumented-props.ts');
    expect(optionalMembersWithoutDefault(file)).toEqual(['UndocumentedProps.noDefault', 'UndocumentedProps.noDoc']);
  });
});
