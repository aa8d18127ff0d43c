export { pin } from "./pin.js";
