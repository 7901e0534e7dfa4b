//! Which merged created entries their new row can hold (logged as `HELD_BY_ROW`, as an
//! import logs its rows, instead of a second copy of the row): the readers make a held
//! value from the row's columns, so a row may hold only an entry whose every value reads
//! back from its column exactly as it came.

use std::collections::HashMap;

use rusqlite::Transaction;
use serde_json::Value;

use super::Result;
use super::changelog::{Fields, Shape, TableSpec};

/// How a column keeps what is written into it (SQLite's type affinity, from its declared
/// type), as far as a held value cares.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Keeps {
    /// TEXT: a string stays the same string (a number would turn into text).
    Text,
    /// INTEGER: a whole number stays the same (numeric-looking text would turn into one).
    Integer,
    /// No affinity (BLOB or no type): anything stays as it is.
    Anything,
    /// REAL or NUMERIC: may change what is written; never held.
    Changes,
}

fn affinity(declared: &str) -> Keeps {
    // SQLite's rules, in their order (https://sqlite.org/datatype3.html, 3.1).
    let t = declared.to_ascii_uppercase();
    if t.contains("INT") {
        Keeps::Integer
    } else if ["CHAR", "CLOB", "TEXT"].iter().any(|w| t.contains(w)) {
        Keeps::Text
    } else if t.is_empty() || t.contains("BLOB") {
        Keeps::Anything
    } else {
        Keeps::Changes
    }
}

fn kept(value: &Value, keeps: Keeps) -> bool {
    let whole = |v: &Value| v.as_number().is_some_and(|n| n.is_i64());
    // A NUL in a string is where some of SQLite's text functions stop.
    let text = |v: &Value| v.as_str().is_some_and(|s| !s.contains('\0'));
    value.is_null()
        || match keeps {
            Keeps::Text => text(value),
            Keeps::Integer => whole(value),
            Keeps::Anything => text(value) || whole(value),
            Keeps::Changes => false,
        }
}

/// The columns of each table a merge has written a new row into, read once per merge: each
/// travelling field and how its column keeps it, by field name.
#[derive(Default)]
pub(super) struct Holding {
    columns: HashMap<&'static str, Vec<(&'static str, Keeps)>>,
}

impl Holding {
    /// Whether the new row `row` of `table`, written from `value` (a created entry's fields),
    /// can hold that entry: it has every field of the registration and nothing more (a
    /// newer sender's field lives in the log only), its key is the row's, and each value
    /// reads back from its column as it is.
    pub(super) fn holds(
        &mut self,
        tx: &Transaction,
        table: &TableSpec,
        row: &str,
        obj: &Fields,
    ) -> Result<bool> {
        let Shape::Rows { key, fields, .. } = &table.shape else {
            return Ok(false);
        };
        // The readers' json_array takes at most 127 arguments.
        if fields.len() > 127 || obj.len() != fields.len() {
            return Ok(false);
        }
        if obj.get(*key).and_then(Value::as_str) != Some(row) {
            return Ok(false);
        }
        let columns = match self.columns.get(table.name) {
            Some(columns) => columns,
            None => {
                let read = columns_of(tx, table.name, fields)?;
                self.columns.entry(table.name).or_insert(read)
            }
        };
        // Both in name order, side by side: a look-up per field was 4% of a full merge. Any
        // other order of the fields only means the entry is stored whole.
        Ok(obj
            .iter()
            .zip(columns)
            .all(|((f, v), (name, keeps))| f == name && kept(v, *keeps)))
    }
}

/// How each of `fields` is kept by its column of `table` (a field with no column: changes),
/// by field name.
fn columns_of(
    tx: &Transaction,
    table: &str,
    fields: &[&'static str],
) -> Result<Vec<(&'static str, Keeps)>> {
    let mut stmt = tx.prepare("SELECT name, type FROM pragma_table_info(?1)")?;
    let declared: HashMap<String, String> = stmt
        .query_map([table], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut columns: Vec<(&'static str, Keeps)> = fields
        .iter()
        .map(|f| (*f, declared.get(*f).map_or(Keeps::Changes, |t| affinity(t))))
        .collect();
    columns.sort_unstable_by_key(|(name, _)| *name);
    Ok(columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row's fields go by name: the held check and the whole-row insert walk them beside
    /// the registration sorted by name, and the canonical dump writes them in that order.
    /// serde_json's `preserve_order` feature (switched on by any crate that asks for it)
    /// would keep them in arrival order instead.
    #[test]
    fn a_rows_fields_are_kept_in_name_order() {
        let mut fields = super::super::changelog::Fields::new();
        for name in ["stage", "amount", "name"] {
            fields.insert(name.to_owned(), Value::Null);
        }
        let names: Vec<&str> = fields.keys().map(String::as_str).collect();
        assert_eq!(names, ["amount", "name", "stage"]);
    }

    #[test]
    fn a_value_is_held_only_where_its_column_gives_it_back_unchanged() {
        assert_eq!(affinity("TEXT"), Keeps::Text);
        assert_eq!(affinity("INTEGER"), Keeps::Integer);
        assert_eq!(affinity(""), Keeps::Anything);
        assert_eq!(affinity("REAL"), Keeps::Changes);
        assert!(kept(&Value::from("12"), Keeps::Text));
        assert!(
            !kept(&Value::from(12), Keeps::Text),
            "12 would read back as \"12\""
        );
        assert!(kept(&Value::from(12), Keeps::Integer));
        assert!(
            !kept(&Value::from("12"), Keeps::Integer),
            "\"12\" would read back as 12"
        );
        assert!(
            !kept(&Value::from(1.0), Keeps::Integer),
            "1.0 would read back as 1"
        );
        assert!(
            !kept(&Value::from(true), Keeps::Integer),
            "true would read back as 1"
        );
        assert!(!kept(&Value::from("a\0b"), Keeps::Text));
        assert!(kept(&Value::Null, Keeps::Changes));
    }
}
