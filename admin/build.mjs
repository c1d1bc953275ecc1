// Builds Medusa's admin dashboard into ./build for `channeld serve` to answer at /app, as
// `medusa build` does. The dashboard calls the server that serves it (backendUrl "/"), and
// logs in with a session cookie, the stock build's way.
import { build } from "@medusajs/admin-bundler"

const outDir = process.argv[2] ?? "build"
const started = Date.now()
// No plugins and no admin extensions of our own: the stock dashboard.
await build({ path: "/app", backendUrl: "/", outDir, plugins: [], sources: [] })
console.log(`admin dashboard built in ${outDir} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
