import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, api, type Problem } from '../api.ts';

type Summary = {
  dryRun: boolean;
  procedures: { created: number; updated: number };
  services: { created: number; updated: number };
};

/** Bulk exchange of the catalog as spreadsheets: export, and import all rows or none. */
export function CatalogExchange() {
  const [dryRun, setDryRun] = useState(true);
  const [summary, setSummary] = useState<Summary>();
  const [problem, setProblem] = useState<Problem>();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph>
        Tệp gồm hai trang: <b>Thủ tục</b> (Mã thủ tục, Tên thủ tục, Lĩnh vực, Căn cứ pháp lý) và{' '}
        <b>Dịch vụ</b> (Mã cơ quan, Mã thủ tục, Mức độ). Nếu có dòng sai, không dòng nào được nhập.
      </Typography.Paragraph>
      <Space wrap>
        <a href="/api/v1/admin/catalog/export?format=xlsx">
          <Button>Xuất Excel (.xlsx)</Button>
        </a>
        <a href="/api/v1/admin/catalog/export?format=json">
          <Button>Xuất JSON</Button>
        </a>
      </Space>
      <Space wrap>
        <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)}>
          Chỉ kiểm tra, chưa nhập
        </Checkbox>
        <Upload
          accept=".xlsx,.json"
          showUploadList={false}
          customRequest={({ file }) => {
            const form = new FormData();
            form.append('file', file as Blob, (file as File).name);
            setSummary(undefined);
            setProblem(undefined);
            api
              .upload<Summary>(`/api/v1/admin/catalog/import?dryRun=${String(dryRun)}`, form)
              .then(setSummary)
              .catch((error: unknown) =>
                setProblem(error instanceof ApiError ? error.problem : undefined),
              );
          }}
        >
          <Button icon={<UploadOutlined />}>Chọn tệp để nhập</Button>
        </Upload>
      </Space>
      {summary && (
        <Alert
          type="success"
          showIcon
          title={summary.dryRun ? 'Tệp hợp lệ (chưa nhập)' : 'Đã nhập xong'}
          description={`Thủ tục: ${summary.procedures.created} mới, ${summary.procedures.updated} cập nhật. Dịch vụ: ${summary.services.created} mới, ${summary.services.updated} cập nhật.`}
        />
      )}
      {problem && (
        <Alert
          type="error"
          showIcon
          title={problem.title}
          description={
            <ul>
              {(problem.errors ?? []).map((e) => (
                <li key={e.field + e.message}>
                  <b>{e.field}</b>: {e.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
    </Space>
  );
}
