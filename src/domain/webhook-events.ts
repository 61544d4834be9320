/** What a third party may subscribe to by webhook: the outbox's messages of an agency. */
export const WEBHOOK_EVENT_TYPES = [
  'dossier.progress',
  'result.signed',
  'payment.settled',
  'payment.refunded',
  'service.published',
] as const;
