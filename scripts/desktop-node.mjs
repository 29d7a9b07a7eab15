// The desktop app's tools (Electron 45, electron-builder) need Node 22.12 or newer; serve mode, the CLI,
// the tests and the build run on Node 20.19+. Says so plainly before `npm run dev` / `npm run dist`.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `The desktop app needs Node 22.12 or newer (Electron 45 and electron-builder require it); this is Node ${process.versions.node}.\n` +
      'Serve mode runs on this Node: npm start (or npm run serve) opens the bench in a browser.',
  );
  process.exit(1);
}
