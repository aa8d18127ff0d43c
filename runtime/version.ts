/** This library's version, sent to the server in client_type. Kept equal to package.json's by a unit test. */
export const VERSION = "0.1.0";
