//! Merge tests, on small generated projects.

use super::*;
use crate::model::*;
use crate::model::{Dependency, Session, Status};
use chrono::NaiveDate;

/// A small generated project whose activities nothing links to, since these tests
/// delete activities by hand and build the links they are about themselves.
fn base() -> Project {
    fn unlink(items: &mut [crate::model::AgendaItem]) {
        for item in items {
            item.activities.clear();
            unlink(&mut item.sub_items);
        }
    }
    let mut p = crate::plan::generate::project(8, 12, 2, 1);
    for a in &mut p.activities {
        a.predecessors.clear();
    }
    for m in &mut p.committee.meetings {
        unlink(&mut m.agenda);
    }
    p
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Merges and checks what every merge must give: a sound project, and with no
/// conflicts one that passes the integrity check as it stands.
fn merged(b: &Project, o: &Project, t: &Project) -> Merged {
    let m = merge(b, o, t);
    assert_eq!(crate::edit::integrity::check(&m.project), vec![]);
    let max = m.project.all_ids().iter().map(|(id, _)| id.0).max();
    assert!(max.is_none_or(|max| m.project.next_id > max));
    m
}

fn clean(b: &Project, o: &Project, t: &Project) -> Project {
    let m = merged(b, o, t);
    assert!(m.is_clean(), "{:#?}", m.conflicts);
    m.project
}

fn new_activity(p: &mut Project, title: &str) -> Id {
    let id = p.allocate_id();
    let mut a = Activity::new(id, title, "Training");
    a.sessions.push(Session {
        id: p.allocate_id(),
        start: day(2021, 3, 1),
        end: None,
        precision: Default::default(),
        place: Default::default(),
    });
    p.activities.push(a);
    id
}

#[test]
fn edits_of_different_fields_and_entities_all_arrive() {
    let b = base();
    let mut o = b.clone();
    let mut t = b.clone();
    o.activities[0].title = "Ours' title".into();
    o.programme.code = "OURS".into();
    t.activities[0].status = Status::Cancelled;
    t.activities[3].notes = "Theirs' notes".into();
    t.activities[1].sessions[0].place.city = "Ohrid".into();
    let m = clean(&b, &o, &t);
    assert_eq!(m.activities[0].title, "Ours' title");
    assert_eq!(m.activities[0].status, Status::Cancelled);
    assert_eq!(m.activities[3].notes, "Theirs' notes");
    assert_eq!(m.activities[1].sessions[0].place.city, "Ohrid");
    assert_eq!(m.programme.code, "OURS");
}

#[test]
fn one_field_changed_differently_on_both_sides_is_a_conflict_that_keeps_ours() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.activities[2].title = "Regional training on asset recovery".into();
    t.activities[2].title = "Regional workshop on asset recovery".into();
    t.activities[2].notes = "theirs".into();
    t.programme.title = "Theirs' programme".into();
    o.programme.title = "Ours' programme".into();
    let m = merged(&b, &o, &t);
    assert_eq!(m.conflicts.len(), 2, "{:#?}", m.conflicts);
    let c = &m.conflicts[0];
    assert_eq!(c.entity.kind, EntityRef::Programme);
    assert_eq!(c.field.as_deref(), Some("title"));
    let c = &m.conflicts[1];
    assert_eq!(c.entity.id, Some(b.activities[2].id));
    assert_eq!(c.field.as_deref(), Some("title"));
    let line = c.to_string();
    assert!(
        line.starts_with(&format!(
            "activity {} “Regional training on asset recovery”, title: ours \"Regional training",
            b.activities[2].id
        )),
        "{line}"
    );
    assert!(line.contains("theirs \"Regional workshop"), "{line}");
    assert_eq!(m.project.activities[2].title, o.activities[2].title);
    assert_eq!(m.project.activities[2].notes, "theirs");
    assert_eq!(m.project.programme.title, "Ours' programme");
}

#[test]
fn the_same_change_on_both_sides_is_taken_once() {
    let b = base();
    let mut o = b.clone();
    o.activities[1].unit = "Same".into();
    o.committee.quorum = 5;
    let m = clean(&b, &o, &o.clone());
    assert_eq!(m, o);
}

#[test]
fn delete_against_edit_is_a_conflict_either_way() {
    let b = base();
    let victim = b.activities[4].id;
    let (mut o, mut t) = (b.clone(), b.clone());
    o.activities.retain(|a| a.id != victim);
    t.activities[4].sessions[0].place.city = "Budva".into();
    let m = merged(&b, &o, &t);
    assert_eq!(m.conflicts.len(), 1, "{:#?}", m.conflicts);
    assert_eq!(m.conflicts[0].entity.id, Some(victim));
    assert!(m.conflicts[0].reason.contains("deleted by ours"));
    assert!(m.project.activity(victim).is_none(), "ours' side: deleted");

    let m = merged(&b, &t, &o);
    assert_eq!(m.conflicts.len(), 1);
    assert!(m.conflicts[0].reason.contains("deleted by theirs"));
    assert_eq!(
        m.project.activity(victim).unwrap().sessions[0].place.city,
        "Budva"
    );
}

#[test]
fn deletes_on_one_side_or_both_are_taken() {
    let b = base();
    let (one, two) = (b.activities[4].id, b.activities[5].id);
    let (mut o, mut t) = (b.clone(), b.clone());
    o.activities.retain(|a| a.id != one && a.id != two);
    t.activities.retain(|a| a.id != two);
    t.activities[0].notes = "kept".into();
    let m = clean(&b, &o, &t);
    assert!(m.activity(one).is_none() && m.activity(two).is_none());
    assert_eq!(m.activities[0].notes, "kept");
    let m = clean(&b, &t, &o);
    assert!(m.activity(one).is_none() && m.activity(two).is_none());
}

#[test]
fn both_sides_adding_with_the_same_ids_keeps_both_and_renumbers_theirs() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    let mine = new_activity(&mut o, "Ours' new training");
    let first = new_activity(&mut t, "Theirs' new mission");
    let second = new_activity(&mut t, "Theirs' follow-up");
    assert_eq!(mine, first, "the same ids were handed out on both sides");
    // Theirs links its own new activities to each other and from an agenda item.
    t.activities.last_mut().unwrap().predecessors = vec![Dependency {
        activity: first,
        lag_days: 3,
    }];
    t.committee.meetings[0].agenda[1].activities = vec![first, second];
    let m = clean(&b, &o, &t);
    assert_eq!(m.activities.len(), b.activities.len() + 3);
    let titles: Vec<&str> = m.activities[b.activities.len()..]
        .iter()
        .map(|a| a.title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Ours' new training",
            "Theirs' new mission",
            "Theirs' follow-up"
        ]
    );
    let ours_new = &m.activities[b.activities.len()];
    assert_eq!(ours_new.id, mine, "ours keeps its ids");
    let mission = &m.activities[b.activities.len() + 1];
    let follow_up = &m.activities[b.activities.len() + 2];
    assert!(mission.id.0 >= o.next_id.max(t.next_id));
    assert_ne!(mission.sessions[0].id, ours_new.sessions[0].id);
    assert_eq!(follow_up.predecessors[0].activity, mission.id);
    assert_eq!(
        m.committee.meetings[0].agenda[1].activities,
        vec![mission.id, follow_up.id]
    );
}

#[test]
fn nested_entities_merge_by_id_too() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    for (p, text) in [(&mut o, "Adopted (ours)"), (&mut t, "Noted (theirs)")] {
        let id = p.allocate_id();
        let item = &mut p.committee.meetings[0].agenda[1];
        item.decisions.push(Decision {
            id,
            text: text.into(),
        });
    }
    t.committee.meetings[0].agenda[1].presenter = "Secretariat".into();
    o.committee.meetings[0].agenda[1].minutes = 50;
    let m = clean(&b, &o, &t);
    let item = &m.committee.meetings[0].agenda[1];
    let texts: Vec<&str> = item.decisions.iter().map(|d| d.text.as_str()).collect();
    assert_eq!(texts, ["Adopted (ours)", "Noted (theirs)"]);
    assert_ne!(item.decisions[0].id, item.decisions[1].id);
    assert_eq!((item.presenter.as_str(), item.minutes), ("Secretariat", 50));
}

#[test]
fn identical_additions_on_both_sides_collapse_into_one() {
    let b = base();
    let mut o = b.clone();
    new_activity(&mut o, "Same on both sides");
    let m = clean(&b, &o, &o.clone());
    assert_eq!(m.activities.len(), b.activities.len() + 1);
    assert_eq!(m, o);
}

#[test]
fn additions_keep_their_place_and_a_move_on_one_side_is_taken() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    // Theirs adds one after the third activity and moves the last to the front.
    let id = t.allocate_id();
    t.activities
        .insert(3, Activity::new(id, "Inserted by theirs", "Other"));
    let last = t.activities.pop().unwrap();
    t.activities.insert(0, last.clone());
    o.activities[2].notes = "ours".into();
    let m = clean(&b, &o, &t);
    assert_eq!(m.activities[0].id, last.id);
    assert_eq!(m.activities[4].title, "Inserted by theirs");
    assert_eq!(m.activities[3].notes, "ours");
    let changes = diff(&b, &t);
    assert!(
        changes.iter().any(|c| c.entity.id == Some(last.id)
            && c.kind
                == ChangeKind::Modified {
                    fields: vec!["position".into()]
                }),
        "{changes:#?}"
    );

    // Both reorder, differently: a conflict, ours' order kept.
    o.activities.swap(1, 2);
    let m = merged(&b, &o, &t);
    assert_eq!(m.conflicts.len(), 1, "{:#?}", m.conflicts);
    assert_eq!(m.conflicts[0].field.as_deref(), Some("position"));
    assert_eq!(m.project.activities[1].id, o.activities[1].id);
}

#[test]
fn objectives_stay_in_outline_order_and_moves_merge() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    // Theirs adds a child under the first pillar; ours moves the last area to the second pillar.
    let pillar = b.objectives[0].id;
    let id = t.allocate_id();
    t.objectives
        .push(Objective::new(id, Some(pillar), 3, "New area by theirs"));
    crate::plan::tree::sort_outline(&mut t.objectives);
    let pillars: Vec<Id> = b
        .objectives
        .iter()
        .filter(|x| x.parent.is_none())
        .map(|x| x.id)
        .collect();
    let area = b
        .objectives
        .iter()
        .find(|x| x.parent == Some(pillars[2]))
        .unwrap()
        .id;
    let at = o.objectives.iter().position(|x| x.id == area).unwrap();
    o.objectives[at].parent = Some(pillars[1]);
    crate::plan::tree::sort_outline(&mut o.objectives);
    let m = clean(&b, &o, &t);
    let depth = crate::plan::tree::depths(&m.objectives);
    assert_eq!(depth[&id], 1);
    assert_eq!(m.objective(area).unwrap().parent, Some(pillars[1]));
    let mut sorted = m.objectives.clone();
    crate::plan::tree::sort_outline(&mut sorted);
    assert_eq!(sorted, m.objectives, "already in outline order");

    // Moved under each other on the two sides: a conflict, no loop.
    let (mut o, mut t) = (b.clone(), b.clone());
    let at = |p: &Project, id| p.objectives.iter().position(|x| x.id == id).unwrap();
    let (a, c) = (pillars[0], pillars[1]);
    let i = at(&o, a);
    o.objectives[i].parent = Some(c);
    crate::plan::tree::sort_outline(&mut o.objectives);
    let i = at(&t, c);
    t.objectives[i].parent = Some(a);
    crate::plan::tree::sort_outline(&mut t.objectives);
    let m = merged(&b, &o, &t);
    assert!(!m.is_clean());
    assert!(
        m.conflicts
            .iter()
            .any(|x| x.field.as_deref() == Some("parent")),
        "{:#?}",
        m.conflicts
    );
}

#[test]
fn links_broken_by_the_merge_are_conflicts_resolved_on_ours_side() {
    let b = base();
    let objective = b.activities[0].objectives[0];
    // Theirs deletes an objective (and the links to it); ours links another activity to it.
    let (mut o, mut t) = (b.clone(), b.clone());
    t.objectives.retain(|x| x.id != objective);
    for a in &mut t.activities {
        a.objectives.retain(|&x| x != objective);
    }
    if t.objectives.iter().any(|x| x.parent == Some(objective)) {
        panic!("the test needs a leaf objective");
    }
    o.committee.meetings[0].agenda[0].objectives = vec![objective];
    let m = merged(&b, &o, &t);
    assert_eq!(m.conflicts.len(), 1, "{:#?}", m.conflicts);
    assert_eq!(m.conflicts[0].entity.id, Some(objective));
    assert!(m.project.objective(objective).is_some(), "kept");

    // Ours deletes an activity; theirs makes it a predecessor of an existing one and of
    // a new one.
    let gone = b.activities[6].id;
    let (mut o, mut t) = (b.clone(), b.clone());
    o.activities.retain(|a| a.id != gone);
    t.activities[1].predecessors = vec![Dependency {
        activity: gone,
        lag_days: 0,
    }];
    let new = new_activity(&mut t, "Theirs' follow-up");
    t.activities.last_mut().unwrap().predecessors = vec![Dependency {
        activity: gone,
        lag_days: 1,
    }];
    let m = merged(&b, &o, &t);
    assert_eq!(m.conflicts.len(), 2, "{:#?}", m.conflicts);
    assert!(m.project.activity(gone).is_none());
    assert!(m.project.activities[1].predecessors.is_empty());
    assert!(m.project.activity(new).unwrap().predecessors.is_empty());
    assert!(m.conflicts.iter().all(|c| {
        c.field.as_deref() == Some("predecessors") && c.reason.contains("ours deleted")
    }));
}

#[test]
fn a_move_under_an_objective_the_other_side_deleted_keeps_ours_parent_and_level() {
    let b = base();
    let areas: Vec<&Objective> = b.objectives.iter().filter(|x| x.level == 3).collect();
    let (gone, moved) = (areas[0].id, areas[1].id);
    let (mut o, mut t) = (b.clone(), b.clone());
    let doomed: Vec<Id> = o
        .objectives
        .iter()
        .filter(|x| crate::plan::tree::is_in_subtree(&b.objectives, gone, x.id))
        .map(|x| x.id)
        .collect();
    o.objectives.retain(|x| !doomed.contains(&x.id));
    for a in &mut o.activities {
        a.objectives.retain(|x| !doomed.contains(x));
    }
    let at = t.objectives.iter().position(|x| x.id == moved).unwrap();
    t.objectives[at].parent = Some(gone);
    t.objectives[at].level = 4;
    crate::plan::tree::sort_outline(&mut t.objectives);
    let m = merged(&b, &o, &t);
    assert!(!m.is_clean());
    let kept = m.project.objective(moved).unwrap();
    assert_eq!((kept.parent, kept.level), (areas[1].parent, 3));
    assert!(m.project.objective(gone).is_none());
}

#[test]
fn a_period_merged_back_to_front_keeps_ours() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.programme.start = day(2031, 1, 1);
    o.programme.end = day(2032, 1, 1);
    t.programme.end = day(2025, 1, 1);
    let m = merged(&b, &o, &t);
    assert_eq!(m.conflicts.len(), 1, "{:#?}", m.conflicts);
    assert_eq!(m.project.programme.end, o.programme.end);
}

/// A handful of edits of every kind, as one side might make them.
fn edited(b: &Project, seed: u64) -> Project {
    let mut x = b.clone();
    let n = seed as usize;
    x.activities[n % 5].title = format!("Edited {seed}");
    x.activities[(n + 1) % 5].sessions[0].end = Some(day(2029, 12, 1));
    // Delete one that nothing links to, as deleting others first strips their links.
    let at = (5 + n % 3..x.activities.len())
        .find(|&i| crate::edit::integrity::reference_count(&x, x.activities[i].id) == 0)
        .expect("some activity is not linked to");
    x.activities.remove(at);
    let moved = x.activities.remove(0);
    x.activities.push(moved);
    new_activity(&mut x, "Added");
    let leaf = x.objectives.len() - 1;
    let id = x.allocate_id();
    x.objectives[leaf].indicators.push(Indicator {
        id,
        text: "Share of cases".into(),
        unit: String::new(),
        baseline: None,
        target: None,
        latest: None,
        verification: String::new(),
        computed: None,
        periods: Vec::new(),
    });
    x.committee.meetings[0].agenda.swap(0, 1);
    x.committee.meetings[1].agenda[2].summary = "Agreed.".into();
    x.programme.partners.pop();
    crate::edit::integrity::normalize(&mut x);
    assert_eq!(crate::edit::integrity::check(&x), vec![]);
    x
}

#[test]
fn merging_with_an_unchanged_side_or_the_same_change_gives_the_change() {
    for seed in 1..5 {
        let b = crate::plan::generate::project(30, 25, 3, seed);
        let x = edited(&b, seed);
        assert_eq!(clean(&b, &x, &b), x, "merge(b, x, b), seed {seed}");
        assert_eq!(clean(&b, &b, &x), x, "merge(b, b, x), seed {seed}");
        assert_eq!(clean(&b, &x, &x), x, "merge(b, x, x), seed {seed}");
        assert_eq!(clean(&b, &b, &b), b);
    }
}

#[test]
fn any_two_edited_versions_merge_into_a_sound_project() {
    for seed in 1..4 {
        let b = crate::plan::generate::project(30, 25, 3, seed);
        let shared = b.activities[12].id;
        for (x, y) in [(1, 2), (2, 3), (3, 1)] {
            let (mut o, mut t) = (edited(&b, x), edited(&b, y));
            for (p, n) in [(&mut o, x), (&mut t, y)] {
                let at = p.activities.iter().position(|a| a.id == shared).unwrap();
                p.activities[at].notes = format!("note {n}");
            }
            // `merged` asserts soundness whether or not there are conflicts.
            let m = merged(&b, &o, &t);
            let fields: Vec<_> = m
                .conflicts
                .iter()
                .map(|c| (c.entity.id, c.field.clone()))
                .collect();
            assert_eq!(fields, [(Some(shared), Some("notes".to_string()))]);
            assert_eq!(
                m.project.activity(shared).unwrap().notes,
                format!("note {x}")
            );
        }
    }
}

#[test]
fn independent_edits_of_two_sides_merge_without_conflict() {
    let b = crate::plan::generate::project(30, 25, 3, 9);
    let o = edited(&b, 1);
    let mut t = b.clone();
    t.activities[20].notes = "theirs".into();
    t.committee.name = "Steering Committee".into();
    new_activity(&mut t, "Theirs' addition");
    let m = clean(&b, &o, &t);
    assert_eq!(m.activities.len(), o.activities.len() + 1);
    assert_eq!(m.committee.name, "Steering Committee");
    assert!(m.activities.iter().any(|a| a.notes == "theirs"));
}

#[test]
fn diff_lists_changes_entity_by_entity_in_file_order() {
    let b = base();
    let mut a = b.clone();
    a.programme.title = "New title".into();
    a.activities[1].status = Status::Done;
    a.activities[1].notes = "n".into();
    let gone = a.activities.remove(3);
    let added = new_activity(&mut a, "Fresh");
    a.activities[0].sessions[0].start = day(2020, 2, 2);
    let lines: Vec<String> = diff(&b, &a).iter().map(|c| c.to_string()).collect();
    let s0 = b.activities[0].sessions[0].id;
    let a1 = &b.activities[1];
    assert_eq!(
        lines,
        vec![
            "changed title of programme".to_string(),
            format!(
                "changed start of session {s0} “{}”",
                b.activities[0].sessions[0].date_label()
            ),
            format!("changed status, notes of activity {} “{}”", a1.id, a1.title),
            format!("removed activity {} “{}”", gone.id, gone.title),
            format!("added activity {added} “Fresh”"),
        ]
    );
    assert!(diff(&b, &b).is_empty());
}

#[test]
fn labels_read_as_planners_say_them() {
    let label = EntityLabel::new(
        EntityRef::Activity,
        Some(Id(123)),
        "Regional training on asset recovery",
    );
    assert_eq!(
        label.to_string(),
        "activity 123 “Regional training on asset recovery”"
    );
    assert_eq!(
        EntityLabel::singleton(EntityRef::Programme).to_string(),
        "programme"
    );
    assert_eq!(
        EntityLabel::singleton(EntityRef::Settings).to_string(),
        "settings"
    );
}

#[test]
fn the_iati_settings_merge_field_by_field() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    o.programme.reporting_org_ref = "XM-DAC-41146".into();
    t.programme.default_sector = "15210".into();
    let m = clean(&b, &o, &t);
    assert_eq!(m.programme.reporting_org_ref, "XM-DAC-41146");
    assert_eq!(m.programme.default_sector, "15210");
}

#[test]
fn baselines_saved_on_both_sides_are_both_kept_and_follow_renumbered_activities() {
    let b = base();
    let (mut o, mut t) = (b.clone(), b.clone());
    let saved = day(2010, 3, 1);
    new_activity(&mut o, "Ours' new training");
    let theirs_new = new_activity(&mut t, "Theirs' new mission");
    let id = o.allocate_id();
    o.baselines
        .push(crate::plan::baseline::snapshot(&o, id, "Ours", saved, ""));
    let id = t.allocate_id();
    t.baselines
        .push(crate::plan::baseline::snapshot(&t, id, "Theirs", saved, ""));
    let m = clean(&b, &o, &t);
    let names: Vec<&str> = m.baselines.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(names, ["Ours", "Theirs"]);
    assert_ne!(m.baselines[0].id, m.baselines[1].id, "theirs renumbered");
    // Theirs' baseline names its new activity by the id it has now.
    let mission = m
        .activities
        .iter()
        .find(|a| a.title == "Theirs' new mission")
        .unwrap();
    assert_ne!(mission.id, theirs_new);
    let kept = &m.baselines[1].activities;
    assert_eq!(
        kept.iter()
            .find(|a| a.title == "Theirs' new mission")
            .map(|a| a.activity),
        Some(mission.id)
    );
}
