import { Readable } from 'node:stream';
import { CSV_BYTE_ORDER_MARK, csvLine, type CsvCell } from '../../../domain/csv.ts';
import {
  DOSSIER_CHANNEL_LABELS,
  DOSSIER_STATUS_LABELS,
  type DossierChannel,
  type DossierStatus,
} from '../../../domain/dossier-lifecycle.ts';
import { formatDateTime } from '../../../domain/vietnam-time.ts';
import { ByteChunks, CHUNK_BYTES } from '../../platform/byte-chunks.ts';
import { xlsxStream } from '../../platform/xlsx-stream.ts';

/** A dossier as the register lists it. */
export type RegisterEntry = {
  code: string;
  procedureName: string;
  applicantName: string;
  channel: DossierChannel;
  agencyName: string;
  receptionAgencyName: string | null;
  returnAgencyName: string | null;
  status: DossierStatus;
  submittedAt: Date;
  receivedAt: Date | null;
  dueAt: Date | null;
  finishedAt: Date | null;
  returnedAt: Date | null;
  deadline: 'on_time' | 'due_soon' | 'overdue' | 'finished_on_time' | 'finished_late' | null;
};

const DEADLINE_VI: Record<NonNullable<RegisterEntry['deadline']>, string> = {
  on_time: 'Trong hạn',
  due_soon: 'Sắp đến hạn',
  overdue: 'Quá hạn',
  finished_on_time: 'Giải quyết đúng hạn',
  finished_late: 'Giải quyết trễ hạn',
};

const when = (instant: Date | null) => (instant ? formatDateTime(instant) : '');

/**
 * The register's columns (Sổ theo dõi hồ sơ, form 06 of Circular 01/2018/TT-VPCP, as far as this
 * system records it: the annex's own headings are not verified).
 */
const COLUMNS: { title: string; width: number; value: (entry: RegisterEntry) => CsvCell }[] = [
  { title: 'Mã hồ sơ', width: 28, value: (e) => e.code },
  { title: 'Tên thủ tục hành chính', width: 48, value: (e) => e.procedureName },
  { title: 'Tên cá nhân, tổ chức', width: 28, value: (e) => e.applicantName },
  { title: 'Hình thức nộp', width: 16, value: (e) => DOSSIER_CHANNEL_LABELS[e.channel].vi },
  { title: 'Cơ quan giải quyết', width: 36, value: (e) => e.agencyName },
  { title: 'Nơi tiếp nhận', width: 36, value: (e) => e.receptionAgencyName ?? e.agencyName },
  { title: 'Nơi trả kết quả', width: 36, value: (e) => e.returnAgencyName ?? e.agencyName },
  { title: 'Ngày nộp', width: 18, value: (e) => when(e.submittedAt) },
  { title: 'Ngày tiếp nhận', width: 18, value: (e) => when(e.receivedAt) },
  { title: 'Ngày hẹn trả kết quả', width: 18, value: (e) => when(e.dueAt) },
  { title: 'Ngày có kết quả', width: 18, value: (e) => when(e.finishedAt) },
  { title: 'Ngày trả kết quả', width: 18, value: (e) => when(e.returnedAt) },
  { title: 'Trạng thái', width: 24, value: (e) => DOSSIER_STATUS_LABELS[e.status].vi },
  { title: 'Tiến độ', width: 20, value: (e) => (e.deadline ? DEADLINE_VI[e.deadline] : '') },
];

const cells = (entry: RegisterEntry, index: number): CsvCell[] => [
  index + 1,
  ...COLUMNS.map((column) => column.value(entry)),
];
const HEADINGS = ['STT', ...COLUMNS.map((column) => column.title)];

/** The register as CSV, written as the entries come: the response never holds more than a batch. */
export function registerCsv(entries: AsyncIterable<RegisterEntry>): Readable {
  return Readable.from(
    (async function* chunks() {
      const bytes = new ByteChunks();
      bytes.add(CSV_BYTE_ORDER_MARK + csvLine(HEADINGS));
      let index = 0;
      for await (const entry of entries) {
        const full = bytes.add(csvLine(cells(entry, index++)));
        if (full) yield full;
      }
      yield bytes.take();
    })(),
    { objectMode: false, highWaterMark: CHUNK_BYTES },
  );
}

/** The register as an XLSX workbook, written as the entries come (platform/xlsx-stream.ts). */
export function registerXlsx(
  entries: AsyncIterable<RegisterEntry>,
  heading: { title: string; agency: string },
): Readable {
  return xlsxStream({
    sheetName: 'Sổ theo dõi hồ sơ',
    columnWidths: [6, ...COLUMNS.map((column) => column.width)],
    frozenRows: 4,
    rows: (async function* rows() {
      yield { cells: [heading.title], bold: true };
      yield { cells: [heading.agency] };
      yield { cells: [] };
      yield { cells: HEADINGS, bold: true };
      let index = 0;
      for await (const entry of entries) yield { cells: cells(entry, index++) };
    })(),
  });
}
