export * from './erase-person';
export * from './export-person';
export * from './gdpr-health';
export * from './gdpr-report';
export * from './retention';
export * from './scrub';
