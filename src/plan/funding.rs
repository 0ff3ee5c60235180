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
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Line {
    pub label: String,
    pub heading: Heading,
    pub currency: String,
    pub budget: u64,
    pub covered: u64,
    /// The activities summed, in workplan order.
    pub activities: Vec<Id>,
}

impl Line {
    pub fn gap(&self) -> u64 {
        self.budget.saturating_sub(self.covered)
    }
}

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
        // One activity may add several donor lines from one source.
        if line.activities.last() != Some(&activity) {
            line.activities.push(activity);
        }
    }

    fn finish(self) -> Vec<Line> {
        self.0.into_values().collect()
    }
}

fn pillar_of(project: &Project, activity: &Activity) -> Option<(usize, Id)> {
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
/// below 0 (and 0 without a budget). A new funding line starts at it.
pub fn remaining_gap(activity: &Activity) -> u64 {
    let covered: u64 = activity.funding.iter().map(|f| f.amount).sum();
    activity
        .budget
        .as_ref()
        .map_or(0, |b| b.amount.saturating_sub(covered))
}

/// Sums over the activities with a budget, leaving out cancelled ones.
pub fn summary(project: &Project) -> Summary {
    let mut pillar = Lines::new();
    let mut year = Lines::new();
    let mut place = Lines::new();
    let mut donor = Lines::new();
    let mut total = Lines::new();
    let mut without_budget = Vec::new();
    for a in project
        .activities
        .iter()
        .filter(|a| a.status != Status::Cancelled)
    {
        let Some(budget) = &a.budget else {
            without_budget.push(a.id);
            continue;
        };
        let currency = budget.currency.as_str();
        let covered: u64 = a
            .funding
            .iter()
            .map(|f| f.amount)
            .sum::<u64>()
            .min(budget.amount);
        let (amount, id) = (budget.amount, a.id);
        total.add(
            0,
            Heading::Programme,
            "Programme",
            currency,
            amount,
            covered,
            id,
        );
        match pillar_of(project, a) {
            Some((order, pillar_id)) => {
                let title = project
                    .objective(pillar_id)
                    .map(|o| o.title.as_str())
                    .unwrap_or("");
                let heading = Heading::Pillar(Some(pillar_id));
                pillar.add(order, heading, title, currency, amount, covered, id);
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
                    id,
                );
            }
        }
        match crate::plan::workplan::span(a) {
            Some((first, _)) => {
                let (order, label) = (first.year() as usize, first.year().to_string());
                let heading = Heading::Year(Some(first.year()));
                year.add(order, heading, &label, currency, amount, covered, id);
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
                    id,
                );
            }
        }
        for (order, j) in project.programme.jurisdictions.iter().enumerate() {
            if a.beneficiaries.contains(&j.id) {
                let heading = Heading::Jurisdiction(j.id);
                place.add(order, heading, &j.name, currency, amount, covered, id);
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
            donor.add(order, heading, &name, currency, f.amount, f.amount, id);
        }
    }
    Summary {
        by_pillar: pillar.finish(),
        by_year: year.finish(),
        by_jurisdiction: place.finish(),
        by_donor: donor.finish(),
        total: total.finish(),
        without_budget,
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
        assert_eq!(remaining_gap(&a), 0, "no budget, no gap");
        a.budget = Some(Money {
            amount: 30_000,
            currency: "EUR".into(),
        });
        assert_eq!(remaining_gap(&a), 30_000, "no line yet: the whole budget");
        let line = |amount| Funding {
            source: Id(1),
            amount,
        };
        a.funding = vec![line(10_000), line(5_000)];
        assert_eq!(remaining_gap(&a), 15_000);
        a.funding.push(line(20_000));
        assert_eq!(remaining_gap(&a), 0, "over-covered: never below 0");
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
                a.funding = vec![Funding {
                    source: donor,
                    amount: covered,
                }];
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
}
