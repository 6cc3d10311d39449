import { isOverlay, OVERLAYS, renderYaml } from './render';

// `npm run deploy:render -- production`: the overlay's manifests on stdout, for `kubectl apply -f -`.
const overlay = process.argv[2];
if (!isOverlay(overlay)) {
  console.error(`usage: npm run deploy:render -- <${OVERLAYS.join('|')}>`);
  process.exit(2);
}
process.stdout.write(renderYaml(overlay));
