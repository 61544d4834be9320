import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ApiError, api, type Me } from '../api.ts';
import { OFFICER_ROLES, rolesFor } from '../../domain/access.ts';
import { useI18n, type Translate } from '../i18n.tsx';
import { roleLabel } from '../ui/labels.ts';
import { QueryState } from '../ui/QueryState.tsx';

type Officer = {
  id: string;
  fullName: string;
  username: string | null;
  email: string | null;
  lockedUntil: string | null;
  totpEnabled: boolean;
  roles: { agencyId: string; agencyName: string; role: string; includeSubAgencies: boolean }[];
};

type Grant = { agencyId: string; role: string; includeSubAgencies: boolean };

const roleOptions = (t: Translate) =>
  OFFICER_ROLES.map((role) => ({ value: role, label: roleLabel(role, t) }));

/** Officers of the agencies I administer: create, reset a password, grant and take back roles. */
export function OfficersPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const officers = useQuery({
    queryKey: ['officers'],
    queryFn: () => api.get<Officer[]>('/api/v1/admin/officers'),
  });
  const [secret, setSecret] = useState<{ name: string; password: string }>();
  const [creating, setCreating] = useState(false);
  const [granting, setGranting] = useState<Officer>();
  const refresh = () => client.invalidateQueries({ queryKey: ['officers'] });
  const administered = me.roles
    .filter((r) => rolesFor('officer.manage').includes(r.role))
    .map((r) => ({ value: r.agencyId, label: r.agencyName }));

  const reset = useMutation({
    mutationFn: (officer: Officer) =>
      api.post<{ temporaryPassword: string }>(
        `/api/v1/admin/officers/${officer.id}/reset-password`,
        { resetTotp: false },
      ),
    onSuccess: (result, officer) => {
      setSecret({ name: officer.fullName, password: result.temporaryPassword });
      return refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: ({ officer, grant }: { officer: Officer; grant: Grant }) =>
      api.post(`/api/v1/admin/officers/${officer.id}/roles/revoke`, {
        agencyId: grant.agencyId,
        role: grant.role,
      }),
    onSuccess: refresh,
  });
  const failure = [reset.error, revoke.error].find((e) => e instanceof ApiError);

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {failure && <Alert type="error" showIcon title={failure.problem.title} />}
      <Button type="primary" onClick={() => setCreating(true)}>
        {t('officers.add')}
      </Button>
      <QueryState query={officers}>
        {(rows) => (
          <Table
            rowKey="id"
            size="small"
            dataSource={rows}
            pagination={{ pageSize: 20 }}
            scroll={{ x: true }}
            columns={[
              { title: t('officers.fullName'), dataIndex: 'fullName' },
              { title: t('officers.username'), dataIndex: 'username' },
              {
                title: t('officers.roles'),
                render: (_, officer) =>
                  officer.roles.map((grant) => (
                    <Tag
                      key={grant.agencyId + grant.role}
                      closable
                      onClose={(event) => {
                        event.preventDefault();
                        revoke.mutate({ officer, grant });
                      }}
                    >
                      {roleLabel(grant.role, t)} — {grant.agencyName}
                      {grant.includeSubAgencies ? ` ${t('officers.withSubAgencies')}` : ''}
                    </Tag>
                  )),
              },
              {
                title: t('officers.security'),
                render: (_, officer) => (
                  <Space wrap>
                    {officer.totpEnabled && <Tag color="green">{t('officers.totp')}</Tag>}
                    {officer.lockedUntil && <Tag color="red">{t('officers.locked')}</Tag>}
                  </Space>
                ),
              },
              {
                title: '',
                render: (_, officer) => (
                  <Space>
                    <Button size="small" onClick={() => setGranting(officer)}>
                      {t('officers.grant')}
                    </Button>
                    <Button size="small" onClick={() => reset.mutate(officer)}>
                      {t('officers.resetPassword')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      <NewOfficerModal
        open={creating}
        agencies={administered}
        onClose={() => setCreating(false)}
        onCreated={(name, password) => {
          setCreating(false);
          setSecret({ name, password });
          void refresh();
        }}
      />
      <GrantModal
        officer={granting}
        agencies={administered}
        onClose={() => setGranting(undefined)}
        onGranted={() => {
          setGranting(undefined);
          void refresh();
        }}
      />
      <Modal
        open={secret !== undefined}
        title={t('officers.temporaryPassword')}
        okText={t('officers.noted')}
        onOk={() => setSecret(undefined)}
        onCancel={() => setSecret(undefined)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Typography.Paragraph>
          {t('officers.temporaryPasswordHelp', { name: secret?.name ?? '' })}
        </Typography.Paragraph>
        <Typography.Text code copyable data-testid="temporary-password">
          {secret?.password}
        </Typography.Text>
      </Modal>
    </Space>
  );
}

function NewOfficerModal(props: {
  open: boolean;
  agencies: { value: string; label: string }[];
  onClose: () => void;
  onCreated: (name: string, password: string) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const create = useMutation({
    mutationFn: (values: object) =>
      api.post<{ temporaryPassword: string }>('/api/v1/admin/officers', {
        email: null,
        includeSubAgencies: false,
        ...values,
      }),
    onSuccess: (result, values) => {
      form.resetFields();
      props.onCreated((values as { fullName: string }).fullName, result.temporaryPassword);
    },
  });
  const problem = create.error instanceof ApiError ? create.error.problem : undefined;
  return (
    <Modal
      open={props.open}
      title={t('officers.add')}
      okText={t('officers.create')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
    >
      {problem && (
        <Alert
          type="error"
          showIcon
          title={problem.title}
          description={problem.errors?.map((e) => (
            <div key={e.field}>{e.message}</div>
          ))}
        />
      )}
      <Form form={form} layout="vertical" onFinish={(values: object) => create.mutate(values)}>
        <Form.Item
          name="fullName"
          label={t('officers.fullName')}
          rules={[{ required: true, min: 3 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="username"
          label={t('officers.username')}
          rules={[{ required: true, pattern: /^[A-Za-z][A-Za-z0-9._-]{2,49}$/ }]}
        >
          <Input placeholder="vd: tuan.nv" />
        </Form.Item>
        <Form.Item name="email" label={t('officers.email')} rules={[{ type: 'email' }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="citizenId"
          label={t('officers.citizenId')}
          rules={[{ pattern: /^\d{12}$/, message: t('officers.citizenIdFormat') }]}
        >
          <Input inputMode="numeric" maxLength={12} />
        </Form.Item>
        <Form.Item name="agencyId" label={t('officers.agency')} rules={[{ required: true }]}>
          <Select options={props.agencies} />
        </Form.Item>
        <Form.Item name="role" label={t('officers.role')} rules={[{ required: true }]}>
          <Select options={roleOptions(t)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function GrantModal(props: {
  officer: Officer | undefined;
  agencies: { value: string; label: string }[];
  onClose: () => void;
  onGranted: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const grant = useMutation({
    mutationFn: (values: Grant) =>
      api.post(`/api/v1/admin/officers/${props.officer?.id ?? ''}/roles`, values),
    onSuccess: () => {
      form.resetFields();
      props.onGranted();
    },
  });
  return (
    <Modal
      open={props.officer !== undefined}
      title={t('officers.grantTo', { name: props.officer?.fullName ?? '' })}
      okText={t('officers.grant')}
      confirmLoading={grant.isPending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
    >
      {grant.error instanceof ApiError && (
        <Alert type="error" showIcon title={grant.error.problem.title} />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ includeSubAgencies: false }}
        onFinish={(values: Grant) => grant.mutate(values)}
      >
        <Form.Item name="agencyId" label={t('officers.agency')} rules={[{ required: true }]}>
          <Select options={props.agencies} />
        </Form.Item>
        <Form.Item name="role" label={t('officers.role')} rules={[{ required: true }]}>
          <Select options={roleOptions(t)} />
        </Form.Item>
        <Form.Item
          name="includeSubAgencies"
          label={t('officers.includeSubAgencies')}
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
