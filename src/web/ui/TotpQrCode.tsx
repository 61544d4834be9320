import { QRCode } from 'antd';

/** The authenticator app's enrolment link as a QR code (loaded on demand: few ever see it). */
export default function TotpQrCode({ value }: { value: string }) {
  return <QRCode value={value} />;
}
