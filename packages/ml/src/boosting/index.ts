export * from './gradient-boosting-base';
export * from './gradient-boosting-classifier';
export * from './gradient-boosting-regressor';
export * from './params';
