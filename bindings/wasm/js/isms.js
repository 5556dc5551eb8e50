// The idiomatic JavaScript layer over the raw wasm-bindgen exports (src/lib.rs).
//
// What it does: turns requests into JSON text, parses the engine's JSON output, and turns the
// core's errors into `Error` subclasses. What it does not do: compute, validate or format anything
// itself; every result is what the engine returned (`JSON.parse` of its bytes, or the rendered
// text for another format). The per-operation methods are generated into api.js.
//
// Errors: a core error arrives as an `Error` with `code` and `reportJson` (the core's
// `ErrorReport`, byte for byte what `isms call` prints); `toError` picks the subclass for the code.
// A Rust panic traps the module (`WebAssembly.RuntimeError`); it becomes a `PanicError` with the
// panic message the hook kept. After a panic the module stays usable for further calls (the handle
// the panic happened in may stay borrowed and refuse calls), but the panic is a bug in the engine.

/** A request: an object shaped by the operation's request schema (plus `format`), or its JSON text. */
/** @typedef {string | { [key: string]: unknown }} AnyRequest */

/** @type {any} */
let raw = null;

/**
 * Binds the instantiated wasm module (done by the entry points, index.js and node.js).
 * @param {unknown} module
 */
export function _bind(module) {
  raw = module;
}

function engine() {
  if (raw === null) {
    throw new IsmsError('the isms WebAssembly module is not initialised: `await init()` first', {
      code: 'not_initialised', problems: [],
    });
  }
  return raw;
}

/** The base class of every error the engine throws. `code` is the core's stable code. */
export class IsmsError extends Error {
  /**
   * @param {string} message
   * @param {import('./types.js').ErrorReport} report the core's error report (code, message, path, line, column, id, problems)
   * @param {string} [reportJson] the report's JSON as the core wrote it
   */
  constructor(message, report, reportJson) {
    super(message);
    this.name = new.target.name;
    /** The core's stable `snake_case` code (`panic` for a PanicError). */
    this.code = report.code;
    /** The core's error report, parsed. */
    this.report = report;
    /** The error report as the core wrote it: the bytes `isms call` prints for this error. */
    this.reportJson = reportJson ?? JSON.stringify(report);
    /** Every problem (all of them for a ValidationError, one otherwise). */
    this.problems = report.problems ?? [];
    /** @type {string | undefined} JSON path of the offending value (parse, argument and limit errors). */
    this.path = report.path ?? undefined;
    /** @type {number | undefined} 1-based line (parse errors). */
    this.line = report.line ?? undefined;
    /** @type {number | undefined} 1-based column (parse errors). */
    this.column = report.column ?? undefined;
    /** @type {string | undefined} Id of the record concerned (transition and not-found errors). */
    this.id = report.id ?? undefined;
  }
}

/** `parse_error`: not JSON, or not shaped like the document (`path`, `line`, `column`). */
export class ParseError extends IsmsError {}
/** `invalid_document`: the document breaks the model's rules; `problems` holds every one. */
export class ValidationError extends IsmsError {}
/** `invalid_argument`: a request parameter out of its domain (`path` names it). */
export class InvalidArgumentError extends IsmsError {}
/** `transition_not_allowed`: a nonconformity action its state does not allow (`id`). */
export class TransitionError extends IsmsError {}
/** `not_found`: no entity with this id (`id`). */
export class NotFoundError extends IsmsError {}
/** `limit_exceeded`: the computation would exceed its work limit (`path`). */
export class LimitExceededError extends IsmsError {}
/** A Rust panic inside the engine (a bug): `code` is `panic`, the message is the panic's. */
export class PanicError extends IsmsError {}

/** The error class for each of the core's error codes. */
export const ERROR_CLASSES = Object.freeze({
  parse_error: ParseError,
  invalid_document: ValidationError,
  invalid_argument: InvalidArgumentError,
  transition_not_allowed: TransitionError,
  not_found: NotFoundError,
  limit_exceeded: LimitExceededError,
});

/**
 * @param {unknown} e
 * @returns {unknown}
 */
function toError(e) {
  if (e instanceof IsmsError) return e;
  if (e instanceof WebAssembly.RuntimeError) {
    const message = raw?.takePanicMessage?.() ?? e.message;
    const err = new PanicError(`the isms engine panicked: ${message}`, { code: 'panic', message, problems: [] });
    err.cause = e;
    return err;
  }
  if (e instanceof Error && typeof e.reportJson === 'string') {
    const report = JSON.parse(e.reportJson);
    const Class = ERROR_CLASSES[report.code] ?? IsmsError;
    return new Class(report.message, report, e.reportJson);
  }
  return e;
}

/**
 * @template T
 * @param {() => T} f
 * @returns {T}
 */
function guard(f) {
  try {
    return f();
  } catch (e) {
    throw toError(e);
  }
}

/** @param {AnyRequest | undefined | null} request */
const requestText = (request) => (request === undefined || request === null ? '{}'
  : typeof request === 'string' ? request : JSON.stringify(request, replacer));

// A nested `Isms` (e.g. `newer` of `drift` or `soa_diff`) travels as its canonical document.
/**
 * @param {string} _key
 * @param {unknown} value
 */
function replacer(_key, value) {
  return value instanceof IsmsBase ? JSON.parse(value.canonicalJson()) : value;
}

/**
 * @param {AnyRequest | undefined} request
 * @param {string} text
 * @returns {any}
 */
const output = (request, text) => {
  const format = request && typeof request === 'object' ? request.format : undefined;
  return format === undefined || format === 'json' ? JSON.parse(text) : text;
};

const _HANDLE = Symbol('handle');

/** @type {WeakMap<object, any>} */
const handles = new WeakMap();

/** The operations on a document; api.js adds one method per operation of the engine. */
export class IsmsBase {
  /**
   * Parses and validates a document: JSON text or an object shaped like it. Throws ParseError or
   * ValidationError (every problem in `.problems`).
   * @param {string | import('./types.js').Document} document
   */
  constructor(document) {
    if (document === _HANDLE) return;
    const text = typeof document === 'string' ? document : JSON.stringify(document);
    handles.set(this, guard(() => engine().IsmsHandle.fromJson(text)));
  }

  /**
   * Same as `new Isms(text)`.
   * @template {typeof IsmsBase} C
   * @this {C}
   * @param {string} text
   * @returns {InstanceType<C>}
   */
  static fromJson(text) {
    // @ts-ignore: `this` is a subclass constructor
    return new this(String(text));
  }

  /**
   * @template {typeof IsmsBase} C
   * @this {C}
   * @param {unknown} handle
   * @returns {InstanceType<C>}
   */
  static _wrap(handle) {
    // @ts-ignore: `this` is a subclass constructor
    const isms = new this(_HANDLE);
    handles.set(isms, handle);
    return isms;
  }

  get _handle() {
    const h = handles.get(this);
    if (h === undefined) throw new IsmsError('this Isms has been freed', { code: 'freed', problems: [] });
    return h;
  }

  /**
   * Runs any operation of the engine on this document: the request as an object or JSON text,
   * with an optional `format`; returns the rendered text (JSON text for `json`), byte for byte
   * what `isms call` prints.
   * @param {string} op
   * @param {AnyRequest} [request]
   * @returns {string}
   */
  call(op, request) {
    return guard(() => this._handle.call(op, requestText(request)));
  }

  /**
   * The document in canonical form: deterministic JSON, defaults omitted (`isms fmt`).
   * @returns {string}
   */
  canonicalJson() {
    return guard(() => this._handle.canonicalJson());
  }

  /**
   * The document as a plain object (its canonical JSON, parsed).
   * @returns {import('./types.js').Document}
   */
  toObject() {
    return JSON.parse(this.canonicalJson());
  }

  /** Releases the engine's memory now (otherwise done when the object is garbage-collected). */
  free() {
    handles.get(this)?.free();
    handles.delete(this);
  }

  /**
   * @param {string} op
   * @param {AnyRequest} [request]
   * @returns {any}
   */
  _run(op, request) {
    return output(request, this.call(op, request));
  }

  /**
   * @param {AnyRequest} request
   * @returns {any}
   */
  _transition(request) {
    if (request && typeof request === 'object' && request.format !== undefined && request.format !== 'json') {
      return this.call('nc_transition', request);
    }
    // `format: "json"` is the default form (the new document as a handle); the raw export takes
    // the operation's request only.
    const plain = request && typeof request === 'object' && 'format' in request
      ? Object.fromEntries(Object.entries(request).filter(([k]) => k !== 'format')) : request;
    const handle = guard(() => this._handle.ncTransition(requestText(plain)));
    return /** @type {typeof IsmsBase} */ (this.constructor)._wrap(handle);
  }
}


/**
 * Runs an operation that needs no document and returns its parsed JSON (or the rendered text for
 * another `format`); see `call` for the generic form.
 * @param {string} op
 * @param {AnyRequest} [request]
 * @returns {any}
 */
export function runFree(op, request) {
  return output(request, call(op, request));
}

/**
 * Runs any operation: `document` (an `Isms`, JSON text or an object) for the operations that need
 * one. Returns the rendered text, byte for byte what `isms call` prints.
 * @param {string} op
 * @param {AnyRequest} [request]
 * @param {IsmsBase | string | import('./types.js').Document} [document]
 * @returns {string}
 */
export function call(op, request, document) {
  if (document instanceof IsmsBase) return document.call(op, request);
  const doc = document === undefined || document === null ? undefined
    : typeof document === 'string' ? document : JSON.stringify(document);
  return guard(() => engine().call(op, requestText(request), doc));
}

/**
 * Every integrity problem of a document that parses (empty when it is valid): the way to inspect
 * a document that `new Isms` refuses. Throws ParseError when it does not parse.
 * @param {string | import('./types.js').Document} document
 * @returns {import('./types.js').Problem[]}
 */
export function validate(document) {
  const text = typeof document === 'string' ? document : JSON.stringify(document);
  return JSON.parse(guard(() => engine().validateJson(text)));
}

/**
 * The core's error codes (each has a class in ERROR_CLASSES).
 * @returns {string[]}
 */
export function errorCodes() {
  return JSON.parse(engine().errorCodesJson());
}

/**
 * The validation problem codes and what each means, as `[code, meaning]` pairs.
 * @returns {[string, string][]}
 */
export function problemCodes() {
  return JSON.parse(engine().problemCodesJson());
}

/**
 * The package version.
 * @returns {string}
 */
export function version() {
  return engine().version();
}

/**
 * The version of the standard's catalog data built into the engine.
 * @returns {string}
 */
export function catalogVersion() {
  return engine().catalogVersion();
}

/**
 * Panics inside the engine on purpose (for tests of the panic mapping): throws PanicError.
 * @returns {void}
 */
export function _panicForTest() {
  return guard(() => engine().panicForTest());
}
