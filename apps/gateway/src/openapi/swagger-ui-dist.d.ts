// swagger-ui-dist ships no types; only this function is used (the folder holding its static assets).
declare module 'swagger-ui-dist' {
  export function getAbsoluteFSPath(): string;
}
