import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Locale } from '../domain/form-validation.ts';

const vi = {
  'nav.home': 'Trang chủ',
  'nav.services': 'Thủ tục hành chính',
  'nav.lookup': 'Tra cứu hồ sơ',
  'nav.myDossiers': 'Hồ sơ của tôi',
  'nav.officer': 'Một cửa điện tử',
  'nav.admin': 'Quản trị',
  'nav.signIn': 'Đăng nhập',
  'nav.signOut': 'Đăng xuất',
  'nav.language': 'English',
  'home.title': 'Dịch vụ công trực tuyến',
  'home.subtitle': 'Tra cứu thủ tục, nộp hồ sơ trực tuyến và theo dõi kết quả giải quyết',
  'home.search': 'Nhập tên thủ tục cần tìm, ví dụ: khai sinh',
  'home.empty': 'Không tìm thấy thủ tục phù hợp',
  'catalog.byAgency': 'Lọc theo cơ quan thực hiện',
  'catalog.byField': 'Lọc theo lĩnh vực',
  'catalog.found': 'Tìm thấy {n} dịch vụ',
  'service.agency': 'Cơ quan thực hiện',
  'service.field': 'Lĩnh vực',
  'service.code': 'Mã thủ tục',
  'service.days': 'Thời hạn giải quyết',
  'service.daysValue': '{n} ngày làm việc',
  'service.fee': 'Phí, lệ phí',
  'service.free': 'Không mất phí',
  'service.legalBasis': 'Căn cứ pháp lý',
  'service.carriedOutBy': 'Cấp thực hiện',
  'service.result': 'Kết quả thực hiện',
  'service.conditions': 'Điều kiện thực hiện',
  'service.level.full': 'Toàn trình',
  'service.level.partial': 'Một phần',
  'service.submitOnline': 'Nộp hồ sơ trực tuyến',
  'service.signInToSubmit': 'Đăng nhập để nộp hồ sơ',
  'service.officerCannotSubmit': 'Tài khoản cán bộ không nộp hồ sơ thay công dân trên cổng này.',
  'form.applicantInfo': 'Thông tin hồ sơ',
  'form.documents': 'Thành phần hồ sơ',
  'form.mandatory': 'Bắt buộc',
  'form.optional': 'Không bắt buộc',
  'form.chooseFile': 'Chọn tệp',
  'form.accept': 'Định dạng: {types}',
  'form.maxSize': 'tối đa {n} MB',
  'form.template': 'Tải mẫu: {name}',
  'form.submit': 'Nộp hồ sơ',
  'form.fixErrors': 'Hồ sơ chưa hợp lệ. Vui lòng kiểm tra các trường được đánh dấu.',
  'form.uploaded': 'Đã tải lên',
  'receipt.title': 'Nộp hồ sơ thành công',
  'receipt.code': 'Mã hồ sơ',
  'receipt.note':
    'Hãy ghi lại mã hồ sơ để tra cứu. Cơ quan sẽ kiểm tra và tiếp nhận hồ sơ; thời hạn giải quyết được tính từ ngày tiếp nhận hồ sơ đầy đủ.',
  'receipt.view': 'Xem hồ sơ',
  'dossier.code': 'Mã hồ sơ',
  'dossier.procedure': 'Thủ tục',
  'dossier.agency': 'Cơ quan',
  'dossier.status': 'Trạng thái',
  'dossier.submittedAt': 'Ngày nộp',
  'dossier.receivedAt': 'Ngày tiếp nhận',
  'dossier.dueAt': 'Ngày hẹn trả',
  'dossier.applicant': 'Người nộp',
  'dossier.channel': 'Hình thức nộp',
  'dossier.timeline': 'Quá trình xử lý',
  'dossier.files': 'Tệp đính kèm',
  'dossier.form': 'Nội dung tờ khai',
  'dossier.none': 'Chưa có hồ sơ nào',
  'dossier.byOfficer': 'Cán bộ',
  'dossier.byApplicant': 'Người nộp',
  'lookup.title': 'Tra cứu tình trạng hồ sơ',
  'lookup.placeholder': 'Nhập mã hồ sơ, ví dụ 000.00.31.H29-251123-0001',
  'lookup.button': 'Tra cứu',
  'officer.inbox': 'Hồ sơ của cơ quan',
  'officer.receive': 'Tiếp nhận hồ sơ',
  'officer.received': 'Đã tiếp nhận hồ sơ',
  'officer.notOfficer': 'Khu vực dành cho cán bộ. Vui lòng đăng nhập bằng tài khoản cán bộ.',
  'officer.filter.all': 'Tất cả',
  'admin.agencies': 'Danh mục cơ quan, đơn vị',
  'admin.code': 'Mã định danh (QCVN 102:2016)',
  'admin.name': 'Tên cơ quan',
  'admin.level': 'Cấp',
  'admin.validFrom': 'Hiệu lực từ',
  'signIn.title': 'Đăng nhập',
  'signIn.demoNote':
    'Bản trình diễn: chọn một tài khoản mẫu. Hệ thống thật đăng nhập qua Cổng Dịch vụ công quốc gia (VNeID).',
  'signIn.citizens': 'Công dân',
  'signIn.officers': 'Cán bộ',
  'signIn.as': 'Đăng nhập',
  'signIn.required': 'Vui lòng đăng nhập để tiếp tục.',
  'footer.runBy': 'Cơ quan chủ quản',
  'common.loading': 'Đang tải…',
  'common.back': 'Quay lại',
  'common.download': 'Tải về',
  'common.notFound': 'Không tìm thấy trang yêu cầu',
} as const;

type Key = keyof typeof vi;

const en: Record<Key, string> = {
  'nav.home': 'Home',
  'nav.services': 'Procedures',
  'nav.lookup': 'Track a dossier',
  'nav.myDossiers': 'My dossiers',
  'nav.officer': 'Back office',
  'nav.admin': 'Administration',
  'nav.signIn': 'Sign in',
  'nav.signOut': 'Sign out',
  'nav.language': 'Tiếng Việt',
  'home.title': 'Online public services',
  'home.subtitle': 'Find a procedure, apply online and follow your dossier',
  'home.search': 'Search procedures, e.g. birth registration',
  'home.empty': 'No matching procedure',
  'catalog.byAgency': 'Filter by agency',
  'catalog.byField': 'Filter by field',
  'catalog.found': '{n} services found',
  'service.agency': 'Agency',
  'service.field': 'Field',
  'service.code': 'Procedure code',
  'service.days': 'Processing time',
  'service.daysValue': '{n} working days',
  'service.fee': 'Fees',
  'service.free': 'Free of charge',
  'service.legalBasis': 'Legal basis',
  'service.carriedOutBy': 'Carried out by',
  'service.result': 'Result',
  'service.conditions': 'Conditions',
  'service.level.full': 'Full online',
  'service.level.partial': 'Partial online',
  'service.submitOnline': 'Apply online',
  'service.signInToSubmit': 'Sign in to apply',
  'service.officerCannotSubmit': 'Officer accounts cannot apply on behalf of citizens here.',
  'form.applicantInfo': 'Application form',
  'form.documents': 'Required documents',
  'form.mandatory': 'Required',
  'form.optional': 'Optional',
  'form.chooseFile': 'Choose file',
  'form.accept': 'Formats: {types}',
  'form.maxSize': 'at most {n} MB',
  'form.template': 'Download the template: {name}',
  'form.submit': 'Submit',
  'form.fixErrors': 'The application is not valid yet. Please check the marked fields.',
  'form.uploaded': 'Uploaded',
  'receipt.title': 'Application submitted',
  'receipt.code': 'Dossier code',
  'receipt.note':
    'Keep the dossier code to track it. The agency will check and receive the dossier; the processing time counts from the reception of a complete dossier.',
  'receipt.view': 'View dossier',
  'dossier.code': 'Dossier code',
  'dossier.procedure': 'Procedure',
  'dossier.agency': 'Agency',
  'dossier.status': 'Status',
  'dossier.submittedAt': 'Submitted',
  'dossier.receivedAt': 'Received',
  'dossier.dueAt': 'Due',
  'dossier.applicant': 'Applicant',
  'dossier.channel': 'Channel',
  'dossier.timeline': 'History',
  'dossier.files': 'Attachments',
  'dossier.form': 'Form content',
  'dossier.none': 'No dossiers yet',
  'dossier.byOfficer': 'Officer',
  'dossier.byApplicant': 'Applicant',
  'lookup.title': 'Track a dossier',
  'lookup.placeholder': 'Dossier code, e.g. 000.00.31.H29-251123-0001',
  'lookup.button': 'Track',
  'officer.inbox': "Agency's dossiers",
  'officer.receive': 'Receive dossier',
  'officer.received': 'Dossier received',
  'officer.notOfficer': 'This area is for officers. Please sign in with an officer account.',
  'officer.filter.all': 'All',
  'admin.agencies': 'Agency registry',
  'admin.code': 'Code (QCVN 102:2016)',
  'admin.name': 'Agency',
  'admin.level': 'Level',
  'admin.validFrom': 'Valid from',
  'signIn.title': 'Sign in',
  'signIn.demoNote':
    'Demo: choose a sample account. A real deployment signs in through the national identity provider.',
  'signIn.citizens': 'Citizens',
  'signIn.officers': 'Officers',
  'signIn.as': 'Sign in',
  'signIn.required': 'Please sign in to continue.',
  'footer.runBy': 'Operated by',
  'common.loading': 'Loading…',
  'common.back': 'Back',
  'common.download': 'Download',
  'common.notFound': 'Page not found',
};

const messages: Record<Locale, Record<Key, string>> = { vi, en };

type I18n = {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: Key, vars?: Record<string, string | number>) => string;
};

const I18nContext = createContext<I18n | undefined>(undefined);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() =>
    localStorage.getItem('locale') === 'en' ? 'en' : 'vi',
  );
  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale: (next) => {
        localStorage.setItem('locale', next);
        document.documentElement.lang = next;
        setLocaleState(next);
      },
      t: (key, vars) =>
        Object.entries(vars ?? {}).reduce(
          (text, [name, v]) => text.replaceAll(`{${name}}`, String(v)),
          messages[locale][key],
        ),
    }),
    [locale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
