//! A text file's bytes as text, the way spreadsheet programs write them: UTF-8 with or
//! without a byte-order mark, UTF-16 ("Unicode text", with its mark) or Windows-1252 (Excel's
//! "CSV" on Windows); and which of `,`, `;` or tab separates its fields.

use std::fmt;

/// How the bytes were read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// An encoding the user names instead of detection (`--encoding`); UTF-16 still follows a
/// byte-order mark to tell its byte order, and is little-endian (as Windows writes it) without.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EncodingChoice {
    Utf8,
    Utf16,
    Windows1252,
}

/// The field separator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delimiter {
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    pub const ALL: [Delimiter; 3] = [Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab];

    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }

    /// As a person reads it in "separated by …".
    pub fn name(self) -> &'static str {
        match self {
            Delimiter::Comma => ",",
            Delimiter::Semicolon => ";",
            Delimiter::Tab => "tabs",
        }
    }
}

/// The encoding and separator a file was read with, for the review to name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Format {
    pub encoding: Encoding,
    /// The file began with a byte-order mark.
    pub bom: bool,
    pub delimiter: Delimiter,
}

impl Format {
    /// Whether the file said it (a byte-order mark), and what the reader chose.
    pub fn encoding_text(&self) -> String {
        if self.bom {
            format!("{} (with byte-order mark)", self.encoding.name())
        } else {
            self.encoding.name().to_string()
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Read as {}, separated by {}",
            self.encoding_text(),
            self.delimiter.name()
        )
    }
}

/// Bytes that are not text in the encoding the user named.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("the file is not {encoding} text{detail} (try another --encoding, or save it as UTF-8)")]
pub struct DecodeError {
    pub encoding: &'static str,
    pub detail: String,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16BE_BOM: &[u8] = b"\xFE\xFF";

/// The text of `bytes`: a byte-order mark decides; else valid UTF-8 is UTF-8; else
/// Windows-1252, which gives every byte a character. `choice` overrides the detection.
pub fn decode(
    bytes: &[u8],
    choice: Option<EncodingChoice>,
) -> Result<(String, Encoding, bool), DecodeError> {
    let utf8 = |rest: &[u8], bom| {
        std::str::from_utf8(rest)
            .map(|t| (t.to_string(), Encoding::Utf8, bom))
            .map_err(|e| DecodeError {
                encoding: "UTF-8",
                detail: format!(" (byte {} is not)", e.valid_up_to() + usize::from(bom) * 3),
            })
    };
    let utf16 = |rest: &[u8], encoding: Encoding, bom| {
        let decoder = if encoding == Encoding::Utf16Be {
            encoding_rs::UTF_16BE
        } else {
            encoding_rs::UTF_16LE
        };
        decoder
            .decode_without_bom_handling_and_without_replacement(rest)
            .map(|t| (t.into_owned(), encoding, bom))
            .ok_or_else(|| DecodeError {
                encoding: encoding.name(),
                detail: String::new(),
            })
    };
    let windows_1252 = |rest: &[u8]| {
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(rest);
        (text.into_owned(), Encoding::Windows1252, false)
    };
    match choice {
        None => {
            if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
                utf8(rest, true)
            } else if let Some(rest) = bytes.strip_prefix(UTF16LE_BOM) {
                utf16(rest, Encoding::Utf16Le, true)
            } else if let Some(rest) = bytes.strip_prefix(UTF16BE_BOM) {
                utf16(rest, Encoding::Utf16Be, true)
            } else if let Ok(text) = std::str::from_utf8(bytes) {
                Ok((text.to_string(), Encoding::Utf8, false))
            } else {
                Ok(windows_1252(bytes))
            }
        }
        Some(EncodingChoice::Utf8) => match bytes.strip_prefix(UTF8_BOM) {
            Some(rest) => utf8(rest, true),
            None => utf8(bytes, false),
        },
        Some(EncodingChoice::Utf16) => {
            if let Some(rest) = bytes.strip_prefix(UTF16BE_BOM) {
                utf16(rest, Encoding::Utf16Be, true)
            } else if let Some(rest) = bytes.strip_prefix(UTF16LE_BOM) {
                utf16(rest, Encoding::Utf16Le, true)
            } else {
                utf16(bytes, Encoding::Utf16Le, false)
            }
        }
        Some(EncodingChoice::Windows1252) => Ok(windows_1252(bytes)),
    }
}

/// The separator of the header line: whichever of `,` `;` and tab occurs most often outside
/// quotes (a quoted `;` in a title does not count); `,` when none occurs.
pub fn detect_delimiter(text: &str) -> Delimiter {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    // The first of the most frequent, so a tie goes to the comma.
    let mut best = 0;
    for i in 1..3 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    Delimiter::ALL[best]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian {
            UTF16BE_BOM.to_vec()
        } else {
            UTF16LE_BOM.to_vec()
        };
        for unit in text.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend(pair);
        }
        bytes
    }

    #[test]
    fn a_byte_order_mark_decides_the_encoding() {
        let text = "title\tkind\r\nObuka u Podgorici — Đurić\tTraining\r\n";
        let (read, encoding, bom) = decode(b"\xEF\xBB\xBFtitle,Ume\xC3\xA5", None).unwrap();
        assert_eq!(
            (read.as_str(), encoding, bom),
            ("title,Umeå", Encoding::Utf8, true)
        );
        let (read, encoding, bom) = decode(&utf16(text, false), None).unwrap();
        assert_eq!(
            (read.as_str(), encoding, bom),
            (text, Encoding::Utf16Le, true)
        );
        let (read, encoding, bom) = decode(&utf16(text, true), None).unwrap();
        assert_eq!(
            (read.as_str(), encoding, bom),
            (text, Encoding::Utf16Be, true)
        );
        // Named UTF-16 follows the mark for the byte order.
        let (read, encoding, _) = decode(&utf16(text, true), Some(EncodingChoice::Utf16)).unwrap();
        assert_eq!((read.as_str(), encoding), (text, Encoding::Utf16Be));
    }

    #[test]
    fn bytes_that_are_not_utf8_are_read_as_windows_1252() {
        // 0xE6 is æ and 0x9A is š in Windows-1252; neither can stand alone in UTF-8.
        let (read, encoding, bom) =
            decode(b"title;kind\r\nK\xE6re \x9Aef;Training\r\n", None).unwrap();
        assert_eq!(encoding, Encoding::Windows1252);
        assert!(!bom);
        assert_eq!(read, "title;kind\r\nKære šef;Training\r\n");
        // Valid UTF-8 without a mark stays UTF-8.
        let (read, encoding, _) = decode("Kære šef".as_bytes(), None).unwrap();
        assert_eq!((read.as_str(), encoding), ("Kære šef", Encoding::Utf8));
        // Named, the choice wins over detection, and a wrong one says so.
        let (read, encoding, _) =
            decode("Kære".as_bytes(), Some(EncodingChoice::Windows1252)).unwrap();
        assert_eq!(
            (read.as_str(), encoding),
            ("K\u{c3}\u{a6}re", Encoding::Windows1252)
        );
        let error = decode(b"ab\xE6c", Some(EncodingChoice::Utf8)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the file is not UTF-8 text (byte 2 is not) (try another --encoding, or save it as UTF-8)"
        );
        assert!(decode(b"odd", Some(EncodingChoice::Utf16)).is_err());
    }

    #[test]
    fn the_separator_is_the_one_the_header_uses_outside_quotes() {
        assert_eq!(detect_delimiter("title,kind,status\r\n"), Delimiter::Comma);
        assert_eq!(
            detect_delimiter("title;kind;status\r\na,b,c,d,e\r\n"),
            Delimiter::Semicolon
        );
        assert_eq!(detect_delimiter("title\tkind\tstatus"), Delimiter::Tab);
        assert_eq!(
            detect_delimiter("\"title; in full; really\",kind,status\n"),
            Delimiter::Comma,
            "quoted ; do not count"
        );
        assert_eq!(detect_delimiter("title"), Delimiter::Comma);
        let format = Format {
            encoding: Encoding::Windows1252,
            bom: false,
            delimiter: Delimiter::Semicolon,
        };
        assert_eq!(format.to_string(), "Read as Windows-1252, separated by ;");
    }
}
