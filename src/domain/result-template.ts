/**
 * A procedure version's result template: the title of the document the agency issues and its
 * body, where `{{name}}` stands for a value of the dossier (a form field, the applicant's name,
 * the dossier code). The agency's header, the national motto, the QR code and the signature block
 * are laid out around it by the result generator.
 */
export type ResultTemplate = { title: string; body: string };

const PLACEHOLDER = /\{\{\s*([\p{L}\p{N}_.-]+)\s*\}\}/gu;

/** What a placeholder without a value prints: a gap a reader sees, never a silent empty string. */
export const MISSING_VALUE = '…';

/** The placeholders a template uses, in order of first use. */
export function templatePlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
}

export function fillTemplate(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    return value === undefined || value.trim() === '' ? MISSING_VALUE : value;
  });
}
