import nodemailer, { type Transporter } from 'nodemailer';

/**
 * The mail transport: SMTP when configured; otherwise mail is only captured (kept in the
 * mail_message table and shown on the demo mailbox page), never delivered.
 */
export function createMailTransport(smtpUrl: string | undefined): Transporter {
  return smtpUrl
    ? nodemailer.createTransport(smtpUrl)
    : nodemailer.createTransport({ jsonTransport: true });
}
