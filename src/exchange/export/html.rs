//! Pieces shared by the HTML documents: escaping and the print style sheet.

/// Text made safe to put between HTML tags or in a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Styles for screen and for paper; no external fonts or files. No `@page` rule: each
/// document adds the one of its orientation, [`A4_LANDSCAPE`] or [`A4_PORTRAIT`], since a
/// second rule would silently override the first.
pub const STYLE: &str = r#"
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; color: #1b1b1b; margin: 24px; }
h1 { font-size: 16pt; margin: 0 0 4px 0; }
.meta { color: #555; margin: 0 0 14px 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #e8edf3; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
.code { font-family: "DejaVu Sans Mono", monospace; color: #555; margin-right: 6px; }
.level { color: #666; font-size: 9pt; }
.warn { color: #a35b00; font-size: 9pt; }
.computed { font-style: italic; }
.indicator + .indicator { border-top: 1px dotted #ccc; margin-top: 4px; padding-top: 4px; }
.muted { color: #666; }
@media print { body { margin: 0; } }
"#;

/// The page of wide tables: the logframe and the workplan report.
pub const A4_LANDSCAPE: &str = "@page { size: A4 landscape; margin: 12mm; }\n";

/// The page of running text: an agenda and minutes.
pub const A4_PORTRAIT: &str = "@page { size: A4 portrait; margin: 18mm; }\n";

#[cfg(test)]
mod tests {
    use super::super::{Scope, agenda, logframe, report};
    use crate::testing::sample;

    /// The `@page` rules of a document, in order.
    fn page_rules(html: &str) -> Vec<&str> {
        html.match_indices("@page")
            .map(|(at, _)| {
                let rest = &html[at..];
                &rest[..rest.find('}').map_or(rest.len(), |end| end + 1)]
            })
            .collect()
    }

    #[test]
    fn each_document_has_exactly_one_page_rule_of_its_orientation() {
        let p = sample();
        let portrait = "@page { size: A4 portrait; margin: 18mm; }";
        let landscape = "@page { size: A4 landscape; margin: 12mm; }";
        for (name, html, rule) in [
            ("agenda", agenda::to_html(&p, 1, false).unwrap(), portrait),
            ("minutes", agenda::to_html(&p, 2, true).unwrap(), portrait),
            ("logframe", logframe::to_html(&p, None), landscape),
            ("report", report::to_html(&p, Scope::default()), landscape),
        ] {
            assert_eq!(page_rules(&html), [rule], "{name}");
        }
    }
}
