import { ExecuteStatementInput$, ExecuteStatementOutput$, DescribeStatementRequest$, DescribeStatementResponse$ } from '@aws-sdk/client-redshift-data';
import { toServiceRequest, toStepFunctionsResponse } from '../lib/runtime/engine/sdk-members';
const ex = { input: ExecuteStatementInput$, output: ExecuteStatementOutput$ };
console.log(JSON.stringify(toServiceRequest({ Sql: 'x', Parameters: [{ Name: 'a', Value: 'b' }], WithEvent: true }, ex)));
try { toServiceRequest({ Sql: 'x', Parameters: [{ name: 'a', value: 'b' }] }, ex); } catch (e) { console.log(String(e)); }
try { toServiceRequest({ sql: 'x' }, ex); } catch (e) { console.log(String(e)); }
console.log(JSON.stringify(toStepFunctionsResponse({ Id: 'x', QueryParameters: [{ name: 'a', value: 'b' }], SubStatements: [{ Id: 'y' }] }, { input: DescribeStatementRequest$, output: DescribeStatementResponse$ })));
