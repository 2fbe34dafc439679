// Trunk's post-build hook (Trunk.toml): the release build's scripts minified, then the precompressed siblings
// written from them. One hook, in this order: Trunk runs the hooks of one stage side by side, and the siblings must
// be of the minified files.
await import('./minify-scripts.mjs');
await import('./precompress.mjs');
