/** The address part of a sender written as an address or as "Name <address>". */
export function addressOf(from: string): string {
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();
}
