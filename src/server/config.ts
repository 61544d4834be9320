import { isIP } from 'node:net';
import path from 'node:path';
import type { VnpayTerminal } from './modules/payments/index.ts';

/**
 * Every environment variable the server reads, with its type, development default and meaning.
 * The README's configuration table is checked against this list by a test.
 */
type Parser<T> = (raw: string) => T;

type Variable<T> = {
  description: string;
  /** Default used when the variable is unset; `undefined` means optional with no value. */
  default: string | undefined;
  /** Must be set explicitly when NODE_ENV=production, to something else than the default. */
  requiredInProduction?: boolean;
  parse: Parser<T>;
};

class ConfigError extends Error {}

const text: Parser<string> = (raw) => {
  if (raw.trim() === '') throw new ConfigError('must not be empty');
  return raw;
};

const optionalText: Parser<string | undefined> = (raw) => (raw.trim() === '' ? undefined : raw);

const integer =
  (min: number, max: number): Parser<number> =>
  (raw) => {
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max)
      throw new ConfigError(`must be a whole number from ${min} to ${max}`);
    return value;
  };

const optionalInteger =
  (min: number, max: number): Parser<number | undefined> =>
  (raw) =>
    raw.trim() === '' ? undefined : integer(min, max)(raw);

const oneOf =
  <const T extends string>(...values: T[]): Parser<T> =>
  (raw) => {
    if (!(values as string[]).includes(raw))
      throw new ConfigError(`must be one of ${values.join(', ')}`);
    return raw as T;
  };

const bool: Parser<boolean> = (raw) => {
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError('must be true or false');
};

const url =
  (...protocols: string[]): Parser<string> =>
  (raw) => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new ConfigError('must be a URL');
    }
    if (!protocols.includes(parsed.protocol))
      throw new ConfigError(`must start with ${protocols.join(' or ')}//`);
    return raw;
  };

const optionalUrl =
  (...protocols: string[]): Parser<string | undefined> =>
  (raw) =>
    raw === '' ? undefined : url(...protocols)(raw);

const SANDBOX_HASH_SECRET = 'opendvc-sandbox-secret-not-for-production';

/** IP addresses and CIDR ranges, comma-separated. */
const addressList: Parser<string[]> = (raw) => {
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const entry of entries) {
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    const validBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (family === 0 || !validBits || rest.length > 0)
      throw new ConfigError(
        `must list IP addresses or CIDR ranges, comma-separated ("${entry}" is neither)`,
      );
  }
  return entries;
};

export const CONFIG_VARIABLES = {
  NODE_ENV: {
    description: 'development, test or production. Production refuses demo sign-in and demo data.',
    default: 'development',
    parse: oneOf('development', 'test', 'production'),
  },
  HOST: { description: 'Interface the HTTP server listens on.', default: '127.0.0.1', parse: text },
  PORT: { description: 'HTTP port.', default: '3000', parse: integer(0, 65535) },
  PUBLIC_URL: {
    description:
      'Address citizens use to reach the portal (links in receipts and mail). Unset: http://localhost:PORT (or the HOST it listens on).',
    default: 'http://localhost:3000',
    requiredInProduction: true,
    parse: url('http:', 'https:'),
  },
  DATABASE_URL: {
    description:
      'PostgreSQL connection string. Unset: the embedded PGlite database in DATA_DIR/pglite.',
    default: undefined,
    parse: optionalUrl('postgres:', 'postgresql:'),
  },
  DATABASE_POOL_SIZE: {
    description: 'Connections to PostgreSQL per process.',
    default: '10',
    parse: integer(1, 200),
  },
  DATABASE_STATEMENT_TIMEOUT_MS: {
    description:
      'Longest a statement of the HTTP server and its workers may run on PostgreSQL (statement_timeout); past it, and when PostgreSQL stops answering, the request is answered 503. Migrations and maintenance scripts have none.',
    default: '15000',
    parse: integer(100, 600_000),
  },
  DATA_DIR: {
    description: 'Folder for the embedded database and, by default, uploaded files.',
    default: './data',
    parse: text,
  },
  FILES_DIR: {
    description: 'Folder where uploaded files are stored. Default: DATA_DIR/files.',
    default: undefined,
    parse: optionalText,
  },
  OUTBOX_RETENTION_DAYS: {
    description:
      'How long a change reported to the national portal and to webhooks is kept after every destination has it: how far back a webhook can be replayed.',
    default: '30',
    parse: integer(1, 3650),
  },
  UPLOAD_MAX_BYTES: {
    description: 'Largest file a citizen may attach, in bytes.',
    default: String(10 * 1024 * 1024),
    parse: integer(1024, 1024 * 1024 * 1024),
  },
  LOG_LEVEL: {
    description: 'pino log level.',
    default: 'info',
    parse: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'),
  },
  TRUSTED_PROXIES: {
    description:
      'Reverse proxies (IP addresses or CIDR ranges, comma-separated) whose X-Forwarded-For and X-Forwarded-Proto are believed: the client address for rate limits and the audit log. Unset: none, the connecting address is the client.',
    default: '',
    parse: (raw: string) => (raw.trim() === '' ? [] : addressList(raw)),
  },
  RATE_LIMIT_PER_MINUTE: {
    description:
      'Requests one client address may make per minute to the API; past it, 429 with Retry-After. The narrower limits below default to shares of it.',
    default: '600',
    parse: integer(1, 100_000_000),
  },
  RATE_LIMIT_LOOKUP_PER_MINUTE: {
    description:
      'Public lookups (a dossier by code, a result by its verification code, feedback) one client address may make per minute. Unset: a fifth of RATE_LIMIT_PER_MINUTE (120).',
    default: undefined,
    parse: optionalInteger(1, 100_000_000),
  },
  RATE_LIMIT_SIGN_IN_PER_MINUTE: {
    description:
      'Sign-in attempts one client address may make per minute. Unset: a thirtieth of RATE_LIMIT_PER_MINUTE (20), at least 5.',
    default: undefined,
    parse: optionalInteger(1, 1_000_000),
  },
  RATE_LIMIT_UPLOAD_PER_MINUTE: {
    description:
      'File uploads one client address may make per minute. Unset: a tenth of RATE_LIMIT_PER_MINUTE (60), at least 10.',
    default: undefined,
    parse: optionalInteger(1, 1_000_000),
  },
  DEMO_MODE: {
    description:
      'Seed demo agencies, procedures and accounts, and offer the temporary demo sign-in. Never in production.',
    default: 'true',
    parse: bool,
  },
  DEMO_HISTORY: {
    description:
      'In demo mode, give every ministry and province services and a year of dossiers (about 12,000) at first start, so the statistics tell a story. Ignored outside demo mode.',
    default: 'true',
    parse: bool,
  },
  SMTP_URL: {
    description:
      'SMTP server for notices to applicants (smtp://user:pass@host:587). Unset: mail is only captured, shown on the demo mailbox page.',
    default: undefined,
    parse: optionalUrl('smtp:', 'smtps:'),
  },
  MAIL_FROM: {
    description: 'Sender of notices to applicants.',
    default: 'Cổng Dịch vụ công <no-reply@opendvc.example>',
    parse: text,
  },
  WORKERS: {
    description: 'Run the queue workers in this process.',
    default: 'true',
    parse: bool,
  },
  PORTAL_NAME: {
    description: 'Name shown in the portal header.',
    default: 'Cổng Dịch vụ công trực tuyến',
    parse: text,
  },
  PORTAL_AGENCY: {
    description: 'Agency that runs this instance, shown in the header and footer.',
    default: 'Văn phòng Chính phủ (bản trình diễn)',
    parse: text,
  },
  PORTAL_CONTACT: {
    description: 'Contact line in the footer (address, hotline, email).',
    default: 'Đường dây hỗ trợ (bản trình diễn): 1900 0000 · Thư điện tử: hotro@opendvc.example',
    parse: text,
  },
  APP_SECRET: {
    description:
      'At least 32 characters of secret: encrypts officers’ TOTP secrets and keys the identity provider’s cookies.',
    default: 'development-only-secret-change-me-0123456789',
    requiredInProduction: true,
    parse: (raw: string) => {
      if (raw.length < 32) throw new ConfigError('must be at least 32 characters');
      return raw;
    },
  },
  IDP_ENABLED: {
    description:
      'Run the embedded national identity provider (OpenID Connect) at /idp, for development and demonstration.',
    default: 'true',
    parse: bool,
  },
  OIDC_ISSUER: {
    description:
      'OpenID Connect issuer citizens sign in with (the national identity provider). Default: PUBLIC_URL/idp when IDP_ENABLED.',
    default: undefined,
    parse: optionalUrl('http:', 'https:'),
  },
  OIDC_CLIENT_ID: {
    description: 'This portal’s client id at the identity provider.',
    default: 'opendvc-portal',
    parse: text,
  },
  OIDC_CLIENT_SECRET: {
    description: 'This portal’s client secret at the identity provider.',
    default: 'development-only-client-secret',
    requiredInProduction: true,
    parse: text,
  },
  OFFICERS_SIGN_IN_WITH_OIDC: {
    description:
      'Let officers sign in through the identity provider too (matched by the CCCD on their account); leaders and administrators then need the provider to report a second factor (amr).',
    default: 'false',
    parse: bool,
  },
  INSTANCE_ROLE: {
    description:
      "What this instance is (decision 0017): 'agency', a ministry's or province's system for handling procedures; 'national', the National Public Service Portal its members synchronise to.",
    default: 'agency',
    parse: oneOf('agency', 'national'),
  },
  DEMO_SYSTEM: {
    description:
      "In demo mode, which member system an agency instance plays: 'province' (Hồ Chí Minh City's and Nghệ An's wards and police) or 'ministry' (the Ministry of Construction's own procedure).",
    default: 'province',
    parse: oneOf('province', 'ministry'),
  },
  FEEDBACK_DESK_AGENCY: {
    description:
      'QCVN 102 code of the agency whose feedback desk receives the feedback sent to this instance, classifies it and forwards it to the competent agency.',
    default: '000.00.00.G22',
    parse: text,
  },
  HUB_URL: {
    description:
      'On an agency system: the national portal to synchronise to (its dossiers and their progress), e.g. https://dichvucong.gov.vn. Unset: not connected.',
    default: undefined,
    parse: optionalUrl('http:', 'https:'),
  },
  PAYMENT_SANDBOX: {
    description:
      'Run the embedded VNPay sandbox gateway at /sandbox/vnpay (it plays the bank offline) and pay through it unless VNPAY_PAYMENT_URL is set. Never in production.',
    default: 'true',
    parse: bool,
  },
  VNPAY_TMN_CODE: {
    description: 'VNPay terminal code (vnp_TmnCode) the fees are collected under.',
    default: 'OPENDVC1',
    parse: text,
  },
  VNPAY_HASH_SECRET: {
    description:
      'VNPay terminal secret: signs payment URLs and checks IPN, return and API answers.',
    default: SANDBOX_HASH_SECRET,
    parse: text,
  },
  VNPAY_PAYMENT_URL: {
    description:
      'VNPay payment page (…/paymentv2/vpcpay.html). Default: the sandbox when PAYMENT_SANDBOX; unset otherwise: no online payment.',
    default: undefined,
    parse: optionalUrl('https:', 'http:'),
  },
  VNPAY_API_URL: {
    description:
      'VNPay merchant API for transaction queries and refunds (…/merchant_webapi/api/transaction). Default: the sandbox when PAYMENT_SANDBOX.',
    default: undefined,
    parse: optionalUrl('https:', 'http:'),
  },
  CLAMAV_URL: {
    description:
      'ClamAV daemon that scans every upload before it is stored: tcp://host:3310 or the path of its local socket. Required in production; unset in development: uploads are not scanned.',
    default: undefined,
    requiredInProduction: true,
    parse: optionalText,
  },
  TSA_URL: {
    description:
      'RFC 3161 time-stamping authority (HTTP) that time-stamps every signature on a result (PAdES B-T), so a result still verifies after its certificate expires. Required in production; unset in demo mode: the demo authority this instance runs under its demo root CA.',
    default: undefined,
    requiredInProduction: true,
    parse: optionalUrl('https:', 'http:'),
  },
  SIGNATURE_TRUSTED_ROOTS: {
    description:
      'PEM file of the root certificates whose signatures the result verification trusts (the national root CA of the Government Cipher Committee, licensed CAs). The demo root CA is always trusted for the results this instance signed.',
    default: undefined,
    parse: optionalText,
  },
  TOTP_FOR_ALL_OFFICERS: {
    description:
      'Require a TOTP second factor of every officer; leaders and administrators always need one.',
    default: 'false',
    parse: bool,
  },
} satisfies Record<string, Variable<unknown>>;

type Variables = typeof CONFIG_VARIABLES;
type RawConfig = { [K in keyof Variables]: ReturnType<Variables[K]['parse']> };

export type Config = Omit<RawConfig, 'FILES_DIR'> & {
  FILES_DIR: string;
  /** The VNPay terminal fees are paid through; undefined: online payment is not configured. */
  vnpay: VnpayTerminal | undefined;
  /** Where citizens sign in: OIDC_ISSUER, or the embedded provider; undefined when neither. */
  oidcIssuer: string | undefined;
  /** PGlite folder, when no DATABASE_URL is set. */
  pgliteDir: string;
};

export class InvalidConfigError extends Error {}

/** The address of a server listening on `host:port`, as a browser on this machine reaches it. */
function listeningUrl(host: string, port: number): string {
  const local = ['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost', ''].includes(host);
  const name = local ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${String(port)}`;
}

/** Reads and checks the environment; the first bad variable stops start-up with one clear line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const values: Record<string, unknown> = {};
  const production = env.NODE_ENV === 'production';
  for (const [name, variable] of Object.entries(CONFIG_VARIABLES) as [
    string,
    Variable<unknown>,
  ][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') {
      if (production && variable.requiredInProduction) {
        throw new InvalidConfigError(
          `Configuration error: ${name} must be set in production (${variable.description})`,
        );
      }
      values[name] = variable.default === undefined ? undefined : variable.parse(variable.default);
      continue;
    }
    if (production && variable.requiredInProduction && raw === variable.default) {
      throw new InvalidConfigError(
        `Configuration error: ${name} is the published development default; production needs a value of its own`,
      );
    }
    try {
      values[name] = variable.parse(raw);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      throw new InvalidConfigError(`Configuration error: ${name} ${error.message} (got "${raw}")`);
    }
  }
  const config = values as RawConfig;
  // Unset, the address follows where the server listens: `PORT=3101 npm start` alone works, and
  // the sign-in provider calls back to the port the server is on.
  if ((env.PUBLIC_URL ?? '') === '') config.PUBLIC_URL = listeningUrl(config.HOST, config.PORT);
  if (config.NODE_ENV === 'production' && config.DEMO_MODE) {
    throw new InvalidConfigError('Configuration error: DEMO_MODE must be false in production');
  }
  if (
    config.NODE_ENV === 'production' &&
    config.OIDC_ISSUER !== undefined &&
    !config.OIDC_ISSUER.startsWith('https:')
  ) {
    throw new InvalidConfigError('Configuration error: OIDC_ISSUER must use https in production');
  }
  if (config.NODE_ENV === 'production' && config.PAYMENT_SANDBOX) {
    throw new InvalidConfigError(
      'Configuration error: PAYMENT_SANDBOX must be false in production',
    );
  }
  if (
    config.NODE_ENV === 'production' &&
    config.VNPAY_PAYMENT_URL !== undefined &&
    config.VNPAY_HASH_SECRET === SANDBOX_HASH_SECRET
  ) {
    throw new InvalidConfigError(
      'Configuration error: VNPAY_HASH_SECRET must be set in production when VNPAY_PAYMENT_URL is',
    );
  }
  const dataDir = path.resolve(config.DATA_DIR);
  const publicUrl = config.PUBLIC_URL.replace(/\/$/, '');
  const paymentUrl =
    config.VNPAY_PAYMENT_URL ??
    (config.PAYMENT_SANDBOX ? `${publicUrl}/sandbox/vnpay/paymentv2/vpcpay.html` : undefined);
  const apiUrl =
    config.VNPAY_API_URL ??
    (config.PAYMENT_SANDBOX
      ? `${publicUrl}/sandbox/vnpay/merchant_webapi/api/transaction`
      : undefined);
  return {
    vnpay:
      paymentUrl && apiUrl
        ? {
            tmnCode: config.VNPAY_TMN_CODE,
            hashSecret: config.VNPAY_HASH_SECRET,
            paymentUrl,
            apiUrl,
          }
        : undefined,
    ...config,
    oidcIssuer:
      config.OIDC_ISSUER ??
      (config.IDP_ENABLED ? `${config.PUBLIC_URL.replace(/\/$/, '')}/idp` : undefined),
    DATA_DIR: dataDir,
    FILES_DIR: path.resolve(config.FILES_DIR ?? path.join(dataDir, 'files')),
    pgliteDir: path.join(dataDir, 'pglite'),
  };
}
