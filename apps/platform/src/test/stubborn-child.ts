/**
 * A stand-in for a platform process in the launcher's tests: says ready, then runs until killed. With
 * `STUBBORN=1` it ignores SIGTERM (a process whose graceful stop hangs); with `DIE_AFTER_MS` it ends
 * on its own (exit 3) after that long, as a crashing service would; with `READY_AFTER_MS` it says
 * ready only after that long, as a service that migrates and connects first; with `FAIL_AT_START` it
 * prints that text on stderr and ends (exit 1) before it is ready, as a service whose start throws.
 */
const failAtStart = process.env['FAIL_AT_START'];
if (failAtStart) {
  // A service whose start throws: its error on stderr, then exit 1, never ready.
  console.error(failAtStart);
  process.exit(1);
}
const readyAfter = Number(process.env['READY_AFTER_MS'] ?? '0');
setTimeout(() => {
  console.log('stub ready');
}, readyAfter);
if (process.env['STUBBORN'] === '1') {
  process.on('SIGTERM', () => {
    console.log('stub ignores SIGTERM');
  });
}
const dieAfter = Number(process.env['DIE_AFTER_MS'] ?? '0');
if (dieAfter > 0)
  setTimeout(() => {
    process.exit(3);
  }, dieAfter);
setInterval(() => undefined, 1000);
