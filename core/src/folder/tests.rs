#![allow(clippy::unwrap_used)]
use super::*;

fn example() -> Document {
    crate::json::parse_document(include_str!("../../../examples/northwind-saas.json")).unwrap()
}

fn parts(doc: &Document) -> Vec<(String, String)> {
    split(&crate::json::to_json(doc)).unwrap()
}

#[test]
fn a_split_folder_of_json_and_yaml_merges_into_the_same_document() {
    let doc = example();
    let files: Vec<(String, String)> = parts(&doc)
        .into_iter()
        .enumerate()
        .map(|(i, (stem, json))| {
            if i % 2 == 0 {
                (format!("{stem}.yaml"), crate::yaml::to_yaml(&json).unwrap())
            } else {
                let pretty = serde_json::from_str::<serde_json::Value>(&json).unwrap();
                (format!("{stem}.json"), serde_json::to_string_pretty(&pretty).unwrap() + "\n")
            }
        })
        .collect();
    assert_eq!(files.len(), 1 + SPLIT_LAYOUT.len());
    assert_eq!(files[0].0, "isms.yaml");
    let (merged, map) = merge(&files).unwrap();
    assert_eq!(crate::json::to_json(&merged), crate::json::to_json(&doc));
    assert_eq!(merged, doc);
    // Canonical files stay as they are: fmt of the folder changes nothing.
    let again = canonical_parts(&map, &crate::json::to_json(&merged)).unwrap();
    assert_eq!(again.len(), files.len());
    for ((name, text), (want_name, want)) in again.iter().zip(&files) {
        assert_eq!(name, want_name);
        let differs = text.lines().zip(want.lines()).position(|(a, b)| a != b);
        assert_eq!(differs.map(|i| (i, text.lines().nth(i), want.lines().nth(i))), None, "{name}");
        assert_eq!(text, want, "{name}");
    }
    assert_eq!(map.sections_of("risks.json"), ["risk_methodology", "risks", "treatments", "controls"]);
    assert_eq!(map.sections_of("soa.yaml"), ["soa"]);
    // A pointer lands in the file that holds it, on its line there, JSON or YAML.
    for (pointer, file, want) in
        [("/risks/0/title", "risks.json", "\"title\": "), ("/soa/entries/2/control", "soa.yaml", "control: ")]
    {
        let place = map.place(pointer).unwrap();
        assert_eq!(place.file, Some(file));
        let text = &files.iter().find(|(n, _)| n == file).unwrap().1;
        let line = text.lines().nth(place.line - 1).unwrap();
        let from: String = line.chars().skip(place.column - 1).collect();
        assert!(line.contains(want), "{pointer}: {line}");
        assert!(!from.is_empty(), "{pointer}: {line}");
    }
}

#[test]
fn array_sections_concatenate_in_file_order_and_problems_name_their_file() {
    let root = "schema_version: '1.0'\norganization:\n  name: A\npeople:\n  - id: p1\n    name: Ann\n".to_owned();
    let more = "people:\n  - id: p2\n    name: Bob\n".to_owned();
    let third =
        "{\"people\": [\n  {\"id\": \"p3\", \"name\": \"Cy\"},\n  {\"id\": \"p1\", \"name\": \"Dup\"}\n]}\n".to_owned();
    let files = vec![("isms.yaml".into(), root), ("people/a.yaml".into(), more), ("people/b.json".into(), third)];
    let (doc, map) = merge(&files).unwrap();
    let ids: Vec<&str> = doc.people.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["p1", "p2", "p3", "p1"]);
    assert_eq!(map.items_of("people/b.json", "people"), Some(2..4));
    assert_eq!(map.route("/people/3/name"), Some(("people/b.json", "/people/1/name".to_owned())));
    // The duplicate id is flagged on its second occurrence: the third file, line 3.
    let problems = crate::validate::validate(&doc);
    let dup = problems.iter().find(|p| p.code == "duplicate_id").unwrap_or_else(|| panic!("{problems:?}"));
    let dup = dup.clone().located_by(&map);
    assert_eq!(dup.file.as_deref(), Some("people/b.json"), "{dup:?}");
    assert_eq!(dup.line, Some(3), "{dup:?}");
}

#[test]
fn a_section_in_two_files_is_refused_naming_both() {
    let files = vec![
        ("isms.yaml".to_owned(), "schema_version: '1.0'\norganization:\n  name: A\n".to_owned()),
        ("org.yaml".to_owned(), "# again\norganization:\n  name: B\n".to_owned()),
    ];
    let e = merge(&files).unwrap_err();
    assert_eq!(e.file.as_deref(), Some("org.yaml"));
    let Error::Parse { line, message, .. } = &e.error else { panic!("{e:?}") };
    assert_eq!(*line, 3);
    assert!(message.contains("`organization` is in both isms.yaml and org.yaml"), "{message}");
    // Errors of the merged document are placed in their file.
    let files = vec![
        ("isms.yaml".to_owned(), "schema_version: '1.0'\norganization:\n  name: A\n".to_owned()),
        ("risks.yaml".to_owned(), "risks:\n  - id: r1\n    title: x\n    colour: red\n".to_owned()),
    ];
    let e = merge(&files).unwrap_err();
    assert_eq!(e.file.as_deref(), Some("risks.yaml"), "{e}");
    let Error::Parse { line, .. } = e.error else { panic!() };
    assert_eq!(line, 4);
    // A file that is not an object is refused.
    let files = vec![("isms.yaml".to_owned(), "- a\n".to_owned())];
    assert_eq!(merge(&files).unwrap_err().file.as_deref(), Some("isms.yaml"));
}
