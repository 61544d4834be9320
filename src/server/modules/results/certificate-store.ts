import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SecretBox } from '../../platform/secret-box.ts';
import {
  createDemoRootCa,
  issueAgencyCertificate,
  readPkcs12,
  splitPem,
  type KeyAndCertificate,
} from './certificates.ts';
import type { CmsSigner } from './cms.ts';
import { resultErrors } from './errors.ts';

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
};

const der = (pem: string) => Buffer.from(new X509Certificate(pem).raw);

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
          certificates: [row.certificate_pem, ...splitPem(row.chain_pem)].map(der),
        },
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
      for (const agency of agencies) await issueDemoCertificate(agency.id);
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
      return new X509Certificate(contents.certificatePem);
    },

    /** The roots verification trusts, as PEM: the configured ones, and this instance's demo authority. */
    async trustAnchorsPem(): Promise<string[]> {
      const demo = await db.selectFrom('certificate_authority').select('certificate_pem').execute();
      return [...splitPem(trustedRootsPem), ...demo.map((d) => d.certificate_pem)];
    },
  };
}

export type CertificateStore = ReturnType<typeof createCertificateStore>;
