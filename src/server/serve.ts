import pino from 'pino';
import { buildApp, relyingPartyOf } from './app.ts';
import type { Config } from './config.ts';
import { seedDemoData, DEMO_ACCOUNTS, DEMO_OFFICER_PASSWORD } from './db/seed/demo-data.ts';
import { loadReferenceAgencies } from './db/seed/reference-agencies.ts';
import { seedDemoHistory } from './db/seed/demo-history.ts';
import { seedFeedbackHistory } from './db/seed/feedback-history.ts';
import { createIdentityService } from './modules/identity/index.ts';
import { createNotificationService } from './modules/notifications/index.ts';
import { createCalendarService } from './modules/calendar/index.ts';
import { remindFeedbackComingDue, startFeedbackRelay } from './modules/feedback/index.ts';
import {
  joinDemoHub,
  pruneDelivered,
  startHubSync,
  memberServing,
  signForSeconds,
  startSubmissionDelivery,
  startWebhookDelivery,
} from './modules/integration/index.ts';
import { createMonitoringService } from './modules/monitoring/index.ts';
import { createReportService } from './modules/reports/index.ts';
import { createPaymentService } from './modules/payments/index.ts';
import {
  createFeePaidRecorder,
  deleteExpiredDrafts,
  warnDeadlines,
} from './modules/dossiers/index.ts';
import { createCertificateStore } from './modules/results/index.ts';
import { startStatisticsJob } from './modules/monitoring/index.ts';
import { startAuditSealer } from './platform/audit.ts';
import { LocalDiskStorage } from './platform/file-storage.ts';
import { loggerOptions } from './platform/logging.ts';
import { createSecretBox } from './platform/secret-box.ts';
import { createMailTransport } from './platform/mail.ts';
import { startQueue } from './platform/queue.ts';
import { openMigratedDatabase } from './runtime.ts';
import { DatabaseFolderInUseError } from './db/folder-lock.ts';
import type { EarlyServer } from './platform/early-server.ts';

const SESSION_CLEANUP_QUEUE = 'identity.remove-expired-sessions';
const MAIL_QUEUE = 'notifications.send-mail';
const DEADLINE_QUEUE = 'processing.warn-deadlines';
const RECONCILE_QUEUE = 'payments.reconcile';
const REPORT_REMINDER_QUEUE = 'reports.remind-unsubmitted';
const OUTBOX_RETENTION_QUEUE = 'integration.prune-outbox';

/**
 * Everything the process does once its port is open (src/server/main.ts): opens and migrates the
 * database, loads the demo, starts the workers, builds the application on the early server's
 * sockets, then loads what can come after (`/ready` says when).
 */
export async function serve({
  config,
  early,
  startedAt,
  listeningAfter,
}: {
  config: Config;
  early: EarlyServer;
  startedAt: number;
  listeningAfter: string;
}) {
  const log = pino(loggerOptions(config));
  const database = await openMigratedDatabase(config, log, { serving: true }).catch(
    (error: unknown) => {
      if (!(error instanceof DatabaseFolderInUseError)) throw error;
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  );
  if (
    config.DEMO_MODE &&
    (await seedDemoData(database.db, {
      services: config.INSTANCE_ROLE === 'agency',
      system: config.DEMO_SYSTEM,
    }))
  )
    log.info('demo data loaded');
  if (await loadReferenceAgencies(database.db)) log.info('reference agencies loaded');

  /**
   * What the demo loads after the port opened: a year of history, feedback, and the signing
   * certificates. `/ready` answers 503 until it is done, and the banner is printed then.
   */
  async function warmUp() {
    if (
      config.DEMO_MODE &&
      config.DEMO_HISTORY &&
      config.INSTANCE_ROLE === 'agency' &&
      config.DEMO_SYSTEM === 'province' &&
      (await seedDemoHistory(database.db))
    )
      log.info('demo history loaded: services of every ministry and province, a year of dossiers');
    if (
      config.DEMO_MODE &&
      config.DEMO_HISTORY &&
      (await seedFeedbackHistory(database.db, { deskAgencyCode: config.FEEDBACK_DESK_AGENCY }))
    )
      log.info('demo feedback loaded: a year of it, in the seeds’ proportions');
    if (config.DEMO_MODE) {
      // Demo mode signs results with certificates of a demo root CA, made once and kept.
      const issued = await createCertificateStore({
        db: database.db,
        secrets: createSecretBox(config.APP_SECRET),
        demoMode: true,
      }).issueDemoCertificates();
      if (issued > 0) log.info({ issued }, 'demo signing certificates issued');
    }
  }

  const leftovers = await new LocalDiskStorage(config.FILES_DIR).removeLeftovers();
  if (leftovers > 0) log.info({ leftovers }, 'files left half-written by a crash removed');

  const auditSealer = startAuditSealer(database.db, (error) =>
    log.error({ err: error }, 'audit sealing failed'),
  );
  // An agency system connected to the national portal keeps it in step (decision 0017).
  if (config.HUB_URL && config.DEMO_MODE && config.INSTANCE_ROLE === 'agency') {
    const joined = await joinDemoHub(database.db, {
      hubUrl: config.HUB_URL,
      name: config.PORTAL_NAME,
      url: config.PUBLIC_URL,
      // its citizens sign in at the portal's identity provider: one sign-in for both (SSO)
      oidcClient: config.oidcIssuer?.startsWith(config.HUB_URL)
        ? relyingPartyOf(config)
        : undefined,
    });
    if (joined)
      log.info({ hub: config.HUB_URL }, 'joined the national portal of the demonstration');
    else
      log.warn(
        { hub: config.HUB_URL },
        'the national portal did not answer: start it first (npm run start:national), then this system',
      );
  }
  const hubSync = config.HUB_URL
    ? startHubSync(database.db, { hubUrl: config.HUB_URL }, (error) =>
        log.error({ err: error }, 'synchronisation with the national portal failed'),
      )
    : undefined;
  // The national portal hands the applications citizens make there to the member systems.
  const submissionDelivery =
    config.INSTANCE_ROLE === 'national'
      ? startSubmissionDelivery(
          database.db,
          { storage: new LocalDiskStorage(config.FILES_DIR) },
          (error) => log.error({ err: error }, 'delivery of submissions to member systems failed'),
        )
      : undefined;
  // …and the feedback its desk forwards to agencies the member systems answer for.
  const feedbackRelay =
    config.INSTANCE_ROLE === 'national'
      ? startFeedbackRelay(
          {
            db: database.db,
            storage: new LocalDiskStorage(config.FILES_DIR),
            memberUrl: async (code) => (await memberServing(database.db, code))?.url,
            sign: (payload) => signForSeconds(database.db, payload, 600),
          },
          (error) => log.error({ err: error }, 'delivery of feedback to member systems failed'),
        )
      : undefined;
  const webhookDelivery =
    config.INSTANCE_ROLE === 'agency'
      ? startWebhookDelivery(
          database.db,
          {
            secrets: createSecretBox(config.APP_SECRET),
            publicOnly: config.NODE_ENV === 'production',
          },
          (error) => log.error({ err: error }, 'webhook delivery failed'),
        )
      : undefined;
  const statisticsJob = startStatisticsJob(database.db, (error) =>
    log.error({ err: error }, 'statistics job failed'),
  );
  const queue = config.WORKERS ? await startQueue(database.sql, log) : undefined;
  if (queue) {
    const storage = new LocalDiskStorage(config.FILES_DIR);
    const identity = createIdentityService(database.db, { demoMode: config.DEMO_MODE });
    await queue.createQueue(SESSION_CLEANUP_QUEUE);
    await queue.schedule(SESSION_CLEANUP_QUEUE, '17 * * * *', {}, { tz: 'Asia/Ho_Chi_Minh' });
    await queue.work(SESSION_CLEANUP_QUEUE, async () => {
      const removed = await identity.removeExpiredSessions();
      log.info({ removed }, 'expired sessions removed');
    });
    const notifications = createNotificationService(database.db, {
      transport: createMailTransport(config.SMTP_URL),
      from: config.MAIL_FROM,
      storage,
    });
    await queue.createQueue(MAIL_QUEUE);
    await queue.schedule(MAIL_QUEUE, '* * * * *', {}, { tz: 'Asia/Ho_Chi_Minh' });
    const calendar = createCalendarService(database.db);
    await queue.createQueue(DEADLINE_QUEUE);
    await queue.schedule(DEADLINE_QUEUE, '*/10 * * * *', {}, { tz: 'Asia/Ho_Chi_Minh' });
    await queue.work(DEADLINE_QUEUE, async () => {
      const warned = await warnDeadlines(database.db, await calendar.calendar());
      if (warned > 0) log.info({ warned }, 'deadline warnings sent');
      const reminded = await remindFeedbackComingDue(database.db, await calendar.calendar());
      if (reminded > 0) log.info({ reminded }, 'feedback coming due reminded');
      // Housekeeping, off the citizen's path: a draft past its date is already never read.
      await deleteExpiredDrafts(database.db);
    });
    const payments = createPaymentService({
      db: database.db,
      terminal: config.vnpay,
      publicUrl: config.PUBLIC_URL,
      storage,
      onPaid: createFeePaidRecorder(() => calendar.calendar()),
    });
    await queue.createQueue(RECONCILE_QUEUE);
    await queue.schedule(RECONCILE_QUEUE, '*/5 * * * *', {}, { tz: 'Asia/Ho_Chi_Minh' });
    await queue.work(RECONCILE_QUEUE, async () => {
      const settled = await payments.reconcile();
      if (settled > 0) log.info({ settled }, 'payments settled by reconciliation');
    });
    const reports = createReportService({
      db: database.db,
      storage,
      monitoring: createMonitoringService(database.db),
    });
    await queue.createQueue(REPORT_REMINDER_QUEUE);
    await queue.schedule(REPORT_REMINDER_QUEUE, '0 8 * * *', {}, { tz: 'Asia/Ho_Chi_Minh' });
    await queue.work(REPORT_REMINDER_QUEUE, async () => {
      const reminded = await reports.remindUnsubmitted();
      if (reminded > 0) log.info({ reminded }, 'agencies reminded of their monthly report');
    });
    await queue.createQueue(OUTBOX_RETENTION_QUEUE);
    await queue.schedule(OUTBOX_RETENTION_QUEUE, '41 * * * *', {}, { tz: 'Asia/Ho_Chi_Minh' });
    await queue.work(OUTBOX_RETENTION_QUEUE, async () => {
      const removed = await pruneDelivered(database.db, config.OUTBOX_RETENTION_DAYS);
      if (removed.messages + removed.attempts > 0)
        log.info(removed, 'delivered outbox messages and old webhook attempts removed');
    });
    await queue.work(MAIL_QUEUE, async () => {
      const sent = await notifications.sendPendingMail();
      if (sent > 0) log.info({ sent }, 'mail sent');
    });
  }

  let warm = false;
  const app = await buildApp({
    config,
    database,
    warmedUp: () => warm,
    serverFactory: early.factory,
  });
  await app.ready();
  early.handOver();
  const warming = warmUp().then(
    () => {
      warm = true;
      printBanner();
    },
    (error: unknown) => {
      log.fatal({ err: error }, 'loading the initial data failed');
      process.exit(1);
    },
  );

  let stopping = false;
  async function shutdown(signal: string) {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: no new requests, finishing those in flight');
    try {
      // what is being loaded is finished first: the database is not closed under it
      await warming;
      await app.close();
      await early.close();
      await queue?.stop({ graceful: true, wait: true });
      await auditSealer.stop();
      await hubSync?.stop();
      await submissionDelivery?.stop();
      await feedbackRelay?.stop();
      await webhookDelivery?.stop();
      await statisticsJob.stop();
      await database.close();
      log.info('stopped cleanly');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'unclean shutdown');
      process.exit(1);
    }
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  /** Where to go and who to sign in as, once the product is ready. */
  function printBanner() {
    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
    const lines = [
      '',
      `  OpenDVC đang chạy tại ${config.PUBLIC_URL}  (mở cổng sau ${listeningAfter} s, sẵn sàng sau ${seconds} s, CSDL: ${database.engine})`,
      `  Tài liệu API: ${config.PUBLIC_URL}/docs`,
    ];
    if (config.DEMO_MODE) {
      lines.push(
        `  Đăng nhập: ${config.PUBLIC_URL}/dang-nhap — công dân qua định danh điện tử (chọn danh tính mẫu),`,
        `  cán bộ bằng tên đăng nhập, mật khẩu mẫu "${DEMO_OFFICER_PASSWORD}":`,
      );
      for (const account of DEMO_ACCOUNTS) {
        const what =
          account.kind === 'citizen'
            ? `công dân, CCCD ${account.citizenId ?? ''}`
            : `${account.username ?? ''}: ${account.roles?.map((r) => `${r.role} @ ${r.agency}`).join(', ') ?? ''}`;
        lines.push(`    - ${account.fullName} (${what})`);
      }
    }
    process.stdout.write(`${lines.join('\n')}\n\n`);
  }
}
