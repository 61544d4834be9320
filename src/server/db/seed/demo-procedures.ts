import type { ResultTemplate } from '../../../domain/result-template.ts';
import type { AgencyTier, RequiredDocument } from '../schema.ts';

/**
 * Demo procedures with their online forms. National codes are those of the national database of
 * administrative procedures as far as we could confirm them; see docs/glossary.md.
 */
export type DemoProcedure = {
  nationalCode: string;
  name: string;
  field: string;
  legalBasis: string;
  carriedOutBy: AgencyTier[];
  conditions: string;
  resultType: string;
  /**
   * Which demo agencies offer it: commune people's committees or provincial police (a province's
   * system), or a ministry (a ministry's system, `DEMO_SYSTEM=ministry`).
   */
  offeredBy: 'commune' | 'provincial_police' | 'ministry';
  processingDays: number;
  feeVnd: number;
  formSchema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  requiredDocuments: RequiredDocument[];
  /** The result is issued online from this template, signed (the service is then full online). */
  resultTemplate?: ResultTemplate;
};

const applicant = {
  hoTenNguoiYeuCau: {
    type: 'string',
    title: 'Họ, chữ đệm và tên người yêu cầu',
    minLength: 2,
    maxLength: 100,
  },
  soCccdNguoiYeuCau: { type: 'string', title: 'Số định danh cá nhân (CCCD)', format: 'cccd' },
  soDienThoai: { type: 'string', title: 'Số điện thoại di động', format: 'vn-phone' },
  email: { type: 'string', title: 'Thư điện tử', format: 'email' },
};
const applicantRequired = ['hoTenNguoiYeuCau', 'soCccdNguoiYeuCau', 'soDienThoai'];
const sex = { type: 'string', title: 'Giới tính', enum: ['Nam', 'Nữ'] };
const scan = ['pdf', 'jpg', 'png'];

export const DEMO_PROCEDURES: DemoProcedure[] = [
  {
    nationalCode: '1.001193',
    name: 'Đăng ký khai sinh',
    field: 'Hộ tịch',
    legalBasis: 'Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP; Thông tư 04/2020/TT-BTP',
    carriedOutBy: ['commune'],
    conditions:
      'Trẻ em sinh ra phải được đăng ký khai sinh trong thời hạn 60 ngày kể từ ngày sinh.',
    resultType: 'Giấy khai sinh (bản chính và bản điện tử)',
    offeredBy: 'commune',
    processingDays: 1,
    feeVnd: 0,
    formSchema: {
      type: 'object',
      required: [
        ...applicantRequired,
        'quanHe',
        'hoTenTre',
        'ngaySinh',
        'gioiTinh',
        'noiSinh',
        'hoTenMe',
      ],
      properties: {
        ...applicant,
        quanHe: {
          type: 'string',
          title: 'Quan hệ với người được khai sinh',
          enum: ['Cha', 'Mẹ', 'Ông', 'Bà', 'Người thân thích khác'],
        },
        hoTenTre: {
          type: 'string',
          title: 'Họ, chữ đệm và tên người được khai sinh',
          minLength: 2,
          maxLength: 100,
        },
        ngaySinh: { type: 'string', title: 'Ngày, tháng, năm sinh', format: 'date' },
        gioiTinh: sex,
        noiSinh: {
          type: 'string',
          title: 'Nơi sinh (tên cơ sở y tế hoặc địa chỉ)',
          minLength: 2,
          maxLength: 300,
        },
        hoTenMe: {
          type: 'string',
          title: 'Họ, chữ đệm và tên người mẹ',
          minLength: 2,
          maxLength: 100,
        },
        hoTenCha: { type: 'string', title: 'Họ, chữ đệm và tên người cha', maxLength: 100 },
      },
    },
    uiSchema: {
      // ui:description, not ui:help: the antd theme shows help in place of the field's error.
      soCccdNguoiYeuCau: { 'ui:description': 'Gồm 12 chữ số in trên thẻ Căn cước/CCCD' },
      noiSinh: { 'ui:widget': 'textarea' },
    },
    requiredDocuments: [
      {
        key: 'giay-chung-sinh',
        name: 'Giấy chứng sinh (bản chụp hoặc bản điện tử)',
        mandatory: true,
        accept: scan,
      },
      {
        key: 'giay-to-uy-quyen',
        name: 'Văn bản ủy quyền (nếu người đi đăng ký được ủy quyền)',
        mandatory: false,
        accept: scan,
      },
    ],
  },
  {
    nationalCode: '1.000656',
    name: 'Đăng ký khai tử',
    field: 'Hộ tịch',
    legalBasis: 'Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP',
    carriedOutBy: ['commune'],
    conditions:
      'Người thân thích đi đăng ký khai tử trong thời hạn 15 ngày kể từ ngày có người chết.',
    resultType: 'Trích lục khai tử',
    offeredBy: 'commune',
    processingDays: 1,
    feeVnd: 0,
    formSchema: {
      type: 'object',
      required: [...applicantRequired, 'hoTenNguoiChet', 'ngayChet', 'noiChet'],
      properties: {
        ...applicant,
        hoTenNguoiChet: {
          type: 'string',
          title: 'Họ, chữ đệm và tên người đã chết',
          minLength: 2,
          maxLength: 100,
        },
        soCccdNguoiChet: {
          type: 'string',
          title: 'Số định danh cá nhân của người đã chết',
          format: 'cccd',
        },
        ngayChet: { type: 'string', title: 'Ngày chết', format: 'date' },
        noiChet: { type: 'string', title: 'Nơi chết', minLength: 2, maxLength: 300 },
      },
    },
    uiSchema: {},
    requiredDocuments: [
      {
        key: 'giay-bao-tu',
        name: 'Giấy báo tử hoặc giấy tờ thay thế giấy báo tử',
        mandatory: true,
        accept: scan,
      },
    ],
  },
  {
    nationalCode: '1.000894',
    name: 'Đăng ký kết hôn',
    field: 'Hộ tịch',
    legalBasis: 'Luật Hôn nhân và gia đình 2014; Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP',
    carriedOutBy: ['commune'],
    conditions:
      'Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi; tự nguyện; không thuộc các trường hợp cấm kết hôn.',
    resultType: 'Giấy chứng nhận kết hôn',
    offeredBy: 'commune',
    processingDays: 5,
    feeVnd: 0,
    formSchema: {
      type: 'object',
      required: [...applicantRequired, 'hoTenBenNam', 'cccdBenNam', 'hoTenBenNu', 'cccdBenNu'],
      properties: {
        ...applicant,
        hoTenBenNam: {
          type: 'string',
          title: 'Họ, chữ đệm và tên bên nam',
          minLength: 2,
          maxLength: 100,
        },
        cccdBenNam: { type: 'string', title: 'Số định danh cá nhân bên nam', format: 'cccd' },
        hoTenBenNu: {
          type: 'string',
          title: 'Họ, chữ đệm và tên bên nữ',
          minLength: 2,
          maxLength: 100,
        },
        cccdBenNu: { type: 'string', title: 'Số định danh cá nhân bên nữ', format: 'cccd' },
      },
    },
    uiSchema: {},
    requiredDocuments: [
      {
        key: 'xac-nhan-tinh-trang-hon-nhan',
        name: 'Giấy xác nhận tình trạng hôn nhân (nếu đăng ký tại nơi không cư trú)',
        mandatory: false,
        accept: scan,
      },
    ],
  },
  {
    nationalCode: '2.000720',
    name: 'Đăng ký thành lập hộ kinh doanh',
    field: 'Thành lập và hoạt động của hộ kinh doanh',
    legalBasis: 'Nghị định 168/2025/NĐ-CP về đăng ký doanh nghiệp',
    carriedOutBy: ['commune'],
    conditions:
      'Chủ hộ là cá nhân có năng lực hành vi dân sự đầy đủ; ngành nghề không bị cấm kinh doanh.',
    resultType: 'Giấy chứng nhận đăng ký hộ kinh doanh',
    offeredBy: 'commune',
    processingDays: 3,
    feeVnd: 100_000,
    formSchema: {
      type: 'object',
      required: [
        ...applicantRequired,
        'tenHoKinhDoanh',
        'diaChiTruSo',
        'nganhNghe',
        'vonKinhDoanh',
      ],
      properties: {
        ...applicant,
        tenHoKinhDoanh: {
          type: 'string',
          title: 'Tên hộ kinh doanh',
          minLength: 3,
          maxLength: 200,
        },
        diaChiTruSo: {
          type: 'string',
          title: 'Địa chỉ trụ sở hộ kinh doanh',
          minLength: 5,
          maxLength: 300,
        },
        nganhNghe: {
          type: 'string',
          title: 'Ngành, nghề kinh doanh',
          minLength: 3,
          maxLength: 500,
        },
        vonKinhDoanh: { type: 'integer', title: 'Vốn kinh doanh (đồng)', minimum: 0 },
        soLaoDong: { type: 'integer', title: 'Số lượng lao động', minimum: 0, maximum: 10000 },
      },
    },
    uiSchema: { nganhNghe: { 'ui:widget': 'textarea' } },
    resultTemplate: {
      title: 'Giấy chứng nhận đăng ký hộ kinh doanh',
      body: [
        'Căn cứ Nghị định số 168/2025/NĐ-CP của Chính phủ về đăng ký doanh nghiệp;',
        'Xét hồ sơ số {{dossierCode}} của ông/bà {{hoTenNguoiYeuCau}}, số định danh cá nhân {{soCccdNguoiYeuCau}},',
        '',
        'CHỨNG NHẬN ĐĂNG KÝ HỘ KINH DOANH',
        '1. Tên hộ kinh doanh: {{tenHoKinhDoanh}}',
        '2. Địa chỉ trụ sở: {{diaChiTruSo}}',
        '3. Ngành, nghề kinh doanh: {{nganhNghe}}',
        '4. Vốn kinh doanh: {{vonKinhDoanh}} đồng',
        '5. Số lượng lao động: {{soLaoDong}}',
        '6. Chủ hộ kinh doanh: {{hoTenNguoiYeuCau}}, số định danh cá nhân {{soCccdNguoiYeuCau}}',
        '',
        'Hộ kinh doanh được hoạt động kể từ ngày {{issuedDate}}.',
      ].join('\n'),
    },
    requiredDocuments: [
      {
        key: 'giay-de-nghi',
        name: 'Giấy đề nghị đăng ký hộ kinh doanh',
        mandatory: true,
        accept: scan,
      },
      {
        key: 'bien-ban-hop',
        name: 'Biên bản họp thành viên hộ gia đình (nếu các thành viên cùng thành lập)',
        mandatory: false,
        accept: scan,
      },
    ],
  },
  {
    nationalCode: '2.000488',
    name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
    field: 'Lý lịch tư pháp',
    legalBasis: 'Luật Lý lịch tư pháp 2009 (sửa đổi 2025); Thông tư 244/2016/TT-BTC',
    carriedOutBy: ['province'],
    conditions: '',
    resultType: 'Phiếu lý lịch tư pháp số 1 hoặc số 2',
    offeredBy: 'provincial_police',
    processingDays: 10,
    feeVnd: 200_000,
    formSchema: {
      type: 'object',
      required: [
        ...applicantRequired,
        'ngaySinh',
        'gioiTinh',
        'noiCuTru',
        'loaiPhieu',
        'mucDich',
        'soLuongPhieu',
      ],
      properties: {
        ...applicant,
        ngaySinh: { type: 'string', title: 'Ngày, tháng, năm sinh', format: 'date' },
        gioiTinh: sex,
        noiCuTru: { type: 'string', title: 'Nơi cư trú hiện tại', minLength: 5, maxLength: 300 },
        loaiPhieu: {
          type: 'string',
          title: 'Loại phiếu yêu cầu cấp',
          enum: ['Phiếu số 1', 'Phiếu số 2'],
        },
        mucDich: { type: 'string', title: 'Mục đích sử dụng phiếu', minLength: 3, maxLength: 300 },
        soLuongPhieu: {
          type: 'integer',
          title: 'Số lượng phiếu',
          minimum: 1,
          maximum: 10,
          default: 1,
        },
      },
    },
    uiSchema: { noiCuTru: { 'ui:widget': 'textarea' } },
    requiredDocuments: [
      {
        key: 'giay-to-tuy-than',
        name: 'Bản chụp thẻ Căn cước/CCCD hoặc hộ chiếu',
        mandatory: true,
        accept: scan,
      },
    ],
  },
  {
    // A ministry's own procedure, for the demonstration of a ministry's system beside a province's
    // at the national portal. The name and rules are the real procedure's; the code is the demo's.
    nationalCode: '9.910001',
    name: 'Cấp chứng chỉ hành nghề hoạt động xây dựng hạng I',
    field: 'Hoạt động xây dựng',
    legalBasis:
      'Luật Xây dựng 2014 (sửa đổi, bổ sung); Nghị định 175/2024/NĐ-CP; Thông tư 38/2022/TT-BTC',
    carriedOutBy: ['central'],
    conditions:
      'Có trình độ đại học thuộc chuyên ngành phù hợp và ít nhất 7 năm kinh nghiệm trong lĩnh vực đề nghị cấp chứng chỉ.',
    resultType: 'Chứng chỉ hành nghề hoạt động xây dựng hạng I',
    offeredBy: 'ministry',
    processingDays: 20,
    feeVnd: 300_000,
    formSchema: {
      type: 'object',
      required: [...applicantRequired, 'linhVuc', 'trinhDo', 'soNamKinhNghiem'],
      properties: {
        ...applicant,
        linhVuc: {
          type: 'string',
          title: 'Lĩnh vực đề nghị cấp chứng chỉ',
          enum: ['Khảo sát xây dựng', 'Thiết kế xây dựng', 'Giám sát thi công xây dựng'],
        },
        trinhDo: {
          type: 'string',
          title: 'Trình độ chuyên môn (chuyên ngành đào tạo)',
          minLength: 3,
          maxLength: 200,
        },
        soNamKinhNghiem: {
          type: 'integer',
          title: 'Số năm kinh nghiệm trong lĩnh vực',
          minimum: 7,
          maximum: 60,
        },
      },
    },
    uiSchema: {},
    requiredDocuments: [
      {
        key: 'don-de-nghi',
        name: 'Đơn đề nghị cấp chứng chỉ hành nghề',
        mandatory: true,
        accept: scan,
      },
      {
        key: 'van-bang',
        name: 'Bản chụp văn bằng đào tạo',
        mandatory: false,
        accept: scan,
      },
    ],
  },
];
