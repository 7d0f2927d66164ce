// Where `vscode`, `@aws-sdk/*` and `@smithy/*` resolve inside the core's TypeScript project (src/core/tsconfig.json
// maps them here). This file is deliberately not a module, so such an import is an error at the import itself:
// "File '.../no-vscode-or-aws-sdk-in-core.d.ts' is not a module". The core runs in the CLI, tests and the extension
// alike: what needs VS Code goes to src/ui, what needs AWS to src/aws.
