// Geospatial (ST) functions over GEOMETRY and GEOGRAPHY values (need spark.sql.geospatial.enabled).
import type { Column } from "../Column.js";
import { c, cv, type ColumnOrName } from "./args.js";
import { fn } from "./core.js";

/** Well-known binary (WKB) of a geometry or geography. @example stAsbinary("geo") */
export function stAsbinary(geo: ColumnOrName): Column {
  return fn("st_asbinary", c(geo));
}
/** A GEOGRAPHY from well-known binary. @example stGeogfromwkb("wkb") */
export function stGeogfromwkb(wkb: ColumnOrName): Column {
  return fn("st_geogfromwkb", c(wkb));
}
/** A GEOMETRY from well-known binary. @example stGeomfromwkb("wkb") */
export function stGeomfromwkb(wkb: ColumnOrName): Column {
  return fn("st_geomfromwkb", c(wkb));
}
/** The value with its spatial reference id set. @example stSetsrid(stGeomfromwkb("wkb"), 4326) */
export function stSetsrid(geo: ColumnOrName, srid: ColumnOrName | number): Column {
  return fn("st_setsrid", c(geo), cv(srid));
}
/** Spatial reference id of a geometry or geography. @example stSrid("geo") */
export function stSrid(geo: ColumnOrName): Column {
  return fn("st_srid", c(geo));
}
