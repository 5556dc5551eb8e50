#![allow(clippy::unwrap_used)]
use super::*;

fn json(text: &str) -> String {
    to_json(text).map(|(j, _)| j).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

fn fails(text: &str) -> (usize, usize, String, String) {
    match to_json(text) {
        Err(Error::Parse { line, column, path, message }) => (line, column, path, message),
        other => panic!("{text:?}: expected a parse error, got {other:?}"),
    }
}

#[test]
fn plain_scalars_resolve_by_the_core_schema() {
    for (yaml, want) in [
        ("a: null", r#"{"a":null}"#),
        ("a: ~", r#"{"a":null}"#),
        ("a:", r#"{"a":null}"#),
        ("a: True", r#"{"a":true}"#),
        ("a: FALSE", r#"{"a":false}"#),
        ("a: yes", r#"{"a":"yes"}"#),
        ("a: 42", r#"{"a":42}"#),
        ("a: -017", r#"{"a":-17}"#),
        ("a: +5", r#"{"a":5}"#),
        ("a: 0x1F", r#"{"a":31}"#),
        ("a: 0o17", r#"{"a":15}"#),
        ("a: 0xFFFFFFFFFFFFFFFFFFFF", r#"{"a":1208925819614629174706175}"#),
        ("a: 1.5e-3", r#"{"a":1.5e-3}"#),
        ("a: .5", r#"{"a":0.5}"#),
        ("a: 1.", r#"{"a":1.0}"#),
        ("a: 123456789012345678901234567890", r#"{"a":123456789012345678901234567890}"#),
        ("a: 2026-12-01", r#"{"a":"2026-12-01"}"#),
        ("a: 1e", r#"{"a":"1e"}"#),
        ("a: '42'", r#"{"a":"42"}"#),
        ("a: \"true\"", r#"{"a":"true"}"#),
        ("a: !!str 42", r#"{"a":"42"}"#),
        ("a: !!int '7'", r#"{"a":7}"#),
        ("a: |\n  line one\n  line two\n", r#"{"a":"line one\nline two\n"}"#),
        ("a: [1, {b: c}]", r#"{"a":[1,{"b":"c"}]}"#),
        ("1: x", r#"{"1":"x"}"#),
        ("a: &x 3", r#"{"a":3}"#),
    ] {
        assert_eq!(json(yaml), want, "{yaml}");
    }
}

#[test]
fn what_json_cannot_hold_is_refused_where_it_is() {
    let (line, column, path, message) = fails("a: 1\nb:\n  c: .inf\n");
    assert_eq!((line, column, path.as_str()), (3, 6, "$.b.c"));
    assert!(message.contains("not a JSON number"), "{message}");
    assert!(fails("a: -.Inf").3.contains("not a JSON number"));
    assert!(fails("a: .NaN").3.contains("not a JSON number"));
    assert!(fails("a: !!int x").3.contains("not a valid !!int"));
    assert!(fails("a: !custom x").3.contains("not supported"));
    assert!(fails("a: !!set {x: null}").3.contains("not supported"));
    assert!(fails("? [a]\n: b\n").3.contains("must be a scalar"));
    assert!(fails("~: b\n").3.contains("not null"));
    assert!(fails("a: 1\n---\nb: 2\n").3.contains("more than one document"));
    assert!(fails("").3.contains("no document"));
    // Syntax errors carry the YAML position.
    let (line, _, _, message) = fails("a: 1\nb: [1, 2\n");
    assert!(line >= 2, "{line}");
    assert!(message.starts_with("YAML syntax"), "{message}");
}

#[test]
fn repeated_keys_are_refused_with_line_and_path() {
    let (line, column, path, message) = fails("risks:\n  - id: r1\n    title: A\n    id: r2\n");
    assert_eq!((line, column, path.as_str()), (4, 5, "$.risks[0].id"));
    assert!(message.contains("`id` is repeated"), "{message}");
    // Quoting does not make it another key.
    assert!(fails("a: 1\n'a': 2\n").3.contains("repeated"));
}

#[test]
fn aliases_are_refused_so_no_bomb_expands() {
    let mut bomb =
        String::from("a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    for (i, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().zip(["a", "b", "c", "d", "e", "f", "g", "h"]) {
        bomb.push_str(&format!(
            "{i}: &{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
        ));
    }
    let (line, column, path, message) = fails(&bomb);
    assert_eq!((line, column, path.as_str()), (2, 8, "$.b[0]"));
    assert!(message.contains("aliases"), "{message}");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = "[".repeat(100_000);
    // The parser's own limit on flow nesting, or ours, whichever comes first.
    let (_, _, _, message) = fails(&deep);
    assert!(message.contains("nesting deeper than 128") || message.contains("recursion limit"), "{message}");
    let block: String = (0..200).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
    assert!(fails(&block).3.contains("nesting deeper"));
    // Just under the limit reads.
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(to_json(&ok).is_ok());
    // The writer refuses what it cannot write without deep recursion.
    assert!(to_yaml(&"[".repeat(100_000)).is_err());
}

#[test]
fn positions_are_those_of_the_yaml_values() {
    let text = "schema_version: '1.0'\norganization:\n  name: A\npeople:\n  - id: p1\n    name: Ann\n  - {id: p2, name: Bob}\n";
    let (_, map) = to_json(text).unwrap();
    assert_eq!(map.locate(""), Some((1, 1)));
    assert_eq!(map.locate("/organization/name"), Some((3, 9)));
    assert_eq!(map.locate("/people/0"), Some((5, 5)));
    assert_eq!(map.locate("/people/0/name"), Some((6, 11)));
    assert_eq!(map.locate("/people/1/name"), Some((7, 20)));
    // Not there: the deepest value on the way.
    assert_eq!(map.locate("/people/1/roles/3"), Some((7, 5)));
    assert_eq!(map.locate("/risks/0"), Some((1, 1)));
    assert_eq!(locate(text, "/people/1"), Some((7, 5)));
}

#[test]
fn errors_found_in_the_json_text_land_on_the_yaml_line() {
    let text = "schema_version: '1.0'\norganization:\n  name: A\n  colour: red\n";
    let Err(Error::Parse { line, column, path, message }) = parse_document(text) else { panic!() };
    assert_eq!((line, column, path.as_str()), (4, 11, "$.organization.colour"));
    assert!(message.contains("unknown field `colour`"), "{message}");
    let text = "schema_version: '1.0'\norganization:\n  name: A\npeople:\n  - id: p1\n    name: [1]\n";
    let Err(Error::Parse { line, path, .. }) = parse_document(text) else { panic!() };
    assert_eq!((line, path.as_str()), (6, "$.people[0].name"));
    // A top-level sequence is refused at the root, on YAML line 1.
    let Err(Error::Parse { line, .. }) = parse_document("- a\n- b\n") else { panic!() };
    assert_eq!(line, 1);
}

fn example() -> String {
    include_str!("../../../examples/northwind-saas.json").to_owned()
}

#[test]
fn the_example_round_trips_through_yaml_to_the_same_bytes() {
    let doc = crate::json::parse_document(&example()).unwrap();
    let canonical = crate::json::to_json(&doc);
    let yaml = to_yaml(&canonical).unwrap();
    let (back, map) = parse_document(&yaml).unwrap();
    assert_eq!(back, doc);
    assert_eq!(crate::json::to_json(&back), canonical);
    // Canonical: writing it again changes nothing.
    assert_eq!(to_yaml(&crate::json::to_json(&back)).unwrap(), yaml);
    assert!(map.len() > 1000, "{}", map.len());
    assert!(!yaml.contains('{') || yaml.contains("{}"), "block style");
}

#[test]
fn extension_numbers_keep_every_digit_through_yaml() {
    let text = "schema_version: '1.0'\norganization:\n  name: A\nextensions:\n  big: 123456789012345678901234567890\n  hex: 0xFF\n  f: 1.50\n";
    let (doc, _) = parse_document(text).unwrap();
    let json = crate::json::to_json(&doc);
    assert!(json.contains("\"big\": 123456789012345678901234567890"), "{json}");
    assert!(json.contains("\"hex\": 255"), "{json}");
    let yaml = to_yaml(&json).unwrap();
    assert!(yaml.contains("  big: 123456789012345678901234567890\n"), "{yaml}");
    assert_eq!(parse_document(&yaml).unwrap().0, doc);
}

#[test]
fn the_writer_quotes_only_what_would_read_back_otherwise() {
    let cases = [
        (r#"{"a":"plain text"}"#, "a: plain text\n"),
        (r#"{"a":"42"}"#, "a: \"42\"\n"),
        (r#"{"a":"true"}"#, "a: \"true\"\n"),
        (r#"{"a":"no"}"#, "a: \"no\"\n"),
        (r#"{"a":""}"#, "a: \"\"\n"),
        (r#"{"a":"x: y"}"#, "a: \"x: y\"\n"),
        (r#"{"a":"- x"}"#, "a: \"- x\"\n"),
        (r#"{"a":"two\nlines"}"#, "a: \"two\\nlines\"\n"),
        (r#"{"a":"bell\u0007"}"#, "a: \"bell\\u0007\"\n"),
        (r#"{"a":"2026-12-01"}"#, "a: 2026-12-01\n"),
        (r#"{"1":123456789012345678901234567890}"#, "\"1\": 123456789012345678901234567890\n"),
        (r#"{"a":[],"b":{},"c":null}"#, "a: []\nb: {}\nc: null\n"),
        (r#"{"a":[{"b":1,"c":[2,[3,4]]}]}"#, "a:\n  - b: 1\n    c:\n      - 2\n      - - 3\n        - 4\n"),
    ];
    for (input, want) in cases {
        let got = to_yaml(input).unwrap();
        assert_eq!(got, want, "{input}");
        let back: serde_json::Value = serde_json::from_str(&json(&got)).unwrap();
        assert_eq!(back, serde_json::from_str::<serde_json::Value>(input).unwrap(), "{got}");
    }
    for s in ["#x", "a #b", "x:", " lead", "trail ", "...", "~", "null", "0x10", ".5", "-1", "'q", "\u{2028}", "é ok"]
    {
        let input = serde_json::json!({ "k": s }).to_string();
        let back: serde_json::Value = serde_json::from_str(&json(&to_yaml(&input).unwrap())).unwrap();
        assert_eq!(back["k"], s, "{s:?}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config { cases: 512, ..Default::default() })]

    /// Any text of YAML's significant characters: no panic; what reads is
    /// valid JSON, and its canonical YAML reads back to the same value.
    #[test]
    fn arbitrary_yaml_never_panics_and_what_reads_round_trips(
        text in "([a-c0-9 :\\-\\[\\]{},#&*!|>'\"%@`?~.\\n\\t]|true|null|0x1|\\.inf|  ){0,60}"
    ) {
        if let Ok((json, map)) = to_json(&text) {
            let value: serde_json::Value = serde_json::from_str(&json).unwrap();
            proptest::prop_assert!(map.locate("").is_some());
            let yaml = to_yaml(&json).unwrap();
            let (back, _) = to_json(&yaml).unwrap_or_else(|e| panic!("{yaml:?}: {e}"));
            proptest::prop_assert_eq!(serde_json::from_str::<serde_json::Value>(&back).unwrap(), value);
        }
    }
}
