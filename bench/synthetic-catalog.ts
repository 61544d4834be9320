import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A synthetic national catalog for benchmarks: real ministry and province names (../shared/data),
 * generated unit codes, and procedure names built from the vocabulary of real procedures.
 * Deterministic for a given size, so two runs measure the same data.
 */
type Level = 'ministry' | 'ministry_unit' | 'province' | 'province_unit' | 'commune';
type SyntheticAgency = {
  id: string;
  code: string;
  name: string;
  level: Level;
  parentId: string | null;
};
type SyntheticProcedure = {
  id: string;
  code: string;
  name: string;
  field: string;
  tier: 'central' | 'province' | 'commune';
};
type SyntheticService = {
  id: string;
  agencyId: string;
  procedureId: string;
  onlineLevel: 'full' | 'partial';
  processingDays: number;
  feeVnd: number;
};

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHARED = path.resolve(import.meta.dirname, '../../shared/data');
const csvColumn = (file: string, column: number) =>
  readFileSync(path.join(SHARED, file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[column] ?? '');

const FIELDS: Record<string, { objects: string[]; tier: SyntheticProcedure['tier'] }> = {
  'Hộ tịch': {
    objects: [
      'khai sinh',
      'kết hôn',
      'khai tử',
      'nhận cha, mẹ, con',
      'giám hộ',
      'thay đổi, cải chính hộ tịch',
    ],
    tier: 'commune',
  },
  'Chứng thực': {
    objects: ['bản sao từ bản chính', 'chữ ký', 'hợp đồng, giao dịch', 'việc sửa đổi hợp đồng'],
    tier: 'commune',
  },
  'Đất đai': {
    objects: [
      'giấy chứng nhận quyền sử dụng đất',
      'biến động đất đai',
      'chuyển mục đích sử dụng đất',
      'tách thửa, hợp thửa đất',
    ],
    tier: 'province',
  },
  'Xây dựng': {
    objects: [
      'giấy phép xây dựng nhà ở riêng lẻ',
      'giấy phép xây dựng công trình',
      'chứng chỉ hành nghề hoạt động xây dựng',
      'thẩm định thiết kế xây dựng',
    ],
    tier: 'province',
  },
  'Thành lập và hoạt động của hộ kinh doanh': {
    objects: [
      'thành lập hộ kinh doanh',
      'thay đổi nội dung đăng ký hộ kinh doanh',
      'tạm ngừng kinh doanh',
    ],
    tier: 'commune',
  },
  'Thành lập và hoạt động doanh nghiệp': {
    objects: [
      'thành lập doanh nghiệp tư nhân',
      'thành lập công ty trách nhiệm hữu hạn',
      'thay đổi người đại diện theo pháp luật',
      'giải thể doanh nghiệp',
    ],
    tier: 'province',
  },
  'Đường bộ': {
    objects: [
      'giấy phép lái xe',
      'giấy phép kinh doanh vận tải bằng xe ô tô',
      'phù hiệu xe ô tô kinh doanh vận tải',
      'giấy phép liên vận',
    ],
    tier: 'province',
  },
  'Bảo trợ xã hội': {
    objects: [
      'trợ cấp xã hội hàng tháng',
      'hỗ trợ chi phí mai táng',
      'tiếp nhận đối tượng bảo trợ xã hội',
    ],
    tier: 'commune',
  },
  'Khám bệnh, chữa bệnh': {
    objects: [
      'giấy phép hoạt động khám bệnh, chữa bệnh',
      'chứng chỉ hành nghề khám bệnh, chữa bệnh',
    ],
    tier: 'province',
  },
  'Dược phẩm': {
    objects: ['chứng chỉ hành nghề dược', 'giấy chứng nhận đủ điều kiện kinh doanh dược'],
    tier: 'province',
  },
  'Giáo dục và Đào tạo': {
    objects: [
      'bản sao văn bằng, chứng chỉ từ sổ gốc',
      'phép thành lập trường mầm non',
      'công nhận trường đạt chuẩn quốc gia',
    ],
    tier: 'province',
  },
  'Lý lịch tư pháp': {
    objects: [
      'Phiếu lý lịch tư pháp cho công dân Việt Nam',
      'Phiếu lý lịch tư pháp cho người nước ngoài',
    ],
    tier: 'province',
  },
  'Người có công': {
    objects: ['trợ cấp người có công với cách mạng', 'giấy chứng nhận thân nhân liệt sĩ'],
    tier: 'province',
  },
  'An toàn thực phẩm': {
    objects: ['giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm', 'bản công bố sản phẩm'],
    tier: 'province',
  },
  'Hải quan': {
    objects: [
      'tờ khai hải quan',
      'miễn thuế hàng hóa xuất khẩu, nhập khẩu',
      'doanh nghiệp ưu tiên',
    ],
    tier: 'central',
  },
  Thuế: {
    objects: ['mã số thuế', 'hoàn thuế giá trị gia tăng', 'miễn, giảm thuế'],
    tier: 'central',
  },
  'Sở hữu trí tuệ': {
    objects: [
      'văn bằng bảo hộ sáng chế',
      'văn bằng bảo hộ nhãn hiệu',
      'văn bằng bảo hộ kiểu dáng công nghiệp',
    ],
    tier: 'central',
  },
  'Viễn thông và Internet': {
    objects: ['giấy phép cung cấp dịch vụ viễn thông', 'giấy phép thiết lập mạng viễn thông'],
    tier: 'central',
  },
  'Xuất bản, in và phát hành': {
    objects: ['giấy phép xuất bản tài liệu không kinh doanh', 'giấy phép hoạt động in'],
    tier: 'province',
  },
  'Việc làm': {
    objects: ['trợ cấp thất nghiệp', 'giấy phép lao động cho người nước ngoài'],
    tier: 'province',
  },
};
const VERBS = [
  'Cấp',
  'Cấp lại',
  'Cấp đổi',
  'Điều chỉnh',
  'Gia hạn',
  'Đăng ký',
  'Xác nhận',
  'Thu hồi',
  'Công nhận',
  'Thẩm định',
];
const QUALIFIERS = [
  '',
  ' cho tổ chức',
  ' cho cá nhân',
  ' (trường hợp bị mất, hỏng)',
  ' có yếu tố nước ngoài',
  ' đối với trường hợp đặc biệt',
];

export function syntheticCatalog(serviceCount: number) {
  const next = random(20261123);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const two = (n: number) => String(n).padStart(2, '0');

  const agencies: SyntheticAgency[] = [];
  const ministries = [...new Set(csvColumn('ministries.csv', 1))];
  ministries.forEach((name, index) => {
    const level1 = `G${two(index + 1)}`;
    const ministry = {
      id: randomUUID(),
      code: `000.00.00.${level1}`,
      name,
      level: 'ministry' as const,
      parentId: null,
    };
    agencies.push(ministry);
    for (let unit = 1; unit <= 5; unit++) {
      agencies.push({
        id: randomUUID(),
        code: `000.00.${two(unit)}.${level1}`,
        name: `Cục ${unit} — ${name}`,
        level: 'ministry_unit',
        parentId: ministry.id,
      });
    }
  });
  const provinces = csvColumn('provinces-2025.csv', 0);
  provinces.forEach((name, index) => {
    const level1 = `H${two(index + 1)}`;
    const province = {
      id: randomUUID(),
      code: `000.00.00.${level1}`,
      name: `Ủy ban nhân dân ${name}`,
      level: 'province' as const,
      parentId: null,
    };
    agencies.push(province);
    for (let unit = 1; unit <= 15; unit++) {
      agencies.push({
        id: randomUUID(),
        code: `000.00.${two(unit)}.${level1}`,
        name: `Sở ${unit} — ${name}`,
        level: 'province_unit',
        parentId: province.id,
      });
    }
    for (let commune = 1; commune <= 98; commune++) {
      agencies.push({
        id: randomUUID(),
        code: `000.${two(commune)}.99.${level1}`,
        name: `Ủy ban nhân dân xã ${commune} — ${name}`,
        level: 'commune',
        parentId: province.id,
      });
    }
  });

  const procedures: SyntheticProcedure[] = [];
  const seen = new Set<string>();
  for (const [field, { objects, tier }] of Object.entries(FIELDS)) {
    for (const object of objects) {
      for (const verb of VERBS) {
        for (const qualifier of QUALIFIERS) {
          const name = `${verb} ${object}${qualifier}`;
          if (seen.has(name)) continue;
          seen.add(name);
          procedures.push({
            id: randomUUID(),
            code: `9.${String(procedures.length + 1).padStart(6, '0')}`,
            name,
            field,
            tier,
          });
        }
      }
    }
  }

  const byTier = (tier: SyntheticProcedure['tier']) => procedures.filter((p) => p.tier === tier);
  const offerers: Record<SyntheticProcedure['tier'], SyntheticAgency[]> = {
    central: agencies.filter((a) => a.level === 'ministry_unit'),
    province: agencies.filter((a) => a.level === 'province_unit'),
    commune: agencies.filter((a) => a.level === 'commune'),
  };
  const services: SyntheticService[] = [];
  const offered = new Set<string>();
  const tiers = ['commune', 'commune', 'province', 'province', 'central'] as const;
  while (services.length < serviceCount) {
    const tier = pick(tiers);
    const agency = pick(offerers[tier]);
    const procedure = pick(byTier(tier));
    const key = `${agency.id}/${procedure.id}`;
    if (offered.has(key)) continue;
    offered.add(key);
    services.push({
      id: randomUUID(),
      agencyId: agency.id,
      procedureId: procedure.id,
      // about a fifth of services full online, as in the 2020 figures
      onlineLevel: next() < 0.18 ? 'full' : 'partial',
      processingDays: pick([1, 3, 5, 7, 10, 15, 20, 30]),
      feeVnd: pick([0, 0, 0, 50_000, 100_000, 200_000, 500_000]),
    });
  }

  return {
    agencies,
    procedures,
    services,
    form: {
      type: 'object',
      required: ['hoTen'],
      properties: { hoTen: { type: 'string', title: 'Họ và tên', minLength: 2 } },
    },
    documents: [{ key: 'to-khai', name: 'Tờ khai', mandatory: true, accept: ['pdf'] }],
  };
}
