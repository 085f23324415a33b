//! The top level of a success envelope's `data`, read without building the document: each field's scalar value
//! as JSON text, a list by its length, a nested object as a mark. Enough for the summary card of an answer of
//! any size, in one pass over its bytes, holding almost nothing.

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One field of `data`, as much of it as a summary needs.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum ShallowValue {
    /// A string, number, boolean or null, as JSON text.
    Scalar { json: String },
    /// A list, by how many items it has.
    List {
        #[ts(type = "number")]
        length: u64,
    },
    /// An object (its content is not read).
    Object,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ShallowField {
    pub key: String,
    pub value: ShallowValue,
}

impl<'de> Deserialize<'de> for ShallowValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        fn scalar<T: Serialize, E: de::Error>(value: T) -> Result<ShallowValue, E> {
            serde_json::to_string(&value).map(|json| ShallowValue::Scalar { json }).map_err(E::custom)
        }
        impl<'de> Visitor<'de> for V {
            type Value = ShallowValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<ShallowValue, E> {
                scalar(v)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ShallowValue, E> {
                scalar(v)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ShallowValue, E> {
                scalar(v)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<ShallowValue, E> {
                scalar(v)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ShallowValue, E> {
                scalar(v)
            }
            fn visit_unit<E: de::Error>(self) -> Result<ShallowValue, E> {
                Ok(ShallowValue::Scalar { json: "null".into() })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ShallowValue, A::Error> {
                let mut length = 0;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    length += 1;
                }
                Ok(ShallowValue::List { length })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ShallowValue, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(ShallowValue::Object)
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// `data`'s fields in order. Anything but an object fails to read, and the answer then has no summary.
struct Fields(Vec<ShallowField>);

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Fields;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("the data of an answer, an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
                let mut fields = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, ShallowValue>()? {
                    fields.push(ShallowField { key, value });
                }
                Ok(Fields(fields))
            }
        }
        deserializer.deserialize_map(V)
    }
}

#[derive(Deserialize)]
struct Envelope {
    #[serde(default)]
    success: Option<serde_json::Value>,
    #[serde(default)]
    data: Option<Fields>,
}

impl Envelope {
    /// `data`'s fields when `success` is `true`.
    fn success_fields(self) -> Option<Vec<ShallowField>> {
        (self.success == Some(serde_json::Value::Bool(true))).then_some(self.data?.0)
    }
}

/// The top-level fields of `data` in a success envelope (`{"success": true, "data": {…}}`); `None` for anything
/// else (an error envelope, a body that is not JSON, `data` that is not an object).
pub fn success_data_fields(body: &[u8]) -> Option<Vec<ShallowField>> {
    serde_json::from_slice::<Envelope>(body).ok()?.success_fields()
}

/// As [`success_data_fields`], reading as it goes: for answers too large to hold in memory twice.
pub fn success_data_fields_from_reader(reader: impl std::io::Read) -> Option<Vec<ShallowField>> {
    serde_json::from_reader::<_, Envelope>(reader).ok()?.success_fields()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(json: &str) -> ShallowValue {
        ShallowValue::Scalar { json: json.into() }
    }

    #[test]
    fn reads_the_top_of_data_in_order() {
        let body = br#"{"data":{"customers":[{"id":1},{"id":2},[3]],"total":250000,"currency":"INR","balance":15420.50,
            "page":null,"more":{"a":[1]},"ok":true},"success":true}"#;
        let fields = success_data_fields(body).unwrap();
        let got: Vec<(&str, &ShallowValue)> = fields.iter().map(|f| (f.key.as_str(), &f.value)).collect();
        assert_eq!(
            got,
            [
                ("customers", &ShallowValue::List { length: 3 }),
                ("total", &scalar("250000")),
                ("currency", &scalar("\"INR\"")),
                ("balance", &scalar("15420.5")),
                ("page", &scalar("null")),
                ("more", &ShallowValue::Object),
                ("ok", &scalar("true")),
            ]
        );
    }

    #[test]
    fn only_a_success_envelope_with_object_data_counts() {
        assert!(success_data_fields(br#"{"success":false,"error":{"code":"X"}}"#).is_none());
        assert!(success_data_fields(br#"{"success":"yes","data":{}}"#).is_none());
        assert!(success_data_fields(br#"{"success":true,"data":[1,2]}"#).is_none());
        assert!(success_data_fields(br#"{"success":true,"data":{"a":"#).is_none());
        assert!(success_data_fields(b"<html>").is_none());
        assert_eq!(success_data_fields(br#"{"success":true,"data":{}}"#), Some(vec![]));
        let body: &[u8] = br#"{"success":true,"data":{"items":[1,2]}}"#;
        assert_eq!(success_data_fields_from_reader(body), success_data_fields(body));
    }
}
