//! Canonical JSON of a record: object keys sorted (by their UTF-8 bytes), no insignificant whitespace, and the sync
//! bookkeeping (every top-level key starting with `_`: `_id`, `_rev`, `_revisions`, `_conflicts`, `_deleted`) left
//! out. Two devices holding the same record content therefore hash it to the same revision, whatever order their JSON
//! library keeps keys in.

use serde_json::Value;

/// The canonical JSON text of `record` (see the module docs).
pub fn canonical_json(record: &Value) -> String {
    let mut out = String::new();
    match record {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().filter(|k| !k.starts_with('_')).collect();
            crate::domain::sort::sort(&mut keys);
            write_object(&keys, |k| &map[k.as_str()], &mut out);
        }
        other => write(other, &mut out),
    }
    out
}

/// `true` for a top-level key that belongs to the sync protocol rather than to the record.
pub fn is_bookkeeping(key: &str) -> bool {
    key.starts_with('_')
}

fn write_object<'a>(keys: &[&'a String], value: impl Fn(&'a String) -> &'a Value, out: &mut String) {
    out.push('{');
    for (i, key) in keys.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(key, out);
        out.push(':');
        write(value(key), out);
    }
    out.push('}');
}

fn write(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            crate::domain::sort::sort(&mut keys);
            write_object(&keys, |k| &map[k.as_str()], out);
        }
    }
}

fn write_string(s: &str, out: &mut String) {
    // serde_json's escaping: `"`, `\` and control characters; everything else (Thai included) as UTF-8.
    out.push_str(&serde_json::to_string(s).expect("serialising a string"));
}

#[cfg(test)]
mod tests {
    use super::canonical_json;
    use serde_json::json;

    #[test]
    fn sorted_compact_and_without_bookkeeping() {
        let record = json!({
            "year": 2568, "_rev": "3-abc", "name": "วิทยาลัย \"ก\"\n", "_id": "x",
            "input": {"z": [1, 2.5, {"b": null, "a": true}], "a": "1.50"}, "_revisions": {"start": 1, "ids": []}
        });
        assert_eq!(
            canonical_json(&record),
            r#"{"input":{"a":"1.50","z":[1,2.5,{"a":true,"b":null}]},"name":"วิทยาลัย \"ก\"\n","year":2568}"#
        );
    }

    #[test]
    fn key_order_and_whitespace_of_the_source_do_not_matter() {
        let a: serde_json::Value = serde_json::from_str(r#"{"b": 1, "a": {"y": 2, "x": 3}}"#).unwrap();
        let b: serde_json::Value = serde_json::from_str(r#"{"a":{"x":3,"y":2},"b":1,"_rev":"1-z"}"#).unwrap();
        assert_eq!(canonical_json(&a), canonical_json(&b));
        // A nested `_` key is content, not bookkeeping.
        assert_eq!(canonical_json(&json!({"a": {"_x": 1}})), r#"{"a":{"_x":1}}"#);
    }
}
