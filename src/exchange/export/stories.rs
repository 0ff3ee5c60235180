//! Activity stories of a period (`plan::stories`) as Markdown or a printable HTML page. The
//! window saves the stories as edited; the command line writes them as drafted.

use super::html::{A4_PORTRAIT, STYLE, escape};
use crate::model::Project;
use crate::plan::stories::Story;

/// A story as the window edits it: its title and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edited {
    pub title: String,
    pub body: String,
}

impl From<&Story> for Edited {
    fn from(story: &Story) -> Self {
        Edited {
            title: story.title.clone(),
            body: story.body(),
        }
    }
}

/// The drafted stories of the activities done in the scope's period.
pub fn drafted(project: &Project, scope: super::Scope) -> Vec<Edited> {
    let (from, to) = scope.resolve(project);
    crate::plan::stories::drafts(project, from, to)
        .iter()
        .map(Edited::from)
        .collect()
}

/// "# Activity stories" and one "## Title" section a story; titles on one line.
pub fn to_markdown(programme: &str, stories: &[Edited]) -> String {
    let mut out = format!("# {} — activity stories\n", one_line(programme));
    if stories.is_empty() {
        out.push_str("\nNo activity was done in this period.\n");
    }
    for story in stories {
        out.push_str(&format!(
            "\n## {}\n\n{}\n",
            one_line(&story.title),
            story.body.trim()
        ));
    }
    out
}

/// A full HTML document: a heading a story, a paragraph per blank-line-separated block.
pub fn to_html(programme: &str, stories: &[Edited]) -> String {
    let title = escape(programme);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>{title} — activity stories</title>\n<style>{STYLE}{A4_PORTRAIT}\
         h2 {{ font-size: 12pt; margin: 16px 0 6px; }}</style>\n</head>\n<body>\n\
         <h1>{title} — activity stories</h1>\n"
    );
    if stories.is_empty() {
        out.push_str("<p>No activity was done in this period.</p>\n");
    }
    for story in stories {
        out.push_str(&format!("<h2>{}</h2>\n", escape(&one_line(&story.title))));
        for paragraph in story
            .body
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            out.push_str(&format!(
                "<p>{}</p>\n",
                escape(paragraph).replace('\n', "<br>")
            ));
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_text_are_escaped_and_kept_on_their_lines() {
        let stories = [Edited {
            title: "Roundtable <on>\nborders".into(),
            body: "1 May 2010, Skopje:\n\nA & B.".into(),
        }];
        let md = to_markdown("XSEE", &stories);
        assert!(md.contains("\n## Roundtable <on> borders\n\n1 May 2010, Skopje:\n\nA & B.\n"));
        let html = to_html("XSEE", &stories);
        assert!(html.contains("<h2>Roundtable &lt;on&gt; borders</h2>"));
        assert!(html.contains("<p>A &amp; B.</p>"));
        assert!(to_markdown("X", &[]).contains("No activity was done"));
    }
}
