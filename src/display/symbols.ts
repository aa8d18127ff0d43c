// The well-known symbols through which environments ask objects how to show themselves.

/** `Symbol.for("Jupyter.display")`: the method a Jupyter kernel (Deno's) calls for a MIME bundle. */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display");

/** `Symbol.for("nodejs.util.inspect.custom")`: what `util.inspect`, `console.log` and the REPL call. */
export const INSPECT: unique symbol = Symbol.for("nodejs.util.inspect.custom");

/** A MIME bundle for a Jupyter kernel: the same content in several formats. */
export interface MimeBundle {
  readonly "text/plain": string;
  readonly "text/html"?: string;
}
