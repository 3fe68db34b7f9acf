import { luhnCheckDigit } from '@atergang/domain';

let counter = 0;

/** A fresh, valid 12-digit personnummer (born 1970-1999) for each call within a test run. */
export function newPersonnummer(): string {
  counter += 1;
  const year = 1970 + ((process.pid + counter) % 30);
  const month = String(1 + (counter % 12)).padStart(2, '0');
  const day = String(1 + (counter % 28)).padStart(2, '0');
  const serial = String((Math.floor(Math.random() * 900) + 100 + counter) % 1000).padStart(3, '0');
  const nine = `${String(year).slice(2)}${month}${day}${serial}`;
  return `${String(year)}${month}${day}${serial}${String(luhnCheckDigit(nine))}`;
}
