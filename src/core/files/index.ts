// Files the engineer names: opened safely (regular files only, bounded), and failures worded so they can be acted on.
// The folder's door: callers outside it import only this file (test/unit/layers.test.ts says why).
export { FileWriteError, readTextIfExists, writeFailureReason } from './files';
export { NamedFileError, describeBytes, openRegularFile, readNamedFile } from './named-file';
