import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FieldError } from '../../domain/form-validation.ts';
import { commonErrors } from './errors.ts';

/** Deepest nesting of objects and arrays any request may carry (a form's tables nest three deep). */
export const MAX_INPUT_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What no schema catches well, refused with 400 naming the field before any service sees it:
 * NUL characters and lone surrogates (PostgreSQL cannot store either), numbers that are not finite
 * or beyond 2^53 (JSON's 1e309, a query's "Infinity"), nesting deeper than MAX_INPUT_DEPTH, and
 * prototype keys.
 */
export function findInputProblem(value: unknown, pointer = '', depth = 0): FieldError | undefined {
  if (typeof value === 'string') {
    if (value.includes('\u0000'))
      return problem(pointer, 'NUL_CHARACTER', 'Không được chứa ký tự NUL (\\u0000)');
    if (!value.isWellFormed())
      return problem(pointer, 'INVALID_UNICODE', 'Chứa ký tự Unicode không hợp lệ');
    return undefined;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER)
      return problem(pointer, 'NUMBER_OUT_OF_RANGE', 'Số không hợp lệ hoặc vượt quá giới hạn');
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth >= MAX_INPUT_DEPTH)
    return problem(pointer, 'TOO_DEEP', `Dữ liệu lồng nhau quá ${MAX_INPUT_DEPTH} cấp`);
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findInputProblem(item, `${pointer}/${index}`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const at = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    if (FORBIDDEN_KEYS.has(key))
      return problem(at, 'FORBIDDEN_KEY', `Tên trường "${key}" không được phép`);
    const keyProblem = findInputProblem(key, at, depth + 1);
    if (keyProblem) return keyProblem;
    const found = findInputProblem((value as Record<string, unknown>)[key], at, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function problem(field: string, code: string, message: string): FieldError {
  return { field: field || '/', code, message };
}

const LOCATIONS = [
  ['params', 'đường dẫn'],
  ['query', 'tham số truy vấn'],
  ['body', 'nội dung yêu cầu'],
] as const;

function check(request: FastifyRequest) {
  for (const [location, name] of LOCATIONS) {
    const found = findInputProblem(request[location]);
    if (found)
      return commonErrors.validation(
        `Giá trị không hợp lệ trong ${name}, trường ${found.field}: ${found.message}`,
        [found],
      );
  }
  return undefined;
}

/**
 * Checks every request's input once, after schema validation: the values the handler will see,
 * numbers coerced from the address ("Infinity") included. Nothing before it touches the database.
 */
export function registerInputGuard(app: FastifyInstance) {
  app.addHook('preHandler', (request, _reply, done) => done(check(request)));
}
