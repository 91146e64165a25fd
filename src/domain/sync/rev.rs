//! Revision identifiers `N-<hash>`: `N` counts the edits on the record's branch (1 for the first), `<hash>` is the MD5
//! of the parent revision and the record's canonical JSON, so the same edit made from the same parent gets the same
//! id on any device, and different edits get different ids.

use std::fmt;

use super::canonical::canonical_json;
use super::md5::md5_hex;
use serde_json::Value;

/// A revision id. Ordered like CouchDB orders them: by `pos`, then by `hash` as text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rev {
    /// `N`: 1 for a record's first revision, parent's + 1 after.
    pub pos: u64,
    /// The hash part (32 hex digits for revisions made here; any text for revisions made by other clients).
    pub hash: String,
}

impl Rev {
    /// Parses `"N-hash"`; the message names what is wrong.
    pub fn parse(text: &str) -> Result<Rev, String> {
        let (pos, hash) = text.split_once('-').ok_or_else(|| format!("revision \"{text}\" has no \"-\""))?;
        let pos: u64 = pos.parse().map_err(|_| format!("revision \"{text}\": \"{pos}\" is not a number"))?;
        if pos == 0 || hash.is_empty() {
            return Err(format!("revision \"{text}\" is not N-hash with N ≥ 1"));
        }
        Ok(Rev { pos, hash: hash.to_string() })
    }
}

impl fmt::Display for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.pos, self.hash)
    }
}

/// The revision made by writing `record` (or deleting the record, `deleted`) on top of `parent` (`None` for a new
/// record). The hash covers the parent's id, the deletion flag and [`canonical_json`] of the record.
pub fn next_rev(parent: Option<&Rev>, record: &Value, deleted: bool) -> Rev {
    let canonical = if deleted { String::from("{}") } else { canonical_json(record) };
    let parent_text = parent.map(Rev::to_string).unwrap_or_default();
    let input = format!("{parent_text}\n{}\n{canonical}", if deleted { "deleted" } else { "live" });
    Rev { pos: parent.map_or(1, |p| p.pos + 1), hash: md5_hex(input.as_bytes()) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parse_and_print() {
        let r = Rev::parse("12-0cc175b9c0f1b6a831c399e269772661").unwrap();
        assert_eq!((r.pos, r.hash.as_str()), (12, "0cc175b9c0f1b6a831c399e269772661"));
        assert_eq!(r.to_string(), "12-0cc175b9c0f1b6a831c399e269772661");
        for bad in ["", "abc", "0-abc", "x-abc", "3-"] {
            assert!(Rev::parse(bad).is_err(), "{bad:?} must be refused");
        }
    }

    #[test]
    fn ordering_is_pos_then_hash() {
        let p = |s| Rev::parse(s).unwrap();
        assert!(p("2-a") < p("10-a"), "numeric, not textual, position");
        assert!(p("3-abc") < p("3-abd"));
    }

    /// Test vectors: the hash is md5("<parent>\n<live|deleted>\n<canonical json>"), checked with `md5sum`:
    /// `printf '\nlive\n{"a":1,"b":"ข"}' | md5sum` and so on.
    #[test]
    fn revision_vectors() {
        let record = json!({"b": "ข", "a": 1, "_rev": "ignored"});
        let first = next_rev(None, &record, false);
        assert_eq!(first.to_string(), "1-89f53612cf89fb96f05f84863291b186");
        let second = next_rev(Some(&first), &json!({"a": 2, "b": "ข"}), false);
        assert_eq!(second.to_string(), "2-e8b442b92d0d4617241f9c04e866ff83");
        let gone = next_rev(Some(&second), &json!({"a": 2}), true);
        assert_eq!(gone.to_string(), "3-4a692f0b0b847986d88d74778078c9c9");
        // Same edit from the same parent: same id on any device; different content or parent: different id.
        assert_eq!(next_rev(Some(&first), &json!({"b": "ข", "a": 2}), false), second);
        assert_ne!(next_rev(Some(&first), &json!({"a": 3, "b": "ข"}), false), second);
        assert_ne!(next_rev(Some(&second), &json!({"a": 2, "b": "ข"}), false).hash, second.hash);
    }
}
