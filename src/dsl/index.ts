export { pin } from "./pin.js";
export { sum, avg, min, max, count, countDistinct, first, last, collectList, collectSet, asc, desc, over, type SortKey, type Window } from "./markers.js";
export { where, filter, select, withColumns, groupBy, orderBy } from "./pipeable.js";
export { F } from "./sparkFunctions.js";
