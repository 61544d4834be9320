/**
 * What an agency administrator designs (a list of fields) and what it becomes: the JSON Schema the
 * server validates with and the UI schema the citizen's form is drawn from. The design itself is
 * kept in the UI schema (`ui:design`) so a published version can be reopened as a new draft.
 */
export const FIELD_KINDS = [
  'text',
  'textarea',
  'number',
  'money',
  'date',
  'choice',
  'multichoice',
  'yesno',
  'email',
  'phone',
  'cccd',
  'mst',
  'address',
  'group',
  'heading',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export const FIELD_KIND_LABELS: Record<FieldKind, string> = {
  text: 'Văn bản ngắn',
  textarea: 'Văn bản dài',
  number: 'Số',
  money: 'Số tiền (VNĐ)',
  date: 'Ngày',
  choice: 'Chọn một',
  multichoice: 'Chọn nhiều',
  yesno: 'Có/Không',
  email: 'Thư điện tử',
  phone: 'Số điện thoại di động',
  cccd: 'Số CCCD',
  mst: 'Mã số thuế',
  address: 'Địa chỉ (tỉnh/thành phố, xã/phường)',
  group: 'Bảng lặp (nhiều dòng)',
  heading: 'Tiêu đề mục',
};

export type FieldDesign = {
  key: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  help?: string;
  min?: number;
  max?: number;
  pattern?: string;
  options?: string[];
  /** Shown (and required, when required) only while another field has this value. */
  showWhen?: { field: string; equals: string | boolean };
  /** The columns of a repeatable group. */
  fields?: FieldDesign[];
};

export type FormDesign = {
  fields: FieldDesign[];
  /** Long forms: each section heading starts a step the citizen fills and saves in turn. */
  steps?: boolean;
};

export type FormStep = {
  /** The section heading that starts the step; none for the fields before the first heading. */
  title: string | undefined;
  fields: FieldDesign[];
};

/**
 * The steps a citizen fills the form in: one per section heading when the design asks for steps,
 * else the whole form as one.
 */
export function formSteps(design: FormDesign): FormStep[] {
  if (!design.steps) return [{ title: undefined, fields: design.fields }];
  const steps: FormStep[] = [];
  for (const field of design.fields) {
    if (field.kind === 'heading') steps.push({ title: field.label, fields: [] });
    else if (steps.length === 0) steps.push({ title: undefined, fields: [field] });
    else steps[steps.length - 1]?.fields.push(field);
  }
  return steps.filter((step) => step.fields.length > 0);
}

type JsonSchema = Record<string, unknown>;

/** Field keys: what the data is stored under; ASCII, stable across versions. */
export const FIELD_KEY = /^[a-z][a-zA-Z0-9]{0,49}$/;

/** A key from a Vietnamese label: "Họ và tên người nộp" → "hoVaTenNguoiNop". */
export function keyFromLabel(label: string): string {
  const words = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^a-zA-Z0-9 ]/g, ' ')
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean);
  const key = words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  const safe = /^[a-z]/.test(key) ? key : `truong${key}`;
  return safe.slice(0, 50);
}

function fieldSchema(field: FieldDesign, provinces: readonly string[]): JsonSchema {
  const base: JsonSchema = { title: field.label };
  switch (field.kind) {
    case 'text':
    case 'textarea':
      return {
        ...base,
        type: 'string',
        ...(field.min !== undefined ? { minLength: field.min } : {}),
        ...(field.max !== undefined ? { maxLength: field.max } : {}),
        ...(field.pattern ? { pattern: field.pattern } : {}),
      };
    case 'number':
    case 'money':
      return {
        ...base,
        type: field.kind === 'money' ? 'integer' : 'number',
        ...(field.min !== undefined
          ? { minimum: field.min }
          : field.kind === 'money'
            ? { minimum: 0 }
            : {}),
        ...(field.max !== undefined ? { maximum: field.max } : {}),
      };
    case 'date':
      return { ...base, type: 'string', format: 'date' };
    case 'choice':
      return { ...base, type: 'string', enum: field.options ?? [] };
    case 'multichoice':
      return {
        ...base,
        type: 'array',
        uniqueItems: true,
        items: { type: 'string', enum: field.options ?? [] },
      };
    case 'yesno':
      return {
        ...base,
        type: 'boolean',
        oneOf: [
          { const: true, title: 'Có' },
          { const: false, title: 'Không' },
        ],
      };
    case 'email':
      return { ...base, type: 'string', format: 'email' };
    case 'phone':
      return { ...base, type: 'string', format: 'vn-phone' };
    case 'cccd':
      return { ...base, type: 'string', format: 'cccd' };
    case 'mst':
      return { ...base, type: 'string', format: 'mst' };
    case 'address':
      return {
        ...base,
        type: 'object',
        // the server checks that the commune belongs to the province (form-validation.ts)
        'x-vn-address': true,
        required: ['tinhThanhPho', 'xaPhuong', 'diaChiChiTiet'],
        properties: {
          tinhThanhPho: { type: 'string', title: 'Tỉnh/Thành phố', enum: [...provinces] },
          xaPhuong: { type: 'string', title: 'Xã/Phường/Đặc khu', minLength: 2, maxLength: 100 },
          diaChiChiTiet: {
            type: 'string',
            title: 'Số nhà, đường, thôn/tổ',
            minLength: 2,
            maxLength: 200,
          },
        },
      };
    case 'group': {
      const columns = objectSchema(field.fields ?? [], provinces);
      return {
        ...base,
        type: 'array',
        items: { type: 'object', properties: columns.properties, required: columns.required },
        ...(field.min !== undefined ? { minItems: field.min } : {}),
        ...(field.max !== undefined ? { maxItems: field.max } : {}),
      };
    }
    case 'heading':
      return { ...base, type: 'null' };
  }
}

function objectSchema(fields: FieldDesign[], provinces: readonly string[]) {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const conditions: JsonSchema[] = [];
  for (const field of fields) {
    properties[field.key] = fieldSchema(field, provinces);
    if (!field.required || field.kind === 'heading') continue;
    if (field.showWhen) {
      // required only while visible
      conditions.push({
        if: {
          properties: { [field.showWhen.field]: { const: field.showWhen.equals } },
          required: [field.showWhen.field],
        },
        then: { required: [field.key] },
      });
    } else {
      required.push(field.key);
    }
  }
  return { properties, required, conditions };
}

function fieldUi(field: FieldDesign): JsonSchema {
  const ui: JsonSchema = {};
  if (field.help) ui['ui:description'] = field.help;
  if (field.kind === 'textarea') ui['ui:widget'] = 'textarea';
  if (field.kind === 'multichoice') ui['ui:widget'] = 'checkboxes';
  if (field.kind === 'yesno') ui['ui:widget'] = 'radio';
  if (field.showWhen) ui['ui:showWhen'] = field.showWhen;
  if (field.kind === 'address') ui.xaPhuong = { 'ui:widget': 'communeSelect' };
  if (field.kind === 'group' && field.fields)
    ui.items = Object.fromEntries(field.fields.map((f) => [f.key, fieldUi(f)]));
  return ui;
}

/** The design as the server's JSON Schema and the citizen form's UI schema. */
export function compileFormDesign(design: FormDesign, provinces: readonly string[]) {
  const { properties, required, conditions } = objectSchema(design.fields, provinces);
  const formSchema: JsonSchema = {
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    ...(conditions.length > 0 ? { allOf: conditions } : {}),
  };
  const uiSchema: JsonSchema = {
    'ui:order': [...design.fields.map((f) => f.key), '*'],
    'ui:design': design,
    ...Object.fromEntries(design.fields.map((f) => [f.key, fieldUi(f)])),
  };
  return { formSchema, uiSchema };
}

export type DesignProblem = { field: string; message: string };

/** What must be right before a design can become a form: keys, labels, options, conditions. */
export function checkFormDesign(design: FormDesign): DesignProblem[] {
  const problems: DesignProblem[] = [];
  const check = (fields: FieldDesign[], path: string) => {
    const keys = new Set<string>();
    fields.forEach((field, index) => {
      const at = `${path}/${index}`;
      if (!FIELD_KEY.test(field.key))
        problems.push({
          field: `${at}/key`,
          message: 'Mã trường chỉ gồm chữ không dấu và số, bắt đầu bằng chữ thường',
        });
      if (keys.has(field.key))
        problems.push({ field: `${at}/key`, message: `Mã trường "${field.key}" bị trùng` });
      keys.add(field.key);
      if (field.label.trim() === '')
        problems.push({ field: `${at}/label`, message: 'Vui lòng nhập tên trường' });
      if (
        (field.kind === 'choice' || field.kind === 'multichoice') &&
        (field.options ?? []).filter((o) => o.trim()).length < 2
      ) {
        problems.push({ field: `${at}/options`, message: 'Cần ít nhất hai lựa chọn' });
      }
      if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
        problems.push({
          field: `${at}/max`,
          message: 'Giá trị lớn nhất phải không nhỏ hơn giá trị nhỏ nhất',
        });
      }
      if (field.pattern) {
        try {
          new RegExp(field.pattern, 'u');
        } catch {
          problems.push({
            field: `${at}/pattern`,
            message: 'Mẫu kiểm tra (biểu thức chính quy) không hợp lệ',
          });
        }
      }
      if (field.showWhen) {
        const earlier = fields.slice(0, index).find((f) => f.key === field.showWhen?.field);
        if (!earlier)
          problems.push({
            field: `${at}/showWhen`,
            message: 'Điều kiện hiển thị phải dựa vào một trường đứng trước',
          });
      }
      if (field.kind === 'group') {
        if ((field.fields ?? []).length === 0)
          problems.push({ field: `${at}/fields`, message: 'Bảng lặp cần ít nhất một cột' });
        check(field.fields ?? [], `${at}/fields`);
      }
    });
  };
  if (design.fields.filter((f) => f.kind !== 'heading').length === 0)
    problems.push({ field: '/fields', message: 'Biểu mẫu cần ít nhất một trường' });
  check(design.fields, '/fields');
  return problems;
}

/** Whether a field with a visibility condition is shown for the current answers. */
export function isShown(
  field: { showWhen?: FieldDesign['showWhen'] },
  data: Record<string, unknown>,
): boolean {
  return !field.showWhen || data[field.showWhen.field] === field.showWhen.equals;
}

/**
 * A design read back from a form: the stored design when the form was made in the designer,
 * else the best reading of a plain JSON Schema (fields in order, kinds from type, format, enum).
 */
export function designFromForm(formSchema: JsonSchema, uiSchema: JsonSchema): FormDesign {
  const stored = uiSchema['ui:design'] as FormDesign | undefined;
  if (stored && Array.isArray(stored.fields)) return stored;
  const properties = (formSchema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((formSchema.required ?? []) as string[]);
  const order = ((uiSchema['ui:order'] ?? []) as string[]).filter((key) => key in properties);
  const keys = [...order, ...Object.keys(properties).filter((key) => !order.includes(key))];
  return {
    fields: keys.map((key) => {
      const schema = properties[key] ?? {};
      const ui = (uiSchema[key] ?? {}) as JsonSchema;
      const field: FieldDesign = {
        key,
        label: typeof schema.title === 'string' ? schema.title : key,
        kind: kindOf(schema, ui),
      };
      if (required.has(key)) field.required = true;
      const help = ui['ui:description'] ?? ui['ui:help'];
      if (typeof help === 'string') field.help = help;
      if (Array.isArray(schema.enum)) field.options = schema.enum.map(String);
      const min = schema.minLength ?? schema.minimum;
      const max = schema.maxLength ?? schema.maximum;
      if (typeof min === 'number') field.min = min;
      if (typeof max === 'number') field.max = max;
      return field;
    }),
  };
}

function kindOf(schema: JsonSchema, ui: JsonSchema): FieldKind {
  const formats: Record<string, FieldKind> = {
    date: 'date',
    email: 'email',
    'vn-phone': 'phone',
    cccd: 'cccd',
    mst: 'mst',
  };
  if (typeof schema.format === 'string' && formats[schema.format])
    return formats[schema.format] ?? 'text';
  if (Array.isArray(schema.enum)) return 'choice';
  if (schema.type === 'integer' || schema.type === 'number') return 'number';
  if (schema.type === 'boolean') return 'yesno';
  if (schema.type === 'null') return 'heading';
  if (ui['ui:widget'] === 'textarea') return 'textarea';
  return 'text';
}
