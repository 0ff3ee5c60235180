//! Writes a project's canonical text several times faster than ron's pretty printer, byte for
//! byte as ron writes it with the configuration of [`super::to_ron`]: records one field a line,
//! indented with tabs, with a comma after every field; lists inline, separated by `, `;
//! `Some(...)`, `None`; strings escaped with `char::escape_debug`. Values it has no rule for
//! (infinite floats, maps, tuples, enum variants with data) make it give up with [`Unsupported`], and
//! the caller uses ron. The tests compare it with ron on generated and shipped projects.

use std::fmt::Write;

use serde::ser::{self, Impossible, Serialize};

pub use super::fast_read::Unsupported;

impl ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

type Result<T = ()> = std::result::Result<T, Unsupported>;

/// The canonical text of `value`, without the final newline.
pub fn to_string<T: Serialize>(value: &T) -> Result<String> {
    let mut writer = Writer {
        out: String::with_capacity(1 << 16),
        depth: 0,
    };
    value.serialize(&mut writer)?;
    Ok(writer.out)
}

struct Writer {
    out: String,
    /// Open records, i.e. tabs before a field.
    depth: usize,
}

impl Writer {
    fn tabs(&mut self, n: usize) {
        self.out.extend(std::iter::repeat_n('\t', n));
    }

    fn string(&mut self, text: &str) {
        self.out.push('"');
        let mut plain_from = 0;
        for (at, c) in text.char_indices() {
            // Printable ASCII other than quotes and backslash stays as it is; everything else
            // goes through `escape_debug`, which also leaves most non-ASCII letters alone.
            if matches!(c, ' '..='~') && !matches!(c, '"' | '\'' | '\\') {
                continue;
            }
            self.out.push_str(&text[plain_from..at]);
            self.out.extend(c.escape_debug());
            plain_from = at + c.len_utf8();
        }
        self.out.push_str(&text[plain_from..]);
        self.out.push('"');
    }

    /// A field name or variant as ron writes it; names that ron would write as `r#name` are
    /// left to ron.
    fn identifier(&mut self, name: &str) -> Result {
        let mut chars = name.chars();
        let plain = chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !matches!(
                name,
                "true"
                    | "false"
                    | "Some"
                    | "None"
                    | "inf"
                    | "inff32"
                    | "inff64"
                    | "NaN"
                    | "NaNf32"
                    | "NaNf64"
            );
        if !plain {
            return Err(Unsupported);
        }
        self.out.push_str(name);
        Ok(())
    }
}

pub struct Record<'a> {
    writer: &'a mut Writer,
    empty: bool,
    first: bool,
}

pub struct List<'a> {
    writer: &'a mut Writer,
    first: bool,
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = List<'a>;
    type SerializeTuple = Impossible<(), Unsupported>;
    type SerializeTupleStruct = Impossible<(), Unsupported>;
    type SerializeTupleVariant = Impossible<(), Unsupported>;
    type SerializeMap = Impossible<(), Unsupported>;
    type SerializeStruct = Record<'a>;
    type SerializeStructVariant = Impossible<(), Unsupported>;

    fn serialize_bool(self, v: bool) -> Result {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result {
        write!(self.out, "{v}").map_err(|_| Unsupported)
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result {
        write!(self.out, "{v}").map_err(|_| Unsupported)
    }
    fn serialize_f32(self, _: f32) -> Result {
        Err(Unsupported)
    }
    /// As ron writes it: the shortest text that reads back the same, always with a `.0` or an
    /// exponent. Infinities and NaN are left to ron.
    fn serialize_f64(self, v: f64) -> Result {
        if !v.is_finite() {
            return Err(Unsupported);
        }
        write!(self.out, "{v:?}").map_err(|_| Unsupported)
    }
    fn serialize_char(self, _: char) -> Result {
        Err(Unsupported)
    }
    fn serialize_str(self, v: &str) -> Result {
        self.string(v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Result {
        self.out.push_str("None");
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
        self.out.push_str("Some(");
        value.serialize(&mut *self)?;
        self.out.push(')');
        Ok(())
    }
    fn serialize_unit(self) -> Result {
        Err(Unsupported)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result {
        Err(Unsupported)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.identifier(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, _: &T) -> Result {
        Err(Unsupported)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result {
        Err(Unsupported)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<List<'a>> {
        self.out.push('[');
        Ok(List {
            writer: self,
            first: true,
        })
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        Err(Unsupported)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(Unsupported)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(Unsupported)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        Err(Unsupported)
    }
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Record<'a>> {
        // ron writes these few as `start..end`.
        if name.starts_with("Range") {
            return Err(Unsupported);
        }
        self.out.push('(');
        self.depth += 1;
        // A record with no fields to write is `()`.
        if len > 0 {
            self.out.push('\n');
        }
        Ok(Record {
            writer: self,
            empty: len == 0,
            first: true,
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(Unsupported)
    }
}

impl ser::SerializeSeq for List<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        if !self.first {
            self.writer.out.push_str(", ");
        }
        self.first = false;
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result {
        self.writer.out.push(']');
        Ok(())
    }
}

impl ser::SerializeStruct for Record<'_> {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result {
        if !self.first {
            self.writer.out.push_str(",\n");
        }
        self.first = false;
        let depth = self.writer.depth;
        self.writer.tabs(depth);
        self.writer.identifier(key)?;
        self.writer.out.push_str(": ");
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result {
        if !self.first {
            self.writer.out.push_str(",\n");
        }
        let depth = self.writer.depth;
        if !self.empty {
            self.writer.tabs(depth - 1);
        }
        self.writer.depth -= 1;
        self.writer.out.push(')');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Place, PlaceMode, Project};

    fn ron_text(project: &Project) -> String {
        ron::ser::to_string_pretty(project, super::super::save::canonical_config()).unwrap()
    }

    #[test]
    fn writes_what_ron_writes() {
        let mut projects = vec![
            Project::new(chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()),
            crate::io::load(
                &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("sample-data/see-regional-programme-2009-2011.ron"),
            )
            .unwrap(),
        ];
        for seed in 1..4 {
            projects.push(crate::plan::generate::project(300, 60, 4, seed));
        }
        let mut odd = crate::plan::generate::project(5, 5, 1, 9);
        odd.programme.title =
            "Chiefs' \"quote\" back\\slash\nnew line\ttab \u{301}accent \u{7}bell Prishtinë 日本 \u{200b}"
                .into();
        odd.activities[0].sessions[0].place = Place {
            mode: PlaceMode::Online,
            city: String::new(),
            country: String::new(),
        };
        odd.activities[1].participants = Default::default();
        odd.activities[2].sessions.clear();
        odd.objectives[0].indicators = numbers_of_every_shape();
        projects.push(odd);
        for project in &projects {
            assert_eq!(to_string(project).unwrap(), ron_text(project));
        }
        // The fast reader reads the numbers back as ron does, bit for bit.
        let text = to_string(&projects[projects.len() - 1]).unwrap();
        let fast: Project = crate::io::fast_read::from_str(&text).unwrap();
        assert_eq!(fast, ron::from_str::<Project>(&text).unwrap());
        assert_eq!(fast, projects[projects.len() - 1]);
    }

    /// Indicators whose values are numbers ron writes in each of its forms, and text.
    pub(crate) fn numbers_of_every_shape() -> Vec<crate::model::Indicator> {
        use crate::model::{Id, Indicator, Measurement, Value};
        let m = |v: Value| {
            Some(Measurement {
                value: v,
                date: None,
            })
        };
        [
            12.0,
            4.5,
            -3.25,
            1e300,
            1e-7,
            -0.0,
            123456789012.0,
            0.1 + 0.2,
        ]
        .into_iter()
        .enumerate()
        .map(|(n, v)| Indicator {
            id: Id(9000 + n as u64),
            text: format!("Indicator {n}"),
            unit: String::new(),
            baseline: m(Value::Number(v)),
            target: m(Value::Text("12".into())),
            latest: m(Value::Number(-v)),
            verification: String::new(),
            computed: None,
            periods: Vec::new(),
        })
        .collect()
    }
}
