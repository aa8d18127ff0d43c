import type { CallOptions } from "./internal/ops/action.js";

/** The kind of files `addArtifacts` adds (PySpark's keyword arguments); at most one is true. */
export interface AddArtifactsOptions {
  /** A Python file (`.py`, `.zip`, `.egg`, `.jar`) for Python workers, under `pyfiles/`. */
  readonly pyfile?: boolean;
  /** An archive (`.zip`, `.jar`, `.tar.gz`, `.tgz`, `.tar`) unpacked on the server, under `archives/`; `path#name` names the directory. */
  readonly archive?: boolean;
  /** Any file, under `files/` among the session's artifacts on the server. */
  readonly file?: boolean;
}

/** The options of addArtifacts: the kind of the files, and the call's signal and timeout. */
export type ArtifactOptions = AddArtifactsOptions & CallOptions;
