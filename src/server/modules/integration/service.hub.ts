import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import type { Kysely, Transaction } from 'kysely';
import type { Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { FEEDBACK_PROGRESS } from '../../../domain/feedback.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { AppError } from '../../platform/errors.ts';
import { integrationErrors, requireFederationAdmin } from './errors.ts';
import { SNAPSHOT } from './service.sender.ts';
import * as repository from './repository.ts';
import * as submissions from './repository.submissions.ts';
import {
  DossierProgressBody,
  FeedbackProgressBody,
  PaymentBody,
  ResultSignedBody,
  PublishedServiceBody as PublishedServiceSchema,
  SignedMessage,
} from './schemas.ts';
import { mirrorMemberService, SERVICE_PUBLISHED } from '../catalog/index.ts';
import { registerRelyingParty, type RelyingParty } from '../identity/index.ts';

const envelope = Compile(SignedMessage);
const dossierProgress = Compile(DossierProgressBody);
const publishedService = Compile(PublishedServiceSchema);
const resultSigned = Compile(ResultSignedBody);
const payment = Compile(PaymentBody);
const feedbackProgress = Compile(FeedbackProgressBody);

type Message = Static<typeof SignedMessage>;

/**
 * The national portal's side of federation (decision 0017): the member registry, and the messages
 * members send, verified against their registered keys and applied once, in their order.
 */
export function createHub(
  db: Kysely<Database>,
  options: {
    /** The client id of the portal's own sign-in with its embedded provider, when it runs one. */
    identityProvider?: { ownClientId: string } | undefined;
    /**
     * Applies a member's change to an item of feedback the portal sent it, if the item went to
     * one of `agencyCodes` (the sender's).
     */
    applyFeedbackProgress?: (
      tx: Transaction<Database>,
      body: Static<typeof FeedbackProgressBody>,
      agencyCodes: readonly string[],
    ) => Promise<void>;
  } = {},
) {
  /** A refused message leaves nothing but this record: which key, which rule, from where. */
  async function refuse(error: AppError, kid: string, ip: string) {
    await appendAudit(db, {
      actor: { anonymous: `federation key ${kid.slice(0, 120)}`, ip },
      action: 'federation.refused',
      details: { code: error.code },
    });
    return error;
  }

  /** The member holding the key, and the key ready to verify with; null for a key not registered. */
  async function signerOf(kid: string) {
    const member = await repository.memberByKey(db, kid);
    const jwk = member?.jwks.keys.find((key) => key.kid === kid);
    if (!member || !jwk) return null;
    return { member, key: await importJWK(jwk as JWK, 'RS256') };
  }

  /** The message a JWS carries, if the key signed it; what it says is checked by the caller. */
  async function signedPayload(jws: string, key: Awaited<ReturnType<typeof importJWK>>) {
    let payload: Uint8Array;
    try {
      ({ payload } = await compactVerify(jws, key, { algorithms: ['RS256'] }));
    } catch {
      return null;
    }
    try {
      return JSON.parse(new TextDecoder().decode(payload)) as unknown;
    } catch {
      throw integrationErrors.malformed();
    }
  }

  /** A key identifies one member: refused when another member (not `sameName`) holds it. */
  async function keysFree(
    tx: Transaction<Database>,
    jwks: { keys: Record<string, unknown>[] },
    sameName: string | null,
  ) {
    for (const key of jwks.keys) {
      const holder = await repository.memberByKey(tx, String(key.kid));
      if (holder && holder.name !== sameName) throw integrationErrors.keyTaken();
    }
  }

  return {
    async registerMember(actor: Actor, input: repository.MemberInput) {
      requireFederationAdmin(actor);
      return db.transaction().execute(async (tx) => {
        await keysFree(tx, input.jwks, null);
        const row = await repository.insertMember(tx, input);
        await appendAudit(tx, {
          actor,
          action: 'federation.member_registered',
          subject: { type: 'member_system', id: row.id },
          details: { name: input.name, agencyCodes: input.agencyCodes, url: input.url },
        });
        return view(row);
      });
    },

    /**
     * Demo mode only: a member system on this machine registers itself at start (its agency codes
     * and keys), so each instance of the demonstration is one command. Joining again replaces the
     * keys and codes of the member of that name. Never offered in production, where the system
     * administrator registers members.
     */
    async demoJoin(
      { oidcClient, ...input }: repository.MemberInput & { oidcClient?: RelyingParty | undefined },
      ip: string,
    ) {
      const { identityProvider } = options;
      if (oidcClient && oidcClient.clientId === identityProvider?.ownClientId)
        throw integrationErrors.clientTaken();
      return db.transaction().execute(async (tx) => {
        await keysFree(tx, input.jwks, input.name);
        const row = await repository.upsertMemberByName(tx, input);
        // one sign-in for the portal and its members (decision 0017): the member becomes a
        // client of the portal's identity provider
        if (oidcClient && identityProvider)
          await registerRelyingParty(tx, { ...oidcClient, name: input.name });
        await appendAudit(tx, {
          actor: { anonymous: `demo member ${input.name}`, ip },
          action: 'federation.member_registered',
          subject: { type: 'member_system', id: row.id },
          details: {
            name: input.name,
            agencyCodes: input.agencyCodes,
            demo: true,
            oidcClient: oidcClient?.clientId,
          },
        });
        return view(row);
      });
    },

    /** New agency codes or keys (a rotation: the old key and the new one side by side). */
    async updateMember(actor: Actor, id: string, input: repository.MemberInput) {
      requireFederationAdmin(actor);
      return db.transaction().execute(async (tx) => {
        const before = await repository.memberById(tx, id);
        if (!before) throw integrationErrors.memberNotFound();
        await keysFree(tx, input.jwks, before.name);
        const row = await repository.updateMember(tx, id, input);
        await appendAudit(tx, {
          actor,
          action: 'federation.member_updated',
          subject: { type: 'member_system', id },
          details: {
            name: input.name,
            agencyCodes: input.agencyCodes,
            keyIds: input.jwks.keys.map((key) => String(key.kid)),
          },
        });
        return view(row);
      });
    },

    /** The members, each with the applications waiting to reach it (the portal's side of lag). */
    async listMembers(actor: Actor) {
      requireFederationAdmin(actor);
      const [members, waiting] = await Promise.all([
        repository.listMembers(db),
        submissions.waitingByAgency(db),
      ]);
      return members.map((member) => {
        const mine = waiting.filter((w) => member.agency_codes.includes(w.agency_code));
        const oldest = mine.map((w) => w.oldest).sort((a, b) => +a - +b)[0];
        return {
          ...view(member),
          waitingSubmissions: mine.reduce((n, w) => n + Number(w.waiting), 0),
          oldestWaitingAt: oldest ?? null,
          lastDeliveryError: mine.find((w) => w.last_error)?.last_error ?? null,
        };
      });
    },

    /** Tries the applications waiting for a member now, instead of after their wait (audited). */
    async retryMember(actor: Actor, id: string) {
      requireFederationAdmin(actor);
      const member = await repository.memberById(db, id);
      if (!member) throw integrationErrors.memberNotFound();
      const due = await submissions.dueNow(db, member.agency_codes);
      await appendAudit(db, {
        actor,
        action: 'federation.retried',
        subject: { type: 'member_system', id },
        details: { submissions: due },
      });
      return { ok: true as const };
    },

    /**
     * A batch from one member, in its `seq` order: each message verified with the key it names,
     * for an agency the member answers for, applied only if it follows the last applied one. A
     * repeated message is acknowledged and skipped; a gap answers 409 with the `seq` expected
     * (`expectedSeq`) and applies nothing of the batch: the sender sends again from there.
     */
    async receive(messages: string[], ip: string) {
      const verified: Message[] = [];
      // A batch names one key, or a few during a rotation: each is looked up and imported once.
      const signers = new Map<string, ReturnType<typeof signerOf>>();
      let memberId: string | undefined;
      let agencyCodes: readonly string[] = [];
      for (const jws of messages) {
        let kid: string;
        try {
          kid = decodeProtectedHeader(jws).kid ?? '';
        } catch {
          throw integrationErrors.malformed();
        }
        if (!signers.has(kid)) signers.set(kid, signerOf(kid));
        const signer = await signers.get(kid);
        if (!signer) throw await refuse(integrationErrors.unknownKey(), kid, ip);
        const { member } = signer;
        if (memberId !== undefined && member.id !== memberId)
          throw integrationErrors.malformed('Một lô chỉ gồm thông điệp của một hệ thống');
        memberId = member.id;
        agencyCodes = member.agency_codes;
        const message = await signedPayload(jws, signer.key);
        if (message === null) throw await refuse(integrationErrors.badSignature(), kid, ip);
        if (!envelope.Check(message)) throw integrationErrors.malformed();
        // the snapshot's marker tells of no agency
        if (message.type !== SNAPSHOT && !member.agency_codes.includes(message.agencyCode))
          throw await refuse(integrationErrors.foreignAgency(), kid, ip);
        verified.push(message);
      }
      if (memberId === undefined) throw integrationErrors.malformed();
      const sender = memberId;
      return db.transaction().execute(async (tx) => {
        const member = await repository.lockMember(tx, sender);
        let last = member.applied_seq;
        let applied = 0;
        let duplicates = 0;
        for (const message of [...verified].sort((a, b) => a.seq - b.seq)) {
          if (message.seq <= last) {
            duplicates += 1;
            continue;
          }
          // A member's first message may be its snapshot's marker, which starts its sequence.
          const starts =
            last === 0 && message.type === SNAPSHOT && message.body.startsAfter === message.seq - 1;
          if (message.seq !== last + 1 && !starts) {
            const gap = integrationErrors.outOfOrder(
              `Cần gửi lại từ số thứ tự ${String(member.applied_seq + 1)}`,
            );
            gap.extensions.expectedSeq = member.applied_seq + 1;
            throw gap;
          }
          // A type this portal does not know yet is acknowledged: members may be newer.
          if (message.type === 'dossier.progress') {
            if (!dossierProgress.Check(message.body)) throw integrationErrors.malformed();
            await repository.applyDossierProgress(tx, sender, message, message.body);
          } else if (message.type === 'result.signed') {
            if (!resultSigned.Check(message.body)) throw integrationErrors.malformed();
            await repository.applyResultSigned(tx, message.body);
          } else if (message.type === 'payment.settled' || message.type === 'payment.refunded') {
            if (!payment.Check(message.body)) throw integrationErrors.malformed();
            const state = message.type === 'payment.settled' ? 'paid' : 'refunded';
            await repository.applyPayment(tx, sender, message.id, state, message.body);
          } else if (message.type === FEEDBACK_PROGRESS && options.applyFeedbackProgress) {
            if (!feedbackProgress.Check(message.body)) throw integrationErrors.malformed();
            await options.applyFeedbackProgress(tx, message.body, agencyCodes);
          } else if (message.type === SERVICE_PUBLISHED) {
            if (!publishedService.Check(message.body)) throw integrationErrors.malformed();
            await mirrorMemberService(tx, message.body);
          }
          last = message.seq;
          applied += 1;
        }
        if (applied > 0) await repository.setAppliedSeq(tx, sender, last);
        return { applied, duplicates, appliedSeq: last };
      });
    },
  };
}

function view(row: {
  id: string;
  name: string;
  agency_codes: string[];
  jwks: { keys: Record<string, unknown>[] };
  url: string | null;
  applied_seq: number;
  last_message_at: Date | null;
}) {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    agencyCodes: row.agency_codes,
    keyIds: row.jwks.keys.map((key) => String(key.kid)),
    appliedSeq: row.applied_seq,
    lastMessageAt: row.last_message_at,
  };
}
