import { allowedEverywhere } from '../../../domain/access.ts';
import type { Kysely } from 'kysely';
import {
  createWorkingCalendar,
  type CalendarOverride,
  type WorkingCalendar,
} from '../../../domain/working-calendar.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import { calendarErrors } from './errors.ts';
import * as repository from './repository.ts';

/** How long a process trusts its copy of the overrides; another node's change shows within it. */
const CACHE_MS = 60_000;

export type CalendarService = ReturnType<typeof createCalendarService>;

export function createCalendarService(db: Kysely<Database>) {
  let cached: { calendar: WorkingCalendar; at: number } | undefined;

  const isoDate = (value: Date | string) =>
    typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);

  async function load(): Promise<WorkingCalendar> {
    const rows = await repository.listOverrides(db);
    return createWorkingCalendar(
      rows.map((r) => ({ date: isoDate(r.date), kind: r.kind, name: r.name })),
    );
  }

  function requireSystemAdmin(actor: Actor) {
    if (!allowedEverywhere(actor.roles, 'calendar.manage')) throw calendarErrors.systemAdminOnly();
  }

  return {
    /** The working calendar with the administrators' overrides. */
    async calendar(): Promise<WorkingCalendar> {
      if (!cached || Date.now() - cached.at > CACHE_MS)
        cached = { calendar: await load(), at: Date.now() };
      return cached.calendar;
    },

    /** A year as published: weekdays off and weekend days worked, with the overrides entered. */
    async year(year: number) {
      const [calendar, overrides] = await Promise.all([load(), repository.listOverrides(db, year)]);
      return {
        year,
        ...calendar.exceptions(year),
        overrides: overrides.map((o) => ({
          date: isoDate(o.date),
          kind: o.kind,
          name: o.name,
          legalBasis: o.legal_basis,
        })),
      };
    },

    async saveOverride(
      actor: Actor,
      override: CalendarOverride & { legalBasis?: string | undefined },
    ) {
      requireSystemAdmin(actor);
      const without = createWorkingCalendar(
        (await repository.listOverrides(db))
          .filter((o) => isoDate(o.date) !== override.date)
          .map((o) => ({ date: isoDate(o.date), kind: o.kind, name: o.name })),
      );
      if (without.isWorkingDay(override.date) === (override.kind === 'working_day'))
        throw calendarErrors.overrideNoEffect();
      await db.transaction().execute(async (tx) => {
        await repository.upsertOverride(tx, {
          ...override,
          legalBasis: override.legalBasis ?? null,
          createdBy: actor.accountId,
        });
        await appendAudit(tx, {
          actor,
          action: 'calendar.override_saved',
          subject: { type: 'calendar_day', id: override.date },
          details: { kind: override.kind, name: override.name, legalBasis: override.legalBasis },
        });
      });
      cached = undefined;
      return { done: true as const };
    },

    async deleteOverride(actor: Actor, date: string) {
      requireSystemAdmin(actor);
      await db.transaction().execute(async (tx) => {
        if (!(await repository.deleteOverride(tx, date))) throw calendarErrors.overrideNotFound();
        await appendAudit(tx, {
          actor,
          action: 'calendar.override_deleted',
          subject: { type: 'calendar_day', id: date },
        });
      });
      cached = undefined;
      return { done: true as const };
    },
  };
}
