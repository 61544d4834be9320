import Form, { Templates } from '@rjsf/antd';
import type CoreForm from '@rjsf/core';
import type { ErrorSchema, FieldTemplateProps, WidgetProps } from '@rjsf/utils';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import validator from '@rjsf/validator-ajv8';
import type { Ref } from 'react';
import { isShown, type FieldDesign } from '../../domain/form-design.ts';
import { api } from '../api.ts';
import { VietnameseBaseInputTemplate, VietnameseDateWidget } from './vietnamese-inputs.tsx';

type Data = Record<string, unknown>;
type ShowWhen = FieldDesign['showWhen'];

const AntFieldTemplate = Templates.FieldTemplate;

/** The antd field, unless its `ui:showWhen` condition is false for the answers so far. */
function ConditionalFieldTemplate(props: FieldTemplateProps) {
  const showWhen = props.uiSchema?.['ui:showWhen'] as ShowWhen;
  const data = (props.registry.formContext as { formData?: Data } | undefined)?.formData ?? {};
  if (!isShown({ showWhen }, data) || !AntFieldTemplate) return null;
  return <AntFieldTemplate {...props} />;
}

/**
 * The commune of an address field, chosen among the communes of the province picked just above it
 * (id `root_<address>_xaPhuong`).
 */
function CommuneWidget({ id, value, onChange, disabled, readonly, registry }: WidgetProps) {
  const addressKey = id.replace(/^root_/, '').replace(/_xaPhuong$/, '');
  const data = (registry.formContext as { formData?: Data } | undefined)?.formData ?? {};
  const province = (data[addressKey] as { tinhThanhPho?: string } | undefined)?.tinhThanhPho;
  const communes = useQuery({
    queryKey: ['communes', province],
    queryFn: () =>
      api.get<{ code: string; name: string }[]>(
        `/api/v1/catalog/communes?province=${encodeURIComponent(province ?? '')}`,
      ),
    enabled: Boolean(province),
    staleTime: Infinity,
  });
  return (
    <Select
      id={id}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      disabled={disabled || readonly || !province}
      placeholder={province ? 'Chọn xã/phường/đặc khu' : 'Chọn tỉnh/thành phố trước'}
      loading={communes.isFetching}
      value={typeof value === 'string' && value ? value : undefined}
      onChange={(next?: string) => onChange(next ?? undefined)}
      options={(communes.data ?? []).map((c) => ({ value: c.name, label: c.name }))}
    />
  );
}

/** The answers without those of hidden fields, which the citizen cannot see and did not mean to send. */
export function visibleAnswers(data: Data, uiSchema: Record<string, unknown>): Data {
  return Object.fromEntries(
    Object.entries(data).filter(([key]) =>
      isShown(
        { showWhen: (uiSchema[key] as { 'ui:showWhen'?: ShowWhen } | undefined)?.['ui:showWhen'] },
        data,
      ),
    ),
  );
}

/** A procedure's form as the citizen sees it; the designer's preview draws the same. */
export function ProcedureForm({
  formRef,
  formSchema,
  uiSchema: designedUi,
  formData,
  onChange,
  onSubmit,
  extraErrors,
}: {
  formSchema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  formData: Data;
  onChange: (data: Data) => void;
  onSubmit?: (data: Data) => void;
  extraErrors?: ErrorSchema;
  formRef?: Ref<CoreForm>;
}) {
  const { 'ui:design': _design, ...uiSchema } = designedUi;
  return (
    <Form
      ref={formRef}
      schema={formSchema}
      uiSchema={uiSchema}
      formData={formData}
      formContext={{ formData }}
      // a yes/no question is a oneOf of two constants: it must start unanswered, not at the first one
      experimental_defaultFormStateBehavior={{ constAsDefaults: 'never' }}
      templates={{
        FieldTemplate: ConditionalFieldTemplate,
        BaseInputTemplate: VietnameseBaseInputTemplate,
      }}
      widgets={{ communeSelect: CommuneWidget, DateWidget: VietnameseDateWidget }}
      // The server validates (docs/decisions/0002): the strict CSP forbids the eval Ajv needs in the browser.
      validator={validator}
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- server-side validation until precompiled validators (decision 0002)
      noValidate
      extraErrors={extraErrors}
      showErrorList={false}
      noHtml5Validate
      onChange={(event) => onChange(event.formData as Data)}
      onSubmit={(event) => onSubmit?.(visibleAnswers(event.formData as Data, designedUi))}
    >
      <></>
    </Form>
  );
}
