//! The PDF documents of a generated programme of 10,000 activities: the agenda pack of its
//! busiest meeting, a timeline period of about 100 pages, and the logframe.
//! Run with `cargo bench --bench pdf`; `BENCH_ACTIVITIES` changes the size. "layout" is the
//! pages as the preview gets them, "pdf" the layout and the file's bytes (font subset
//! included), as an export writes them. Prints the median and the spread (10th and 90th
//! percentile); the target is under 1 s for each document.

use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use workplan::exchange::export::pdf::{self, Paper};
use workplan::exchange::export::{Format, Scope};

fn measure(name: &str, runs: usize, mut f: impl FnMut() -> usize) {
    let pages = f(); // warm-up
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize].as_secs_f64() * 1000.0;
    println!(
        "{name:<34} median {:>8.1} ms   p10 {:>8.1} ms   p90 {:>8.1} ms   {pages:>4} pages   ({runs} runs)",
        at(0.5),
        at(0.1),
        at(0.9),
    );
}

fn document(project: &workplan::model::Project, format: Format, scope: Scope) -> usize {
    let made = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let (sheets, _) = pdf::document(project, format, scope, made)
        .expect("the document can be made")
        .expect("a PDF format");
    sheets.len()
}

fn pdf_bytes(project: &workplan::model::Project, format: Format, scope: Scope) -> usize {
    let made = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let (sheets, info) = pdf::document(project, format, scope, made)
        .expect("the document can be made")
        .expect("a PDF format");
    let bytes = pdf::write(&sheets, &info);
    assert!(bytes.starts_with(b"%PDF-"));
    sheets.len()
}

fn main() {
    let activities: usize = std::env::var("BENCH_ACTIVITIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let mut project = workplan::plan::generate::project(activities, activities / 5, 12, 42);
    // The busiest meeting, with every item linked to activities and an objective, so the pack
    // lists linked work under each.
    let busiest = project
        .committee
        .meetings
        .iter()
        .max_by_key(|m| m.agenda.len())
        .map(|m| m.number)
        .expect("generated meetings");
    let ids: Vec<_> = project.activities.iter().map(|a| a.id).collect();
    let objectives: Vec<_> = project.objectives.iter().map(|o| o.id).collect();
    let meeting = project
        .committee
        .meetings
        .iter_mut()
        .find(|m| m.number == busiest)
        .unwrap();
    for (i, item) in meeting.agenda.iter_mut().enumerate() {
        item.activities = ids.iter().skip(i * 5).take(5).copied().collect();
        item.objectives = objectives.iter().skip(i).take(1).copied().collect();
        item.papers = (1..=3).map(|n| format!("Paper {i}.{n}")).collect();
    }
    println!(
        "{activities} activities, {} objectives; meeting {busiest} has {} items",
        project.objectives.len(),
        meeting.agenda.len()
    );
    let pack = Scope {
        meeting: Some(busiest),
        ..Scope::default()
    };
    measure("agenda pack: layout", 20, || {
        document(&project, Format::AgendaPackPdf, pack)
    });
    measure("agenda pack: pdf", 20, || {
        pdf_bytes(&project, Format::AgendaPackPdf, pack)
    });

    // The shortest period from the programme's start that takes 100 pages or more.
    let start = project.programme.start;
    let mut period = Scope {
        from: Some(start),
        to: Some(start),
        ..Scope::default()
    };
    for days in (30..).step_by(15) {
        period.to = Some(start + Days::new(days));
        if pdf::timeline::page_count(&project, period, Paper::A4) >= 100
            || period.to >= Some(project.programme.end)
        {
            break;
        }
    }
    println!(
        "timeline period {} to {}",
        period.from.unwrap(),
        period.to.unwrap()
    );
    measure("timeline ~100 pages: layout", 10, || {
        document(&project, Format::TimelinePdf, period)
    });
    measure("timeline ~100 pages: pdf", 10, || {
        pdf_bytes(&project, Format::TimelinePdf, period)
    });
    let a3 = Scope {
        paper: Paper::A3,
        ..period
    };
    measure("timeline same period A3: pdf", 10, || {
        pdf_bytes(&project, Format::TimelinePdf, a3)
    });
    measure("logframe: pdf", 5, || {
        pdf_bytes(&project, Format::LogframePdf, Scope::default())
    });
}
