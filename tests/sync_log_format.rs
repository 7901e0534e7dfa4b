//! The change log's stored form of a created row: byte for byte the array older builds wrote
//! (files in the field hold it, and a repeated entry is compared with the stored text).

use serde_json::{Value, json};
use zhaoshang::store::changelog::{Entry, spec, stored_value, value_from_stored};

fn created(fields: serde_json::Map<String, Value>) -> Entry {
    Entry {
        site: "0193a000-0000-7000-8000-000000000001".into(),
        seq: 1,
        clock: 1 << 16,
        officer: String::new(),
        table: "projects".into(),
        row: "p1".into(),
        field: None,
        value: Value::Object(fields),
        base: Vec::new(),
        seen: None,
    }
}

#[test]
fn a_created_rows_stored_text_is_the_array_older_builds_wrote_and_reads_back_whole() {
    let names = spec("projects").expect("projects").field_names();
    let fields: serde_json::Map<String, Value> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let v = match i % 4 {
                0 => json!(format!("名称\"{i}\"\\\n")),
                1 => Value::Null,
                2 => json!(i as i64 * -1_000_000_007),
                _ => json!("[\"标签\"]"),
            };
            ((*n).to_owned(), v)
        })
        .collect();
    let entry = created(fields.clone());
    // What the builds before this one stored: the values in the registration's order.
    let ordered: Vec<&Value> = names.iter().map(|n| &fields[*n]).collect();
    let older = serde_json::to_string(&ordered).expect("json");
    let stored = stored_value(&entry);
    assert_eq!(stored, older);
    let back = value_from_stored(
        "projects",
        true,
        serde_json::from_str(&stored).expect("json"),
    );
    assert_eq!(back, entry.value);
}

#[test]
fn a_created_row_with_other_fields_than_its_tables_is_stored_as_its_object() {
    let mut fields = serde_json::Map::new();
    fields.insert("name".into(), json!("只有名称"));
    let entry = created(fields);
    assert_eq!(stored_value(&entry), entry.value.to_string());
}
