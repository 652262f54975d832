// The test Env is the Worker's Env (a type alias avoids the interface-merging pitfall in STACK.md).
type AppEnv = import("../src/lib/env").Bindings;
declare namespace Cloudflare {
  interface Env extends AppEnv {}
}
