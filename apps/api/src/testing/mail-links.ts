import type { PrismaClient } from '@prisma/client';

/**
 * The token of the newest e-mailed link of a kind to an address, read from the outbox the
 * way the recipient would read it from the message (the link's fragment).
 */
export async function linkTokenFromOutbox(
  prisma: PrismaClient,
  to: string,
  kind: string,
): Promise<string> {
  const message = await prisma.mailMessage.findFirst({
    where: { toAddress: to.toLowerCase(), kind },
    orderBy: { createdAt: 'desc' },
  });
  if (!message) throw new Error(`no ${kind} mail to ${to} in the outbox`);
  const match = /#([A-Za-z0-9_%-]{20,})/.exec(message.textBody);
  if (!match?.[1]) throw new Error(`the ${kind} mail to ${to} holds no link with a token`);
  return decodeURIComponent(match[1]);
}
