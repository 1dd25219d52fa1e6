// Stands in for zapier-platform-core's memory guard (zapier-platform-core/src/tools/memory-checker.js) under jest.
// On Lambda the guard ends a process that has run over 250 invocations with more than
// 450 MB resident, so that Zapier starts a fresh one. A jest worker runs thousands of
// invocations in one process (the fuzz runs, the fault matrix), and when the guard ends it,
// jest quietly starts a new worker and runs the whole test file again: slower, with a
// "process.exit called" trace and tallies counted twice. Tests are not Lambda, so no guard.
module.exports = () => undefined;
