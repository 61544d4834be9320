/**
 * The process-control sheet (Phiếu kiểm soát quá trình giải quyết hồ sơ, form 05 of Circular
 * 01/2018/TT-VPCP): who handed the dossier to whom and when, and whether each holder finished
 * its part by its due time. Built from the dossier's events alone.
 */
export type SheetEvent = {
  action: string;
  occurredAt: Date;
  agencyName: string;
  actorName: string | null;
  note: string | null;
  details: Record<string, unknown>;
};

export type SheetRow = {
  /** Who handed over, and who took the dossier. */
  handedBy: string;
  takenBy: string;
  at: Date;
  /** How the part that ended here went against its due time. */
  result: 'on_time' | 'late' | null;
  note: string | null;
};

const text = (value: unknown, fallback = '') => (typeof value === 'string' ? value : fallback);

/** Events that pass the dossier from one holder to the next. */
const HANDOFFS: Record<string, (e: SheetEvent) => string> = {
  receive: (e) => `${text(e.details.step, 'Xử lý')} — ${e.agencyName}`,
  forward: (e) => `${text(e.details.step)} — ${e.agencyName}`,
  send_back: (e) => `${text(e.details.step)} — ${e.agencyName} (trả lại)`,
  transfer: (e) => `Bộ phận tiếp nhận — ${text(e.details.targetAgencyName)}`,
  accept_transfer: (e) => `${text(e.details.step)} — ${e.agencyName}`,
  approve: (e) => `Bộ phận trả kết quả — ${e.agencyName}`,
  refuse: (e) => `Bộ phận trả kết quả — ${e.agencyName}`,
  return_result: () => 'Tổ chức, cá nhân nhận kết quả',
};

export function controlSheetRows(events: readonly SheetEvent[]): SheetRow[] {
  const rows: SheetRow[] = [];
  let partDue: Date | null = null;
  for (const event of events) {
    const takenBy = HANDOFFS[event.action];
    if (!takenBy) continue;
    const handedBy =
      event.action === 'receive'
        ? `Bộ phận tiếp nhận — ${event.agencyName}`
        : `${event.actorName ?? 'Cán bộ'} — ${event.agencyName}`;
    rows.push({
      handedBy,
      takenBy: takenBy(event),
      at: event.occurredAt,
      result: partDue ? (event.occurredAt <= partDue ? 'on_time' : 'late') : null,
      note: ['send_back', 'transfer', 'refuse'].includes(event.action) ? event.note : null,
    });
    const nextDue = event.details.stepDueAt;
    partDue = typeof nextDue === 'string' ? new Date(nextDue) : null;
  }
  return rows;
}
