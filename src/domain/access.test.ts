import { describe, expect, it } from 'vitest';
import {
  ACCESS_POLICY,
  agenciesAllowed,
  allowedAt,
  allowedEverywhere,
  allowedSomewhere,
  processingRolesAt,
  type AccessAction,
} from './access.ts';

const WARD = 'ward';
const PROVINCE = 'province';

describe('the access policy', () => {
  it('allows an action where its role is held, and nowhere else', () => {
    const leader = [{ agencyId: WARD, role: 'leader' }];
    expect(allowedAt(leader, 'payment.refund', WARD)).toBe(true);
    expect(allowedAt(leader, 'payment.refund', PROVINCE)).toBe(false);
    expect(allowedAt(leader, 'catalog.manage', WARD)).toBe(false);
    expect(agenciesAllowed(leader, 'report.submit')).toEqual([WARD]);
  });

  it('gives the national roles every agency only for the actions marked national', () => {
    const supervisor = [{ agencyId: 'national-office', role: 'national_supervisor' }];
    const national = (Object.keys(ACCESS_POLICY) as AccessAction[]).filter(
      (action) => 'national' in ACCESS_POLICY[action],
    );
    expect(national.sort()).toEqual(
      [
        'audit.read',
        'evaluation.manage',
        'feedback.read',
        'payment.reconcile',
        'report.read',
        'report.submit',
        'stats.drill',
      ].sort(),
    );
    for (const action of national) expect(allowedAt(supervisor, action, WARD)).toBe(true);
    expect(allowedAt(supervisor, 'payment.refund', WARD)).toBe(false);
    expect(allowedAt(supervisor, 'dossier.act', WARD)).toBe(false);
    expect(allowedEverywhere(supervisor, 'audit.verify')).toBe(false);
  });

  it('keeps the system-wide actions to the system administrator', () => {
    const admin = [{ agencyId: 'office', role: 'system_admin' }];
    const agencyAdmin = [{ agencyId: WARD, role: 'agency_admin' }];
    for (const action of [
      'audit.verify',
      'calendar.manage',
      'officer.grant_national',
      'agency.reorganise',
    ] as const) {
      expect(allowedEverywhere(admin, action)).toBe(true);
      expect(allowedSomewhere(agencyAdmin, action)).toBe(false);
    }
  });

  it("gives the lifecycle only the processing roles held at the dossier's agency", () => {
    const grants = [
      { agencyId: WARD, role: 'reception' },
      { agencyId: WARD, role: 'agency_admin' },
      { agencyId: PROVINCE, role: 'leader' },
    ];
    expect(processingRolesAt(grants, WARD)).toEqual(['reception']);
    expect(processingRolesAt(grants, PROVINCE)).toEqual(['leader']);
  });
});
