import fc from 'fast-check';

/** The part of an OpenAPI 3 document the fuzzer reads. */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  additionalProperties?: boolean | JsonSchema;
};
export type Operation = {
  method: string;
  path: string;
  parameters: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  body: JsonSchema | undefined;
  /** POST without a JSON body: the upload routes (multipart/form-data). */
  multipart: boolean;
};

export function operationsOf(document: {
  paths: Record<string, Record<string, unknown>>;
}): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths))
    for (const [method, raw] of Object.entries(methods)) {
      const operation = raw as {
        parameters?: Operation['parameters'];
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
      };
      const body = operation.requestBody?.content?.['application/json']?.schema;
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: operation.parameters ?? [],
        body,
        multipart: method === 'post' && !operation.requestBody,
      });
    }
  return operations;
}

const loneSurrogate = fc.constantFrom('\ud800', '\udfff', 'a\udc00b', '\ud83d');

/** Strings a hostile client sends: control characters, lone surrogates, bidi overrides, injections, sizes. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    'đăng ký kết hôn',
    'khai sinh',
    '\u202eexe.pdf',
    'line\r\nSet-Cookie: x=1',
    '../../../etc/passwd',
    "' or 1=1 --",
    '<script>alert(1)</script>',
    '__proto__',
    'constructor',
    '',
    ' ',
    'Infinity',
    '-Infinity',
    'NaN',
    '1e309',
    '-0',
    '9'.repeat(40),
    '2026-02-30',
    '9999-12-31',
    'null',
    '%00',
    '\t/\t/evil.example',
    '//evil.example',
    'https://evil.example/',
    '/\\evil.example',
    '😀'.repeat(50),
    'x'.repeat(5000),
  ),
  loneSurrogate,
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({
    unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    maxLength: 12,
  }),
);

const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(0, -1, 1, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, 0.5, -0),
  fc.integer(),
  fc.double(),
  hostileString,
);

/** Values shaped by a schema most of the time, and anything hostile the rest. */
export function valueFor(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.oneof(hostileString, hostileNumber, fc.constant(null));
  const shaped = shapedValue(schema, depth);
  return fc.oneof(
    { weight: 4, arbitrary: shaped },
    { weight: 1, arbitrary: hostileString },
    { weight: 1, arbitrary: hostileNumber },
    { weight: 1, arbitrary: fc.constantFrom(null, true, [], {}) },
  );
}

function shapedValue(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && alternatives.length > 0)
    return fc.oneof(...alternatives.map((s) => valueFor(s, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return schema.format === 'uuid'
        ? fc.oneof(fc.uuid(), hostileString)
        : schema.format === 'date'
          ? fc.oneof(fc.constantFrom('2026-11-20', '20/11/2026', '2026-13-45'), hostileString)
          : hostileString;
    case 'integer':
    case 'number':
      return hostileNumber;
    case 'boolean':
      return fc.oneof(fc.boolean(), hostileString);
    case 'array':
      return fc.array(valueFor(schema.items, depth + 1), { maxLength: 4 });
    case 'object': {
      const properties = Object.entries(schema.properties ?? {});
      const declared = fc.record(
        Object.fromEntries(properties.map(([key, s]) => [key, valueFor(s, depth + 1)])),
        { requiredKeys: [] },
      );
      const extra = fc.dictionary(
        fc.oneof(
          fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString'),
          hostileString,
        ),
        fc.oneof(hostileString, hostileNumber),
        { maxKeys: 3 },
      );
      return fc
        .tuple(declared, extra, fc.boolean())
        .map(([known, more, withExtra]) => (withExtra ? { ...more, ...known } : known));
    }
    case 'null':
    case undefined:
    default:
      return fc.oneof(hostileString, hostileNumber);
  }
}

/** Percent-encodes any JavaScript string, lone surrogates included (as the bytes a browser would send). */
export function encodeAny(value: string): string {
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0xd800 && code <= 0xdfff)
      out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`;
    else out += encodeURIComponent(char);
  }
  return out;
}

/** A raw text: what arrives when a parameter is put in the address. */
export function asParameter(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value);
}

/** JSON bodies no serializer produces: huge exponents, deep nesting, lone surrogate escapes, broken text. */
export const rawHostileJson: fc.Arbitrary<string> = fc.constantFrom(
  '{"formData": {"a": 1e309}}',
  '{"page": 1e309, "size": -1e309}',
  `{"formData": ${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  '{"name": "\\ud800"}',
  '{"formData": {"x": "\\u0000"}}',
  '{"__proto__": {"admin": true}}',
  '{"constructor": {"prototype": {"x": 1}}}',
  '{',
  'null',
  '"just a string"',
  '[]',
  '\u0000',
);

/** Multipart bodies that are broken in the ways a fuzzer or a bad client breaks them. */
export const malformedMultipart: fc.Arbitrary<{ contentType: string; payload: Buffer }> = fc
  .constantFrom(
    { contentType: 'multipart/form-data', body: '--x\r\n\r\n' },
    { contentType: 'multipart/form-data; boundary=x', body: '' },
    {
      contentType: 'multipart/form-data; boundary=x',
      body: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4',
    },
    {
      contentType: 'multipart/form-data; boundary=x',
      body: '--x\r\nContent-Disposition: form-data\r\n\r\nabc\r\n--x--\r\n',
    },
    {
      contentType: 'multipart/form-data; boundary=x',
      body: '--x\r\nContent-Disposition: form-data; name="other"\r\n\r\nabc\r\n--x--\r\n',
    },
    {
      contentType: 'multipart/form-data; boundary=x',
      body: '--y\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\nabc\r\n--y--\r\n',
    },
    {
      contentType: 'multipart/form-data; boundary=x',
      body: `--x\r\nContent-Disposition: form-data; name="file"; filename="a\u0000b\u202e.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\r\n--x--\r\n`,
    },
    {
      contentType: 'multipart/form-data; boundary=x',
      body: `--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--x\r\nContent-Disposition: form-data; name="file"; filename="b.pdf"\r\n\r\n%PDF-1.4\r\n--x--\r\n`,
    },
    { contentType: `multipart/form-data; boundary=${'b'.repeat(300)}`, body: 'x' },
    { contentType: 'multipart/mixed; boundary=x', body: '--x--' },
    { contentType: 'application/json', body: '{"file": "x"}' },
    { contentType: 'text/plain', body: 'x' },
  )
  .map(({ contentType, body }) => ({ contentType, payload: Buffer.from(body, 'latin1') }));
