/**
 * A stand-in for a platform process in the launcher's tests: says ready, then runs until killed. With
 * `STUBBORN=1` it ignores SIGTERM (a process whose graceful stop hangs); with `DIE_AFTER_MS` it ends
 * on its own (exit 3) after that long, as a crashing service would.
 */
console.log('stub ready');
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
