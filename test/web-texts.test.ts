import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const WEB = path.resolve(import.meta.dirname, '../src/web');
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

/**
 * Example content a designer starts from (a new field's label, a fee's choices): it is the
 * service's own text, read by citizens, so it stays Vietnamese whatever the administrator's locale.
 */
const SERVICE_CONTENT = new Map([
  ['admin/DocumentsEditor.tsx', ['Thành phần hồ sơ ${']],
  ['admin/WorkflowEditor.tsx', ['Bước ${']],
  ['admin/FeeScheduleEditor.tsx', ['Thông thường', 'Cấp nhanh', 'bản sao', 'Lựa chọn ${', '"đ"']],
  ['admin/FormDesigner.tsx', ['Lựa chọn 1', 'Họ và tên']],
]);

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'locales') yield* sources(file);
    } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts')) yield file;
  }
}

describe("the web app's texts", () => {
  it('come from the locale files, so every page reads in Vietnamese and in English', () => {
    const strays: string[] = [];
    for (const file of sources(WEB)) {
      const name = path.relative(WEB, file);
      const allowed = SERVICE_CONTENT.get(name) ?? [];
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          const code = line.trim();
          const comment = /^(\/\/|\/\*|\*)/.test(code) || /\{\/\*.*\*\/\}$/.test(code);
          if (VIETNAMESE.test(code) && !comment && !allowed.some((text) => code.includes(text)))
            strays.push(`${name}:${String(index + 1)}: ${code}`);
        });
    }
    expect(strays).toEqual([]);
  });
});
