/**
 * Binds the instantiated wasm module (done by the entry points, index.js and node.js).
 * @param {unknown} module
 */
export function _bind(module: unknown): void;
/**
 * Runs an operation that needs no document and returns its parsed JSON (or the rendered text for
 * another `format`); see `call` for the generic form.
 * @param {string} op
 * @param {AnyRequest} [request]
 * @returns {any}
 */
export function runFree(op: string, request?: AnyRequest): any;
/**
 * Runs any operation: `document` (an `Isms`, JSON text or an object) for the operations that need
 * one. Returns the rendered text, byte for byte what `isms call` prints.
 * @param {string} op
 * @param {AnyRequest} [request]
 * @param {IsmsBase | string | import('./types.js').Document} [document]
 * @returns {string}
 */
export function call(op: string, request?: AnyRequest, document?: IsmsBase | string | import("./types.js").Document): string;
/**
 * Every integrity problem of a document that parses (empty when it is valid): the way to inspect
 * a document that `new Isms` refuses. Throws ParseError when it does not parse.
 * @param {string | import('./types.js').Document} document
 * @returns {import('./types.js').Problem[]}
 */
export function validate(document: string | import("./types.js").Document): import("./types.js").Problem[];
/**
 * The core's error codes (each has a class in ERROR_CLASSES).
 * @returns {string[]}
 */
export function errorCodes(): string[];
/**
 * The validation problem codes and what each means, as `[code, meaning]` pairs.
 * @returns {[string, string][]}
 */
export function problemCodes(): [string, string][];
/**
 * The package version.
 * @returns {string}
 */
export function version(): string;
/**
 * The version of the standard's catalog data built into the engine.
 * @returns {string}
 */
export function catalogVersion(): string;
/**
 * Panics inside the engine on purpose (for tests of the panic mapping): throws PanicError.
 * @returns {void}
 */
export function _panicForTest(): void;
/** The base class of every error the engine throws. `code` is the core's stable code. */
export class IsmsError extends Error {
    /**
     * @param {string} message
     * @param {import('./types.js').ErrorReport} report the core's error report (code, message, path, line, column, id, problems)
     * @param {string} [reportJson] the report's JSON as the core wrote it
     */
    constructor(message: string, report: import("./types.js").ErrorReport, reportJson?: string);
    /** The core's stable `snake_case` code (`panic` for a PanicError). */
    code: string;
    /** The core's error report, parsed. */
    report: import("./types.js").ErrorReport;
    /** The error report as the core wrote it: the bytes `isms call` prints for this error. */
    reportJson: string;
    /** Every problem (all of them for a ValidationError, one otherwise). */
    problems: import("./types.js").Problem[];
    /** @type {string | undefined} JSON path of the offending value (parse, argument and limit errors). */
    path: string | undefined;
    /** @type {number | undefined} 1-based line (parse errors). */
    line: number | undefined;
    /** @type {number | undefined} 1-based column (parse errors). */
    column: number | undefined;
    /** @type {string | undefined} Id of the record concerned (transition and not-found errors). */
    id: string | undefined;
}
/** `parse_error`: not JSON, or not shaped like the document (`path`, `line`, `column`). */
export class ParseError extends IsmsError {
}
/** `invalid_document`: the document breaks the model's rules; `problems` holds every one. */
export class ValidationError extends IsmsError {
}
/** `invalid_argument`: a request parameter out of its domain (`path` names it). */
export class InvalidArgumentError extends IsmsError {
}
/** `transition_not_allowed`: a nonconformity action its state does not allow (`id`). */
export class TransitionError extends IsmsError {
}
/** `not_found`: no entity with this id (`id`). */
export class NotFoundError extends IsmsError {
}
/** `limit_exceeded`: the computation would exceed its work limit (`path`). */
export class LimitExceededError extends IsmsError {
}
/** A Rust panic inside the engine (a bug): `code` is `panic`, the message is the panic's. */
export class PanicError extends IsmsError {
}
/** The error class for each of the core's error codes. */
export const ERROR_CLASSES: Readonly<{
    parse_error: typeof ParseError;
    invalid_document: typeof ValidationError;
    invalid_argument: typeof InvalidArgumentError;
    transition_not_allowed: typeof TransitionError;
    not_found: typeof NotFoundError;
    limit_exceeded: typeof LimitExceededError;
}>;
/** The operations on a document; api.js adds one method per operation of the engine. */
export class IsmsBase {
    /**
     * Same as `new Isms(text)`.
     * @template {typeof IsmsBase} C
     * @this {C}
     * @param {string} text
     * @returns {InstanceType<C>}
     */
    static fromJson<C extends typeof IsmsBase>(this: C, text: string): InstanceType<C>;
    /**
     * @template {typeof IsmsBase} C
     * @this {C}
     * @param {unknown} handle
     * @returns {InstanceType<C>}
     */
    static _wrap<C extends typeof IsmsBase>(this: C, handle: unknown): InstanceType<C>;
    /**
     * Parses and validates a document: JSON text or an object shaped like it. Throws ParseError or
     * ValidationError (every problem in `.problems`).
     * @param {string | import('./types.js').Document} document
     */
    constructor(document: string | import("./types.js").Document);
    get _handle(): any;
    /**
     * Runs any operation of the engine on this document: the request as an object or JSON text,
     * with an optional `format`; returns the rendered text (JSON text for `json`), byte for byte
     * what `isms call` prints.
     * @param {string} op
     * @param {AnyRequest} [request]
     * @returns {string}
     */
    call(op: string, request?: AnyRequest): string;
    /**
     * The document in canonical form: deterministic JSON, defaults omitted (`isms fmt`).
     * @returns {string}
     */
    canonicalJson(): string;
    /**
     * The document as a plain object (its canonical JSON, parsed).
     * @returns {import('./types.js').Document}
     */
    toObject(): import("./types.js").Document;
    /** Releases the engine's memory now (otherwise done when the object is garbage-collected). */
    free(): void;
    /**
     * @param {string} op
     * @param {AnyRequest} [request]
     * @returns {any}
     */
    _run(op: string, request?: AnyRequest): any;
    /**
     * @param {AnyRequest} request
     * @returns {any}
     */
    _transition(request: AnyRequest): any;
}
export type AnyRequest = string | {
    [key: string]: unknown;
};
