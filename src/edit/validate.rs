//! The checks a command makes on what it touches before it changes anything: an activity's
//! links and dates, an outline's order, the links that still point at what is removed.

use crate::edit::links::Link;
use crate::model::{Activity, EntityRef, Id, Objective, Project};

use crate::edit::commands::{CommandError, heading, invalid};

/// Why activities `removing` cannot be removed, if something outside them still links to
/// one of them.
pub(crate) fn still_linked_from_outside(
    project: &Project,
    removing: &std::collections::HashSet<Id>,
) -> Option<CommandError> {
    let mut links = Vec::new();
    crate::edit::links::for_each_link(project, &mut |link| {
        if link.to == crate::model::EntityRef::Activity
            && removing.contains(&link.target)
            && !removing.contains(&link.owner)
        {
            links.push(link);
        }
    });
    let first = links.first()?;
    let to_first: Vec<_> = links
        .iter()
        .copied()
        .filter(|l| l.target == first.target)
        .collect();
    Some(CommandError::StillLinked {
        kind: first.to,
        id: first.target,
        message: format!(
            "{}.",
            crate::edit::links::still_linked_message(project, first.to, first.target, &to_first)
        ),
    })
}

/// What is said of `link` when what it points at is not there: `The jurisdiction 5 does not
/// exist.` for an activity or member, `Objective 5 does not exist.` for an agenda item,
/// `Member 5 is not on the committee.` for an attendance record.
pub(crate) fn broken_link_message(link: &Link) -> String {
    match link.from {
        EntityRef::Meeting => format!("Member {} is not on the committee.", link.target),
        EntityRef::AgendaItem => format!("{} {} does not exist.", heading(&link.to), link.target),
        _ => format!("The {} {} does not exist.", link.to.noun(), link.target),
    }
}

/// An activity's links point at things that exist and its sessions do not end before they
/// start.
pub(crate) fn check_activity(project: &Project, activity: &Activity) -> Result<(), CommandError> {
    check_activity_among(project, activity, &std::collections::HashSet::new())
}

/// [`check_activity`] for an activity inserted together with the activities `incoming`,
/// which its links may point at too.
pub(crate) fn check_activity_among(
    project: &Project,
    activity: &Activity,
    incoming: &std::collections::HashSet<Id>,
) -> Result<(), CommandError> {
    let mut problem = None;
    let there = |link: &Link| {
        (link.to == EntityRef::Activity && incoming.contains(&link.target))
            || crate::edit::links::exists(project, link.to, link.target)
    };
    crate::edit::links::for_each_activity_link(activity, &mut |link| {
        if problem.is_some() {
            return;
        }
        if link.field == "predecessors" && link.target == activity.id {
            problem = Some(invalid("An activity cannot be its own predecessor."));
        } else if !there(&link) {
            problem = Some(CommandError::BrokenLink(link));
        }
    });
    if let Some(error) = problem {
        return Err(error);
    }
    for s in &activity.sessions {
        if let Some(end) = s.end
            && end < s.start
        {
            return Err(invalid(format!(
                "A session cannot end ({end}) before it starts ({}).",
                s.start
            )));
        }
    }
    if let Some(target) = activity
        .sdg_targets
        .iter()
        .find(|t| !crate::model::sdg::is_valid_target(t))
    {
        return Err(invalid(format!("{target} is not an SDG target.")));
    }
    Ok(())
}

/// Every parent appears before its children, so the list is a valid outline.
pub(crate) fn check_outline(objectives: &[Objective]) -> Result<(), CommandError> {
    let mut seen = std::collections::HashSet::with_capacity(objectives.len());
    for node in objectives {
        if let Some(parent) = node.parent
            && !seen.contains(&parent)
        {
            return Err(invalid(format!(
                "Objective {} would come before its parent {parent}.",
                node.id
            )));
        }
        if !seen.insert(node.id) {
            return Err(invalid(format!("Objective {} appears twice.", node.id)));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::edit::commands::{Command, CommandError};
    use crate::model::{Funding, Id, Money, Organisation};

    #[test]
    fn a_funding_line_may_leave_its_amount_unknown_but_not_its_donor() {
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
        let before = p.clone();
        let mut a = p.activities[0].clone();
        a.budget = Some(Money {
            amount: 10_000,
            currency: "EUR".into(),
        });
        a.funding = vec![Funding::unknown(donor), Funding::of(donor, 4_000)];
        let inverse = Command::SetActivity(Box::new(a.clone()))
            .apply(&mut p)
            .expect("an amount not known is a valid line");
        assert_eq!(p.activities[0].funding, a.funding);
        inverse.apply(&mut p).unwrap();
        assert_eq!(p, before);

        a.funding = vec![Funding::unknown(Id(999_999))];
        let refused = Command::SetActivity(Box::new(a)).apply(&mut p);
        assert!(
            matches!(refused, Err(CommandError::BrokenLink(_))),
            "{refused:?}"
        );
        assert_eq!(p, before);
    }
}
