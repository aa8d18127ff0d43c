/** A table by name, or files/a source through a data source format. */
export interface ReadNode {
  readonly kind: "Read";
  readonly source: { readonly type: "table"; readonly name: string } | { readonly type: "dataSource"; readonly format: string | undefined; readonly paths: readonly string[]; readonly schema: string | undefined };
  readonly options: Readonly<Record<string, string>>;
  readonly streaming: boolean;
}

export const ReadNode = Object.freeze({
  create(source: { readonly type: "table"; readonly name: string } | { readonly type: "dataSource"; readonly format: string | undefined; readonly paths: readonly string[]; readonly schema: string | undefined }, options: Readonly<Record<string, string>>, streaming: boolean): ReadNode {
    return Object.freeze({ kind: "Read", source, options, streaming });
  },
});
