//! Budget, coverage and the funding gap, summed by pillar, year, jurisdiction and donor.

use std::collections::BTreeMap;

use chrono::Datelike;

use crate::model::{Activity, Id, Project, Status};

/// What a line sums over, so a click on it can show those activities.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Heading {
    /// The whole programme.
    #[default]
    Programme,
    /// A pillar of the objective tree, or none.
    Pillar(Option<Id>),
    /// The year an activity starts, or none when it has no date.
    Year(Option<i32>),
    Jurisdiction(Id),
    /// A donor or fund; `None` for a funding line whose source is not in the programme.
    Donor(Option<Id>),
}

/// Amounts in one currency for one heading.
///
/// A funding line whose amount is not known adds nothing to `covered` and one to `unknown`:
/// `covered` is then at least what is covered and the gap at most what is missing, and the
/// texts below say so rather than claim a gap that may not be there.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Line {
    pub label: String,
    pub heading: Heading,
    pub currency: String,
    pub budget: u64,
    /// What the funding lines with a known amount cover.
    pub covered: u64,
    /// Funding lines summed here whose amount is not known.
    pub unknown: usize,
    /// The activities summed, in workplan order.
    pub activities: Vec<Id>,
}

impl Line {
    /// The budget minus what known amounts cover: the gap itself when every amount is known,
    /// otherwise the most it can be.
    pub fn gap(&self) -> u64 {
        self.budget.saturating_sub(self.covered)
    }

    /// Whether [`Line::gap`] is the gap, not only its upper bound: every amount is known, or
    /// the known ones already cover the budget.
    pub fn gap_is_exact(&self) -> bool {
        self.unknown == 0 || self.gap() == 0
    }

    /// The budget; for a donor's line, what it was asked to cover, which amounts not known
    /// leave open as they do the cover.
    pub fn budget_text(&self) -> String {
        match self.heading {
            Heading::Donor(_) => at_least(self.budget, self.unknown, &self.currency),
            _ => format_amount(self.budget, &self.currency),
        }
    }

    /// `25,000 EUR`, or `at least 25,000 EUR (2 amounts not known)`.
    pub fn covered_text(&self) -> String {
        at_least(self.covered, self.unknown, &self.currency)
    }

    /// `5,000 EUR`, or `at most 5,000 EUR` when amounts not known may cover some of it.
    pub fn gap_text(&self) -> String {
        let gap = format_amount(self.gap(), &self.currency);
        if self.gap_is_exact() {
            gap
        } else {
            format!("at most {gap}")
        }
    }
}

/// An amount that `unknown` lines not counted in it may add to.
fn at_least(amount: u64, unknown: usize, currency: &str) -> String {
    let amount = format_amount(amount, currency);
    match unknown {
        0 => amount,
        1 => format!("at least {amount} (1 amount not known)"),
        n => format!("at least {amount} ({n} amounts not known)"),
    }
}

/// How a funding line's amount is shown: grouped with its currency, or `amount not known`
/// (never 0, which would claim the donor gives nothing).
pub fn amount_text(amount: Option<u64>, currency: &str) -> String {
    match amount {
        Some(amount) => format_amount(amount, currency),
        None => NOT_KNOWN.to_string(),
    }
}

/// What every view and export says for a funding line without an amount.
pub const NOT_KNOWN: &str = "amount not known";

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub by_pillar: Vec<Line>,
    pub by_year: Vec<Line>,
    /// Each activity's whole budget under every beneficiary: these rows overlap.
    pub by_jurisdiction: Vec<Line>,
    /// What each donor or fund covers (its budget column is what it was asked to cover).
    pub by_donor: Vec<Line>,
    pub total: Vec<Line>,
    /// Activities (not cancelled) with no budget yet, in workplan order.
    pub without_budget: Vec<Id>,
    /// Activities (not cancelled, with a budget) with a funding line whose amount is not
    /// known, in workplan order.
    pub amount_not_known: Vec<Id>,
    /// Donors and funds named on activities (not cancelled) that have no budget yet, in the
    /// programme's order, each with those activities: imported records often name who pays
    /// long before anyone enters a budget, and the totals above cannot count them.
    pub named_without_budget: Vec<(String, Vec<Id>)>,
}

/// An amount with its thousands grouped and its currency: `25,000 EUR`, `-1,200 EUR`.
pub fn format_amount(amount: impl Into<i128>, currency: &str) -> String {
    let amount: i128 = amount.into();
    let digits = amount.unsigned_abs().to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if amount < 0 {
        grouped.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let currency = currency.trim();
    if !currency.is_empty() {
        grouped.push(' ');
        grouped.push_str(currency);
    }
    grouped
}

struct Lines(BTreeMap<(usize, String, String), Line>);

impl Lines {
    fn new() -> Self {
        Lines(BTreeMap::new())
    }

    #[allow(clippy::too_many_arguments)]
    fn add(
        &mut self,
        order: usize,
        heading: Heading,
        label: &str,
        currency: &str,
        budget: u64,
        covered: u64,
        unknown: usize,
        activity: Id,
    ) {
        let line = self
            .0
            .entry((order, label.to_string(), currency.to_string()))
            .or_insert_with(|| Line {
                label: label.to_string(),
                heading,
                currency: currency.to_string(),
                ..Line::default()
            });
        line.budget += budget;
        line.covered += covered;
        line.unknown += unknown;
        // One activity may add several donor lines from one source.
        if line.activities.last() != Some(&activity) {
            line.activities.push(activity);
        }
    }

    fn finish(self) -> Vec<Line> {
        self.0.into_values().collect()
    }
}

/// The pillar an activity delivers (through the first of its objectives under one), with the
/// pillar's place among the pillars; the calendar colours by it too.
pub(crate) fn pillar_of(project: &Project, activity: &Activity) -> Option<(usize, Id)> {
    let pillars: Vec<Id> = project
        .objectives
        .iter()
        .filter(|o| o.level == crate::plan::logframe::PILLAR_LEVEL)
        .map(|o| o.id)
        .collect();
    for &link in &activity.objectives {
        for (order, &pillar) in pillars.iter().enumerate() {
            if crate::plan::tree::is_in_subtree(&project.objectives, pillar, link) {
                return Some((order, pillar));
            }
        }
    }
    None
}

/// What an activity's budget still lacks: the budget minus what its funding lines cover, never
/// below 0. `None` when that is not known: no budget, or a line whose amount is not known. A
/// new funding line starts at it.
pub fn remaining_gap(activity: &Activity) -> Option<u64> {
    let budget = activity.budget.as_ref()?;
    let covered = known_cover(activity)?;
    Some(budget.amount.saturating_sub(covered))
}

/// The sum of an activity's funding amounts, or `None` if one of them is not known.
pub fn known_cover(activity: &Activity) -> Option<u64> {
    activity
        .funding
        .iter()
        .try_fold(0u64, |sum, f| Some(sum.saturating_add(f.amount?)))
}

/// The sum of the known amounts of an activity's funding lines, and how many lines have none.
pub fn cover(activity: &Activity) -> (u64, usize) {
    activity
        .funding
        .iter()
        .fold((0u64, 0usize), |(sum, unknown), f| match f.amount {
            Some(amount) => (sum.saturating_add(amount), unknown),
            None => (sum, unknown + 1),
        })
}

/// Sums over the activities with a budget, leaving out cancelled ones.
pub fn summary(project: &Project) -> Summary {
    let mut pillar = Lines::new();
    let mut year = Lines::new();
    let mut place = Lines::new();
    let mut donor = Lines::new();
    let mut total = Lines::new();
    let mut without_budget = Vec::new();
    let mut amount_not_known = Vec::new();
    let mut named: Vec<(usize, String, Vec<Id>)> = Vec::new();
    for a in project
        .activities
        .iter()
        .filter(|a| a.status != Status::Cancelled)
    {
        let Some(budget) = &a.budget else {
            without_budget.push(a.id);
            for f in &a.funding {
                let (order, name) = project
                    .programme
                    .donors
                    .iter()
                    .enumerate()
                    .find(|(_, d)| d.id == f.source)
                    .map(|(i, d)| (i, d.display_name()))
                    .unwrap_or((usize::MAX, "?".into()));
                match named.iter_mut().find(|(o, n, _)| *o == order && *n == name) {
                    Some((_, _, ids)) if ids.last() == Some(&a.id) => {}
                    Some((_, _, ids)) => ids.push(a.id),
                    None => named.push((order, name, vec![a.id])),
                }
            }
            continue;
        };
        let currency = budget.currency.as_str();
        let (covered, unknown) = cover(a);
        // Over-covering one activity must not hide another's gap.
        let covered = covered.min(budget.amount);
        if unknown > 0 {
            amount_not_known.push(a.id);
        }
        let (amount, id) = (budget.amount, a.id);
        total.add(
            0,
            Heading::Programme,
            "Programme",
            currency,
            amount,
            covered,
            unknown,
            id,
        );
        match pillar_of(project, a) {
            Some((order, pillar_id)) => {
                let title = project
                    .objective(pillar_id)
                    .map(|o| o.title.as_str())
                    .unwrap_or("");
                let heading = Heading::Pillar(Some(pillar_id));
                pillar.add(
                    order, heading, title, currency, amount, covered, unknown, id,
                );
            }
            None => {
                let heading = Heading::Pillar(None);
                pillar.add(
                    usize::MAX,
                    heading,
                    "No pillar",
                    currency,
                    amount,
                    covered,
                    unknown,
                    id,
                );
            }
        }
        match crate::plan::workplan::span(a) {
            Some((first, _)) => {
                let (order, label) = (first.year() as usize, first.year().to_string());
                let heading = Heading::Year(Some(first.year()));
                year.add(
                    order, heading, &label, currency, amount, covered, unknown, id,
                );
            }
            None => {
                let heading = Heading::Year(None);
                year.add(
                    usize::MAX,
                    heading,
                    "No date",
                    currency,
                    amount,
                    covered,
                    unknown,
                    id,
                );
            }
        }
        for (order, j) in project.programme.jurisdictions.iter().enumerate() {
            if a.beneficiaries.contains(&j.id) {
                let heading = Heading::Jurisdiction(j.id);
                place.add(
                    order, heading, &j.name, currency, amount, covered, unknown, id,
                );
            }
        }
        for f in &a.funding {
            let (order, heading, name) = project
                .programme
                .donors
                .iter()
                .enumerate()
                .find(|(_, d)| d.id == f.source)
                .map(|(i, d)| (i, Heading::Donor(Some(d.id)), d.display_name()))
                .unwrap_or((usize::MAX, Heading::Donor(None), "?".into()));
            let (known, unknown) = match f.amount {
                Some(amount) => (amount, 0),
                None => (0, 1),
            };
            donor.add(order, heading, &name, currency, known, known, unknown, id);
        }
    }
    Summary {
        by_pillar: pillar.finish(),
        by_year: year.finish(),
        by_jurisdiction: place.finish(),
        by_donor: donor.finish(),
        total: total.finish(),
        without_budget,
        amount_not_known,
        named_without_budget: {
            named.sort_by_key(|(order, _, _)| *order);
            named
                .into_iter()
                .map(|(_, name, ids)| (name, ids))
                .collect()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Funding, Money, Organisation};

    #[test]
    fn the_remaining_gap_is_what_the_lines_leave_uncovered() {
        let mut a = crate::testing::sample().activities[0].clone();
        a.budget = None;
        a.funding = vec![];
        assert_eq!(remaining_gap(&a), None, "no budget, no gap to start from");
        a.budget = Some(Money {
            amount: 30_000,
            currency: "EUR".into(),
        });
        assert_eq!(
            remaining_gap(&a),
            Some(30_000),
            "no line yet: the whole budget"
        );
        let line = |amount| Funding::of(Id(1), amount);
        a.funding = vec![line(10_000), line(5_000)];
        assert_eq!(remaining_gap(&a), Some(15_000));
        a.funding.push(line(20_000));
        assert_eq!(remaining_gap(&a), Some(0), "over-covered: never below 0");
        a.funding.push(Funding::unknown(Id(1)));
        assert_eq!(
            remaining_gap(&a),
            None,
            "a line of unknown amount leaves the gap unknown"
        );
    }

    #[test]
    fn budgets_and_gaps_add_up() {
        let mut p = crate::testing::sample();
        let donor = p.allocate_id();
        p.programme.donors.push(Organisation {
            id: donor,
            name: "Example donor".into(),
            acronym: String::new(),
            notes: String::new(),
            through: vec![],
            aliases: Vec::new(),
        });
        // Two activities of pillar 1 (2009), one of pillar 2.
        for (title, amount, covered) in [
            (
                "Review of domestic organised-crime legislation against international standards",
                30_000,
                20_000,
            ),
            ("Regional cooperation in asset recovery", 20_000, 25_000),
            (
                "Regional cooperation mechanisms against corruption",
                10_000,
                0,
            ),
        ] {
            let a = p.activities.iter_mut().find(|a| a.title == title).unwrap();
            a.budget = Some(Money {
                amount,
                currency: "EUR".into(),
            });
            if covered > 0 {
                a.funding = vec![Funding::of(donor, covered)];
            }
        }
        let s = summary(&p);
        assert_eq!(
            s.total,
            vec![Line {
                label: "Programme".into(),
                heading: Heading::Programme,
                currency: "EUR".into(),
                budget: 60_000,
                covered: 40_000,
                unknown: 0,
                activities: s.total[0].activities.clone(),
            }]
        );
        assert_eq!(s.total[0].activities.len(), 3);
        assert_eq!(
            s.without_budget.len(),
            p.activities
                .iter()
                .filter(|a| a.status != Status::Cancelled)
                .count()
                - 3,
            "every other activity still lacks a budget"
        );
        assert_eq!(
            s.total[0].gap(),
            20_000,
            "over-covering one activity does not hide another's gap"
        );
        let pillar1 = s
            .by_pillar
            .iter()
            .find(|l| l.label == "Organised crime and illicit trafficking")
            .unwrap();
        assert_eq!(
            (pillar1.budget, pillar1.covered, pillar1.gap()),
            (50_000, 40_000, 10_000)
        );
        assert_eq!(pillar1.activities.len(), 2);
        assert!(matches!(pillar1.heading, Heading::Pillar(Some(_))));
        assert_eq!(
            s.by_year
                .iter()
                .map(|l| l.label.as_str())
                .collect::<Vec<_>>(),
            ["2009"]
        );
        assert_eq!(s.by_donor[0].covered, 45_000);
        assert!(
            s.by_jurisdiction
                .iter()
                .any(|l| l.label == "Albania" && l.budget == 60_000)
        );
    }

    /// The sample with a donor, and three budgets of pillar 1 (2009) with their funding.
    fn funded(lines: [(u64, Vec<Option<u64>>); 3]) -> (Project, Id) {
        let mut p = crate::testing::sample();
        let donor = p.allocate_id();
        p.programme.donors.push(Organisation {
            id: donor,
            name: "Example donor".into(),
            acronym: String::new(),
            notes: String::new(),
            through: vec![],
            aliases: Vec::new(),
        });
        let titles = [
            "Review of domestic organised-crime legislation against international standards",
            "Regional cooperation in asset recovery",
            "Regional cooperation mechanisms against corruption",
        ];
        for (title, (budget, amounts)) in titles.into_iter().zip(lines) {
            let a = p.activities.iter_mut().find(|a| a.title == title).unwrap();
            a.budget = Some(Money {
                amount: budget,
                currency: "EUR".into(),
            });
            a.funding = amounts
                .into_iter()
                .map(|amount| Funding {
                    source: donor,
                    amount,
                })
                .collect();
        }
        (p, donor)
    }

    #[test]
    fn amounts_not_known_count_as_nothing_and_leave_the_gap_open() {
        let (p, _) = funded([
            (30_000, vec![Some(20_000), None]),
            (20_000, vec![None]),
            (10_000, vec![Some(10_000)]),
        ]);
        let s = summary(&p);
        let total = &s.total[0];
        assert_eq!(
            (total.budget, total.covered, total.unknown),
            (60_000, 30_000, 2)
        );
        assert_eq!(total.gap(), 30_000);
        assert!(!total.gap_is_exact(), "the unknown amounts may close it");
        assert_eq!(total.budget_text(), "60,000 EUR");
        assert_eq!(
            total.covered_text(),
            "at least 30,000 EUR (2 amounts not known)"
        );
        assert_eq!(total.gap_text(), "at most 30,000 EUR");
        assert_eq!(s.amount_not_known.len(), 2, "the first two activities");

        let donor = &s.by_donor[0];
        assert_eq!((donor.covered, donor.unknown), (30_000, 2));
        assert_eq!(
            donor.budget_text(),
            "at least 30,000 EUR (2 amounts not known)"
        );
        assert_eq!(donor.gap_text(), "0 EUR", "a donor's line has no gap");
    }

    #[test]
    fn a_budget_known_amounts_already_cover_has_no_gap_to_doubt() {
        let (p, _) = funded([
            (30_000, vec![Some(30_000), None]),
            (20_000, vec![Some(25_000)]),
            (10_000, vec![Some(10_000)]),
        ]);
        let total = &summary(&p).total[0];
        assert_eq!((total.covered, total.unknown), (60_000, 1));
        assert!(total.gap_is_exact());
        assert_eq!(total.gap_text(), "0 EUR");
        assert_eq!(
            total.covered_text(),
            "at least 60,000 EUR (1 amount not known)"
        );
    }

    #[test]
    fn every_amount_known_reads_as_before() {
        let (p, _) = funded([
            (30_000, vec![Some(20_000)]),
            (20_000, vec![]),
            (10_000, vec![Some(5_000)]),
        ]);
        let s = summary(&p);
        let total = &s.total[0];
        assert!(total.gap_is_exact());
        assert_eq!(total.covered_text(), "25,000 EUR");
        assert_eq!(total.gap_text(), "35,000 EUR");
        assert!(s.amount_not_known.is_empty());
        assert_eq!(amount_text(Some(5_000), "EUR"), "5,000 EUR");
        assert_eq!(amount_text(None, "EUR"), "amount not known");
        assert_eq!(amount_text(Some(0), "EUR"), "0 EUR");
    }

    #[test]
    fn amounts_are_grouped_by_thousands_with_their_currency() {
        assert_eq!(format_amount(0u64, "EUR"), "0 EUR");
        assert_eq!(format_amount(999u64, "EUR"), "999 EUR");
        assert_eq!(format_amount(1_000u64, "EUR"), "1,000 EUR");
        assert_eq!(format_amount(25_000u64, "EUR"), "25,000 EUR");
        assert_eq!(format_amount(100_000u64, "USD"), "100,000 USD");
        assert_eq!(format_amount(1_234_567u64, "EUR"), "1,234,567 EUR");
        assert_eq!(format_amount(-1_200i64, "EUR"), "-1,200 EUR");
        assert_eq!(format_amount(-999i64, "EUR"), "-999 EUR");
        assert_eq!(
            format_amount(7u64, ""),
            "7",
            "no currency, no trailing space"
        );
        assert_eq!(
            format_amount(u64::MAX, "EUR"),
            "18,446,744,073,709,551,615 EUR"
        );
        assert_eq!(
            format_amount(i64::MIN, "EUR"),
            "-9,223,372,036,854,775,808 EUR"
        );
    }

    #[test]
    fn donors_named_on_activities_without_a_budget_are_listed_with_them() {
        let mut project = crate::testing::sample();
        let (sweden, fund) = (project.allocate_id(), project.allocate_id());
        for (id, name) in [(sweden, "Sweden"), (fund, "Example Trust Fund")] {
            project.programme.donors.push(crate::model::Organisation {
                id,
                name: name.into(),
                acronym: String::new(),
                notes: String::new(),
                through: vec![],
                aliases: vec![],
            });
        }
        let (first, second) = (project.activities[0].id, project.activities[1].id);
        project.activities[0].funding = vec![Funding::unknown(fund), Funding::of(sweden, 500)];
        project.activities[1].funding = vec![Funding::unknown(sweden)];
        let summary = summary(&project);
        assert!(summary.total.is_empty(), "no budget: nothing to total");
        assert_eq!(
            summary.named_without_budget,
            vec![
                ("Sweden".to_string(), vec![first, second]),
                ("Example Trust Fund".to_string(), vec![first]),
            ]
        );
    }
}
