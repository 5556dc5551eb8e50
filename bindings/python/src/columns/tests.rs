//! The typed writer against the JSON walk it replaces: the same columns,
//! in the same order, with the same cells, for every table of real core
//! results and for shapes the core does not produce today.
use super::*;
use isms_core::model::Date;
use std::collections::HashMap;

/// The previous implementation: walk the `serde_json::Value` of the
/// result, a column per leaf path, in order of first appearance.
fn oracle(rows: &[Json]) -> Vec<(String, Vec<Json>)> {
    fn walk<'a>(v: &'a Json, path: &mut Vec<&'a str>, row: usize, out: &mut Vec<(Vec<&'a str>, Vec<Json>)>) {
        match v {
            Json::Object(map) => {
                for (k, child) in map {
                    path.push(k);
                    walk(child, path, row, out);
                    path.pop();
                }
            }
            leaf => {
                let p: Vec<&str> = if path.is_empty() { vec!["value"] } else { path.clone() };
                let i = match out.iter().position(|(q, _)| *q == p) {
                    Some(i) => i,
                    None => {
                        out.push((p, Vec::new()));
                        out.len() - 1
                    }
                };
                out[i].1.resize(row, Json::Null);
                out[i].1.push(leaf.clone());
            }
        }
    }
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        walk(row, &mut Vec::new(), i, &mut out);
    }
    out.into_iter()
        .map(|(p, mut cells)| {
            cells.resize(rows.len(), Json::Null);
            (p.join("_"), cells)
        })
        .collect()
}

fn as_json(col: &Column) -> Vec<Json> {
    col.cells
        .iter()
        .map(|c| match c {
            Cell::Null => Json::Null,
            Cell::Bool(b) => Json::from(*b),
            Cell::Int(i) => Json::from(*i),
            Cell::UInt(u) => Json::from(*u),
            Cell::Float(x) => Json::from(*x),
            Cell::Str(i) => Json::from(col.labels.get(*i as usize)),
            Cell::List { start, len } => Json::Array(
                col.items[*start as usize..(*start + *len) as usize]
                    .iter()
                    .map(|c| c.scalar_json(&col.labels))
                    .collect(),
            ),
            Cell::Obj(j) => (**j).clone(),
        })
        .collect()
}

/// Every top-level array of `value` gives the oracle's columns.
fn same_as_oracle<T: Serialize>(value: &T) -> usize {
    let json = serde_json::to_value(value).expect("serialisable");
    let mut tables = 0;
    for (key, field) in json.as_object().expect("an object") {
        let (_, got) = table(value, key).expect("columns");
        match field.as_array() {
            None => assert!(got.is_none(), "{key} is not an array"),
            Some(rows) => {
                let got = got.expect("a table");
                let got: Vec<(String, Vec<Json>)> = got.iter().map(|c| (c.name.clone(), as_json(c))).collect();
                assert_eq!(got, oracle(rows), "table {key}");
                tables += 1;
            }
        }
    }
    tables
}

fn northwind() -> isms_core::Document {
    isms_core::json::parse_document(include_str!("../../../../examples/northwind-saas.json")).expect("example parses")
}

#[test]
fn core_results_give_the_json_columns() {
    let isms = isms_core::Isms::new(northwind()).expect("example is valid");
    let as_of: Date = "2026-11-29".parse().expect("date");
    let later: Date = "2027-06-01".parse().expect("date");
    let mut tables = 0;
    tables += same_as_oracle(&isms.risk_assessment(as_of).expect("assess"));
    tables += same_as_oracle(&isms.evaluate(as_of));
    tables += same_as_oracle(&isms.soa(as_of));
    tables += same_as_oracle(&isms.calendar(as_of, later).expect("calendar"));
    tables += same_as_oracle(&isms.treatment_plan(as_of).expect("plan"));
    tables += same_as_oracle(&isms.heatmap(as_of).expect("heatmap"));
    tables += same_as_oracle(&isms.nc_report(as_of));
    tables += same_as_oracle(&isms.certification_cycle(as_of));
    tables += same_as_oracle(&isms.drift_dates(as_of, later));
    tables += same_as_oracle(&isms.roadmap(as_of));
    assert!(tables >= 20, "only {tables} tables compared");
}

#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Unit,
    New(u8),
    Tuple(u8, u8),
    Struct { a: Option<u8> },
}

#[derive(Serialize)]
struct Row {
    id: String,
    big: u64,
    x: f64,
    nested: Option<Nested>,
    kind: Kind,
    tags: Vec<String>,
    extra: HashMap<String, i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sometimes: Option<bool>,
    /// Arrays of scalars, of objects, of both, nested, empty.
    mixed: Json,
}

#[derive(Serialize)]
struct Nested {
    level: String,
    deeper: Deeper,
}

#[derive(Serialize)]
struct Deeper {
    score: i32,
}

#[derive(Serialize)]
struct Result {
    name: String,
    rows: Vec<Row>,
    scalars: Vec<i32>,
    none: Option<Vec<i32>>,
}

#[derive(Serialize)]
struct Many {
    rows: Vec<(String, &'static str)>,
    maps: Vec<HashMap<String, String>>,
}

#[test]
fn distinct_and_repeated_strings_give_the_json_columns() {
    // Past INTERN_PROBE distinct strings a column stops interning; both
    // kinds of column must still give every cell its own string.
    let rows = (0..3000).map(|i| (format!("id-{i}"), ["low", "medium", "high"][i % 3])).collect();
    let maps = (0..3000).map(|i| HashMap::from([("id".to_owned(), format!("id-{}", i % 300))])).collect();
    let many = Many { rows, maps };
    assert_eq!(same_as_oracle(&many), 2);
    let (_, cols) = table(&many, "maps").expect("columns");
    let cols = cols.expect("a table");
    assert_eq!(cols[0].labels.len(), 300, "300 distinct values in 3000 rows stay interned");
}

#[test]
fn unusual_shapes_give_the_json_columns() {
    let row = |i: u8, kind: Kind| Row {
        id: format!("r{i}"),
        big: if i == 1 { u64::MAX } else { u64::from(i) },
        x: if i == 2 { f64::NAN } else { f64::from(i) / 2.0 },
        nested: (i % 2 == 0).then(|| Nested { level: "high".into(), deeper: Deeper { score: -i32::from(i) } }),
        kind,
        tags: vec!["a".into(); usize::from(i)],
        extra: HashMap::from([(format!("k{}", i % 2), i32::from(i))]),
        sometimes: (i == 3).then_some(true),
        mixed: match i {
            0 => serde_json::json!([1, "x", null, 2.5, true]),
            1 => serde_json::json!(["x", {"a": 2}, "y"]),
            2 => serde_json::json!([]),
            3 => serde_json::json!([[1], "z"]),
            _ => serde_json::json!(["y", "x"]),
        },
    };
    let value = Result {
        name: "t".into(),
        rows: vec![
            row(0, Kind::Unit),
            row(1, Kind::New(7)),
            row(2, Kind::Tuple(1, 2)),
            row(3, Kind::Struct { a: Some(4) }),
            row(4, Kind::Struct { a: None }),
        ],
        scalars: vec![3, 1, 2],
        none: None,
    };
    assert_eq!(same_as_oracle(&value), 2);
    let (fields, cols) = table(&value, "rows").expect("columns");
    assert_eq!(fields, 4);
    let cols = cols.expect("a table");
    let kinds: Vec<(&str, &'static str)> = cols
        .iter()
        .map(|c| {
            let k = match c.clone().encode() {
                Encoded::Bool(_) => "bool",
                Encoded::Int(_) => "i8",
                Encoded::UInt(_) => "u8",
                Encoded::NullableInt { .. } => "i8?",
                Encoded::Float(_) => "f8",
                Encoded::Str { .. } => "str",
                Encoded::Obj { .. } => "obj",
            };
            (c.name.as_str(), k)
        })
        .collect();
    let kind = |n: &str| kinds.iter().find(|(m, _)| *m == n).map(|(_, k)| *k);
    assert_eq!(kind("id"), Some("str"));
    assert_eq!(kind("big"), Some("u8")); // above i64::MAX, none negative
    assert_eq!(kind("x"), Some("f8")); // NaN is null
    assert_eq!(kind("nested"), Some("obj")); // null where absent, all null
    assert_eq!(kind("nested_level"), Some("str")); // null where absent
    assert_eq!(kind("nested_deeper_score"), Some("i8?")); // ints with nulls
    assert_eq!(kind("tags"), Some("obj"));
    assert_eq!(kind("sometimes"), Some("obj")); // bool with nulls
    assert_eq!(kind("kind"), Some("str")); // a string, null in the rows where it is an object
    assert_eq!(table(&value, "scalars").expect("columns").1.expect("a table")[0].name, "value");
    assert!(table(&value, "none").expect("columns").1.is_none());
    assert!(table(&value, "name").expect("columns").1.is_none());
    assert!(table(&value, "missing").expect("columns").1.is_none());
    assert!(table(&vec![1, 2], "rows").expect("columns").1.is_none());
}
