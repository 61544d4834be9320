import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../../domain/vietnam-time.ts';
import { ApiError, api, type Me } from '../api.ts';
import { QueryState } from '../ui/QueryState.tsx';

type AuditRecord = {
  seq: number;
  occurredAt: string;
  actorName: string;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  agencyName: string | null;
  ip: string | null;
  details: Record<string, unknown>;
};

const ACTIONS: Record<string, string> = {
  'identity.signed_in': 'Đăng nhập',
  'identity.sign_in_failed': 'Đăng nhập không thành công',
  'identity.account_locked': 'Tạm khóa tài khoản',
  'identity.signed_out': 'Đăng xuất',
  'identity.session_revoked': 'Kết thúc phiên đăng nhập',
  'identity.password_changed': 'Đổi mật khẩu',
  'identity.password_reset': 'Đặt lại mật khẩu',
  'identity.profile_updated': 'Sửa thông tin liên hệ',
  'identity.totp_enrolled': 'Đăng ký xác thực hai lớp',
  'identity.officer_created': 'Tạo tài khoản cán bộ',
  'identity.role_granted': 'Giao vai trò',
  'identity.role_revoked': 'Thu hồi vai trò',
  'dossier.transition': 'Chuyển trạng thái hồ sơ',
  'dossier.opened': 'Mở hồ sơ',
  'dossier.file_opened': 'Mở tệp đính kèm',
  'catalog.exported': 'Xuất danh mục',
  'catalog.imported': 'Nhập danh mục',
  'agency.settings_changed': 'Đổi cài đặt của cơ quan',
};

/** The audit log: who did what, when, from where; the system administrator checks the chain. */
export function AuditLogPage({ me }: { me: Me }) {
  const [page, setPage] = useState(1);
  const [action, setAction] = useState<string>();
  const records = useQuery({
    queryKey: ['audit', page, action],
    queryFn: () =>
      api.get<AuditRecord[]>(
        `/api/v1/admin/audit?page=${String(page)}${action ? `&action=${action}` : ''}`,
      ),
  });
  const verify = useMutation({
    mutationFn: () =>
      api.get<{ intact: boolean; records: number; brokenAt?: number }>(
        '/api/v1/admin/audit/verify',
      ),
  });
  const isSystemAdmin = me.roles.some((r) => r.role === 'system_admin');

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          allowClear
          placeholder="Lọc theo thao tác"
          style={{ minWidth: 260 }}
          options={Object.entries(ACTIONS).map(([value, label]) => ({ value, label }))}
          value={action}
          onChange={(value: string | undefined) => {
            setAction(value);
            setPage(1);
          }}
        />
        {isSystemAdmin && (
          <Button onClick={() => verify.mutate()} loading={verify.isPending}>
            Kiểm tra tính toàn vẹn của nhật ký
          </Button>
        )}
      </Space>
      {verify.data && (
        <Alert
          type={verify.data.intact ? 'success' : 'error'}
          showIcon
          title={
            verify.data.intact
              ? `Nhật ký toàn vẹn: ${String(verify.data.records)} bản ghi, chuỗi băm khớp`
              : `Nhật ký bị sửa hoặc xóa tại bản ghi #${String(verify.data.brokenAt)}`
          }
        />
      )}
      {verify.error instanceof ApiError && (
        <Alert type="error" showIcon title={verify.error.problem.title} />
      )}
      <QueryState query={records}>
        {(rows) => (
          <>
            <Table
              rowKey="seq"
              size="small"
              dataSource={rows}
              pagination={false}
              scroll={{ x: true }}
              columns={[
                { title: '#', dataIndex: 'seq' },
                {
                  title: 'Thời điểm',
                  render: (_, r) => formatDateTime(r.occurredAt),
                },
                { title: 'Người thực hiện', dataIndex: 'actorName' },
                { title: 'Thao tác', render: (_, r) => ACTIONS[r.action] ?? r.action },
                { title: 'Cơ quan', dataIndex: 'agencyName' },
                {
                  title: 'Chi tiết',
                  render: (_, r) => (
                    <Typography.Text type="secondary">
                      {Object.entries(r.details)
                        .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
                        .join(' · ')}
                    </Typography.Text>
                  ),
                },
                { title: 'Địa chỉ IP', dataIndex: 'ip' },
              ]}
            />
            <Space>
              <Button disabled={page === 1} onClick={() => setPage(page - 1)}>
                Trang trước
              </Button>
              <span>Trang {page}</span>
              <Button disabled={rows.length < 50} onClick={() => setPage(page + 1)}>
                Trang sau
              </Button>
            </Space>
          </>
        )}
      </QueryState>
    </Space>
  );
}
