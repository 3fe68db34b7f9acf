import type { OutboxMessageView } from '@atergang/contracts';
import { luhnCheckDigit } from '@atergang/domain';
import { expect } from '@playwright/test';
import { apiAs } from './helpers';

/** A valid 12-digit personnummer nobody in the demo has (born 1970–1999, random serial). */
export function newPersonnummer(): string {
  const random = (n: number) => Math.floor(Math.random() * n);
  const year = String(1970 + random(30));
  const month = String(1 + random(12)).padStart(2, '0');
  const day = String(1 + random(28)).padStart(2, '0');
  const serial = String(random(1000)).padStart(3, '0');
  const nine = `${year.slice(2)}${month}${day}${serial}`;
  return `${year}${month}${day}${serial}${String(luhnCheckDigit(nine))}`;
}

/**
 * The newest message of `kind` to `to` in the demo's Utkorg (GET /api/demo/outbox) that is
 * not one of `seen`, waited for: the mail is written in the change's own transaction.
 */
export async function mailTo(
  baseUrl: string,
  to: string,
  kind: string,
  seen: readonly OutboxMessageView[] = [],
): Promise<OutboxMessageView> {
  const reader = await apiAs(baseUrl, 'chef');
  let found: OutboxMessageView | undefined;
  await expect
    .poll(async () => {
      const messages = await reader.call<OutboxMessageView[]>('/demo/outbox');
      found = messages.find(
        (message) =>
          message.to === to &&
          message.kind === kind &&
          !seen.some((earlier) => earlier.id === message.id),
      );
      return found !== undefined;
    })
    .toBe(true);
  if (!found) throw new Error(`no ${kind} mail to ${to}`);
  return found;
}

/** The path and fragment of the web-client link a message carries (`/arende/svar#…`). */
export function linkIn(message: OutboxMessageView, path: string): string {
  const escaped = path.replace(/[/]/g, '\\/');
  const match = new RegExp(`${escaped}#[A-Za-z0-9_%.~-]+`).exec(message.text);
  if (!match) throw new Error(`no ${path} link in: ${message.text}`);
  return match[0];
}
