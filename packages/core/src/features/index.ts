export * from './academic-calendar';
export * from './lead-features';
