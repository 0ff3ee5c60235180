//! Budget, coverage and the funding gap, summed by pillar, year, jurisdiction and donor.

use std::collections::BTreeMap;

use chrono::Datelike;

use crate::model::{Activity, Id, Project, Status};

/// Amounts in one currency for one heading.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Line {
    pub label: String,
    pub currency: String,
    pub budget: u64,
    pub covered: u64,
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
}

fn add(
    map: &mut BTreeMap<(usize, String, String), Line>,
    order: usize,
    label: &str,
    currency: &str,
    budget: u64,
    covered: u64,
) {
    let line = map
        .entry((order, label.to_string(), currency.to_string()))
        .or_insert_with(|| Line {
            label: label.to_string(),
            currency: currency.to_string(),
            ..Line::default()
        });
    line.budget += budget;
    line.covered += covered;
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
    let mut pillar = BTreeMap::new();
    let mut year = BTreeMap::new();
    let mut place = BTreeMap::new();
    let mut donor = BTreeMap::new();
    let mut total = BTreeMap::new();
    for a in project
        .activities
        .iter()
        .filter(|a| a.status != Status::Cancelled)
    {
        let Some(budget) = &a.budget else { continue };
        let currency = budget.currency.as_str();
        let covered: u64 = a
            .funding
            .iter()
            .map(|f| f.amount)
            .sum::<u64>()
            .min(budget.amount);
        add(&mut total, 0, "Programme", currency, budget.amount, covered);
        match pillar_of(project, a) {
            Some((order, id)) => {
                let title = project
                    .objective(id)
                    .map(|o| o.title.as_str())
                    .unwrap_or("");
                add(&mut pillar, order, title, currency, budget.amount, covered);
            }
            None => add(
                &mut pillar,
                usize::MAX,
                "No pillar",
                currency,
                budget.amount,
                covered,
            ),
        }
        match crate::plan::workplan::span(a) {
            Some((first, _)) => add(
                &mut year,
                first.year() as usize,
                &first.year().to_string(),
                currency,
                budget.amount,
                covered,
            ),
            None => add(
                &mut year,
                usize::MAX,
                "No date",
                currency,
                budget.amount,
                covered,
            ),
        }
        for (order, j) in project.programme.jurisdictions.iter().enumerate() {
            if a.beneficiaries.contains(&j.id) {
                add(&mut place, order, &j.name, currency, budget.amount, covered);
            }
        }
        for f in &a.funding {
            let (order, name) = project
                .programme
                .donors
                .iter()
                .enumerate()
                .find(|(_, d)| d.id == f.source)
                .map(|(i, d)| (i, d.display_name()))
                .unwrap_or((usize::MAX, "?".into()));
            add(&mut donor, order, &name, currency, f.amount, f.amount);
        }
    }
    let lines = |map: BTreeMap<_, Line>| map.into_values().collect();
    Summary {
        by_pillar: lines(pillar),
        by_year: lines(year),
        by_jurisdiction: lines(place),
        by_donor: lines(donor),
        total: lines(total),
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
                currency: "EUR".into(),
                budget: 60_000,
                covered: 40_000
            }]
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
}
