export { createLookupFront } from './lookup-front';
export type { LookupFrontOptions } from './lookup-front';
export { LOOKUP_METHOD, ORIGINAL_METHOD_HEADER, REWRITTEN_METHOD, originalMethod } from './lookup-marker';
