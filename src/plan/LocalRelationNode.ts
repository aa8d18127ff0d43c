/** Rows sent from the client as an Arrow IPC stream, with an optional DDL schema. */
export interface LocalRelationNode {
  readonly kind: "LocalRelation";
  readonly data: Uint8Array | undefined;
  readonly schema: string | undefined;
}

export const LocalRelationNode = Object.freeze({
  create(data: Uint8Array | undefined, schema: string | undefined): LocalRelationNode {
    return Object.freeze({ kind: "LocalRelation", data, schema });
  },
});
