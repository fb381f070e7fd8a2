export * from './kmeans';
export * from './silhouette';
