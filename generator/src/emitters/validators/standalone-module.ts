/**
 * A quarantined speed-up, justified by `npm run bench -- generator` (the validators emitter on
 * the synthetic protocols): ajv's `standaloneCode(ajv, refs)` appends each export to a code
 * object holding everything before it, copying it each time, so its time grows with the square
 * of the number of exports (some 7 s of 10 for 1000 methods, 4000 exports). This builds the same
 * module text for an ESM ajv instance as a list of parts joined once. It follows ajv's algorithm
 * step for step through ajv's own code-generation modules; `test/standalone-module.test.ts`
 * checks it gives the same bytes as `standaloneCode` on every protocol the tests generate.
 */
import type { Ajv } from 'ajv';
import type { Code } from 'ajv/dist/compile/codegen/code.js';
import codeModule from 'ajv/dist/compile/codegen/code.js';
import scopeModule from 'ajv/dist/compile/codegen/scope.js';
import type { ValueScopeName, UsedScopeValues } from 'ajv/dist/compile/codegen/scope.js';
import type { AnyValidateFunction, SourceCode } from 'ajv/dist/types/index.js';

// ajv's modules are CommonJS: under NodeNext their exports arrive on the default import.
const { _, _Code, nil, getEsmExportName } = codeModule as unknown as typeof import('ajv/dist/compile/codegen/code.js');
const { UsedValueState, varKinds } = scopeModule as unknown as typeof import('ajv/dist/compile/codegen/scope.js');

/** `standaloneCode(ajv, refs)` of an instance made with `code: { source: true, esm: true }`, in linear time. */
export function standaloneModule(ajv: Ajv, refs: Readonly<Record<string, string>>): string {
  const newline = ajv.scope.opts._n;
  const used: UsedScopeValues = {};
  const parts: string[] = ['"use strict";'];
  for (const name in refs) {
    const validate = ajv.getSchema(refs[name] as string) as AnyValidateFunction | undefined;
    if (validate === undefined) throw new Error(`moduleCode: no schema with id ${refs[name]}`);
    const source = sourceOf(validate);
    const code = validateCode(ajv, used, source, newline);
    parts.push(
      `${newline.toString()}export const ${getEsmExportName(name).toString()} = ${source.validateName.toString()};${newline.toString()}${code.toString()}`,
    );
  }
  return parts.join('');
}

function sourceOf(validate: AnyValidateFunction): SourceCode {
  if (validate.source === undefined) throw new Error('moduleCode: function does not have "source" property');
  return validate.source;
}

/** The code of one validate function and the scope values it uses that were not emitted yet (each once). */
function validateCode(ajv: Ajv, used: UsedScopeValues, source: SourceCode, newline: Code): Code {
  const state = (name: ValueScopeName) => used[name.prefix]?.get(name);
  const setState = (name: ValueScopeName, value: (typeof UsedValueState)[keyof typeof UsedValueState]) => {
    const names = (used[name.prefix] ??= new Map());
    names.set(name, value);
  };
  if (state(source.validateName) === UsedValueState.Completed) return nil;
  setState(source.validateName, UsedValueState.Started);
  const referenced = (name: ValueScopeName): Code | undefined => {
    const ref = name.value?.ref;
    if (name.prefix === 'validate' && typeof ref === 'function')
      return validateCode(ajv, used, sourceOf(ref as AnyValidateFunction), newline);
    if ((name.prefix === 'root' || name.prefix === 'wrapper') && typeof ref === 'object' && ref !== null) {
      const { validate, validateName } = ref as { validate?: AnyValidateFunction; validateName?: ValueScopeName };
      if (validateName === undefined) throw new Error('ajv internal error');
      const wrapper = _`${ajv.opts.code.es5 === true ? varKinds.var : varKinds.const} ${name} = {validate: ${validateName}};`;
      if (state(validateName) === UsedValueState.Started) return wrapper;
      return _`${wrapper}${newline}${validate === undefined ? nil : validateCode(ajv, used, sourceOf(validate), newline)}`;
    }
    return undefined;
  };
  const scope = ajv.scope.scopeCode(source.scopeValues, used, referenced);
  const code = new _Code(`${scope.toString()}${newline.toString()}${source.validateCode}`);
  return source.evaluated === undefined
    ? code
    : _`${code}${source.validateName}.evaluated = ${source.evaluated};${newline}`;
}
