/** A relation the server keeps for the session (a checkpoint's result), by its id. */
export interface CachedRemoteRelationNode {
  readonly kind: "CachedRemoteRelation";
  readonly relationId: string;
}

export const CachedRemoteRelationNode = Object.freeze({
  create(relationId: string): CachedRemoteRelationNode {
    return Object.freeze({ kind: "CachedRemoteRelation", relationId });
  },
});
