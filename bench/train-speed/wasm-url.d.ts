// workers/tf-backend.ts imports the tfjs wasm binaries with Vite's `?url` suffix; the bench worker imports
// it, and bench files typecheck under tsconfig.node, which does not load vite/client's types.
declare module '*.wasm?url' {
  const url: string;
  export default url;
}
