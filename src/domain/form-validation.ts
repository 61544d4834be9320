import { Ajv, type ErrorObject, type SchemaValidateFunction, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { isAgencyCode } from './agency-code.ts';
import { isCitizenId } from './citizen-id.ts';
import { isVietnamMobile } from './phone.ts';
import { isTaxCode } from './tax-code.ts';

/** The custom string formats a procedure form may use, validated the same way in browser and server. */
export const FORM_FORMATS = {
  cccd: isCitizenId,
  mst: isTaxCode,
  'vn-phone': isVietnamMobile,
  qcvn102: isAgencyCode,
} satisfies Record<string, (value: string) => boolean>;

export type Locale = 'vi' | 'en';

export type FieldError = { field: string; code: string; message: string };

/** Registers the Vietnamese formats on an Ajv instance (also used as a Fastify Ajv plugin). */
export function addFormFormats(ajv: Ajv): Ajv {
  for (const [name, validate] of Object.entries(FORM_FORMATS))
    ajv.addFormat(name, { type: 'string', validate });
  return ajv;
}

/** Whether a commune (xã/phường/đặc khu) belongs to a province, from the administrative units in force. */
export type CommuneLookup = (provinceName: string, communeName: string) => boolean;

/**
 * Ajv for procedure forms. With a commune lookup, an address object marked `x-vn-address` must
 * name a commune of its province — JSON Schema alone cannot say that.
 */
export function createFormAjv(options: { isCommuneOf?: CommuneLookup } = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false });
  addFormats.default(ajv, ['date', 'email', 'uri']);
  const { isCommuneOf } = options;
  if (isCommuneOf) {
    const checkAddress: SchemaValidateFunction = (
      _schema,
      address: Record<string, unknown>,
      _parent,
      context,
    ) => {
      const province = address.tinhThanhPho;
      const commune = address.xaPhuong;
      // missing parts are reported by `required`; only a complete pair is checked here
      if (
        typeof province !== 'string' ||
        typeof commune !== 'string' ||
        isCommuneOf(province, commune)
      )
        return true;
      checkAddress.errors = [
        {
          keyword: 'x-vn-address',
          instancePath: `${context?.instancePath ?? ''}/xaPhuong`,
          params: {},
        },
      ];
      return false;
    };
    ajv.addKeyword({
      keyword: 'x-vn-address',
      type: 'object',
      errors: true,
      validate: checkAddress,
    });
  }
  return addFormFormats(ajv);
}

const FORMAT_MESSAGES: Record<string, { vi: string; en: string }> = {
  cccd: {
    vi: 'Số CCCD không hợp lệ (12 chữ số, đúng mã tỉnh và năm sinh)',
    en: 'Invalid citizen ID (12 digits)',
  },
  mst: { vi: 'Mã số thuế không hợp lệ', en: 'Invalid tax code' },
  'vn-phone': { vi: 'Số điện thoại di động không hợp lệ', en: 'Invalid mobile phone number' },
  qcvn102: { vi: 'Mã cơ quan không đúng định dạng QCVN 102:2016', en: 'Invalid agency code' },
  email: { vi: 'Địa chỉ thư điện tử không hợp lệ', en: 'Invalid email address' },
  date: { vi: 'Ngày không hợp lệ', en: 'Invalid date' },
  uri: { vi: 'Địa chỉ không hợp lệ', en: 'Invalid address' },
};

function messageFor(error: ErrorObject, locale: Locale): string {
  return formErrorMessage(error.keyword, error.params as Record<string, unknown>, locale);
}

/** The message for one failed JSON-Schema keyword; the browser form uses it too, so both sides say the same. */
export function formErrorMessage(
  keyword: string,
  params: Record<string, unknown>,
  locale: Locale,
): string {
  const pick = (vi: string, en: string) => (locale === 'vi' ? vi : en);
  switch (keyword) {
    case 'required':
      return pick('Vui lòng nhập thông tin bắt buộc này', 'This field is required');
    case 'x-vn-address':
      return pick(
        'Xã/phường không thuộc tỉnh/thành phố đã chọn',
        'This commune is not in the chosen province',
      );
    case 'format': {
      const known = FORMAT_MESSAGES[String(params.format)];
      return known ? known[locale] : pick('Giá trị không đúng định dạng', 'Invalid format');
    }
    case 'minLength':
      return pick(
        `Cần ít nhất ${String(params.limit)} ký tự`,
        `At least ${String(params.limit)} characters`,
      );
    case 'maxLength':
      return pick(
        `Không quá ${String(params.limit)} ký tự`,
        `At most ${String(params.limit)} characters`,
      );
    case 'minimum':
      return pick(
        `Giá trị phải từ ${String(params.limit)} trở lên`,
        `Must be at least ${String(params.limit)}`,
      );
    case 'maximum':
      return pick(
        `Giá trị không được vượt quá ${String(params.limit)}`,
        `Must be at most ${String(params.limit)}`,
      );
    case 'pattern':
      return pick('Giá trị không đúng mẫu quy định', 'Does not match the required pattern');
    case 'enum':
      return pick('Vui lòng chọn một giá trị trong danh sách', 'Choose a value from the list');
    case 'type':
      return pick('Kiểu dữ liệu không đúng', 'Wrong type of value');
    case 'additionalProperties':
      return pick(
        `Trường "${String(params.additionalProperty)}" không có trong biểu mẫu`,
        'Unknown field',
      );
    case 'minItems':
      return pick(
        `Cần ít nhất ${String(params.limit)} mục`,
        `At least ${String(params.limit)} items`,
      );
    default:
      return pick('Giá trị không hợp lệ', 'Invalid value');
  }
}

/** JSON pointer of the field an Ajv error is about (`required` errors point at the missing child). */
export function errorField(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required')
    return `${error.instancePath}/${String(params.missingProperty)}`;
  if (error.keyword === 'additionalProperties')
    return `${error.instancePath}/${String(params.additionalProperty)}`;
  return error.instancePath || '/';
}

export function toFieldErrors(
  errors: readonly ErrorObject[] | null | undefined,
  locale: Locale = 'vi',
): FieldError[] {
  // An `if` error only says "the then-branch failed"; that failure is reported on its own field.
  return (errors ?? [])
    .filter((error) => error.keyword !== 'if')
    .map((error) => ({
      field: errorField(error),
      code:
        error.keyword === 'format'
          ? `format:${String((error.params as { format?: string }).format)}`
          : error.keyword,
      message: messageFor(error, locale),
    }));
}

export type FormCheck = (data: unknown) => FieldError[];

/**
 * The form schema with every object closed to the fields it declares (`additionalProperties:
 * false` where the schema says nothing), so a submission cannot store keys the form never asked
 * for. Conditions (`if`/`then` under `allOf`) stay open: they describe part of the object.
 */
export function closedSchema<T>(schema: T): T {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const node = schema as Record<string, unknown>;
  const closed: Record<string, unknown> = { ...node };
  if (node.properties && typeof node.properties === 'object') {
    closed.properties = Object.fromEntries(
      Object.entries(node.properties).map(([key, value]) => [key, closedSchema(value)]),
    );
    if (!('additionalProperties' in node) && !('patternProperties' in node))
      closed.additionalProperties = false;
  }
  if (node.items) closed.items = closedSchema(node.items);
  return closed as T;
}

/** Compiles a procedure's form schema once; the returned check lists every field error in Vietnamese. */
export function compileFormCheck(ajv: Ajv, schema: object): FormCheck {
  const validate: ValidateFunction = ajv.compile(closedSchema(schema));
  return (data) => (validate(data) ? [] : toFieldErrors(validate.errors));
}
