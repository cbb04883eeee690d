/** DynamoDB wire shapes (PascalCase members, typed attribute values) for the calls the emulator serves. */

/** A typed attribute value, DynamoDB JSON. `N` holds the number as text, `B` base64 text. */
export type AttributeValue =
  | { readonly S: string }
  | { readonly N: string }
  | { readonly B: string }
  | { readonly BOOL: boolean }
  | { readonly NULL: true }
  | { readonly M: Readonly<Record<string, AttributeValue>> }
  | { readonly L: readonly AttributeValue[] }
  | { readonly SS: readonly string[] }
  | { readonly NS: readonly string[] }
  | { readonly BS: readonly string[] };

export type Item = Readonly<Record<string, AttributeValue>>;

export type ReturnValue = 'NONE' | 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW';

export interface TableDefinition {
  readonly TableName: string;
  /** One HASH key, optionally one RANGE key. */
  readonly KeySchema: readonly { readonly AttributeName: string; readonly KeyType: 'HASH' | 'RANGE' }[];
  /** Key attribute types. @default every key attribute is S */
  readonly AttributeDefinitions?: readonly { readonly AttributeName: string; readonly AttributeType: 'S' | 'N' | 'B' }[];
  /** TTL attribute (UpdateTimeToLive): items whose value (epoch seconds, type N) is in the past are deleted. @default - no TTL */
  readonly TimeToLiveAttribute?: string;
}

interface ExpressionMembers {
  readonly ExpressionAttributeNames?: Readonly<Record<string, string>>;
  readonly ExpressionAttributeValues?: Readonly<Record<string, AttributeValue>>;
}

export interface UpdateItemRequest extends ExpressionMembers {
  readonly TableName: string;
  readonly Key: Item;
  /** SET and REMOVE clauses (`SET a = :v, b = if_not_exists(b, :z) REMOVE c`). */
  readonly UpdateExpression?: string;
  readonly ConditionExpression?: string;
  /** @default 'NONE' */
  readonly ReturnValues?: ReturnValue;
  /** @default 'NONE' */
  readonly ReturnValuesOnConditionCheckFailure?: 'NONE' | 'ALL_OLD';
}

export interface PutItemRequest extends ExpressionMembers {
  readonly TableName: string;
  readonly Item: Item;
  readonly ConditionExpression?: string;
  /** NONE or ALL_OLD. @default 'NONE' */
  readonly ReturnValues?: ReturnValue;
}

export interface DeleteItemRequest extends ExpressionMembers {
  readonly TableName: string;
  readonly Key: Item;
  readonly ConditionExpression?: string;
  /** NONE or ALL_OLD. @default 'NONE' */
  readonly ReturnValues?: ReturnValue;
}

export interface GetItemRequest {
  readonly TableName: string;
  readonly Key: Item;
  /** @default false */
  readonly ConsistentRead?: boolean;
}

/** UpdateItem/PutItem/DeleteItem answer: `Attributes` only when ReturnValues asks for them and there are some. */
export interface WriteItemResponse {
  readonly Attributes?: Item;
}

export interface GetItemResponse {
  readonly Item?: Item;
}

/** Request counts that price on-demand DynamoDB (1 write request unit per write of an item up to 1 KB). */
export interface DynamoDbUsage {
  readonly writeRequestUnits: number;
  readonly readRequestUnits: number;
  /** Conditional writes whose condition failed: still billed as writes on AWS. */
  readonly conditionalCheckFailures: number;
  readonly ttlDeletions: number;
}
