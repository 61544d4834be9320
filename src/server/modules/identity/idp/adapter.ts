import type { Kysely } from 'kysely';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Database } from '../../../db/schema.ts';

/**
 * oidc-provider's storage (sessions, interactions, codes, tokens, grants) in our own database, so
 * a restart or a second process loses no sign-in in progress.
 */
export function databaseAdapter(db: Kysely<Database>) {
  return class DatabaseAdapter implements Adapter {
    readonly model: string;
    constructor(model: string) {
      this.model = model;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number) {
      const row = {
        payload: JSON.stringify(payload),
        grant_id: payload.grantId ?? null,
        user_code: payload.userCode ?? null,
        uid: payload.uid ?? null,
        expires_at: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
      };
      await db
        .insertInto('idp_payload')
        .values({ model: this.model, id, ...row })
        .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet(row))
        .execute();
    }

    async #findWhere(column: 'id' | 'user_code' | 'uid', value: string) {
      const row = await db
        .selectFrom('idp_payload')
        .select(['payload', 'consumed_at', 'expires_at'])
        .where('model', '=', this.model)
        .where(column, '=', value)
        .executeTakeFirst();
      if (!row || (row.expires_at && row.expires_at <= new Date())) return undefined;
      return {
        ...(row.payload as AdapterPayload),
        ...(row.consumed_at ? { consumed: Math.floor(row.consumed_at.getTime() / 1000) } : {}),
      };
    }

    find(id: string) {
      return this.#findWhere('id', id);
    }

    findByUserCode(userCode: string) {
      return this.#findWhere('user_code', userCode);
    }

    findByUid(uid: string) {
      return this.#findWhere('uid', uid);
    }

    async consume(id: string) {
      await db
        .updateTable('idp_payload')
        .set({ consumed_at: new Date() })
        .where('model', '=', this.model)
        .where('id', '=', id)
        .execute();
    }

    async destroy(id: string) {
      await db
        .deleteFrom('idp_payload')
        .where('model', '=', this.model)
        .where('id', '=', id)
        .execute();
    }

    async revokeByGrantId(grantId: string) {
      await db.deleteFrom('idp_payload').where('grant_id', '=', grantId).execute();
    }
  };
}
