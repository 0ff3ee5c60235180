//! What the tests share (unit tests here, the integration tests under `tests/`, the
//! benchmarks): the bundled sample programme.

use std::path::PathBuf;

use crate::model::Project;

/// The bundled sample programme's file.
pub fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data/see-regional-programme-2009-2011.ron")
}

/// The bundled sample programme, as loaded from its file.
pub fn sample() -> Project {
    crate::io::load(&sample_path()).expect("the bundled sample opens")
}

/// A session from `start` to `end` at no place yet, known to `precision`.
pub fn session(
    id: u64,
    start: chrono::NaiveDate,
    end: chrono::NaiveDate,
    precision: crate::model::Precision,
) -> crate::model::Session {
    crate::model::Session {
        id: crate::model::Id(id),
        start,
        end: Some(end),
        precision,
        place: crate::model::Place::default(),
    }
}

/// Adds a staff member named `name` (with a fresh id) and returns the id.
pub fn add_staff(project: &mut Project, name: &str) -> crate::model::Id {
    let id = project.allocate_id();
    project.staff.push(crate::model::StaffMember::new(id, name));
    id
}

/// Writes a portfolio of two programmes into `folder` and returns its file: "Firearms"
/// (`firearms.ron`) and "Containers" (`containers.ron`), whose activities meet in Serbia on
/// 6 March 2024 (a clash across the files) and whose record-keeping activities for Serbia,
/// six weeks apart, look like one piece of work planned twice (a likely duplicate).
pub fn clashing_portfolio(folder: &std::path::Path) -> PathBuf {
    use crate::model::portfolio::{Portfolio, PortfolioMember};
    use crate::model::{Activity, Jurisdiction};
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2024, m, d).expect("a day of 2024");
    let programme = |title: &str| {
        let mut p = Project::new(day(1, 1));
        p.programme.title = title.into();
        let id = p.allocate_id();
        p.programme.jurisdictions.push(Jurisdiction {
            id,
            name: "Serbia".into(),
            footnote: String::new(),
            aliases: Vec::new(),
        });
        p
    };
    let add =
        |p: &mut Project, title: &str, days: (chrono::NaiveDate, chrono::NaiveDate), at: &str| {
            let id = p.allocate_id();
            let mut a = Activity::new(id, title, "Workshop");
            let mut s = session(
                p.allocate_id().0,
                days.0,
                days.1,
                crate::model::Precision::Day,
            );
            s.place.country = at.into();
            a.sessions.push(s);
            let serbia = p.programme.jurisdictions[0].id;
            a.beneficiaries.push(serbia);
            p.activities.push(a);
        };
    let mut firearms = programme("Global Firearms Programme");
    add(
        &mut firearms,
        "Firearms marking and record-keeping",
        (day(3, 4), day(3, 6)),
        "Serbia",
    );
    firearms.activities[0].description = "Marking of seized firearms, record-keeping".into();
    let mut containers = programme("Container Control Programme");
    add(
        &mut containers,
        "Port control visit",
        (day(3, 6), day(3, 9)),
        "Serbia",
    );
    add(
        &mut containers,
        "Record-keeping of marked firearms",
        (day(4, 15), day(4, 16)),
        "Austria",
    );
    crate::io::save(&firearms, &folder.join("firearms.ron")).expect("the member saves");
    crate::io::save(&containers, &folder.join("containers.ron")).expect("the member saves");
    let portfolio = Portfolio {
        name: "Regional office".into(),
        members: vec![
            PortfolioMember {
                path: "firearms.ron".into(),
                name: "Firearms".into(),
                colour: "#1f77b4".into(),
            },
            PortfolioMember {
                path: "containers.ron".into(),
                name: "Containers".into(),
                colour: "#d62728".into(),
            },
        ],
        ..Portfolio::default()
    };
    let file = folder.join("office.wpf");
    crate::io::portfolio::save_portfolio(&portfolio, &file).expect("the portfolio saves");
    file
}
