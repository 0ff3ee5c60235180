//! Activity stories: the short account staff write of each activity done in a period
//! (title, dateline, what was done, who paid, which SDG targets it serves, who came), drafted
//! from the records so nobody retypes them.

use crate::plan::dates::MONTHS;
use chrono::{Datelike, NaiveDate};

use crate::model::{Activity, Id, PlaceMode, Precision, Project, Session, Status, sdg};

/// One activity's story, as drafted; each part is plain text (no markup).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Story {
    pub activity: Id,
    pub title: String,
    /// "18-20 November 2009, Belgrade, Serbia; 2-4 December 2009, online:".
    pub dateline: String,
    pub description: String,
    /// "It was implemented with the financial support of ... through ...", or empty.
    pub funding: String,
    /// "It contributes to SDG 16, particularly Target 16.4 (...).", or empty.
    pub sdg: String,
    /// "42 participants, 19 of them women (45%).", or empty.
    pub participants: String,
}

impl Story {
    /// The story as one editable text: the title on its first line, then the paragraphs.
    pub fn body(&self) -> String {
        let mut paragraph = self.dateline.clone();
        if !self.description.is_empty() {
            // An activity without sessions has no dateline: its text starts with what was done.
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            paragraph.push_str(&self.description);
        }
        let rest = [&self.funding, &self.sdg, &self.participants]
            .into_iter()
            .filter(|s| !s.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        if rest.is_empty() {
            paragraph
        } else {
            format!("{paragraph}\n\n{rest}")
        }
    }
}

/// The stories of the activities done with a session in `from..=to`, in workplan order.
pub fn drafts(project: &Project, from: NaiveDate, to: NaiveDate) -> Vec<Story> {
    project
        .activities
        .iter()
        .filter(|a| a.status == Status::Done)
        .filter(|a| {
            a.sessions
                .iter()
                .any(|s| s.start <= to && s.last_day() >= from)
        })
        .map(|a| story(project, a))
        .collect()
}

/// The story of one activity, whatever its status.
pub fn story(project: &Project, activity: &Activity) -> Story {
    Story {
        activity: activity.id,
        title: activity.title.clone(),
        dateline: dateline(&activity.sessions),
        description: activity.description.trim().to_string(),
        funding: funding_sentence(project, activity),
        sdg: sdg_sentence(&activity.sdg_targets),
        participants: participants_sentence(activity),
    }
}

/// The sessions as a reader writes them, joined by "; " and ending with ":"; empty without
/// sessions.
pub fn dateline(sessions: &[Session]) -> String {
    if sessions.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = sessions
        .iter()
        .map(|s| {
            let place = place_text(s);
            let dates = dates_text(s);
            if place.is_empty() {
                dates
            } else {
                format!("{dates}, {place}")
            }
        })
        .collect();
    format!("{}:", parts.join("; "))
}

/// "18-20 November 2009", "30 November - 2 December 2009", "28 December 2009 - 3 January
/// 2010", "November 2009", "November - December 2009".
pub fn dates_text(session: &Session) -> String {
    let (a, b) = (session.start, session.last_day());
    let month = |d: NaiveDate| MONTHS[d.month0() as usize];
    let same_month = (a.year(), a.month()) == (b.year(), b.month());
    match session.precision {
        Precision::Month if same_month => format!("{} {}", month(a), a.year()),
        Precision::Month if a.year() == b.year() => {
            format!("{} - {} {}", month(a), month(b), a.year())
        }
        Precision::Month => format!("{} {} - {} {}", month(a), a.year(), month(b), b.year()),
        Precision::Day if a == b => format!("{} {} {}", a.day(), month(a), a.year()),
        Precision::Day if same_month => {
            format!("{}-{} {} {}", a.day(), b.day(), month(a), a.year())
        }
        Precision::Day if a.year() == b.year() => format!(
            "{} {} - {} {} {}",
            a.day(),
            month(a),
            b.day(),
            month(b),
            a.year()
        ),
        Precision::Day => format!(
            "{} {} {} - {} {} {}",
            a.day(),
            month(a),
            a.year(),
            b.day(),
            month(b),
            b.year()
        ),
    }
}

/// "Belgrade, Serbia", "online", "Belgrade, Serbia and online"; empty when nothing is known.
fn place_text(session: &Session) -> String {
    let place = &session.place;
    let written = place.city_and_country();
    // As a report's dateline says it: "Belgrade, Serbia and online", where the label has "/".
    match place.mode {
        PlaceMode::InPerson => written,
        PlaceMode::Online => "online".to_string(),
        PlaceMode::Hybrid if written.is_empty() => "hybrid".to_string(),
        PlaceMode::Hybrid => format!("{written} and online"),
    }
}

/// "a", "a and b", "a, b and c".
pub fn english_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "It was implemented with the financial support of Norway and Switzerland through the
/// Regional Fund and of Austria." Each funding line's source is a donor paying directly or a
/// fund naming the donors that pay through it; empty without funding lines.
pub fn funding_sentence(project: &Project, activity: &Activity) -> String {
    let donors = &project.programme.donors;
    let name = |id: Id| {
        donors
            .iter()
            .find(|d| d.id == id)
            .map(|d| d.name.trim().to_string())
    };
    let mut direct: Vec<String> = Vec::new();
    let mut through: Vec<String> = Vec::new();
    for line in &activity.funding {
        let Some(source) = donors.iter().find(|d| d.id == line.source) else {
            continue;
        };
        let clause = if source.through.is_empty() {
            source.name.trim().to_string()
        } else {
            let payers: Vec<String> = source.through.iter().filter_map(|&id| name(id)).collect();
            if payers.is_empty() {
                source.name.trim().to_string()
            } else {
                format!("{} through {}", english_list(&payers), source.name.trim())
            }
        };
        let list = if source.through.is_empty() {
            &mut direct
        } else {
            &mut through
        };
        if !list.contains(&clause) {
            list.push(clause);
        }
    }
    let clauses: Vec<String> = through.into_iter().chain(direct).collect();
    if clauses.is_empty() {
        return String::new();
    }
    let joined = match clauses.as_slice() {
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and of {last}", rest.join(", of ")),
        [] => unreachable!("checked above"),
    };
    format!("It was implemented with the financial support of {joined}.")
}

/// "It contributes to SDG 16, particularly Targets 16.4 (...) and 16.a (...), and to SDG 5,
/// particularly Target 5.5 (...)."; goals in the order their first target is listed. Targets
/// that are not SDG targets are left out; empty when none is left.
pub fn sdg_sentence(targets: &[String]) -> String {
    let mut goals: Vec<(&str, Vec<String>)> = Vec::new();
    for target in targets {
        let Some(text) = sdg::target_text(target) else {
            continue;
        };
        let goal = target.split('.').next().unwrap_or_default();
        let entry = format!("{target} ({text})");
        match goals.iter_mut().find(|(g, _)| *g == goal) {
            Some((_, list)) => list.push(entry),
            None => goals.push((goal, vec![entry])),
        }
    }
    if goals.is_empty() {
        return String::new();
    }
    let clauses: Vec<String> = goals
        .iter()
        .map(|(goal, list)| {
            let noun = if list.len() == 1 { "Target" } else { "Targets" };
            format!("SDG {goal}, particularly {noun} {}", english_list(list))
        })
        .collect();
    let joined = match clauses.as_slice() {
        [one] => one.clone(),
        [rest @ .., last] => format!("{}, and to {last}", rest.join(", to ")),
        [] => unreachable!("checked above"),
    };
    format!("It contributes to {joined}.")
}

/// "42 participants, 19 of them women (45%)."; the planned number when the actual one is not
/// known, and nothing of women when their number is not.
pub fn participants_sentence(activity: &Activity) -> String {
    let p = &activity.participants;
    let Some(total) = p.actual.or(p.planned).filter(|&n| n > 0) else {
        return String::new();
    };
    let people = crate::plan::count(total as usize, "participant");
    match p.women.filter(|&w| w <= total) {
        Some(women) => {
            let share = (f64::from(women) * 100.0 / f64::from(total)).round();
            format!("{people}, {women} of them women ({share}%).")
        }
        None => format!("{people}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Funding, Organisation, Place};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn at(start: NaiveDate, end: NaiveDate, mode: PlaceMode, city: &str, country: &str) -> Session {
        let mut s = crate::testing::session(1, start, end, Precision::Day);
        if start == end {
            s.end = None;
        }
        s.place = Place {
            mode,
            city: city.into(),
            country: country.into(),
        };
        s
    }

    fn line(sessions: &[Session]) -> String {
        dateline(sessions)
    }

    #[test]
    fn one_day() {
        let s = at(
            d(2009, 11, 18),
            d(2009, 11, 18),
            PlaceMode::InPerson,
            "Belgrade",
            "Serbia",
        );
        assert_eq!(line(&[s]), "18 November 2009, Belgrade, Serbia:");
    }

    #[test]
    fn a_range_within_a_month() {
        let s = at(
            d(2009, 11, 18),
            d(2009, 11, 20),
            PlaceMode::InPerson,
            "Belgrade",
            "Serbia",
        );
        assert_eq!(line(&[s]), "18-20 November 2009, Belgrade, Serbia:");
    }

    #[test]
    fn across_months() {
        let s = at(d(2009, 11, 30), d(2009, 12, 2), PlaceMode::InPerson, "", "");
        assert_eq!(line(&[s]), "30 November - 2 December 2009:");
    }

    #[test]
    fn across_years() {
        let s = at(
            d(2009, 12, 28),
            d(2010, 1, 3),
            PlaceMode::InPerson,
            "Tirana",
            "Albania",
        );
        assert_eq!(
            line(&[s]),
            "28 December 2009 - 3 January 2010, Tirana, Albania:"
        );
    }

    #[test]
    fn months_only() {
        let one = crate::testing::session(1, d(2009, 11, 1), d(2009, 11, 30), Precision::Month);
        assert_eq!(line(&[one]), "November 2009:");
        let two = crate::testing::session(1, d(2009, 11, 1), d(2009, 12, 31), Precision::Month);
        assert_eq!(dates_text(&two), "November - December 2009");
        let years = crate::testing::session(1, d(2009, 12, 1), d(2010, 1, 31), Precision::Month);
        assert_eq!(dates_text(&years), "December 2009 - January 2010");
    }

    #[test]
    fn online_and_hybrid() {
        let online = at(
            d(2010, 3, 4),
            d(2010, 3, 4),
            PlaceMode::Online,
            "Vienna",
            "",
        );
        assert_eq!(line(&[online]), "4 March 2010, online:");
        let hybrid = at(
            d(2010, 3, 4),
            d(2010, 3, 5),
            PlaceMode::Hybrid,
            "Belgrade",
            "Serbia",
        );
        assert_eq!(
            line(&[hybrid]),
            "4-5 March 2010, Belgrade, Serbia and online:"
        );
        let nowhere = at(d(2010, 3, 4), d(2010, 3, 5), PlaceMode::Hybrid, "", "");
        assert_eq!(line(&[nowhere]), "4-5 March 2010, hybrid:");
    }

    #[test]
    fn several_sessions_are_joined_by_semicolons() {
        let a = at(
            d(2009, 11, 18),
            d(2009, 11, 20),
            PlaceMode::InPerson,
            "Belgrade",
            "Serbia",
        );
        let b = at(
            d(2009, 12, 2),
            d(2009, 12, 4),
            PlaceMode::InPerson,
            "Tirana",
            "Albania",
        );
        assert_eq!(
            line(&[a, b]),
            "18-20 November 2009, Belgrade, Serbia; 2-4 December 2009, Tirana, Albania:"
        );
        assert_eq!(line(&[]), "");
    }

    #[test]
    fn sdg_sentences_name_goals_and_targets_in_english() {
        assert_eq!(sdg_sentence(&[]), "");
        let one = sdg_sentence(&["16.4".into()]);
        assert_eq!(
            one,
            "It contributes to SDG 16, particularly Target 16.4 (By 2030, significantly reduce \
             illicit financial and arms flows, strengthen the recovery and return of stolen \
             assets and combat all forms of organized crime)."
        );
        let many = sdg_sentence(&["16.4".into(), "5.5".into(), "16.a".into(), "99.1".into()]);
        assert!(many.starts_with("It contributes to SDG 16, particularly Targets 16.4 (By 2030"));
        assert!(many.contains(") and 16.a (Strengthen relevant national institutions"));
        assert!(many.contains("crime), and to SDG 5, particularly Target 5.5 (Ensure women's"));
        assert!(!many.contains("99.1"));
    }

    #[test]
    fn funding_names_donors_and_the_funds_they_pay_through() {
        let mut project = crate::testing::sample();
        let org = |id: u64, name: &str, through: Vec<Id>| Organisation {
            id: Id(id),
            name: name.into(),
            acronym: String::new(),
            notes: String::new(),
            through,
            aliases: Vec::new(),
        };
        project.programme.donors = vec![
            org(9001, "Norway", vec![]),
            org(9002, "Switzerland", vec![]),
            org(9003, "the Regional Fund", vec![Id(9001), Id(9002)]),
            org(9004, "Austria", vec![]),
        ];
        let mut activity = Activity::new(Id(9100), "Workshop", "Workshop");
        assert_eq!(funding_sentence(&project, &activity), "");
        activity.funding = vec![Funding::unknown(Id(9004))];
        assert_eq!(
            funding_sentence(&project, &activity),
            "It was implemented with the financial support of Austria."
        );
        activity.funding = vec![Funding::of(Id(9004), 100), Funding::unknown(Id(9003))];
        assert_eq!(
            funding_sentence(&project, &activity),
            "It was implemented with the financial support of Norway and Switzerland through \
             the Regional Fund and of Austria."
        );
    }

    #[test]
    fn participants_and_the_share_of_women() {
        let mut a = Activity::new(Id(1), "x", "y");
        assert_eq!(participants_sentence(&a), "");
        a.participants.planned = Some(30);
        assert_eq!(participants_sentence(&a), "30 participants.");
        a.participants.actual = Some(42);
        a.participants.women = Some(19);
        assert_eq!(
            participants_sentence(&a),
            "42 participants, 19 of them women (45%)."
        );
    }

    #[test]
    fn the_sample_has_stories_of_its_done_activities_only() {
        let project = crate::testing::sample();
        let (from, to) = (project.programme.start, project.programme.end);
        let stories = drafts(&project, from, to);
        assert!(!stories.is_empty());
        for story in &stories {
            let activity = project
                .activities
                .iter()
                .find(|a| a.id == story.activity)
                .unwrap();
            assert_eq!(activity.status, Status::Done);
            assert_eq!(story.title, activity.title);
            assert!(story.dateline.ends_with(':'), "{}", story.dateline);
            assert!(story.body().starts_with(&story.dateline));
        }
        let with_sdg = stories
            .iter()
            .find(|s| !s.sdg.is_empty())
            .expect("an SDG sentence");
        assert!(with_sdg.sdg.starts_with("It contributes to SDG "));
        // A period with no activity done gives no story.
        assert!(drafts(&project, d(1990, 1, 1), d(1990, 12, 31)).is_empty());
    }

    #[test]
    fn a_story_without_sessions_starts_with_what_was_done() {
        let project = crate::testing::sample();
        let planned = project
            .activities
            .iter()
            .find(|a| a.sessions.is_empty() && !a.description.is_empty())
            .expect("an activity without dates");
        let story = story(&project, planned);
        assert_eq!(story.dateline, "");
        assert!(
            story.body().starts_with(&planned.description),
            "{}",
            story.body()
        );
    }
}
