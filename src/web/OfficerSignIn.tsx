import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, QRCode, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from './api.ts';
import { useI18n } from './i18n.tsx';

type Step = {
  status: 'signed_in' | 'change_password' | 'totp' | 'enroll_totp';
  attemptToken?: string;
  totpSecret?: string;
  totpUri?: string;
};

/** Username and password, then whatever the server asks next: a new password, a TOTP code. */
export function OfficerSignIn({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [step, setStep] = useState<Step>();
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  async function send(path: string, body: object) {
    setBusy(true);
    setFailure(undefined);
    try {
      const next = await api.post<Step>(path, body);
      if (next.status === 'signed_in') {
        await client.invalidateQueries();
        await onSignedIn();
      } else setStep(next);
    } catch (error) {
      if (error instanceof ApiError) setFailure(error);
      else throw error;
    } finally {
      setBusy(false);
    }
  }

  const problem = failure && (
    <Alert
      type="error"
      showIcon
      title={failure.problem.title}
      description={
        <>
          {failure.problem.detail && <div>{failure.problem.detail}</div>}
          {failure.problem.errors?.map((e) => (
            <div key={e.code}>{e.message}</div>
          ))}
        </>
      }
      style={{ marginBottom: 12 }}
    />
  );

  if (step?.status === 'change_password')
    return (
      <Form
        layout="vertical"
        onFinish={(values: { newPassword: string }) =>
          void send('/api/v1/auth/officer/change-password', {
            attemptToken: step.attemptToken,
            newPassword: values.newPassword,
          })
        }
      >
        <Typography.Paragraph>{t('signIn.changePassword')}</Typography.Paragraph>
        {problem}
        <Form.Item name="newPassword" label={t('signIn.newPassword')} rules={[{ required: true }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('signIn.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('signIn.passwordsDiffer'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('signIn.savePassword')}
        </Button>
      </Form>
    );

  if (step?.status === 'totp' || step?.status === 'enroll_totp')
    return (
      <Form
        layout="vertical"
        onFinish={(values: { code: string }) =>
          void send('/api/v1/auth/officer/totp', {
            attemptToken: step.attemptToken,
            code: values.code,
          })
        }
      >
        {step.status === 'enroll_totp' ? (
          <Space orientation="vertical" style={{ marginBottom: 12 }}>
            <Typography.Paragraph>{t('signIn.enrollTotp')}</Typography.Paragraph>
            <QRCode value={step.totpUri ?? ''} />
            <Typography.Text>
              {t('signIn.totpKey')}:{' '}
              <Typography.Text code copyable data-testid="totp-secret">
                {step.totpSecret}
              </Typography.Text>
            </Typography.Text>
          </Space>
        ) : (
          <Typography.Paragraph>{t('signIn.totp')}</Typography.Paragraph>
        )}
        {problem}
        <Form.Item
          name="code"
          label={t('signIn.totpCode')}
          rules={[{ required: true, pattern: /^\d{6}$/ }]}
        >
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('signIn.verify')}
        </Button>
      </Form>
    );

  return (
    <Form
      layout="vertical"
      onFinish={(values: { username: string; password: string }) =>
        void send('/api/v1/auth/officer/sign-in', values)
      }
    >
      {problem}
      <Form.Item name="username" label={t('signIn.username')} rules={[{ required: true }]}>
        <Input autoComplete="username" />
      </Form.Item>
      <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('signIn.submit')}
      </Button>
    </Form>
  );
}
