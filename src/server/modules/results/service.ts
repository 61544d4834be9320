import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Kysely, Selectable } from 'kysely';
import QRCode from 'qrcode';
import { formatDate } from '../../../domain/vietnam-time.ts';
import type { Database, ResultDocumentTable } from '../../db/schema.ts';
import { agenciesAllowed, type AccessAction } from '../../../domain/access.ts';
import type { Actor } from '../../platform/actor.ts';
import { AppError, visibleOr404 } from '../../platform/errors.ts';
import { outboxRecord } from '../../platform/outbox.ts';
import { insertRows } from '../../platform/row-writes.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { FileStorage } from '../../platform/file-storage.ts';
import {
  resultContext,
  type DossierService,
  type LifecycleInput,
  type ResultContext,
} from '../dossiers/index.ts';
import type { CertificateStore } from './certificate-store.ts';
import { renderResultDocument } from './document.ts';
import { resultErrors } from './errors.ts';
import type { Timestamper } from './cms.ts';
import { signPdf } from './pades.ts';
import type { PdfPool } from './pdf-pool.ts';
import { httpTimestamper, localTimestamper, TimestampError } from './timestamping.ts';

/** Roles that draft a result: whoever processes the dossier. */

/** Crockford base32 without look-alikes: printed under the QR code and typed by hand. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function newVerificationCode(): string {
  return [...randomBytes(12)].map((b) => CODE_ALPHABET[b % 32]).join('');
}

type ResultDocumentRow = Selectable<ResultDocumentTable>;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const timeFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

type Deps = {
  db: Kysely<Database>;
  storage: FileStorage;
  dossiers: DossierService;
  certificates: CertificateStore;
  /** Where uploaded PDFs are read and verified, off the event loop. */
  pdfs: PdfPool;
  publicUrl: string;
  /** The RFC 3161 authority signatures are time-stamped by; unset, this instance's demo one. */
  timestampUrl?: string;
};

export type ResultService = ReturnType<typeof createResultService>;

export function createResultService({
  db,
  storage,
  dossiers,
  certificates,
  pdfs,
  publicUrl,
  timestampUrl,
}: Deps) {
  const remoteTimestamper = timestampUrl ? httpTimestamper(timestampUrl) : null;
  /**
   * What time-stamps a signature; an authority that cannot answer leaves the result unsigned (503).
   * Made before the signing transaction: the demo authority's key is read from the database.
   */
  async function timestamper(): Promise<Timestamper> {
    const timestamp =
      remoteTimestamper ?? localTimestamper(await certificates.demoTimestampAuthority());
    return async (digest) => {
      try {
        return await timestamp(digest);
      } catch (error) {
        if (error instanceof TimestampError) throw resultErrors.timestampUnavailable();
        throw error;
      }
    };
  }
  const verificationUrl = (code: string) => `${publicUrl}/xac-thuc-ket-qua/${code}`;

  const findDocument = (dossierId: string) =>
    db
      .selectFrom('result_document')
      .selectAll()
      .where('dossier_id', '=', dossierId)
      .executeTakeFirst();

  async function officerContext(actor: Actor, dossierId: string, action: AccessAction) {
    return visibleOr404(
      await resultContext(db, { id: dossierId, agencyIds: agenciesAllowed(actor.roles, action) }),
      resultErrors.dossierNotFound,
    );
  }

  /** A draft may change only while the dossier is processed and its result is not signed. */
  async function draftable(actor: Actor, dossierId: string) {
    const context = await officerContext(actor, dossierId, 'result.draft');
    if (!context.result_online) throw resultErrors.notOnline();
    if (context.status !== 'processing') throw resultErrors.notEditable();
    const existing = await findDocument(context.id);
    if (existing?.signed_at) throw resultErrors.notEditable();
    return { context, verificationCode: existing?.verification_code ?? newVerificationCode() };
  }

  async function saveDraft(
    actor: Actor,
    context: ResultContext,
    verificationCode: string,
    source: 'template' | 'upload',
    pdf: Uint8Array,
  ) {
    const storageKey = `results/${context.id}/draft-${randomUUID()}.pdf`;
    await storage.put(storageKey, Buffer.from(pdf));
    const values = {
      source,
      draft_storage_key: storageKey,
      draft_sha256: sha256(pdf),
      prepared_by: actor.accountId,
      prepared_at: new Date(),
    };
    await db
      .insertInto('result_document')
      .values({
        ...values,
        dossier_id: context.id,
        agency_id: context.holder_agency_id,
        verification_code: verificationCode,
      })
      .onConflict((oc) => oc.column('dossier_id').doUpdateSet(values))
      .execute();
    await appendAudit(db, {
      actor,
      action: 'result.drafted',
      subject: { type: 'dossier', id: context.id },
      agencyId: context.holder_agency_id,
      details: { code: context.code, source, sha256: values.draft_sha256 },
    });
    return view(await findDocument(context.id));
  }

  /** What officers and the applicant see of a result document. */
  function view(document: ResultDocumentRow | undefined) {
    if (!document) throw resultErrors.notFound();
    return {
      source: document.source,
      preparedAt: document.prepared_at,
      draftSha256: document.draft_sha256,
      verificationCode: document.verification_code,
      verificationUrl: verificationUrl(document.verification_code),
      signed: document.signed_at !== null,
      signedAt: document.signed_at,
      signerName: document.signer_name,
      signedSha256: document.signed_sha256,
    };
  }

  function pdfFile(name: string, content: Buffer) {
    return {
      file_name: name,
      media_type: 'application/pdf',
      size_bytes: content.length,
      content: Readable.from([content]),
    };
  }

  /** The applicant's signed result, once the dossier has it. */
  async function applicantFile(applicantId: string, code: string) {
    const context = visibleOr404(
      await resultContext(db, { code, applicantId }),
      resultErrors.dossierNotFound,
    );
    const document = await findDocument(context.id);
    if (!document?.signed_storage_key) throw resultErrors.notFound();
    return pdfFile(
      `ket-qua-${context.code}.pdf`,
      await readAll(storage.read(document.signed_storage_key)),
    );
  }

  return {
    /** The result drafted from the version's template with the dossier's data. */
    async draftFromTemplate(actor: Actor, dossierId: string) {
      const { context, verificationCode } = await draftable(actor, dossierId);
      if (!context.result_template) throw resultErrors.templateMissing();
      const pdf = await renderResultDocument({
        template: context.result_template,
        agencyName: context.agency_name,
        parentAgencyName: context.parent_agency_name,
        dossierCode: context.code,
        procedureName: context.procedure_name,
        applicantName: context.applicant_name,
        formData: context.form_data,
        issuedAt: new Date(),
      });
      return saveDraft(actor, context, verificationCode, 'template', pdf);
    },

    /** The result the officer wrote elsewhere, as PDF. */
    async uploadDraft(actor: Actor, dossierId: string, content: Buffer) {
      const { context, verificationCode } = await draftable(actor, dossierId);
      if (content.subarray(0, 5).toString('latin1') !== '%PDF-') throw resultErrors.notPdf();
      // Parsed in a worker with a time budget: a crafted PDF cannot hold the event loop.
      const pages = await pdfs.pageCount(content).catch((error: unknown) => {
        if (error instanceof AppError) throw error;
        throw resultErrors.notPdf();
      });
      if (pages === 0) throw resultErrors.notPdf();
      return saveDraft(actor, context, verificationCode, 'upload', content);
    },

    async officerView(actor: Actor, dossierId: string) {
      const context = await officerContext(actor, dossierId, 'dossier.read');
      return view(await findDocument(context.id));
    },

    async officerFile(actor: Actor, dossierId: string, kind: 'draft' | 'signed') {
      const context = await officerContext(actor, dossierId, 'dossier.read');
      const document = await findDocument(context.id);
      const key = kind === 'draft' ? document?.draft_storage_key : document?.signed_storage_key;
      if (!key) throw resultErrors.notFound();
      await appendAudit(db, {
        actor,
        action: 'result.opened',
        subject: { type: 'dossier', id: context.id },
        agencyId: context.holder_agency_id,
        details: { code: context.code, kind },
      });
      return pdfFile(
        `ket-qua-${kind === 'draft' ? 'du-thao-' : ''}${context.code}.pdf`,
        await readAll(storage.read(key)),
      );
    },

    /**
     * Approval. Where the version returns the result online, the leader's approval at the last
     * step signs the draft with the agency's certificate; the signed result and the dossier's move
     * commit together, and a refused approval signs nothing.
     */
    async approve(actor: Actor, dossierId: string, input: LifecycleInput) {
      const agencyIds = agenciesAllowed(actor.roles, 'dossier.act');
      const context = visibleOr404(
        await resultContext(db, { id: dossierId, agencyIds }),
        resultErrors.dossierNotFound,
      );
      if (!context.result_online) return dossiers.actAsOfficer(actor, agencyIds, dossierId, input);
      const draft = await findDocument(context.id);
      if (!draft || draft.signed_at) throw resultErrors.notPrepared();
      const credentials = await certificates.credentials(context.holder_agency_id);
      const timestamp = await timestamper();
      const draftBytes = await readAll(storage.read(draft.draft_storage_key));
      return dossiers.actAsOfficer(actor, agencyIds, dossierId, input, async (tx) => {
        // Whole seconds: the PDF's signing time has no finer grain.
        const signedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
        const qr = await QRCode.toBuffer(verificationUrl(draft.verification_code), {
          type: 'png',
          errorCorrectionLevel: 'M',
          margin: 1,
          width: 240,
        });
        const signed = await signPdf(
          draftBytes,
          credentials.signer,
          {
            lines: [
              `Ký bởi: ${context.agency_name}`,
              `Người ký: ${actor.fullName}`,
              `Thời gian ký: ${timeFormat.format(signedAt)} ${formatDate(signedAt)}`,
              `Mã tra cứu: ${draft.verification_code}`,
            ],
            qrPng: qr,
            signerName: actor.fullName,
            reason: `Phê duyệt kết quả giải quyết hồ sơ ${context.code}`,
            location: context.agency_name,
            signedAt,
          },
          { timestamp, crls: credentials.crls },
        );
        const signedSha256 = sha256(signed);
        const storageKey = `results/${context.id}/signed-${randomUUID()}.pdf`;
        await storage.put(storageKey, signed);
        const updated = await tx
          .updateTable('result_document')
          .set({
            signed_storage_key: storageKey,
            signed_sha256: signedSha256,
            signed_size_bytes: signed.length,
            signed_at: signedAt,
            signer_id: actor.accountId,
            signer_name: actor.fullName,
            certificate_id: credentials.certificateId,
          })
          .where('id', '=', draft.id)
          .where('signed_at', 'is', null)
          .where('draft_sha256', '=', draft.draft_sha256)
          .executeTakeFirst();
        // The draft changed while it was being signed: sign what the leader saw, or nothing.
        if (updated.numUpdatedRows !== 1n) throw resultErrors.notPrepared();
        await appendAudit(tx, {
          actor,
          action: 'result.signed',
          subject: { type: 'dossier', id: context.id },
          agencyId: context.holder_agency_id,
          details: {
            code: context.code,
            sha256: signedSha256,
            certificate: credentials.certificate.fingerprint256,
          },
        });
        // The national portal learns the result's reference and hash; the PDF stays here.
        if (context.agency_code)
          await insertRows(tx, [
            outboxRecord({
              type: 'result.signed',
              agencyCode: context.agency_code,
              key: context.code,
              body: {
                code: context.code,
                verificationCode: draft.verification_code,
                sha256: signedSha256,
                signedAt: signedAt.toISOString(),
              },
            }),
          ]);
        // The applicant's notice says so, and its mail carries the signed result.
        return {
          notice: {
            addendum: `Kết quả điện tử đã được ký số, gửi kèm thư này và tải được tại trang hồ sơ trên Cổng Dịch vụ công; mã tra cứu ${draft.verification_code}.`,
            attachments: [
              {
                fileName: `ket-qua-${context.code}.pdf`,
                mediaType: 'application/pdf',
                storageKey,
              },
            ],
          },
        };
      });
    },

    /** The applicant's signed result, once the dossier has it. */
    async applicantView(actor: Actor, code: string) {
      const context = visibleOr404(
        await resultContext(db, { code, applicantId: actor.accountId }),
        resultErrors.dossierNotFound,
      );
      const document = await findDocument(context.id);
      if (!document?.signed_at) throw resultErrors.notFound();
      return view(document);
    },

    applicantFile: (actor: Actor, code: string) => applicantFile(actor.accountId, code),

    /** For the national portal, which asks on behalf of the applicant it signed in (decision 0017). */
    applicantFileOf: applicantFile,

    /**
     * What anyone may learn of a PDF: whether each signature is intact, covers the whole file and
     * chains to a trusted root, who signed and when; and, if this portal issued this very file,
     * for which dossier.
     */
    async verifyPdf(pdf: Buffer) {
      const outcome = await pdfs.verify({
        pdf,
        ...(await certificates.validationData()),
        now: Date.now(),
      });
      if (outcome.status === 'too_many_signatures') throw resultErrors.tooComplex();
      if (outcome.status === 'unreadable') throw resultErrors.unreadable();
      const signatures = outcome.signatures;
      const record = await registryRecord(
        db.selectFrom('result_document').where('signed_sha256', '=', outcome.sha256),
      );
      const last = signatures.at(-1);
      const verdict: 'valid' | 'untrusted' | 'modified' | 'unsigned' =
        signatures.length === 0
          ? 'unsigned'
          : signatures.some((s) => !s.intact) || !last?.coversWholeFile
            ? 'modified'
            : signatures.every((s) => s.trusted)
              ? 'valid'
              : 'untrusted';
      return { verdict, signatures, record };
    },

    /** The demo time-stamping authority's answer to a DER TimeStampReq. */
    async timestampReply(query: Buffer) {
      return (await certificates.demoTimestampAuthority())(query);
    },

    /** The record behind a verification code (the QR code on the result). */
    async lookup(verificationCode: string) {
      const record = await registryRecord(
        db
          .selectFrom('result_document')
          .where('verification_code', '=', verificationCode.toUpperCase()),
      );
      if (!record) throw resultErrors.verificationNotFound();
      return record;
    },
  };

  async function registryRecord(query: ReturnType<typeof db.selectFrom<'result_document'>>) {
    const row = await query
      .innerJoin('dossier', 'dossier.id', 'result_document.dossier_id')
      .innerJoin('agency', 'agency.id', 'result_document.agency_id')
      .innerJoin('service', 'service.id', 'dossier.service_id')
      .innerJoin('procedure', 'procedure.id', 'service.procedure_id')
      .select([
        'dossier.code as dossier_code',
        'agency.name as agency_name',
        'procedure.name as procedure_name',
        'result_document.signer_name',
        'result_document.signed_at',
        'result_document.signed_sha256',
        'result_document.verification_code',
      ])
      .where('result_document.signed_at', 'is not', null)
      .executeTakeFirst();
    if (!row?.signed_at || !row.signed_sha256) return null;
    return {
      dossierCode: row.dossier_code,
      agencyName: row.agency_name,
      procedureName: row.procedure_name,
      signerName: row.signer_name ?? '',
      signedAt: row.signed_at,
      sha256: row.signed_sha256,
      verificationCode: row.verification_code,
    };
  }
}
