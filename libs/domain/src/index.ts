// Pure domain logic shared by the API and the web client: no I/O, no frameworks.

export * from './iso-date';
export * from './luhn';
export * from './personnummer';
export * from './organisationsnummer';
export * from './hsa-id';
export * from './legal-sources';
export * from './rehab-rulesets';
export * from './rehab-employment';
export * from './sick-periods';
export * from './sick-leave-steps';
export * from './rehab-expected-length';
export * from './rehab-chain';
export * from './rehab-deadline-tasks';
