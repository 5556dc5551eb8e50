// The fuzz harnesses: each `pub fn TARGET(data: &[u8])` is what the libFuzzer
// target of that name runs, and what `core/tests/fuzz_regressions.rs` replays
// over `fuzz/regressions/TARGET/`. A harness panics exactly when it has found
// a bug: a panic inside the core, or a broken property (a canonical form that
// does not round-trip, a successful simulation with a non-finite result, a
// transition that records something other than what it did). Everything else
// (parse errors, invalid documents, refused requests) is the core working.
//
// This file is included by path from the core's tests, so it depends only on
// `isms_core`, `serde_json` and `arbitrary`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, missing_docs)]

use arbitrary::Unstructured;
use isms_core::engine::{self, Isms};
use isms_core::error::ERROR_CODES;
use isms_core::json::{parse_document, to_json};
use isms_core::model::Date;
use isms_core::nc::NcAction;
use isms_core::quant::{FairModel, SimulationOptions};
use isms_core::{Document, Error};
use serde_json::{Map, Value, json};
use std::sync::OnceLock;

/// The bundled examples, the seeds of the structure-aware targets.
pub const NORTHWIND: &str = include_str!("../../examples/northwind-saas.json");
/// The smallest valid document.
pub const MINIMAL: &str = include_str!("../../examples/minimal.json");
/// A small document touching every area of the model (the property tests'
/// seed document).
pub const FULL: &str = include_str!("../seeds/parse_validate_evaluate/full.json");

/// Largest number of simulated years any harness lets through.
pub const MAX_TRIALS: u64 = 1000;
/// Work cap (years + expected events) any harness lets through.
pub const MAX_WORK: u64 = 200_000;

fn as_of() -> Date {
    "2026-06-01".parse().unwrap()
}

fn northwind() -> &'static Isms {
    static N: OnceLock<Isms> = OnceLock::new();
    N.get_or_init(|| Isms::from_json(NORTHWIND).expect("the northwind example is valid"))
}

fn seeds() -> &'static [Value; 3] {
    static S: OnceLock<[Value; 3]> = OnceLock::new();
    S.get_or_init(|| {
        [
            serde_json::from_str(MINIMAL).unwrap(),
            serde_json::from_str(FULL).unwrap(),
            serde_json::from_str(NORTHWIND).unwrap(),
        ]
    })
}

/// Every error has a stable code and a message.
fn check_error(e: &Error) {
    assert!(ERROR_CODES.contains(&e.code()), "unknown error code {}", e.code());
    assert!(!e.to_string().is_empty(), "empty error message for {}", e.code());
}

/// Canonical JSON is a fixed point: it parses back to the same document and
/// prints the same bytes again. A difference is a silent change.
fn check_round_trip(doc: &Document) {
    let text = to_json(doc);
    let again = match parse_document(&text) {
        Ok(d) => d,
        Err(e) => panic!("canonical JSON does not parse back: {e}\n{text}"),
    };
    assert!(again == *doc, "canonical JSON parses to a different document");
    assert_eq!(to_json(&again), text, "canonical JSON is not a fixed point");
}

/// Parse, then every check a loaded document gets: round trip, validation,
/// and on a valid document the evaluation and its verdict.
fn parse_validate_evaluate_text(text: &str) {
    let doc = match parse_document(text) {
        Ok(doc) => doc,
        Err(e) => return check_error(&e),
    };
    check_round_trip(&doc);
    let problems = engine::validate(&doc);
    for p in &problems {
        assert!(p.path.starts_with('$'), "problem path {} does not start with $", p.path);
        assert!(!p.message.is_empty(), "problem {} has no message", p.code);
    }
    match Isms::new(doc) {
        Ok(isms) => {
            assert!(problems.is_empty(), "Isms::new accepted a document with problems");
            let eval = isms.evaluate(as_of());
            serde_json::to_string(&eval).expect("an evaluation serialises");
        }
        Err(e) => {
            assert!(!problems.is_empty(), "Isms::new refused a document validate() accepts");
            check_error(&e);
        }
    }
}

/// Target 1: raw bytes as a document (invalid UTF-8 replaced, as a reader
/// that decodes leniently would).
pub fn parse_validate_evaluate(data: &[u8]) {
    parse_validate_evaluate_text(&String::from_utf8_lossy(data));
}

// --- structure-aware documents ---------------------------------------------

/// Strings a document plausibly holds: ids of the seeds, catalog ids, dates
/// (valid, invalid, edge), enum values, hostile text.
const WORDS: &[&str] = &[
    "",
    " ",
    "p1",
    "p2",
    "a1",
    "a2",
    "r1",
    "t1",
    "u1",
    "s1",
    "d1",
    "e1",
    "nc1",
    "ia1",
    "c1",
    "ro1",
    "cc1",
    "p-ceo",
    "p-ciso",
    "nc-01",
    "nc-03",
    "ev-001",
    "5.15",
    "8.8",
    "7.4",
    "A.8.8",
    "9.2",
    "4",
    "10.2",
    "2026-01-01",
    "2026-02-29",
    "2024-02-29",
    "2026-13-01",
    "0001-01-01",
    "9999-12-31",
    "2026-1-1",
    " 2026-01-01",
    "implemented",
    "planned",
    "raised",
    "closed",
    "minor",
    "major",
    "mean",
    "max",
    "iso27005_5x5",
    "stage1",
    "stage2",
    "completed",
    "modify",
    "accept",
    "information",
    "confidentiality",
    "\u{202e}evil",
    "\u{1b}[2J",
    "\r\n",
    "\u{0}",
    "é",
    "🙂",
    "x",
];

fn word(u: &mut Unstructured) -> String {
    match u.int_in_range(0..=7u8).unwrap_or(0) {
        0 => u.arbitrary::<String>().unwrap_or_default(),
        _ => (*u.choose(WORDS).unwrap_or(&"")).to_owned(),
    }
}

fn number(u: &mut Unstructured) -> Value {
    match u.int_in_range(0..=9u8).unwrap_or(0) {
        0 => json!(u.arbitrary::<i64>().unwrap_or(0)),
        1 => json!(u.arbitrary::<u64>().unwrap_or(0)),
        2 => json!(u.arbitrary::<u8>().unwrap_or(0)),
        3 => json!(u.arbitrary::<i8>().unwrap_or(0)),
        4 => {
            let f = u.arbitrary::<f64>().unwrap_or(0.0);
            serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
        }
        5 => json!(*u.choose(&[0.0, -0.0, 0.5, 1e-300, 1e300, f64::MAX, f64::MIN, f64::EPSILON]).unwrap_or(&0.0)),
        6 => json!(*u.choose(&[0u64, 1, 2, 3, 5, 6, 10, 100, 365, 1000, u32::MAX as u64, u64::MAX]).unwrap_or(&0)),
        _ => json!(u.int_in_range(0..=6u8).unwrap_or(0)),
    }
}

/// A JSON value of bounded depth built from `u`.
pub fn junk(u: &mut Unstructured, depth: u32) -> Value {
    let top = if depth == 0 { 4 } else { 6 };
    match u.int_in_range(0..=top).unwrap_or(0) {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary().unwrap_or(false)),
        2 => number(u),
        3 | 4 => Value::String(word(u)),
        5 => {
            let n = u.int_in_range(0..=3u8).unwrap_or(0);
            Value::Array((0..n).map(|_| junk(u, depth - 1)).collect())
        }
        _ => {
            let n = u.int_in_range(0..=3u8).unwrap_or(0);
            let mut m = Map::new();
            for _ in 0..n {
                m.insert(word(u), junk(u, depth - 1));
            }
            Value::Object(m)
        }
    }
}

/// Every path to a value of `v`, as keys and indices.
pub fn paths(v: &Value, prefix: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(prefix.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                prefix.push(Value::String(k.clone()));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                prefix.push(json!(i));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

pub fn at<'a>(v: &'a mut Value, path: &[Value]) -> Option<&'a mut Value> {
    let mut cur = v;
    for step in path {
        cur = match step {
            Value::String(k) => cur.get_mut(k.as_str())?,
            Value::Number(n) => cur.get_mut(n.as_u64()? as usize)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn get<'a>(v: &'a Value, path: &[Value]) -> Option<&'a Value> {
    let mut cur = v;
    for step in path {
        cur = match step {
            Value::String(k) => cur.get(k.as_str())?,
            Value::Number(n) => cur.get(n.as_u64()? as usize)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// Applies up to eight mutations chosen by `u` to `doc`: replace a value by
/// junk, delete a key or element, duplicate an element (duplicate ids),
/// copy one value over another (references that point elsewhere), or insert
/// an unknown key.
pub fn mutate(u: &mut Unstructured, doc: &mut Value) {
    let n = u.int_in_range(1..=8u8).unwrap_or(1);
    for _ in 0..n {
        let mut all = Vec::new();
        paths(doc, &mut Vec::new(), &mut all);
        let Ok(i) = u.choose_index(all.len()) else { return };
        let path = all[i].clone();
        match u.int_in_range(0..=5u8).unwrap_or(0) {
            0 | 1 => {
                let v = junk(u, 2);
                if let Some(slot) = at(doc, &path) {
                    *slot = v;
                }
            }
            2 => {
                let Ok(j) = u.choose_index(all.len()) else { return };
                let Some(v) = get(doc, &all[j]).cloned() else { continue };
                if let Some(slot) = at(doc, &path) {
                    *slot = v;
                }
            }
            3 => {
                let key = word(u);
                let v = junk(u, 1);
                if let Some(Value::Object(m)) = at(doc, &path) {
                    m.insert(key, v);
                }
            }
            _ => {
                let duplicate = u.arbitrary::<bool>().unwrap_or(false);
                let Some((last, parent)) = path.split_last() else { continue };
                match (at(doc, parent), last) {
                    (Some(Value::Object(o)), Value::String(k)) => {
                        o.shift_remove(k);
                    }
                    (Some(Value::Array(a)), Value::Number(n)) => {
                        let i = n.as_u64().unwrap_or(0) as usize;
                        if duplicate {
                            if let Some(x) = a.get(i).cloned() {
                                a.push(x);
                            }
                        } else if i < a.len() {
                            a.remove(i);
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

/// Target 2: a seed document (minimal, full, or northwind) mutated by the
/// input, serialised, then target 1's checks.
pub fn structured_document(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let seed = u.int_in_range(0..=2u8).unwrap_or(0) as usize;
    let mut doc = seeds()[seed].clone();
    mutate(&mut u, &mut doc);
    parse_validate_evaluate_text(&doc.to_string());
}

// --- every operation of the engine -----------------------------------------

/// Request keys of the operations table, so structured requests reach past
/// `deny_unknown_fields`.
const KEYS: &[&str] = &[
    "as_of",
    "from",
    "to",
    "days",
    "fail_on",
    "residual",
    "risk",
    "options",
    "trials",
    "seed",
    "tolerance",
    "lec_points",
    "keep_samples",
    "max_work",
    "id",
    "action",
    "newer",
    "newer_as_of",
    "model",
    "risks",
    "before",
    "after",
    "annual_cost",
    "controls",
    "theme",
    "attribute",
    "from_2013",
    "to_2022",
    "preset",
    "name",
    "audits",
    "lead_days",
    "factors",
    "format",
    "on",
    "by",
    "description",
    "frequency",
    "primary_loss",
    "kind",
    "value",
];

fn key(u: &mut Unstructured) -> String {
    match u.int_in_range(0..=9u8).unwrap_or(0) {
        0 => word(u),
        _ => (*u.choose(KEYS).unwrap_or(&"as_of")).to_owned(),
    }
}

fn request_value(u: &mut Unstructured, depth: u32) -> Value {
    match u.int_in_range(0..=4u8).unwrap_or(0) {
        0 if depth > 0 => {
            let n = u.int_in_range(0..=4u8).unwrap_or(0);
            let mut m = Map::new();
            for _ in 0..n {
                m.insert(key(u), request_value(u, depth - 1));
            }
            Value::Object(m)
        }
        1 => Value::String(
            (*u.choose(&[
                "json", "text", "csv", "markdown", "html", "svg", "ical", "mermaid", "low", "high", "critical",
            ])
            .unwrap_or(&"json"))
            .to_owned(),
        ),
        2 => seeds()[u.int_in_range(0..=1u8).unwrap_or(0) as usize].clone(),
        _ => junk(u, depth.min(2)),
    }
}

/// Bounds the work of a request: trials and the work cap of every `options`
/// object are clamped (the cap is what bounds a call; the fuzzer is not the
/// place to wait for 10⁸ simulated years), and absent options of a
/// simulating operation are given small ones.
pub fn bound_request(op: &str, request: &mut Value) {
    let simulates = matches!(op, "simulate" | "simulate_model" | "simulate_portfolio" | "compare" | "rosi");
    let Value::Object(m) = request else { return };
    if simulates && !m.contains_key("options") {
        m.insert("options".into(), json!({}));
    }
    if let Some(Value::Object(o)) = m.get_mut("options") {
        for (k, cap) in [("trials", MAX_TRIALS), ("max_work", MAX_WORK)] {
            match o.get(k).and_then(Value::as_u64) {
                Some(n) if n <= cap => {}
                _ => {
                    o.insert(k.into(), json!(cap));
                }
            }
        }
    }
}

/// Target 3: one operation of the table (by index) on the northwind example
/// with a request from the input: either the raw text (as a binding passes
/// it) or a JSON object built from request keys.
pub fn engine_ops(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let ops = engine::operations();
    let op = ops[u.choose_index(ops.len()).unwrap_or(0)].name;
    let raw = u.arbitrary::<bool>().unwrap_or(false);
    let mut request = if raw {
        let text = String::from_utf8_lossy(u.take_rest()).into_owned();
        match serde_json::from_str::<Value>(&text) {
            Ok(v) => v,
            // Not JSON: the engine must refuse it on its own.
            Err(_) => {
                if let Err(e) = northwind().call(op, &text) {
                    check_error(&e);
                }
                return;
            }
        }
    } else {
        let n = u.int_in_range(0..=4u8).unwrap_or(0);
        let mut m = Map::new();
        for _ in 0..n {
            m.insert(key(&mut u), request_value(&mut u, 3));
        }
        Value::Object(m)
    };
    bound_request(op, &mut request);
    match northwind().call(op, &request.to_string()) {
        Ok(out) => assert!(!out.is_empty() || op == "validate", "operation {op} printed nothing"),
        Err(e) => check_error(&e),
    }
}

// --- nonconformity transitions ---------------------------------------------

const ACTIONS: &[&str] =
    &["correct", "analyse_root_cause", "plan_actions", "implement", "verify", "close", "reject", "cancel", "reopen"];

fn date(u: &mut Unstructured) -> String {
    match u.int_in_range(0..=15u8).unwrap_or(0) {
        0 => word(u),
        1 => (*u.choose(&["0001-01-01", "9999-12-31", "2026-02-29", "1970-01-01"]).unwrap_or(&"")).to_owned(),
        _ => {
            // Within about five years of `as_of` (2026-06-01 is day 739 768).
            let days = i32::from(u.arbitrary::<i16>().unwrap_or(0)) / 16;
            Date::from_num_days_from_ce_opt(739_768 + days).map(|d| d.to_string()).unwrap_or_default()
        }
    }
}

fn text(u: &mut Unstructured) -> String {
    match u.int_in_range(0..=5u8).unwrap_or(0) {
        0 => String::new(),
        1 => "   ".into(),
        2 => word(u),
        _ => "fixed the thing".into(),
    }
}

/// A value chosen among `ids` (or, now and then, junk).
fn pick(u: &mut Unstructured, ids: &[String]) -> String {
    if ids.is_empty() || u.int_in_range(0..=9u8).unwrap_or(0) == 0 {
        return word(u);
    }
    ids[u.choose_index(ids.len()).unwrap_or(0)].clone()
}

fn action_json(u: &mut Unstructured, doc: &Document, nc: &str) -> Value {
    let people: Vec<String> = doc.people.iter().map(|p| p.id.clone()).collect();
    let evidence: Vec<String> = doc.evidence.iter().map(|e| e.id.clone()).collect();
    let actions: Vec<String> = doc
        .nonconformities
        .iter()
        .filter(|n| n.id == nc)
        .flat_map(|n| n.actions.iter().map(|a| a.id.clone()))
        .collect();
    let name = *u.choose(ACTIONS).unwrap_or(&"correct");
    let mut a = json!({"action": name, "on": date(u), "by": pick(u, &people)});
    let m = a.as_object_mut().unwrap();
    match name {
        "correct" => {
            m.insert("description".into(), json!(text(u)));
        }
        "analyse_root_cause" => {
            m.insert("description".into(), json!(text(u)));
            if u.arbitrary().unwrap_or(false) {
                m.insert("method".into(), json!(text(u)));
            }
            if u.arbitrary().unwrap_or(false) {
                m.insert("similar_elsewhere".into(), json!(text(u)));
            }
        }
        "plan_actions" => {
            let n = u.int_in_range(0..=3u8).unwrap_or(1);
            let list: Vec<Value> = (0..n)
                .map(|i| {
                    let mut c = json!({"id": format!("{nc}-ca{i}"), "description": text(u),
                                       "owner": pick(u, &people), "due_on": date(u)});
                    if u.int_in_range(0..=7u8).unwrap_or(1) == 0 {
                        c["completed_on"] = json!(date(u));
                    }
                    if u.int_in_range(0..=7u8).unwrap_or(1) == 0 {
                        c["id"] = json!(pick(u, &actions));
                    }
                    c
                })
                .collect();
            m.insert("actions".into(), Value::Array(list));
        }
        "implement" => {
            let n = u.int_in_range(0..=3u8).unwrap_or(1);
            let list: Vec<Value> = (0..n).map(|_| json!({"action": pick(u, &actions), "on": date(u)})).collect();
            m.insert("completed".into(), Value::Array(list));
        }
        "verify" => {
            m.insert("effective".into(), json!(u.arbitrary::<bool>().unwrap_or(true)));
            let n = u.int_in_range(0..=2u8).unwrap_or(1);
            let list: Vec<Value> = (0..n).map(|_| json!(pick(u, &evidence))).collect();
            m.insert("evidence".into(), Value::Array(list));
            if u.arbitrary().unwrap_or(false) {
                m.insert("note".into(), json!(text(u)));
            }
        }
        "close" => {}
        _ => {
            m.insert("reason".into(), json!(text(u)));
        }
    }
    a
}

/// Target 4: up to 16 lifecycle actions on the northwind example's
/// nonconformities through [`Isms::nc_transition`]. Each accepted one must
/// append exactly one history entry recording that action and the new state,
/// leave every other nonconformity as it was, and keep the document
/// canonical; a refused one has a stable code.
pub fn nc_transitions(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let mut isms = northwind().clone();
    let ids: Vec<String> = isms.document().nonconformities.iter().map(|n| n.id.clone()).collect();
    let steps = u.int_in_range(1..=16u8).unwrap_or(1);
    for _ in 0..steps {
        if u.is_empty() {
            break;
        }
        let id = pick(&mut u, &ids);
        let action_value = action_json(&mut u, isms.document(), &id);
        let action: NcAction = match serde_json::from_value(action_value) {
            Ok(a) => a,
            Err(_) => continue,
        };
        match isms.nc_transition(&id, &action) {
            Ok(next) => {
                let before =
                    isms.document().nonconformities.iter().find(|n| n.id == id).expect("transitioned nc exists");
                let after = next.document().nonconformities.iter().find(|n| n.id == id).expect("nc kept");
                assert_eq!(after.history.len(), before.history.len() + 1, "one history entry per transition");
                let last = serde_json::to_value(after.history.last().unwrap()).unwrap();
                assert_eq!(last["action"], json!(action.name()), "history records the action taken");
                assert_eq!(last["to"], serde_json::to_value(after.state).unwrap(), "history ends in the new state");
                assert_eq!(
                    last["from"],
                    serde_json::to_value(before.state).unwrap(),
                    "history starts in the old state"
                );
                for (a, b) in isms.document().nonconformities.iter().zip(&next.document().nonconformities) {
                    if a.id != id {
                        assert!(a == b, "transition of {id} changed {}", a.id);
                    }
                }
                check_round_trip(next.document());
                next.nc_show(&id, as_of()).expect("a transitioned nonconformity can be shown");
                isms = next;
            }
            Err(e) => check_error(&e),
        }
    }
    let _ = isms.nc_report(as_of());
}

// --- FAIR models -------------------------------------------------------------

fn fnum(u: &mut Unstructured) -> Value {
    match u.int_in_range(0..=5u8).unwrap_or(0) {
        0 => number(u),
        1 => json!(u.int_in_range(0..=100u8).unwrap_or(0) as f64 / 100.0),
        _ => {
            json!(f64::from(u.int_in_range(0..=2000u16).unwrap_or(0)) * 10f64.powi(u.int_in_range(-3..=7).unwrap_or(0)))
        }
    }
}

/// A distribution, shaped right most of the time.
fn distribution(u: &mut Unstructured) -> Value {
    match u.int_in_range(0..=8u8).unwrap_or(0) {
        0 => junk(u, 1),
        1 | 2 => {
            let mut d = json!({"kind": "pert", "min": fnum(u), "mode": fnum(u), "max": fnum(u)});
            if u.arbitrary().unwrap_or(false) {
                d["shape"] = fnum(u);
            }
            d
        }
        3 | 4 => json!({"kind": "lognormal", "p05": fnum(u), "p95": fnum(u)}),
        5 | 6 => json!({"kind": "uniform", "min": fnum(u), "max": fnum(u)}),
        _ => json!({"kind": "constant", "value": fnum(u)}),
    }
}

/// A FAIR model as JSON, shaped right most of the time.
pub fn fair_model_json(u: &mut Unstructured) -> Value {
    let frequency = match u.int_in_range(0..=2u8).unwrap_or(0) {
        0 => json!({"kind": "tef", "threat_event_frequency": distribution(u)}),
        1 => json!({"kind": "contact", "contact_frequency": distribution(u), "probability_of_action": distribution(u)}),
        _ => json!({"kind": "lef", "loss_event_frequency": distribution(u)}),
    };
    let mut m = json!({"frequency": frequency, "primary_loss": distribution(u)});
    match u.int_in_range(0..=2u8).unwrap_or(0) {
        0 => {}
        1 => m["vulnerability"] = json!({"kind": "probability", "probability": distribution(u)}),
        _ => {
            m["vulnerability"] = json!({"kind": "capability_vs_resistance",
                "threat_capability": distribution(u), "resistance_strength": distribution(u)})
        }
    }
    let n = u.int_in_range(0..=2u8).unwrap_or(0);
    if n > 0 {
        m["secondary"] =
            (0..n).map(|_| json!({"frequency": distribution(u), "magnitude": distribution(u)})).collect::<Value>();
    }
    m
}

/// Target 5: a FAIR model through [`engine::simulate_model`] with at most
/// [`MAX_TRIALS`] years and a work cap of [`MAX_WORK`]. A successful result
/// is finite and ordered (min ≤ percentiles ≤ max, probabilities in [0, 1]),
/// has as many samples as trials, and is the same on a second run.
pub fn fair_model(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let model_json = fair_model_json(&mut u);
    let Ok(model) = serde_json::from_value::<FairModel>(model_json) else { return };
    let options = SimulationOptions {
        trials: u.int_in_range(0..=MAX_TRIALS).unwrap_or(1),
        seed: u.arbitrary().unwrap_or(0),
        tolerance: if u.arbitrary().unwrap_or(false) {
            Some(u.arbitrary::<f64>().unwrap_or(0.0)).filter(|t| t.is_finite())
        } else {
            None
        },
        lec_points: u.int_in_range(0..=300usize).unwrap_or(101),
        keep_samples: u.arbitrary().unwrap_or(false),
        max_work: u.int_in_range(0..=MAX_WORK).unwrap_or(MAX_WORK),
    };
    let result = match engine::simulate_model(&model, &options) {
        Ok(r) => r,
        Err(e) => return check_error(&e),
    };
    let text = serde_json::to_string(&result).expect("a simulation result serialises");
    for (name, v) in [
        ("mean", result.mean),
        ("std_dev", result.std_dev),
        ("min", result.min),
        ("max", result.max),
        ("prob_loss_positive", result.prob_loss_positive),
        ("mean_events_per_year", result.mean_events_per_year),
    ] {
        assert!(v.is_finite(), "{name} = {v} in a successful simulation: {text}");
    }
    assert_eq!(result.trials, options.trials);
    assert!(result.min <= result.max, "min > max: {text}");
    let tol = 1e-9 * result.max.abs().max(1.0);
    assert!(result.mean >= result.min - tol && result.mean <= result.max + tol, "mean outside [min, max]: {text}");
    assert!((0.0..=1.0).contains(&result.prob_loss_positive), "prob_loss_positive outside [0, 1]: {text}");
    if let Some(p) = result.prob_exceeds_tolerance {
        assert!((0.0..=1.0).contains(&p), "prob_exceeds_tolerance outside [0, 1]: {text}");
    }
    for w in result.loss_exceedance.windows(2) {
        assert!(w[0].loss <= w[1].loss, "loss exceedance curve not increasing in loss: {text}");
        assert!(w[0].probability >= w[1].probability, "exceedance probability increasing: {text}");
    }
    for p in &result.loss_exceedance {
        assert!(p.loss.is_finite() && (0.0..=1.0).contains(&p.probability), "bad LEC point: {text}");
    }
    if let Some(s) = &result.samples {
        assert_eq!(s.len() as u64, options.trials, "one sample per trial");
        assert!(s.iter().all(|x| x.is_finite()), "non-finite sample: {text}");
    }
    assert!(!text.contains("null"), "null in a successful simulation: {text}");
    let again = engine::simulate_model(&model, &options).expect("the same simulation succeeds twice");
    assert!(again == result, "the same seed gave a different result");
}
