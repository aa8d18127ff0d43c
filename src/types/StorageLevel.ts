import { InvalidPlanError } from "../../runtime/errors.js";

/** Spark's named storage levels. */
export type StorageLevelName =
  | "NONE"
  | "DISK_ONLY"
  | "DISK_ONLY_2"
  | "DISK_ONLY_3"
  | "MEMORY_ONLY"
  | "MEMORY_ONLY_2"
  | "MEMORY_AND_DISK"
  | "MEMORY_AND_DISK_2"
  | "OFF_HEAP"
  | "MEMORY_AND_DISK_DESER";

/** Where and how cached data is kept, as the protocol's StorageLevel. */
export interface StorageLevel {
  readonly useDisk: boolean;
  readonly useMemory: boolean;
  readonly useOffHeap: boolean;
  readonly deserialized: boolean;
  readonly replication: number;
}

const level = (useDisk: boolean, useMemory: boolean, useOffHeap: boolean, deserialized: boolean, replication = 1): StorageLevel => ({
  useDisk,
  useMemory,
  useOffHeap,
  deserialized,
  replication,
});

const LEVELS: Readonly<Record<StorageLevelName, StorageLevel>> = {
  NONE: level(false, false, false, false),
  DISK_ONLY: level(true, false, false, false),
  DISK_ONLY_2: level(true, false, false, false, 2),
  DISK_ONLY_3: level(true, false, false, false, 3),
  MEMORY_ONLY: level(false, true, false, false),
  MEMORY_ONLY_2: level(false, true, false, false, 2),
  MEMORY_AND_DISK: level(true, true, false, false),
  MEMORY_AND_DISK_2: level(true, true, false, false, 2),
  OFF_HEAP: level(true, true, true, false),
  MEMORY_AND_DISK_DESER: level(true, true, false, true),
};

/** The storage level of a name; an unknown name is an InvalidPlanError listing the known ones. */
export function storageLevel(method: string, name: string): StorageLevel {
  if (!Object.hasOwn(LEVELS, name)) {
    throw new InvalidPlanError({ message: `${method}(): unknown storage level "${name}"; use one of ${Object.keys(LEVELS).join(", ")}.` });
  }
  return LEVELS[name as StorageLevelName];
}

/** How the plan's result is cached (all false when it is not). */
export interface StorageLevelInfo {
  readonly useDisk: boolean;
  readonly useMemory: boolean;
  readonly useOffHeap: boolean;
  readonly deserialized: boolean;
  readonly replication: number;
}
