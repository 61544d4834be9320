import { Type } from 'typebox';

/*
 * Schema types shared by the API's modules. No Node types here: the web app derives its types from
 * the schemas that use these.
 */

/** A string enum whose TypeScript type is the literal union (TypeBox's Union loses it for mapped arrays). */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: { description?: string } = {},
) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/** An instant: the service hands a Date, the wire carries ISO 8601. */
export const Timestamp = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });
export const MaybeTimestamp = Type.Unsafe<Date | string | null>({
  type: ['string', 'null'],
  format: 'date-time',
});
