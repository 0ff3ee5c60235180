//! The donor report: for one donor or fund (or each in turn) and a period, the activities it
//! supported, their participants and the share of women, the budget it covered, and the
//! results of the objectives those activities serve. Pure: the exports lay it out.

use chrono::NaiveDate;

use crate::model::{Activity, Id, Organisation, Project, Status};

/// One activity a donor or fund supported in the period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Supported {
    pub activity: Id,
    pub title: String,
    pub dates: String,
    /// The amount of its line; `None` when the line gives none.
    pub amount: Option<u64>,
    pub currency: String,
    /// The fund the donor paid through, for a donor's share through a fund: the fund's line
    /// is not the donor's alone, so its amount is not added to the donor's total.
    pub through: Option<String>,
    pub participants: Option<u32>,
    pub women: Option<u32>,
}

/// An indicator of an objective the supported activities serve, as it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultLine {
    pub objective: String,
    pub indicator: String,
    pub baseline: String,
    pub target: String,
    /// The latest actual known at the end of the report's period (`plan::results::overall`).
    pub latest: String,
    /// The indicator's current status then (`plan::results::current_status`).
    pub status: crate::plan::results::Status,
}

/// One donor's or fund's part of the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DonorSection {
    pub source: Id,
    pub name: String,
    /// "fund" for a funding instrument (others pay through it), else "donor".
    pub kind: &'static str,
    pub activities: Vec<Supported>,
    /// Its own lines' known amounts, by currency.
    pub covered: Vec<(String, u64)>,
    /// Its own lines without an amount.
    pub amounts_not_known: usize,
    pub participants: u32,
    /// Women among the participants of the activities that say how many women took part, and
    /// the participants of those activities: the share is of what is known.
    pub women: u32,
    pub participants_with_women_known: u32,
    pub results: Vec<ResultLine>,
}

impl DonorSection {
    /// "38 %" of the participants whose activities count women, or `None` when none do.
    pub fn women_share(&self) -> Option<u32> {
        (self.participants_with_women_known > 0).then(|| {
            ((self.women as f64 / self.participants_with_women_known as f64) * 100.0).round() as u32
        })
    }
}

fn in_period(a: &Activity, from: NaiveDate, to: NaiveDate) -> bool {
    a.status != Status::Cancelled
        && a.sessions
            .iter()
            .any(|s| s.last_day() >= from && s.start <= to)
}

fn is_fund(org: &Organisation) -> bool {
    !org.through.is_empty()
}

/// The sections of `source`, or of every donor and fund that supported something in the
/// period when `source` is `None`, in the order of the programme's list.
pub fn sections(
    project: &Project,
    from: NaiveDate,
    to: NaiveDate,
    source: Option<Id>,
) -> Vec<DonorSection> {
    project
        .programme
        .donors
        .iter()
        .filter(|d| source.is_none_or(|id| d.id == id))
        .map(|d| section(project, d, from, to))
        .filter(|s| source.is_some() || !s.activities.is_empty())
        .collect()
}

fn section(project: &Project, org: &Organisation, from: NaiveDate, to: NaiveDate) -> DonorSection {
    // The funds this donor pays through.
    let funds: Vec<&Organisation> = project
        .programme
        .donors
        .iter()
        .filter(|f| f.through.contains(&org.id))
        .collect();
    let mut out = DonorSection {
        source: org.id,
        name: org.name.clone(),
        kind: if is_fund(org) { "fund" } else { "donor" },
        activities: Vec::new(),
        covered: Vec::new(),
        amounts_not_known: 0,
        participants: 0,
        women: 0,
        participants_with_women_known: 0,
        results: Vec::new(),
    };
    let mut objectives: Vec<Id> = Vec::new();
    for a in project.activities.iter().filter(|a| in_period(a, from, to)) {
        let currency = a
            .budget
            .as_ref()
            .map(|b| b.currency.clone())
            .unwrap_or_default();
        let own = a.funding.iter().find(|f| f.source == org.id);
        let via = || {
            a.funding.iter().find_map(|f| {
                funds
                    .iter()
                    .find(|fund| fund.id == f.source)
                    .map(|fund| (f, fund))
            })
        };
        let (line, through) = match (own, via()) {
            (Some(line), _) => (line, None),
            (None, Some((line, fund))) => (line, Some(fund.name.clone())),
            (None, None) => continue,
        };
        if through.is_none() {
            match line.amount {
                Some(amount) => match out.covered.iter_mut().find(|(c, _)| *c == currency) {
                    Some((_, sum)) => *sum += amount,
                    None => out.covered.push((currency.clone(), amount)),
                },
                None => out.amounts_not_known += 1,
            }
        }
        let participants = a.participants.actual.or(a.participants.planned);
        if let Some(n) = participants {
            out.participants += n;
            if let Some(women) = a.participants.women {
                out.women += women;
                out.participants_with_women_known += n;
            }
        }
        for id in &a.objectives {
            if !objectives.contains(id) {
                objectives.push(*id);
            }
        }
        out.activities.push(Supported {
            activity: a.id,
            title: a.title.clone(),
            dates: a
                .sessions
                .iter()
                .map(|s| s.date_label())
                .collect::<Vec<_>>()
                .join("; "),
            amount: line.amount,
            currency,
            through,
            participants,
            women: a.participants.women,
        });
    }
    out.results = objective_results(project, &objectives, to);
    out
}

/// The indicators of the given objectives and of the objectives above them (an activity
/// serves an output, which serves its outcome), each once, in the tree's order, as they stood
/// on `as_of`.
pub fn objective_results(
    project: &Project,
    objectives: &[Id],
    as_of: NaiveDate,
) -> Vec<ResultLine> {
    let mut served: Vec<Id> = Vec::new();
    for &id in objectives {
        let mut at = Some(id);
        while let Some(id) = at {
            if served.contains(&id) {
                break;
            }
            served.push(id);
            at = project.objective(id).and_then(|o| o.parent);
        }
    }
    let text = |m: &Option<crate::model::Measurement>| {
        m.as_ref().map(|m| m.value.to_string()).unwrap_or_default()
    };
    project
        .objectives
        .iter()
        .filter(|o| served.contains(&o.id))
        .flat_map(|o| {
            o.indicators.iter().map(move |i| ResultLine {
                objective: o.title.clone(),
                indicator: i.text.clone(),
                baseline: text(&i.baseline),
                target: text(&i.target),
                latest: crate::plan::results::overall(project, o.id, i, as_of)
                    .actual
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
                status: crate::plan::results::current_status(project, o.id, i, as_of),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Funding;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn organisation(project: &mut Project, name: &str, through: Vec<Id>) -> Id {
        let id = project.allocate_id();
        project.programme.donors.push(Organisation {
            id,
            name: name.into(),
            acronym: String::new(),
            notes: String::new(),
            through,
            aliases: Vec::new(),
        });
        id
    }

    #[test]
    fn a_donor_has_its_own_lines_and_its_share_through_funds() {
        let mut project = crate::testing::sample();
        let (from, to) = (project.programme.start, project.programme.end);
        let donor = organisation(&mut project, "Ruritania", Vec::new());
        let fund = organisation(&mut project, "Regional Fund", vec![donor]);
        let dated: Vec<usize> = (0..project.activities.len())
            .filter(|&i| in_period(&project.activities[i], from, to))
            .collect();
        let (own, shared, neither) = (dated[0], dated[1], dated[2]);
        project.activities[own].funding = vec![Funding {
            source: donor,
            amount: Some(1200),
        }];
        project.activities[own].participants.actual = Some(20);
        project.activities[own].participants.women = Some(8);
        project.activities[shared].funding = vec![Funding {
            source: fund,
            amount: Some(5000),
        }];
        project.activities[shared].participants.actual = Some(30);
        project.activities[shared].participants.women = None;
        project.activities[neither].funding.clear();

        let s = &sections(&project, from, to, Some(donor))[0];
        assert_eq!((s.kind, s.activities.len()), ("donor", 2), "{s:?}");
        let through = s
            .activities
            .iter()
            .find(|a| a.activity == project.activities[shared].id)
            .expect("the share through the fund is listed");
        assert_eq!(through.through.as_deref(), Some("Regional Fund"));
        // Only its own line counts towards what it covered; the fund's is the fund's.
        let currency = project.activities[own]
            .budget
            .as_ref()
            .map(|b| b.currency.clone())
            .unwrap_or_default();
        assert_eq!(s.covered, vec![(currency, 1200)]);
        // Women are a share of the participants whose activities counted them.
        assert_eq!((s.women, s.participants_with_women_known), (8, 20));
        assert_eq!(s.women_share(), Some(40));
        assert_eq!(s.participants, 50);
        let f = &sections(&project, from, to, Some(fund))[0];
        assert_eq!((f.kind, f.activities.len()), ("fund", 1));
        assert_eq!(f.covered[0].1, 5000);
        // Without a source: each that supported something, in the programme's order.
        let names: Vec<String> = sections(&project, from, to, None)
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(names, ["Ruritania", "Regional Fund"]);
    }

    #[test]
    fn the_period_and_cancelled_activities_are_left_out() {
        let mut project = crate::testing::sample();
        let donor = organisation(&mut project, "Ruritania", Vec::new());
        for a in &mut project.activities {
            a.funding = vec![Funding {
                source: donor,
                amount: None,
            }];
        }
        let (from, to) = (project.programme.start, project.programme.end);
        let all = sections(&project, from, to, Some(donor))[0]
            .activities
            .len();
        let cancelled = project
            .activities
            .iter()
            .position(|a| in_period(a, from, to))
            .unwrap();
        project.activities[cancelled].status = Status::Cancelled;
        let s = &sections(&project, from, to, Some(donor))[0];
        assert_eq!(s.activities.len(), all - 1);
        assert_eq!(s.amounts_not_known, all - 1);
        assert!(sections(&project, day(1990, 1, 1), day(1990, 12, 31), None).is_empty());
        let asked = sections(&project, day(1990, 1, 1), day(1990, 12, 31), Some(donor));
        assert!(
            asked.len() == 1 && asked[0].activities.is_empty(),
            "asked for, listed empty"
        );
    }

    #[test]
    fn results_climb_the_tree_once() {
        let project = crate::testing::sample();
        let with_indicator = project
            .objectives
            .iter()
            .find(|o| !o.indicators.is_empty())
            .expect("the sample has an indicator");
        let below = project
            .objectives
            .iter()
            .find(|o| o.parent == Some(with_indicator.id))
            .map_or(with_indicator.id, |o| o.id);
        let end = project.programme.end;
        let lines = objective_results(&project, &[below, with_indicator.id, below], end);
        let own = lines
            .iter()
            .filter(|l| l.objective == with_indicator.title)
            .count();
        assert_eq!(own, with_indicator.indicators.len());
        assert!(lines.iter().all(|l| !l.indicator.is_empty()));
        // The latest value comes from the periods, as the results documents read them.
        let trained = objective_results(&project, &[Id(40)], end);
        let trained = trained
            .iter()
            .find(|l| l.indicator.starts_with("Criminal justice practitioners"))
            .unwrap();
        assert_eq!(trained.latest, "401");
        assert_eq!(trained.status, crate::plan::results::Status::AtRisk);
    }
}
