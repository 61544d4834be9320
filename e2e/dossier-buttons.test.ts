/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  allowedAt,
  DEFAULT_WORKFLOW,
  processingRolesAt,
  type Grant,
} from '../src/domain/access.ts';
import {
  availableActions,
  initialState,
  type DossierAction,
  type DossierState,
} from '../src/domain/dossier-lifecycle.ts';
import { vi } from '../src/web/locales/vi.ts';
import {
  OFFICERS,
  PERSONA_GRANTS,
  PERSONAS,
  WARD_H29,
  type Persona,
} from '../test/authorization/personas.ts';
import {
  signInDemo,
  submitBirthRegistrationOver,
  uploadBirthCertificate,
  type CitizenHeaders,
} from '../test/helpers/live-citizen.ts';
import { journeyHarness, signInAs } from './browser.ts';

// Eleven people sign in from this one address within a minute.
const journey = journeyHarness({ RATE_LIMIT_PER_MINUTE: '1200' });

/** Assignment is made on the leader's assignment screen, not from a button here. */
const NOT_A_BUTTON: readonly DossierAction[] = ['assign'];

/** A dossier the ward of Sài Gòn holds, before anyone acted on it. */
const SUBMITTED: DossierState = { ...initialState(WARD_H29), status: 'submitted' };

/** The buttons the access policy and the state machine offer the persona; null: may not see it. */
function expectedButtons(
  persona: Persona,
  accountId: string,
  state: DossierState,
): string[] | null {
  const grants: Grant[] = PERSONA_GRANTS[persona];
  if (!allowedAt(grants, 'dossier.read', state.holderAgencyId)) return null;
  const actor = {
    kind: 'officer' as const,
    id: accountId,
    roles: processingRolesAt(grants, state.holderAgencyId),
  };
  return availableActions(state, actor, DEFAULT_WORKFLOW, { feeRequestable: false })
    .filter((action) => !NOT_A_BUTTON.includes(action))
    .map((action) => vi[`action.${action}`])
    .sort();
}

/** The action buttons the officer's dossier page shows; null when it says there is no such dossier. */
async function buttonsShown(page: Page, dossierId: string): Promise<string[] | null> {
  await page.goto(`${journey.url()}/can-bo/ho-so/${dossierId}`);
  const actions = page.getByRole('group', { name: vi['action.available'] });
  const notFound = page.getByText('Không tìm thấy hồ sơ');
  // the group is drawn once the dossier has loaded (empty, it has no size: attached, not visible)
  await actions.or(notFound).first().waitFor({ state: 'attached' });
  if (await notFound.isVisible()) return null;
  return (await actions.getByRole('button').allTextContents()).sort();
}

const officers = new Map<Persona, { page: Page; accountId: string; headers: CitizenHeaders }>();
let dossierId = '';

async function act(persona: Persona, action: DossierAction) {
  const officer = officers.get(persona);
  if (!officer) throw new Error(`${persona} is not signed in`);
  const base = `${journey.url()}/api/v1/officer/dossiers/${dossierId}`;
  const { lockVersion } = (await (await fetch(base, { headers: officer.headers })).json()) as {
    lockVersion: number;
  };
  const response = await fetch(`${base}/actions`, {
    method: 'POST',
    headers: { ...officer.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ action, lockVersion }),
  });
  expect(response.status, `${persona} ${action}`).toBe(200);
}

beforeAll(async () => {
  const url = journey.url();
  const citizen = await signInDemo(url, 'Nguyễn Văn An');
  const services = (await (await fetch(`${url}/api/v1/catalog/services?q=khai%20sinh`)).json()) as {
    items: { id: string; agency: { code: string } }[];
  };
  const service = services.items.find((s) => s.agency.code === WARD_H29);
  const { fileId } = await uploadBirthCertificate(url, citizen.headers);
  const submitted = await submitBirthRegistrationOver(
    url,
    citizen.headers,
    service?.id ?? '',
    fileId ?? '',
  );
  expect(submitted.status).toBe(201);

  const accounts = (await (await fetch(`${url}/api/v1/auth/demo/accounts`)).json()) as {
    id: string;
    fullName: string;
  }[];
  for (const persona of OFFICERS) {
    const name: string = PERSONAS[persona];
    const page = await journey.newPage();
    await signInAs(page, url, name);
    // the browser's own session, for the steps the test takes over HTTP
    const session = (await page.context().cookies()).find((c) => c.name === 'dvc_session');
    const cookie = `dvc_session=${session?.value ?? ''}`;
    const me = (await (await fetch(`${url}/api/v1/auth/me`, { headers: { cookie } })).json()) as {
      account: { csrfToken: string };
    };
    officers.set(persona, {
      page,
      accountId: accounts.find((a) => a.fullName === name)?.id ?? '',
      headers: { cookie, 'x-csrf-token': me.account.csrfToken },
    });
  }
  const desk = officers.get('receptionH29');
  const inbox = (await (
    await fetch(`${url}/api/v1/officer/inbox?q=${submitted.code ?? ''}`, { headers: desk?.headers })
  ).json()) as { items: { id: string }[] };
  dossierId = inbox.items[0]?.id ?? '';
});

describe("each officer's buttons on a dossier are the access policy's answer", () => {
  async function compare(state: DossierState) {
    const differences: string[] = [];
    for (const [persona, { page, accountId }] of officers) {
      const expected = expectedButtons(persona, accountId, state);
      const shown = await buttonsShown(page, dossierId);
      if (JSON.stringify(shown) !== JSON.stringify(expected))
        differences.push(
          `${persona}: shown ${JSON.stringify(shown)}, policy ${JSON.stringify(expected)}`,
        );
    }
    expect(differences).toEqual([]);
  }

  it('submitted, awaiting the desk', async () => {
    await compare(SUBMITTED);
    // not a comparison of two empty lists: the desk may receive it, and the page offers it
    expect(await buttonsShown(officers.get('receptionH29')?.page as Page, dossierId)).toContain(
      vi['action.receive'],
    );
  });

  it('received, waiting for someone to take step 1', async () => {
    await act('receptionH29', 'receive');
    await compare({ ...SUBMITTED, status: 'received', stepIndex: 0 });
  });

  it("in processing, at the specialist's step, taken by the specialist", async () => {
    await act('specialistH29', 'claim');
    await compare({
      ...SUBMITTED,
      status: 'processing',
      stepIndex: 0,
      assigneeId: officers.get('specialistH29')?.accountId ?? '',
    });
  });
});
