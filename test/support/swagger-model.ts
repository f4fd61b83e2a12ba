import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// A small validator for Swagger 2.0 models, so that loopback mocks of marketplace APIs refuse
// exactly what the published model forbids. General on purpose: the Shipping v2 mock uses it
// first, and the Orders, Feeds and Reports mocks are meant to reuse it unchanged.
//
// Covered: path templates, path/query/header parameters (type, enum, required, lengths,
// pattern, bounds, date/date-time formats, arrays with collectionFormat), and bodies against
// schemas ($ref, allOf, type, required, properties, additionalProperties, enum, items,
// min/maxItems, uniqueItems, min/maxLength, pattern, minimum/maximum, multipleOf, x-nullable).
// Not covered: formData parameters (reported as an error so a mock cannot pass them
// unchecked), external $refs, discriminator, and formats other than date and date-time.
//
// Amazon's Orders v0, Orders 2026-01-01 and Feeds 2021-06-30 models are Swagger 2.0 as well
// (checked: none is OpenAPI 3, and they use no keyword beyond the list above; `x-example`,
// `default` and `format: double` carry no rule). What they add and this file reads: the
// response headers each status documents, and the `x-amzn-api-sandbox` request/answer pairs,
// which a contract test can replay against a mock.

export type SwaggerSchema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, SwaggerSchema>;
  additionalProperties?: boolean | SwaggerSchema;
  items?: SwaggerSchema;
  allOf?: SwaggerSchema[];
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  multipleOf?: number;
  'x-nullable'?: boolean;
};

export type SwaggerParameter = SwaggerSchema & {
  name: string;
  in: 'path' | 'query' | 'header' | 'body' | 'formData';
  required?: boolean;
  /** Body parameters only. */
  schema?: SwaggerSchema;
  collectionFormat?: 'csv' | 'ssv' | 'tsv' | 'pipes' | 'multi';
};

/** Amazon's static sandbox pairs: parameter values by name (`body` for the body) and the answer. */
export type SandboxCase = { request: { parameters: Record<string, { value: unknown }> }; response?: unknown };

export type SwaggerResponse = {
  description?: string;
  schema?: SwaggerSchema;
  headers?: Record<string, SwaggerSchema & { description?: string }>;
  'x-amzn-api-sandbox'?: { static?: SandboxCase[] };
};

export type SwaggerOperation = {
  operationId?: string;
  consumes?: string[];
  parameters?: (SwaggerParameter | { $ref: string })[];
  responses?: Record<string, SwaggerResponse>;
};

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;

export type HttpMethod = (typeof HTTP_METHODS)[number];

export type SwaggerPathItem = Partial<Record<HttpMethod, SwaggerOperation>> & { parameters?: (SwaggerParameter | { $ref: string })[] };

export type SwaggerModel = {
  swagger: string;
  basePath?: string;
  consumes?: string[];
  paths: Record<string, SwaggerPathItem>;
  definitions?: Record<string, SwaggerSchema>;
  parameters?: Record<string, SwaggerParameter>;
};

/** `path` is a JSON path into the body (`$.packages[0].weight`) or names a parameter (`query.marketplaceIds`). */
export type ValidationError = { path: string; message: string };

export type ResolvedOperation = {
  /** The model's operationId, or "METHOD /template" when it has none. */
  operationId: string;
  method: HttpMethod;
  template: string;
  pathParams: Record<string, string>;
  /** Path-level and operation-level parameters merged, operation winning, $refs resolved. */
  parameters: SwaggerParameter[];
  operation: SwaggerOperation;
};

export type OperationLookup =
  | { ok: true; operation: ResolvedOperation }
  | { ok: false; reason: 'NO_PATH' | 'NO_METHOD'; message: string; allowed?: HttpMethod[] };

export type HttpRequestToCheck = {
  method: string;
  /** Path with an optional query string, as it arrives on the wire. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body, or undefined when the request had none. */
  body?: unknown;
};

export type RequestCheck =
  | { found: true; operation: ResolvedOperation; errors: ValidationError[] }
  | { found: false; reason: 'NO_PATH' | 'NO_METHOD'; message: string };

/** Checks that a parsed JSON file looks like a Swagger 2.0 model before it is trusted as one. */
export function asSwaggerModel(json: unknown): SwaggerModel {
  if (typeof json !== 'object' || json === null) throw new TypeError('A Swagger model is a JSON object');
  const model = json as Partial<SwaggerModel>;
  if (model.swagger !== '2.0') throw new TypeError(`Only Swagger 2.0 models are supported, got swagger=${String(model.swagger)}`);
  if (typeof model.paths !== 'object' || model.paths === null) throw new TypeError('A Swagger model needs "paths"');
  return model as SwaggerModel;
}

/** Resolves a local JSON pointer such as `#/definitions/Address` or `#/parameters/Limit`. */
export function resolveRef(model: SwaggerModel, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported, got '${ref}'`);
  let node: unknown = model;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !(key in node)) throw new Error(`$ref '${ref}' points at nothing`);
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

type CompiledTemplate = { template: string; pattern: RegExp; names: string[]; literalSegments: number };

const compiled = new WeakMap<SwaggerModel, CompiledTemplate[]>();

function templates(model: SwaggerModel): CompiledTemplate[] {
  const cached = compiled.get(model);
  if (cached) return cached;
  const list = Object.keys(model.paths).map((template) => {
    const names: string[] = [];
    let literalSegments = 0;
    const segments = template.split('/').map((segment) => {
      if (!segment.includes('{')) {
        literalSegments += 1;
        return escapeRegExp(segment);
      }
      // A template may share a segment with literal text (`/files/{name}.json`).
      return segment
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const name = /^\{([^}]+)\}$/.exec(part)?.[1];
          if (name === undefined) return escapeRegExp(part);
          names.push(name);
          return '([^/]+)';
        })
        .join('');
    });
    return { template, pattern: new RegExp(`^${segments.join('/')}$`), names, literalSegments };
  });
  // Swagger: a concrete path wins over a templated one of the same shape (/shipments/rates
  // before /shipments/{shipmentId}).
  list.sort((a, b) => b.literalSegments - a.literalSegments);
  compiled.set(model, list);
  return list;
}

function resolveParameters(model: SwaggerModel, list: SwaggerPathItem['parameters']): SwaggerParameter[] {
  return (list ?? []).map((p) => ('in' in p ? p : (resolveRef(model, p.$ref) as SwaggerParameter)));
}

/** Finds the operation a request addresses, by method and path template. */
export function findOperation(model: SwaggerModel, method: string, url: string): OperationLookup {
  const wanted = method.toLowerCase() as HttpMethod;
  let path = url.split('?')[0] ?? '';
  const base = (model.basePath ?? '').replace(/\/+$/, '');
  if (base !== '') {
    if (!path.startsWith(`${base}/`) && path !== base) return { ok: false, reason: 'NO_PATH', message: `${path} is outside the base path ${base}` };
    path = path.slice(base.length) || '/';
  }
  const allowed = new Set<HttpMethod>();
  for (const candidate of templates(model)) {
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    const item = model.paths[candidate.template] as SwaggerPathItem;
    const operation = HTTP_METHODS.includes(wanted) ? item[wanted] : undefined;
    if (operation === undefined) {
      for (const m of HTTP_METHODS) if (item[m]) allowed.add(m);
      continue;
    }
    const pathParams: Record<string, string> = {};
    let decodable = true;
    candidate.names.forEach((name, i) => {
      try {
        pathParams[name] = decodeURIComponent(match[i + 1] ?? '');
      } catch {
        decodable = false;
      }
    });
    if (!decodable) continue;
    const merged = new Map<string, SwaggerParameter>();
    for (const p of [...resolveParameters(model, item.parameters), ...resolveParameters(model, operation.parameters)]) merged.set(`${p.in}:${p.name}`, p);
    return {
      ok: true,
      operation: {
        operationId: operation.operationId ?? `${wanted.toUpperCase()} ${candidate.template}`,
        method: wanted,
        template: candidate.template,
        pathParams,
        parameters: [...merged.values()],
        operation,
      },
    };
  }
  if (allowed.size > 0) {
    return { ok: false, reason: 'NO_METHOD', message: `${method.toUpperCase()} is not defined for ${path}`, allowed: [...allowed] };
  }
  return { ok: false, reason: 'NO_PATH', message: `No operation matches ${path}` };
}

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const shown = JSON.stringify(value);
  return shown.length > 40 ? `${typeof value} ${shown.slice(0, 37)}...` : shown;
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;

function typeError(type: string, value: unknown): string | null {
  switch (type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? null : `must be an object, got ${shown(value)}`;
    case 'array':
      return Array.isArray(value) ? null : `must be an array, got ${shown(value)}`;
    case 'string':
      return typeof value === 'string' ? null : `must be a string, got ${shown(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : `must be true or false, got ${shown(value)}`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : `must be a number, got ${shown(value)}`;
    case 'integer':
      return Number.isInteger(value) ? null : `must be an integer, got ${shown(value)}`;
    default:
      // 'file' and unknown types: nothing cheap to check.
      return null;
  }
}

const characters = (n: number): string => (n === 1 ? '1 character' : `${n} characters`);

function child(path: string, key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** Every way `value` breaks `schema`; empty when it conforms. */
export function validateSchema(model: SwaggerModel, schema: SwaggerSchema, value: unknown, path = '$'): ValidationError[] {
  const errors: ValidationError[] = [];
  check(model, schema, value, path, errors, 0);
  return errors;
}

function check(model: SwaggerModel, schema: SwaggerSchema, value: unknown, path: string, errors: ValidationError[], refDepth: number): void {
  if (schema.$ref !== undefined) {
    // A chain of $refs that never reaches a value would loop forever; real models nest far less.
    if (refDepth > 64) {
      errors.push({ path, message: `$ref chain too deep at ${schema.$ref}` });
      return;
    }
    check(model, resolveRef(model, schema.$ref) as SwaggerSchema, value, path, errors, refDepth + 1);
    return;
  }
  for (const part of schema.allOf ?? []) check(model, part, value, path, errors, refDepth + 1);

  if (value === null && schema['x-nullable'] === true) return;
  if (schema.type !== undefined) {
    const problem = typeError(schema.type, value);
    if (problem !== null) {
      errors.push({ path, message: problem });
      return;
    }
  }
  if (schema.enum !== undefined && !schema.enum.some((allowed) => sameJson(allowed, value))) {
    errors.push({ path, message: `must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}; got ${shown(value)}` });
  }

  if (typeof value === 'string') {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) errors.push({ path, message: `must be at least ${characters(schema.minLength)}, got ${length}` });
    if (schema.maxLength !== undefined && length > schema.maxLength) errors.push({ path, message: `must be at most ${characters(schema.maxLength)}, got ${length}` });
    if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) errors.push({ path, message: `must match ${schema.pattern}, got ${shown(value)}` });
    if (schema.format === 'date-time' && (!DATE_TIME.test(value) || Number.isNaN(Date.parse(value)))) errors.push({ path, message: `must be an RFC 3339 date-time, got ${shown(value)}` });
    if (schema.format === 'date' && (!DATE.test(value) || Number.isNaN(Date.parse(value)))) errors.push({ path, message: `must be a date (YYYY-MM-DD), got ${shown(value)}` });
  }

  if (typeof value === 'number') {
    if (schema.minimum !== undefined && (schema.exclusiveMinimum ? value <= schema.minimum : value < schema.minimum)) {
      errors.push({ path, message: `must be ${schema.exclusiveMinimum ? 'more than' : 'at least'} ${schema.minimum}, got ${value}` });
    }
    if (schema.maximum !== undefined && (schema.exclusiveMaximum ? value >= schema.maximum : value > schema.maximum)) {
      errors.push({ path, message: `must be ${schema.exclusiveMaximum ? 'less than' : 'at most'} ${schema.maximum}, got ${value}` });
    }
    if (schema.multipleOf !== undefined && Math.abs(value / schema.multipleOf - Math.round(value / schema.multipleOf)) > 1e-9) {
      errors.push({ path, message: `must be a multiple of ${schema.multipleOf}, got ${value}` });
    }
  }

  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) errors.push({ path, message: `must have at least ${schema.minItems} item(s), got ${value.length}` });
    if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push({ path, message: `must have at most ${schema.maxItems} item(s), got ${value.length}` });
    if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) errors.push({ path, message: 'must not repeat an item' });
    if (schema.items !== undefined) {
      const items = schema.items;
      value.forEach((item, i) => check(model, items, item, `${path}[${i}]`, errors, 0));
    }
  }

  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? []) {
      if (object[name] === undefined) errors.push({ path: child(path, name), message: 'is required' });
    }
    const properties = schema.properties ?? {};
    for (const [name, propertyValue] of Object.entries(object)) {
      const property = properties[name];
      if (property !== undefined) {
        check(model, property, propertyValue, child(path, name), errors, 0);
      } else if (schema.additionalProperties === false) {
        errors.push({ path: child(path, name), message: 'is not a property the model allows here' });
      } else if (typeof schema.additionalProperties === 'object') {
        check(model, schema.additionalProperties, propertyValue, child(path, name), errors, 0);
      }
    }
  }
}

function headerValue(headers: HttpRequestToCheck['headers'], name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return Array.isArray(value) ? value.join(', ') : value;
  }
  return undefined;
}

const SEPARATORS: Record<string, string> = { csv: ',', ssv: ' ', tsv: '\t', pipes: '|' };

/** Turns the text of a path, query or header parameter into the JSON value its type describes. */
function coerce(text: string, schema: SwaggerSchema): { value: unknown } | { error: string } {
  switch (schema.type) {
    case 'integer':
      return /^-?\d+$/.test(text) ? { value: Number(text) } : { error: `must be an integer, got ${JSON.stringify(text)}` };
    case 'number':
      return text.trim() !== '' && Number.isFinite(Number(text)) ? { value: Number(text) } : { error: `must be a number, got ${JSON.stringify(text)}` };
    case 'boolean':
      return text === 'true' || text === 'false' ? { value: text === 'true' } : { error: `must be true or false, got ${JSON.stringify(text)}` };
    default:
      return { value: text };
  }
}

/** The schema-shaped part of a non-body parameter: its own keywords, not its name or location. */
function parameterSchema(parameter: SwaggerParameter): SwaggerSchema {
  const { name: _name, in: _in, required: _required, schema: _schema, collectionFormat: _format, ...schema } = parameter;
  return schema;
}

function checkParameter(model: SwaggerModel, parameter: SwaggerParameter, raw: string[] | undefined, errors: ValidationError[]): void {
  const path = `${parameter.in}.${parameter.name}`;
  if (raw === undefined || raw.length === 0) {
    if (parameter.required) errors.push({ path, message: 'is required' });
    return;
  }
  const schema = parameterSchema(parameter);
  if (parameter.type === 'array') {
    const itemSchema = parameter.items ?? {};
    const texts = parameter.collectionFormat === 'multi' ? raw : raw.flatMap((r) => r.split(SEPARATORS[parameter.collectionFormat ?? 'csv'] ?? ','));
    const values: unknown[] = [];
    texts.forEach((text, i) => {
      const coerced = coerce(text, itemSchema);
      if ('error' in coerced) errors.push({ path: `${path}[${i}]`, message: coerced.error });
      else values.push(coerced.value);
    });
    errors.push(...validateSchema(model, schema, values, path));
    return;
  }
  if (raw.length > 1) errors.push({ path, message: `is given ${raw.length} times but the model takes one value` });
  const coerced = coerce(raw[0] ?? '', schema);
  if ('error' in coerced) errors.push({ path, message: coerced.error });
  else errors.push(...validateSchema(model, schema, coerced.value, path));
}

/** Finds the operation and checks every parameter and the body against the model. */
export function validateRequest(model: SwaggerModel, request: HttpRequestToCheck): RequestCheck {
  const lookup = findOperation(model, request.method, request.url);
  if (!lookup.ok) return { found: false, reason: lookup.reason, message: lookup.message };
  const { operation } = lookup;
  const query = new URLSearchParams(request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '');
  const errors: ValidationError[] = [];
  for (const parameter of operation.parameters) {
    switch (parameter.in) {
      case 'path':
        checkParameter(model, parameter, operation.pathParams[parameter.name] === undefined ? undefined : [operation.pathParams[parameter.name] as string], errors);
        break;
      case 'query':
        checkParameter(model, parameter, query.has(parameter.name) ? query.getAll(parameter.name) : undefined, errors);
        break;
      case 'header': {
        const value = headerValue(request.headers, parameter.name);
        checkParameter(model, parameter, value === undefined ? undefined : [value], errors);
        break;
      }
      case 'body':
        if (request.body === undefined) {
          if (parameter.required) errors.push({ path: '$', message: 'a request body is required' });
        } else if (parameter.schema !== undefined) {
          errors.push(...validateSchema(model, parameter.schema, request.body, '$'));
        }
        break;
      case 'formData':
        errors.push({ path: `formData.${parameter.name}`, message: 'formData parameters are not checked by this validator' });
        break;
    }
  }
  return { found: true, operation, errors };
}

/** Checks an answer against the response the operation documents for its status. */
export function validateResponse(model: SwaggerModel, operation: ResolvedOperation, status: number, body: unknown): ValidationError[] {
  const responses = operation.operation.responses ?? {};
  const response = responses[String(status)] ?? responses.default;
  if (response === undefined) return [{ path: '$', message: `${operation.operationId} documents no ${status} response` }];
  if (response.schema === undefined) return body === undefined ? [] : [{ path: '$', message: `${operation.operationId} documents no body for ${status}` }];
  return validateSchema(model, response.schema, body, '$');
}

/** Every header the operation documents for this status that the answer lacks. */
export function validateResponseHeaders(operation: ResolvedOperation, status: number, headers: Record<string, string | string[] | number | undefined>): ValidationError[] {
  const responses = operation.operation.responses ?? {};
  const response = responses[String(status)] ?? responses.default;
  const errors: ValidationError[] = [];
  for (const name of Object.keys(response?.headers ?? {})) {
    const present = Object.entries(headers).some(([key, value]) => key.toLowerCase() === name.toLowerCase() && value !== undefined && value !== '');
    if (!present) errors.push({ path: `header.${name}`, message: `is documented for ${status} but missing` });
  }
  return errors;
}

export type SandboxExchange = {
  /** The status the sandbox answers with. */
  status: number;
  request: { method: HttpMethod; url: string; body?: unknown };
  response: unknown;
};

/**
 * The operation's `x-amzn-api-sandbox` static pairs, turned into requests on the wire: path
 * parameters filled in, query parameters joined as the model's collectionFormat says, the body
 * parameter as the body. Amazon's own examples of what it accepts and what it refuses.
 */
export function sandboxExchanges(operation: ResolvedOperation): SandboxExchange[] {
  const exchanges: SandboxExchange[] = [];
  for (const [status, response] of Object.entries(operation.operation.responses ?? {})) {
    for (const sandbox of response['x-amzn-api-sandbox']?.static ?? []) {
      let path = operation.template;
      const query = new URLSearchParams();
      let body: unknown;
      for (const [name, { value }] of Object.entries(sandbox.request.parameters)) {
        // The sandbox names the body `body` whatever the model calls it (confirmShipment: `payload`).
        const parameter = operation.parameters.find((p) => p.name === name) ?? (name === 'body' ? operation.parameters.find((p) => p.in === 'body') : undefined);
        if (parameter?.in === 'body') body = value;
        else if (parameter?.in === 'path') path = path.replace(`{${name}}`, encodeURIComponent(String(value)));
        else if (parameter?.in === 'query') {
          if (!Array.isArray(value)) query.set(name, String(value));
          else if (parameter.collectionFormat === 'multi') for (const item of value) query.append(name, String(item));
          else query.set(name, value.map(String).join(SEPARATORS[parameter.collectionFormat ?? 'csv'] ?? ','));
        }
      }
      const search = query.toString();
      exchanges.push({ status: Number(status), request: { method: operation.method, url: search === '' ? path : `${path}?${search}`, ...(body === undefined ? {} : { body }) }, response: sandbox.response });
    }
  }
  return exchanges;
}

/** One line per error, for a 400's details and for test failure messages. */
export function formatErrors(errors: readonly ValidationError[]): string {
  return errors.map((e) => `${e.path} ${e.message}`).join('; ');
}

/**
 * Amazon's published SP-API models, copied into test/fixtures/amazon-sp-api/ so a fresh clone
 * tests on its own; PACKBENCH_SP_API_MODELS points at another copy (a newer model, say).
 */
export const SP_API_MODELS_DIR = process.env.PACKBENCH_SP_API_MODELS ?? fileURLToPath(new URL('../fixtures/amazon-sp-api/', import.meta.url));

const loaded = new Map<string, SwaggerModel>();

/** Reads and caches one of those models, e.g. `loadSpApiModel('shippingV2.json')`. */
export function loadSpApiModel(fileName: string): SwaggerModel {
  const file = join(SP_API_MODELS_DIR, fileName);
  let model = loaded.get(file);
  if (model === undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`Amazon's model ${fileName} is not at ${file}; set PACKBENCH_SP_API_MODELS to the folder that holds it`, { cause: error });
    }
    model = asSwaggerModel(JSON.parse(text));
    loaded.set(file, model);
  }
  return model;
}
