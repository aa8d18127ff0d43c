// The row types and DataFrames the fixtures query (declared only: nothing runs).
import type { DataFrame } from "../../../src/index.js";

export interface Event {
  id: number;
  country: string;
  amount: number;
  user: string | null;
  ts: Date;
  tags: string[];
  flag: boolean | null;
  cents: bigint;
  code: string | null;
}

export interface User {
  id: string;
  name: string;
}

export declare const events: DataFrame<Event>;
export declare const users: DataFrame<User>;
