// The instance identity document: verified offline against AWS's published certificates, and answered in words.
// The folder's door: callers outside it import only this file (test/unit/layers.test.ts says why).
export * from './identity-answer';
export * from './verify';
export { DEFAULT_IDENTITY_DOCUMENT_DAYS } from './document';
