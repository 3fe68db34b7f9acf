import type { OutboxMessageView } from '@atergang/contracts';
import type { OutboxRow } from './mail.repository';

/** An outbox row as the demo's Utkorg shows it. */
export function toOutboxMessageView(row: OutboxRow): OutboxMessageView {
  return {
    id: row.id,
    kind: row.kind,
    to: row.toAddress,
    subject: row.subject,
    text: row.textBody,
    html: row.htmlBody,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
  };
}
