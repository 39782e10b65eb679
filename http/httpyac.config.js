// httpyac (https://httpyac.github.io) runs these files from the command line: ./test.sh does, through
// tests/EndToEnd.Tests/HttpFilesTests.cs (npx-free: tests/http/node_modules/.bin/httpyac send … --all).
// The files are written for VS Code REST Client; this configuration teaches httpyac the two REST Client idioms it
// lacks, and keeps the files valid for REST Client:
//  1. request variables: {{name.response.body.$.path}}, {{name.response.body.*}}, {{name.response.headers.Name}}
//     (and .request.…) read the response of the request named `# @name name`. httpyac evaluates a file-level
//     `@token = {{admin.response.…}}` once, before the first request: until `admin` has run, the expression is kept
//     (escaped, so httpyac does not read it as JavaScript) and resolved where `{{token}}` is used.
//  2. assertions as comments: `# ?? status == 201`, `# ?? js response.parsedBody.status == assigned` — httpyac's own
//     assertion syntax (https://httpyac.github.io/guide/assert.html) behind a `#`, so REST Client reads a comment.
//     A failed assertion fails httpyac's run (exit code 20 and a failed-test count in --json).
//  3. `# @eventually <JavaScript condition on response>`: the platform is eventually consistent (an assignment, a
//     referral reaching the police inbox, an import job, the figures follow a registration within a second or so).
//     httpyac sends the request again every 250 ms until the condition holds (at most 20 s), then the assertions
//     run on the last answer. REST Client reads a comment: send the request again yourself if it is not there yet.

const requestVariable = /^\s*([A-Za-z_][\w-]*)\.(response|request)\.(body|headers)\.(.+?)\s*$/u;

/** A JSONPath of the kind REST Client accepts ($.a.b[0].c, $[1].x) applied to a parsed body. */
function jsonPath(value, path) {
  if (path === '*') return value;
  if (!path.startsWith('$')) return undefined;
  const steps = path.slice(1).match(/\.[^.[\]]+|\[\d+\]|\['[^']*'\]/gu) ?? [];
  for (const step of steps) {
    if (value === undefined || value === null) return undefined;
    if (step.startsWith('[\'')) value = value[step.slice(2, -2)];
    else if (step.startsWith('[')) value = value[Number(step.slice(1, -1))];
    else value = value[step.slice(1)];
  }
  return value;
}

function header(headers, name) {
  if (!headers) return undefined;
  const key = Object.keys(headers).find(k => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value.join(', ') : value;
}

function resolve(expression, variables) {
  const match = requestVariable.exec(expression);
  if (!match) return { known: false };
  const [, name, part, section, path] = match;
  const response = variables[`${name}Response`];
  if (!response) return { known: false }; // that request has not run yet: keep the expression
  const message = part === 'response' ? response : response.request;
  if (!message) return { known: true, value: '' };
  let value;
  if (section === 'headers') value = header(message.headers, path);
  else {
    let body = part === 'response' ? (message.parsedBody ?? message.body) : message.body;
    if (typeof body === 'string' && path !== '*') {
      try { body = JSON.parse(body); } catch { /* not JSON: only * applies */ }
    }
    value = jsonPath(body, path);
  }
  if (value === undefined || value === null) return { known: true, value: '' };
  return { known: true, value: typeof value === 'object' ? JSON.stringify(value) : String(value) };
}

module.exports = {
  configureHooks(api) {
    // 1. REST Client request variables, before httpyac reads {{…}} as JavaScript
    api.hooks.replaceVariable.addHook(
      'restClientRequestVariables',
      async (text, _type, context) => {
        if (typeof text !== 'string' || !text.includes('{{')) return text;
        return text.replace(/\{\{([^{}]+)\}\}/gu, (whole, expression) => {
          const resolved = resolve(expression, context.variables);
          if (resolved.known) return resolved.value;
          return requestVariable.test(expression) ? `\\{\\{${expression}\\}\\}` : whole; // unescaped after the loop
        });
      },
      { after: ['name'], before: ['javascript'] }
    );

    // 3. `# @eventually <condition>`: send again until the condition holds on the answer
    api.hooks.parseMetaData.addHook('eventually', (type, condition, parserContext) => {
      if (type !== 'eventually') return false;
      if (!condition) throw new Error('httpyac.config.js: # @eventually needs a condition on response');
      parserContext.httpRegion.hooks.onResponse.addHook('eventually', async (response, context) => {
        const holds = async () => {
          try {
            return !!(await api.javascriptProvider.evalExpression(condition, context, { response }));
          } catch {
            return false;
          }
        };
        const deadline = Date.now() + 20000;
        while (!(await holds()) && Date.now() < deadline) {
          await new Promise(done => setTimeout(done, 250));
          const again = await api.httpClientProvider.exchange({ ...response.request }, { isMainContext: false });
          if (!again) break;
          for (const key of ['statusCode', 'statusMessage', 'headers', 'timings', 'meta']) response[key] = again[key];
          response.body = again.body; // clears the parsed forms of the old body
          response.rawBody = again.rawBody;
          if (typeof again.body === 'string' && /json/u.test(String(header(again.headers, 'content-type')))) {
            try { response.parsedBody = JSON.parse(again.body); } catch { /* not JSON after all */ }
          }
        }
        if (!(await holds())) api.log.warn(`# @eventually ${condition}: still not true after 20 s`);
      });
      return true;
    });

    // 2. `# ?? …` comment lines handed to httpyac's own assertion parser without the `#`
    const assert = api.hooks.parse.items.find(item => item.id === 'assert');
    if (!assert) {
      api.log.error('httpyac.config.js: httpyac has no assert parser; the # ?? assertions would be ignored');
      throw new Error('httpyac without its assert plugin');
    }
    api.hooks.parse.addHook(
      'commentedAssert',
      async (getLineReader, context) => {
        const next = getLineReader().next();
        if (next.done || !/^\s*#\s*\?\?\s/u.test(next.value.textLine)) return false;
        const line = { ...next.value, textLine: next.value.textLine.replace(/^\s*#\s*/u, '') };
        const parsed = await assert.action(() => [line][Symbol.iterator](), context);
        if (!parsed) throw new Error(`httpyac.config.js: not an assertion httpyac understands: ${next.value.textLine.trim()}`);
        return parsed;
      },
      { before: ['meta'] }
    );
  },
};
