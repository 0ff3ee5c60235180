//! A strict, fast reader for the RON that Workplan writes.
//!
//! ron's parser spends most of its time per token (whitespace and identifier scanning through
//! per-character calls), which made opening a 10,000-activity file take well over 100 ms. This
//! reader understands only the subset `to_ron` produces and any layout of it: records
//! `(field: value, ...)`, lists `[...]`, strings with the escapes `to_ron` writes, whole numbers,
//! `true`/`false`, `Some(...)`/`None` and enum variants without data, separated by any ASCII
//! whitespace and `//` comments, trailing commas allowed. Anything else (block comments, struct
//! names, raw strings,
//! numbers like `0x10` or `1_000`, extensions, and every mistake) makes it give up with
//! [`Unsupported`]; the caller then reads the text with ron, which accepts all of RON and
//! reports problems with their line and column. So on any text this reader accepts it must give
//! exactly what ron gives, which the tests check on generated and shipped files.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Visitor};

/// The text is outside the subset this reader handles (or wrong): read it with ron instead.
#[derive(Debug)]
pub struct Unsupported;

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not in the subset the fast reader handles")
    }
}

impl std::error::Error for Unsupported {}

impl de::Error for Unsupported {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

type Result<T> = std::result::Result<T, Unsupported>;

/// Reads one value filling the whole text (whitespace around it allowed).
pub fn from_str<T: de::DeserializeOwned>(text: &str) -> Result<T> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
        nesting: 0,
    };
    let value = T::deserialize(&mut reader)?;
    reader.skip_ws();
    if reader.at == reader.bytes.len() {
        Ok(value)
    } else {
        Err(Unsupported)
    }
}

struct Reader<'de> {
    text: &'de str,
    bytes: &'de [u8],
    at: usize,
    /// Open brackets; past ron's recursion limit the text is left to ron, which refuses it
    /// with a message instead of overflowing the stack.
    nesting: usize,
}

const MAX_NESTING: usize = 100;

impl<'de> Reader<'de> {
    /// Skips whitespace and `//` comments (such as the sample's heading).
    fn skip_ws(&mut self) {
        loop {
            match self.bytes.get(self.at) {
                Some(b' ' | b'\t' | b'\n' | b'\r') => self.at += 1,
                Some(b'/') if self.bytes.get(self.at + 1) == Some(&b'/') => {
                    self.at = match self.bytes[self.at..].iter().position(|&b| b == b'\n') {
                        Some(newline) => self.at + newline + 1,
                        None => self.bytes.len(),
                    }
                }
                _ => return,
            }
        }
    }

    /// The next byte after whitespace, not consumed.
    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.bytes.get(self.at).copied()
    }

    fn open(&mut self, bracket: u8) -> Result<()> {
        self.nesting += 1;
        if self.nesting > MAX_NESTING {
            return Err(Unsupported);
        }
        self.expect(bracket)
    }

    fn close(&mut self, bracket: u8) -> Result<()> {
        self.nesting -= 1;
        self.expect(bracket)
    }

    fn expect(&mut self, byte: u8) -> Result<()> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(Unsupported)
        }
    }

    /// After an element of a list or record: a comma, or the closing bracket (left for the
    /// caller).
    fn after_element(&mut self, close: u8) -> Result<()> {
        match self.peek() {
            Some(b',') => {
                self.at += 1;
                Ok(())
            }
            Some(b) if b == close => Ok(()),
            _ => Err(Unsupported),
        }
    }

    fn identifier(&mut self) -> Result<&'de str> {
        self.skip_ws();
        let start = self.at;
        match self.bytes.get(self.at) {
            Some(b) if b.is_ascii_alphabetic() || *b == b'_' => self.at += 1,
            _ => return Err(Unsupported),
        }
        while let Some(b) = self.bytes.get(self.at) {
            if b.is_ascii_alphanumeric() || *b == b'_' {
                self.at += 1;
            } else {
                break;
            }
        }
        // `r#name` is a raw identifier in RON: leave it to ron.
        if self.bytes.get(self.at) == Some(&b'#') {
            return Err(Unsupported);
        }
        Ok(&self.text[start..self.at])
    }

    fn string(&mut self) -> Result<Cow<'de, str>> {
        self.expect(b'"')?;
        let start = self.at;
        loop {
            match self.bytes.get(self.at) {
                None => return Err(Unsupported),
                Some(b'"') => {
                    self.at += 1;
                    // Both ends are at ASCII bytes, so this is a whole UTF-8 slice.
                    return Ok(Cow::Borrowed(&self.text[start..self.at - 1]));
                }
                Some(b'\\') => break,
                Some(_) => self.at += 1,
            }
        }
        let mut owned = String::from(&self.text[start..self.at]);
        loop {
            let rest = &self.text[self.at..];
            let plain = rest.find(['"', '\\']).ok_or(Unsupported)?;
            owned.push_str(&rest[..plain]);
            self.at += plain;
            if self.bytes[self.at] == b'"' {
                self.at += 1;
                return Ok(Cow::Owned(owned));
            }
            // An escape: the forms `str::escape_debug` writes, as ron's writer uses it.
            let escaped = *self.bytes.get(self.at + 1).ok_or(Unsupported)?;
            self.at += 2;
            owned.push(match escaped {
                b'\\' => '\\',
                b'"' => '"',
                b'\'' => '\'',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'0' => '\0',
                b'u' => {
                    let rest = &self.text[self.at..];
                    let hex = rest.strip_prefix('{').ok_or(Unsupported)?;
                    let close = hex.find('}').ok_or(Unsupported)?;
                    if close == 0 || close > 6 {
                        return Err(Unsupported);
                    }
                    let code = u32::from_str_radix(&hex[..close], 16).map_err(|_| Unsupported)?;
                    self.at += close + 2;
                    char::from_u32(code).ok_or(Unsupported)?
                }
                _ => return Err(Unsupported),
            });
        }
    }

    /// Decimal digits, without sign, leading zeros or separators.
    fn digits(&mut self) -> Result<u64> {
        self.skip_ws();
        let start = self.at;
        while let Some(b'0'..=b'9') = self.bytes.get(self.at) {
            self.at += 1;
        }
        let digits = &self.bytes[start..self.at];
        let followed_by_number_char = matches!(
            self.bytes.get(self.at),
            Some(b'.' | b'_' | b'e' | b'E' | b'x' | b'b' | b'o' | b'a'..=b'z' | b'A'..=b'Z')
        );
        if digits.is_empty() || (digits.len() > 1 && digits[0] == b'0') || followed_by_number_char {
            return Err(Unsupported);
        }
        digits.iter().try_fold(0u64, |n, d| {
            n.checked_mul(10)
                .and_then(|n| n.checked_add(u64::from(d - b'0')))
                .ok_or(Unsupported)
        })
    }

    /// A decimal number as ron's writer gives it (`12.0`, `-4.5`, `1e300`), and whether it was
    /// written without a fraction or exponent. Underscores, suffixes, `inf`, `NaN` and integers
    /// of more than 15 digits (which an f64 may not hold exactly) are left to ron.
    fn float(&mut self) -> Result<(f64, bool)> {
        self.skip_ws();
        let start = self.at;
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        let digits_start = self.at;
        while let Some(b'0'..=b'9' | b'.' | b'e' | b'E') = self.bytes.get(self.at) {
            // An exponent's sign.
            if matches!(self.bytes[self.at], b'e' | b'E')
                && matches!(self.bytes.get(self.at + 1), Some(b'-' | b'+'))
            {
                self.at += 1;
            }
            self.at += 1;
        }
        let token = &self.bytes[digits_start..self.at];
        let followed_by_number_char = matches!(
            self.bytes.get(self.at),
            Some(b'_' | b'a'..=b'z' | b'A'..=b'Z')
        );
        let integral = token.iter().all(u8::is_ascii_digit);
        if !token.first().is_some_and(u8::is_ascii_digit)
            || followed_by_number_char
            || (integral && (token.len() > 15 || (token.len() > 1 && token[0] == b'0')))
        {
            return Err(Unsupported);
        }
        let text = std::str::from_utf8(&self.bytes[start..self.at]).map_err(|_| Unsupported)?;
        let value: f64 = text.parse().map_err(|_| Unsupported)?;
        if !value.is_finite() {
            return Err(Unsupported);
        }
        Ok((value, integral))
    }

    fn unsigned(&mut self) -> Result<u64> {
        self.digits()
    }

    fn signed(&mut self) -> Result<i64> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
            // `- 5` is not a number in RON.
            if !self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
                return Err(Unsupported);
            }
        }
        let magnitude = i128::from(self.digits()?);
        let value = if negative { -magnitude } else { magnitude };
        i64::try_from(value).map_err(|_| Unsupported)
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Unsupported;

    /// Only a string or a plain decimal number (what `model::Value` holds); anything else is
    /// left to ron.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.peek() {
            Some(b'"') => self.deserialize_str(visitor),
            Some(b'-' | b'0'..=b'9') => {
                let (value, integral) = self.float()?;
                if integral {
                    visitor.visit_i64(value as i64)
                } else {
                    visitor.visit_f64(value)
                }
            }
            _ => Err(Unsupported),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.identifier()? {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => Err(Unsupported),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i64(self.signed()?)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i64(self.signed()?)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i64(self.signed()?)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i64(self.signed()?)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u64(self.unsigned()?)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u64(self.unsigned()?)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u64(self.unsigned()?)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u64(self.unsigned()?)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Unsupported)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_f64(self.float()?.0)
    }
    fn deserialize_char<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Unsupported)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.string()? {
            Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
            Cow::Owned(s) => visitor.visit_string(s),
        }
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Unsupported)
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Unsupported)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.identifier()? {
            "None" => visitor.visit_none(),
            "Some" if self.bytes.get(self.at) == Some(&b'(') => {
                self.open(b'(')?;
                let value = visitor.visit_some(&mut *self)?;
                self.close(b')')?;
                Ok(value)
            }
            _ => Err(Unsupported),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Unsupported)
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, _: V) -> Result<V::Value> {
        Err(Unsupported)
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: V,
    ) -> Result<V::Value> {
        Err(Unsupported)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.open(b'[')?;
        let value = visitor.visit_seq(Elements { reader: self })?;
        self.close(b']')?;
        Ok(value)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value> {
        Err(Unsupported)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        _: V,
    ) -> Result<V::Value> {
        Err(Unsupported)
    }
    fn deserialize_map<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Unsupported)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.open(b'(')?;
        let value = visitor.visit_map(Fields { reader: self })?;
        self.close(b')')?;
        Ok(value)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_enum(UnitVariant(self.identifier()?))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.identifier()?)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
        Err(Unsupported)
    }
}

struct Elements<'a, 'de> {
    reader: &'a mut Reader<'de>,
}

impl<'de> de::SeqAccess<'de> for Elements<'_, 'de> {
    type Error = Unsupported;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.reader.peek() == Some(b']') {
            return Ok(None);
        }
        let value = seed.deserialize(&mut *self.reader)?;
        self.reader.after_element(b']')?;
        Ok(Some(value))
    }
}

struct Fields<'a, 'de> {
    reader: &'a mut Reader<'de>,
}

impl<'de> de::MapAccess<'de> for Fields<'_, 'de> {
    type Error = Unsupported;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.reader.peek() == Some(b')') {
            return Ok(None);
        }
        let name = self.reader.identifier()?;
        self.reader.expect(b':')?;
        seed.deserialize(de::value::BorrowedStrDeserializer::new(name))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let value = seed.deserialize(&mut *self.reader)?;
        self.reader.after_element(b')')?;
        Ok(value)
    }
}

struct UnitVariant<'de>(&'de str);

impl<'de> de::EnumAccess<'de> for UnitVariant<'de> {
    type Error = Unsupported;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let value = seed.deserialize(de::value::BorrowedStrDeserializer::new(self.0))?;
        Ok((value, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariant<'de> {
    type Error = Unsupported;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Result<T::Value> {
        Err(Unsupported)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value> {
        Err(Unsupported)
    }
    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], _: V) -> Result<V::Value> {
        Err(Unsupported)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Project;

    fn both(
        text: &str,
    ) -> (
        Result<Project>,
        std::result::Result<Project, ron::error::SpannedError>,
    ) {
        (from_str::<Project>(text), ron::from_str::<Project>(text))
    }

    #[test]
    fn numbers_outside_what_ron_writes_are_left_to_ron() {
        let mut project = crate::plan::generate::project(5, 5, 1, 3);
        project.objectives[0]
            .indicators
            .push(crate::model::Indicator {
                id: crate::model::Id(9999),
                text: "Share".into(),
                unit: String::new(),
                baseline: None,
                target: Some(crate::model::Measurement {
                    value: 1.5.into(),
                    date: None,
                }),
                latest: None,
                verification: String::new(),
                computed: None,
                periods: Vec::new(),
            });
        let text = crate::io::to_ron(&project);
        assert!(text.contains("value: 1.5,"), "{text}");
        assert_eq!(from_str::<Project>(&text).unwrap(), project);
        // An integer, as a hand-edited file may hold, reads as the same number.
        let integral = text.replace("value: 1.5,", "value: 12,");
        let (fast, ron) = both(&integral);
        assert_eq!(fast.unwrap(), ron.unwrap());
        for odd in [
            "1_000.5",
            "1.5f64",
            "inf",
            "NaN",
            "0x10",
            "1234567890123456789",
            "01",
        ] {
            let (fast, ron) = both(&text.replace("value: 1.5,", &format!("value: {odd},")));
            assert!(fast.is_err(), "{odd}");
            // What ron makes of it is its own business; the loader falls back to it.
            let _ = ron;
        }
    }

    #[test]
    fn reads_what_ron_reads_from_saved_projects() {
        for seed in 1..4 {
            let project = crate::plan::generate::project(300, 60, 4, seed);
            let text = crate::io::to_ron(&project);
            let (fast, ron) = both(&text);
            assert_eq!(
                fast.expect("fast reader takes canonical text"),
                ron.unwrap()
            );
            // Any other layout of the same tokens, such as the four-space layout of old saves.
            let old = ron::ser::to_string_pretty(&project, ron::ser::PrettyConfig::new()).unwrap();
            let compact = ron::to_string(&project).unwrap();
            assert_eq!(from_str::<Project>(&old).unwrap(), project);
            assert_eq!(from_str::<Project>(&compact).unwrap(), project);
        }
    }

    #[test]
    fn reads_the_shipped_files_as_ron_does() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for file in [
            "sample-data/see-regional-programme-2009-2011.ron",
            "tests/fixtures/format-v1.ron",
        ] {
            let text = std::fs::read_to_string(root.join(file)).unwrap();
            let (fast, ron) = both(&text);
            assert_eq!(fast.expect(file), ron.unwrap(), "{file}");
        }
    }

    #[test]
    fn deep_nesting_is_left_to_ron_instead_of_overflowing_the_stack() {
        #[derive(serde::Deserialize)]
        #[allow(dead_code)]
        struct Item {
            sub_items: Vec<Item>,
        }
        let nested =
            |depth: usize| "(sub_items: [".repeat(depth) + "(sub_items: [])" + &"])".repeat(depth);
        assert!(from_str::<Item>(&nested(40)).is_ok());
        assert!(from_str::<Item>(&nested(100_000)).is_err());
    }

    #[test]
    fn escapes_read_back() {
        let mut project = crate::plan::generate::project(3, 3, 1, 1);
        project.programme.title =
            "Chiefs' \"quote\" back\\slash\nnew line\ttab \u{301}accent \u{7}bell Prishtinë".into();
        let text = crate::io::to_ron(&project);
        assert_eq!(from_str::<Project>(&text).unwrap(), project);
    }

    #[test]
    fn gives_up_outside_its_subset_or_on_mistakes() {
        let project = crate::plan::generate::project(3, 3, 1, 1);
        let text = crate::io::to_ron(&project);
        let n = crate::model::FORMAT_VERSION;
        let v = format!("format_version: {n},");
        let variants = [
            text.replacen("(\n", "/* a comment */\n(\n", 1),
            text.replacen("(\n", "Project(\n", 1),
            text.replacen(&v, &format!("format_version: 0x{n},"), 1),
            text.replacen(&v, &format!("format_version: 0{n},"), 1),
            text.replacen(&v, &format!("format_version: {n}.0,"), 1),
            text.replacen(&v, &format!("format_version: -{n},"), 1),
            text.replacen("next_id: ", "next_id: 1_", 1),
            text.replacen("title: \"", "title: r\"", 1),
            text.replacen("format_version", "r#format_version", 1),
            text.replacen("status: ", "status: Status::", 1),
            text.replacen(&v, &format!("{v},"), 1),
            text.replacen(&v, &v[..v.len() - 1], 1),
            text.replacen(&v, &format!("{v} surprise: 2,"), 1),
            format!("{text})"),
            format!("#![enable(implicit_some)]\n{text}"),
        ];
        for variant in variants {
            assert_ne!(variant, text, "each variant changes the text");
            assert!(from_str::<Project>(&variant).is_err(), "{variant}");
        }
    }
}
