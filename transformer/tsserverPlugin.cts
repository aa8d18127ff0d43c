// The tsserver plugin entry (CommonJS, as tsserver loads plugins with require). Add to
// tsconfig.json: "plugins": [{ "name": "spark-connect-ts/tsserver-plugin" }]. It needs a
// Node that can require ES modules (22.12 or later) in the editor's TypeScript server.
import type * as TS from "typescript";

function init(modules: { typescript: typeof TS }) {
  return {
    create(info: { languageService: TS.LanguageService }): TS.LanguageService {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { decorate } = require("./languageService.js") as typeof import("./languageService.js");
      return decorate(modules.typescript as never, info.languageService);
    },
  };
}

export = init;
