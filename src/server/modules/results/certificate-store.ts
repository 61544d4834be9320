import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SecretBox } from '../../platform/secret-box.ts';
import {
  createDemoRootCa,
  issueAgencyCertificate,
  issueTimestampingCertificate,
  readPkcs12,
  splitPem,
  type KeyAndCertificate,
} from './certificates.ts';
import type { CmsSigner } from './cms.ts';
import { resultErrors } from './errors.ts';
import { issueCrl } from './revocation.ts';
import { createTimestampAuthority, type TimestampAuthority } from './timestamping.ts';

type Deps = {
  db: Kysely<Database>;
  secrets: SecretBox;
  /** Demo mode: a demo root CA issues each agency a certificate at first need. */
  demoMode: boolean;
  /** PEM certificates of the authorities whose signatures verification trusts (production). */
  trustedRootsPem?: string;
};

export type SigningCredentials = {
  certificateId: string;
  signer: CmsSigner;
  certificate: X509Certificate;
  /** DER CRLs of the chain's issuers, to embed for long-term validation (B-LT); none if unknown. */
  crls: Buffer[];
};

/** A CRL is issued afresh at most this often; a retirement issues one at once. */
const CRL_REISSUE_MS = 3600 * 1000;

const derOf = (pem: string) => Buffer.from(new X509Certificate(pem).raw);

/** Where agencies' signing keys live (sealed with the instance secret) and which roots are trusted. */
export function createCertificateStore({ db, secrets, demoMode, trustedRootsPem = '' }: Deps) {
  async function demoAuthority(): Promise<KeyAndCertificate> {
    const row = await db.selectFrom('certificate_authority').selectAll().executeTakeFirst();
    if (row)
      return {
        certificatePem: row.certificate_pem,
        privateKeyPem: secrets.open(row.private_key_sealed),
      };
    const fresh = createDemoRootCa();
    // Another process may have made it meanwhile: the one stored wins.
    await db
      .insertInto('certificate_authority')
      .values({
        certificate_pem: fresh.certificatePem,
        private_key_sealed: secrets.seal(fresh.privateKeyPem),
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return demoAuthority();
  }

  let demoCrl: { der: Buffer; issuedAt: number } | null = null;
  /** The demo authority's current CRL: every demo certificate retired, revoked as superseded. */
  async function demoRevocationList(): Promise<Buffer> {
    if (demoCrl && Date.now() - demoCrl.issuedAt < CRL_REISSUE_MS) return demoCrl.der;
    const authority = await demoAuthority();
    const retired = await db
      .selectFrom('agency_certificate')
      .select(['serial_number', 'retired_at'])
      .where('source', '=', 'demo')
      .where('retired_at', 'is not', null)
      .orderBy('retired_at')
      .execute();
    const der = await issueCrl(
      { certificateDer: derOf(authority.certificatePem), privateKeyPem: authority.privateKeyPem },
      retired.map((r) => ({
        serialNumber: r.serial_number,
        revokedAt: r.retired_at ?? new Date(),
      })),
    );
    demoCrl = { der, issuedAt: Date.now() };
    return der;
  }

  let demoTsa: TimestampAuthority | null = null;
  /** The demo time-stamping authority, its certificate issued by the demo root at first need. */
  async function demoTimestampAuthority(): Promise<TimestampAuthority> {
    if (demoTsa) return demoTsa;
    const authority = await demoAuthority();
    let row = await db
      .selectFrom('certificate_authority')
      .select(['tsa_certificate_pem', 'tsa_private_key_sealed'])
      .executeTakeFirstOrThrow();
    if (!row.tsa_certificate_pem || !row.tsa_private_key_sealed) {
      const issued = issueTimestampingCertificate(authority);
      // Another process may have issued one meanwhile: the one stored wins.
      await db
        .updateTable('certificate_authority')
        .set({
          tsa_certificate_pem: issued.certificatePem,
          tsa_private_key_sealed: secrets.seal(issued.privateKeyPem),
        })
        .where('tsa_certificate_pem', 'is', null)
        .execute();
      row = await db
        .selectFrom('certificate_authority')
        .select(['tsa_certificate_pem', 'tsa_private_key_sealed'])
        .executeTakeFirstOrThrow();
    }
    if (!row.tsa_certificate_pem || !row.tsa_private_key_sealed)
      throw new Error('the demo time-stamping authority has no certificate');
    demoTsa = createTimestampAuthority({
      privateKey: createPrivateKey(secrets.open(row.tsa_private_key_sealed)),
      certificates: [derOf(row.tsa_certificate_pem), derOf(authority.certificatePem)],
    });
    return demoTsa;
  }

  const liveCertificate = (agencyId: string) =>
    db
      .selectFrom('agency_certificate')
      .selectAll()
      .where('agency_id', '=', agencyId)
      .where('retired_at', 'is', null)
      .executeTakeFirst();

  async function store(
    into: Kysely<Database>,
    agencyId: string,
    source: 'demo' | 'imported',
    contents: { privateKeyPem: string; certificatePem: string; chainPem: string[] },
  ) {
    const certificate = new X509Certificate(contents.certificatePem);
    await into
      .insertInto('agency_certificate')
      .values({
        agency_id: agencyId,
        source,
        subject: certificate.subject,
        issuer: certificate.issuer,
        serial_number: certificate.serialNumber,
        fingerprint_sha256: certificate.fingerprint256,
        not_before: new Date(certificate.validFrom),
        not_after: new Date(certificate.validTo),
        certificate_pem: contents.certificatePem,
        chain_pem: contents.chainPem.join('\n'),
        private_key_sealed: secrets.seal(contents.privateKeyPem),
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async function issueDemoCertificate(agencyId: string) {
    const agency = await db
      .selectFrom('agency')
      .select(['name', 'code'])
      .where('id', '=', agencyId)
      .executeTakeFirstOrThrow();
    const authority = await demoAuthority();
    const issued = issueAgencyCertificate(authority, { ...agency, province: null });
    await store(db, agencyId, 'demo', { ...issued, chainPem: [authority.certificatePem] });
  }

  return {
    /** The agency's live certificate and key; in demo mode one is issued at first need. */
    async credentials(agencyId: string): Promise<SigningCredentials> {
      let row = await liveCertificate(agencyId);
      if (!row && demoMode) {
        await issueDemoCertificate(agencyId);
        row = await liveCertificate(agencyId);
      }
      if (!row) throw resultErrors.noCertificate();
      const now = new Date();
      if (now < row.not_before || now > row.not_after) throw resultErrors.certificateExpired();
      return {
        certificateId: row.id,
        certificate: new X509Certificate(row.certificate_pem),
        signer: {
          privateKey: createPrivateKey(secrets.open(row.private_key_sealed)),
          certificates: [row.certificate_pem, ...splitPem(row.chain_pem)].map(derOf),
        },
        // An imported certificate's CA publishes its CRL where this machine may not reach it.
        crls: row.source === 'demo' ? [await demoRevocationList()] : [],
      };
    },

    /** Demo mode at first start: one certificate for each agency that publishes services. */
    async issueDemoCertificates(): Promise<number> {
      const agencies = await db
        .selectFrom('agency')
        .select('agency.id')
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('service')
              .select('service.id')
              .whereRef('service.agency_id', '=', 'agency.id'),
          ),
        )
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('agency_certificate')
                .select('agency_certificate.id')
                .whereRef('agency_certificate.agency_id', '=', 'agency.id')
                .where('agency_certificate.retired_at', 'is', null),
            ),
          ),
        )
        .execute();
      for (const agency of agencies) {
        await issueDemoCertificate(agency.id);
        // each RSA key takes its time on the main thread: let requests in between
        await yieldToEventLoop();
      }
      return agencies.length;
    },

    /** An agency's real certificate (PKCS#12) replaces the live one; the old one stays for the record. */
    async importPkcs12(agencyId: string, p12: Buffer, passphrase: string) {
      const contents = readPkcs12(p12, passphrase);
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('agency_certificate')
          .set({ retired_at: new Date() })
          .where('agency_id', '=', agencyId)
          .where('retired_at', 'is', null)
          .execute();
        await store(tx, agencyId, 'imported', contents);
      });
      demoCrl = null;
      return new X509Certificate(contents.certificatePem);
    },

    /**
     * What verification trusts and knows (DER): the configured roots and this instance's demo
     * authority, and the demo authority's current CRL.
     */
    async validationData(): Promise<{ anchors: Buffer[]; crls: Buffer[] }> {
      const demo = await db.selectFrom('certificate_authority').select('certificate_pem').execute();
      return {
        anchors: [...splitPem(trustedRootsPem), ...demo.map((d) => d.certificate_pem)].map(derOf),
        crls: demo.length > 0 ? [await demoRevocationList()] : [],
      };
    },

    demoTimestampAuthority,
  };
}

export type CertificateStore = ReturnType<typeof createCertificateStore>;
