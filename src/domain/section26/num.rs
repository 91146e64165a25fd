//! Serde for the decimals of the Section 26 records and files: written as strings (exact), read from a string or a
//! JSON number (people write `"tK": 60` by hand). A JSON number with a fraction arrives as f64; its shortest
//! round-trip text (`248.5`) is what was typed, so it is parsed from that text, never converted arithmetically.
//! Digits beyond what a decimal holds (`1e30` arrives as `1000000000000000000000000000000`) are "too large", not
//! "not a number". Each field's bounds are checked where the record is imported (`exchange::parse_scheme`) and
//! where it is scored (`marking::mark_item`), against `crate::domain::numbers::BOUNDS`.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserializer, Serializer};

struct AnyDecimal;

impl<'de> Visitor<'de> for AnyDecimal {
    type Value = Decimal;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a number or a string holding a number")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        Decimal::from_str(v.trim()).map_err(|_| {
            if crate::domain::numbers::looks_numeric(v.trim()) {
                E::custom(format!("“{v}” is too large — มากเกินไป"))
            } else {
                E::custom(format!("“{v}” is not a number"))
            }
        })
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        self.visit_str(&v.to_string())
    }
}

pub fn serialize<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&v.to_string())
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_any(AnyDecimal)
}

/// The same for `Option<Decimal>` (`null` = none).
pub mod opt {
    use super::*;

    pub fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.serialize_str(&v.to_string()),
            None => s.serialize_none(),
        }
    }

    struct OptDecimal;
    impl<'de> Visitor<'de> for OptDecimal {
        type Value = Option<Decimal>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a number, a string holding a number, or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            super::deserialize(d).map(Some)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        d.deserialize_option(OptDecimal)
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct T {
        #[serde(with = "super")]
        a: rust_decimal::Decimal,
        #[serde(with = "super::opt", default)]
        b: Option<rust_decimal::Decimal>,
    }

    #[test]
    fn numbers_and_strings() {
        let t: T = serde_json::from_str(r#"{"a": 248.5, "b": "0.125"}"#).unwrap();
        assert_eq!((t.a.to_string(), t.b.unwrap().to_string()), ("248.5".into(), "0.125".into()));
        let t: T = serde_json::from_str(r#"{"a": 70}"#).unwrap();
        assert_eq!((t.a.to_string(), t.b), ("70".into(), None));
        assert_eq!(serde_json::to_string(&t).unwrap(), r#"{"a":"70","b":null}"#);
        assert!(serde_json::from_str::<T>(r#"{"a": "x"}"#).is_err());
        let t: T = serde_json::from_str(r#"{"a": 1, "b": null}"#).unwrap();
        assert_eq!(t.b, None);
    }
}
