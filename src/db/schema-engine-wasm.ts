// Loads @prisma/schema-engine-wasm by hand (docs/adr/0002-migrations-with-wasm-schema-engine.md): the
// package's entry imports its .wasm as an ES module, which Node 20 refuses, so the
// glue module is wired to the compiled binary here, once per process.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as wasmBindings from '@prisma/schema-engine-wasm/schema_engine_bg';

export type SchemaEngineBindings = typeof wasmBindings;

/** The few WebAssembly calls we make; lib "ES2023" without "DOM" has no types for them. */
interface WebAssemblyApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: Record<string, object>): Promise<{ exports: Record<string, unknown> }>;
}

let bindingsPromise: Promise<SchemaEngineBindings> | undefined;

/** The engine's bindings, instantiated on first use. */
export function loadSchemaEngine(): Promise<SchemaEngineBindings> {
  if (bindingsPromise) return bindingsPromise;
  bindingsPromise = (async () => {
    const gluePath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(gluePath.replace(/\.js$/, '.wasm'));
    const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
    const module = await webAssembly.compile(bytes);
    // The binary imports its JS helpers under the glue module's file name.
    let exports: Record<string, unknown> = {};
    const memory = (): ArrayBuffer => (exports.memory as { buffer: ArrayBuffer }).buffer;
    const instance = await webAssembly.instantiate(module, { './schema_engine_bg.js': engineImports(wasmBindings, memory) });
    exports = instance.exports;
    wasmBindings.__wbg_set_wasm(instance.exports);
    const start = instance.exports.__wbindgen_start;
    if (typeof start !== 'function') throw new Error('@prisma/schema-engine-wasm: __wbindgen_start missing');
    (start as () => void)();
    return wasmBindings;
  })();
  // A failed load may be retried rather than cached.
  bindingsPromise.catch(() => {
    bindingsPromise = undefined;
  });
  return bindingsPromise;
}

/** The message of the last Rust panic inside the engine, kept until it is reported. */
let lastPanic: string | undefined;

/**
 * Two of the glue module's imports are replaced:
 * - the engine arms timers it never clears (e.g. a 10 s limit on taking the migration
 *   lock), which would keep the process alive that long after the work is done; they
 *   only guard operations whose sockets keep the process alive anyway, so they are
 *   unref'd;
 * - a Rust panic reports its message to a global registry (PRISMA_WASM_PANIC_REGISTRY)
 *   that only the Prisma client sets up, for its own engine; without it the panic
 *   reads "Cannot read properties of undefined". We keep the message ourselves.
 */
function engineImports(bindings: object, memory: () => ArrayBuffer): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...bindings };
  for (const name of Object.keys(imports)) {
    if (name.startsWith('__wbg_setTimeout_')) {
      imports[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
    } else if (name.startsWith('__wbg_set_message_')) {
      imports[name] = (pointer: number, length: number) => {
        lastPanic = Buffer.from(memory(), pointer >>> 0, length).toString('utf8');
        // Thrown through the wasm frames, as the Prisma client's registry does; if it
        // surfaces outside our await (the engine's futures run from microtasks), it
        // still says what happened.
        throw new Error(`Prisma's schema engine crashed: ${lastPanic}`);
      };
    }
  }
  return imports;
}

/**
 * The message of a Rust panic since the last call, if any. A panic leaves the
 * instance's state undefined, so the next loadSchemaEngine() makes a new one.
 */
export function takePanic(): string | undefined {
  const message = lastPanic;
  if (message !== undefined) {
    lastPanic = undefined;
    bindingsPromise = undefined;
  }
  return message;
}
