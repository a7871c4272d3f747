/** The shape of one row of a generated operations table (`@socialhub/schema/<api>/operations`). */

/** An HTTP method as OpenAPI spells it. */
export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

/** Where a schema lives: a JSON pointer into the API's OpenAPI document, and its zod export if any. */
export interface SchemaRef {
  /** `#/components/schemas/X` for a named schema, else the pointer of the inline schema. */
  readonly ref: string;
  /** Name of the export in the API's `/zod` entry that parses it (named schemas only). */
  readonly zod?: string;
}

/** One parameter of an operation. */
export interface ParameterEntry {
  readonly name: string;
  readonly in: 'query' | 'header' | 'path' | 'cookie';
  readonly required: boolean;
  readonly schema: SchemaRef;
}

/** The request body of an operation. */
export interface RequestBodyEntry {
  readonly required: boolean;
  readonly contentType: string;
  readonly schema: SchemaRef;
}

/** One documented response. */
export interface ResponseEntry {
  readonly description: string;
  readonly contentType?: string;
  readonly schema?: SchemaRef;
}

/** One operation: everything a client, a mock server or a docs page needs to route it. */
export interface OperationEntry {
  readonly method: HttpMethod;
  /** The path template, e.g. `/channels/{channelId}`. */
  readonly path: string;
  readonly operationId: string;
  /** The server the operation is sent to (its own `servers`, else its path's, else the document's). */
  readonly server: string;
  /**
   * A repeat of the request is harmless, so a client may retry it after a lost answer: every
   * method but POST, and a POST the contract marks `x-socialhub-idempotent: true`.
   */
  readonly idempotent: boolean;
  readonly summary?: string;
  readonly tags: readonly string[];
  readonly parameters: readonly ParameterEntry[];
  readonly requestBody?: RequestBodyEntry;
  /** By status code (`"200"`, `"default"`, ...). */
  readonly responses: Readonly<Record<string, ResponseEntry>>;
  /** Names of the `/zod` exports that parse this operation's body, query and path parameters. */
  readonly zod: { readonly body?: string; readonly query?: string; readonly path?: string };
}
