// Zapier's integration checks (docs.zapier.com/platform/publish/integration-checks-reference),
// as pure functions over the app definition Zapier sees: core's compiled and serialized
// app, the same JSON `zapier-platform build` writes to definition.json. Each function
// returns its violations as sentences that start with the check id, so a failing test
// reads like Zapier's own report. An empty list means the check passes.
export * from './checks/definition.ts';
export * from './checks/fields.ts';
export * from './checks/samples.ts';
export * from './checks/text.ts';
