//! The IATI export read back by another program: validated against the official IATI 2.03
//! activity schema with lxml, and its content checked there. `.ci/run` fetches the schemas
//! (pyIATI 0.4.1's source) and lxml; the test fails with the way to get them when missing.

use std::path::PathBuf;
use std::process::Command;

use workplan::exchange::export::{Format, Scope, render};

fn python() -> PathBuf {
    std::env::var_os("WORKPLAN_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("python3"))
}

fn schemas() -> PathBuf {
    let dir = std::env::var_os("WORKPLAN_IATI_SCHEMAS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("target/iati/pyIATI-0.4.1/iati/resources/standard/2-03/schemas")
        });
    assert!(
        dir.join("iati-activities-schema.xsd").is_file(),
        "the IATI 2.03 schemas are not in {}: run .ci/run, or `pip download --no-deps \
         --no-binary :all: pyiati==0.4.1 -d target/iati` and untar it there, or set \
         WORKPLAN_IATI_SCHEMAS to the folder holding iati-activities-schema.xsd",
        dir.display()
    );
    dir
}

/// The sample with the settings an IATI publication needs, and (which the sample lacks) a
/// donor funding one activity with a budget.
fn project() -> workplan::model::Project {
    use workplan::model::{Funding, Id, Money, Organisation};
    let mut project = workplan::testing::sample();
    let p = &mut project.programme;
    p.reporting_org = "United Nations Office on Drugs and Crime".into();
    p.reporting_org_ref = "XM-DAC-41146".into();
    p.reporting_org_type = "40".into();
    p.iati_prefix = "XM-DAC-41146".into();
    p.default_sector = "15210".into();
    let donor = Id(project.next_id);
    project.next_id += 1;
    project.programme.donors.push(Organisation {
        id: donor,
        name: "Swedish International Development Cooperation Agency".into(),
        acronym: "Sida".into(),
        notes: String::new(),
        through: Vec::new(),
        aliases: Vec::new(),
    });
    let funded = project
        .activities
        .iter_mut()
        .find(|a| !a.sessions.is_empty())
        .unwrap();
    funded.budget = Some(Money {
        amount: 45_000,
        currency: "EUR".into(),
    });
    funded.funding = vec![Funding::of(donor, 30_000)];
    project
}

const CHECK: &str = r#"
import json, sys
from lxml import etree
schema = etree.XMLSchema(etree.parse(sys.argv[1] + "/iati-activities-schema.xsd"))
doc = etree.parse(sys.argv[2])
if not schema.validate(doc):
    print("INVALID")
    for e in schema.error_log:
        print(e.line, e.message)
    sys.exit(1)
out = []
for a in doc.getroot().findall("iati-activity"):
    out.append({
        "id": a.findtext("iati-identifier"),
        "hierarchy": a.get("hierarchy"),
        "status": a.find("activity-status").get("code"),
        "countries": [(c.get("code"), int(c.get("percentage"))) for c in a.findall("recipient-country")],
        "tags": [(t.get("vocabulary"), t.get("code")) for t in a.findall("tag")],
        "related": [(r.get("type"), r.get("ref")) for r in a.findall("related-activity")],
        "sectors": [(s.get("vocabulary"), s.get("code")) for s in a.findall("sector")],
        "roles": sorted({p.get("role") for p in a.findall("participating-org")}),
        "budgets": [b.find("value").text for b in a.findall("budget")],
        "indicators": len(a.findall("result/indicator")),
        "periods": [
            [i.findtext("title/narrative"), p.find("period-start").get("iso-date"),
             p.find("period-end").get("iso-date"),
             [t.get("value") for t in p.findall("target") if t.find("dimension") is None],
             [x.get("value") for x in p.findall("actual") if x.find("dimension") is None],
             sorted((d.getparent().tag, d.get("name"), d.get("value"), d.getparent().get("value"))
                    for d in p.findall("*/dimension"))]
            for i in a.findall("result/indicator") for p in i.findall("period")
        ],
        "qualitative": len(a.findall("result/indicator[@measure='5']")),
    })
print(json.dumps(out))
"#;

#[test]
fn the_sample_is_valid_iati_2_03_with_its_identifiers_countries_and_targets() {
    let schemas = schemas();
    let project = project();
    let documents = render(&project, Format::Iati, Scope::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("programme.xml");
    std::fs::write(&path, &documents[0]).unwrap();
    let output = Command::new(python())
        .args(["-c", CHECK])
        .arg(&schemas)
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("{} cannot be run: {e}", python().display()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("No module named 'lxml'"),
        "lxml is missing: run .ci/run, or `{} -m pip install lxml` (WORKPLAN_PYTHON names the \
         Python to use)",
        python().display()
    );
    assert!(output.status.success(), "{stdout}\n{stderr}");
    let activities: Vec<serde_json::Value> = serde_json::from_str(&stdout).unwrap();

    let programme = &activities[0];
    assert_eq!(programme["id"], "XM-DAC-41146-SEE-RP");
    assert_eq!(programme["hierarchy"], "1");
    let countries: Vec<(String, u32)> =
        serde_json::from_value(programme["countries"].clone()).unwrap();
    let codes: Vec<&str> = countries.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, ["AL", "BA", "HR", "MK", "ME", "RS", "XK"]);
    assert_eq!(countries.iter().map(|(_, p)| p).sum::<u32>(), 100);
    assert_eq!(programme["sectors"][0], serde_json::json!(["1", "15210"]));
    assert!(
        programme["indicators"].as_u64().unwrap() > 0,
        "the objective tree's numeric indicators are results"
    );

    // Each indicator's periods, with the breakdowns as dimensions of their own values.
    let periods = programme["periods"].as_array().unwrap();
    let trained: Vec<_> = periods
        .iter()
        .filter(|p| {
            p[0].as_str()
                .unwrap()
                .starts_with("Criminal justice practitioners")
        })
        .collect();
    assert_eq!(
        serde_json::json!(trained),
        serde_json::json!([
            [
                "Criminal justice practitioners trained through the programme's regional meetings and workshops",
                "2009-01-01",
                "2009-12-31",
                ["60"],
                ["48"],
                [
                    ["actual", "sex", "female", "21"],
                    ["actual", "sex", "male", "27"],
                    ["target", "sex", "female", "30"],
                    ["target", "sex", "male", "30"]
                ]
            ],
            [
                "Criminal justice practitioners trained through the programme's regional meetings and workshops",
                "2010-01-01",
                "2010-12-31",
                ["220"],
                ["196"],
                [
                    ["actual", "sex", "female", "88"],
                    ["actual", "sex", "male", "108"],
                    ["target", "sex", "female", "110"],
                    ["target", "sex", "male", "110"]
                ]
            ],
            [
                "Criminal justice practitioners trained through the programme's regional meetings and workshops",
                "2011-01-01",
                "2011-12-31",
                ["450"],
                ["401"],
                [
                    ["actual", "sex", "female", "183"],
                    ["actual", "sex", "male", "218"],
                    ["target", "sex", "female", "225"],
                    ["target", "sex", "male", "225"]
                ]
            ]
        ])
    );
    // The computed indicator's 2009 actual comes from the two meetings done that year.
    assert!(
        periods
            .iter()
            .any(|p| p[0] == "Regional expert meetings held under the pillar"
                && p[1] == "2009-01-01"
                && p[4] == serde_json::json!(["2"])),
        "{periods:?}"
    );
    assert_eq!(
        programme["qualitative"], 1,
        "the text indicator is published as words"
    );

    let scheduled: Vec<_> = project
        .activities
        .iter()
        .filter(|a| !a.sessions.is_empty())
        .collect();
    assert_eq!(activities.len(), scheduled.len() + 1);
    let children = &activities[1..];
    let related: Vec<(String, String)> =
        serde_json::from_value(programme["related"].clone()).unwrap();
    assert_eq!(related.len(), children.len());
    for (child, activity) in children.iter().zip(&scheduled) {
        let id = format!("XM-DAC-41146-SEE-RP-{}", activity.id);
        assert_eq!(child["id"], id.as_str());
        assert_eq!(child["hierarchy"], "2");
        assert!(related.contains(&("2".into(), id.clone())), "{id}");
        assert_eq!(
            child["related"],
            serde_json::json!([["1", "XM-DAC-41146-SEE-RP"]])
        );
        let countries: Vec<(String, u32)> =
            serde_json::from_value(child["countries"].clone()).unwrap();
        if !countries.is_empty() {
            assert_eq!(
                countries.iter().map(|(_, p)| p).sum::<u32>(),
                100,
                "{id}: {countries:?}"
            );
        }
        let tags: Vec<(String, String)> = serde_json::from_value(child["tags"].clone()).unwrap();
        let mut targets = activity.sdg_targets.clone();
        targets.sort();
        targets.dedup();
        let expected: Vec<(String, String)> =
            targets.into_iter().map(|t| ("3".to_string(), t)).collect();
        assert_eq!(tags, expected, "{id}");
        let roles = child["roles"].as_array().unwrap();
        assert!(
            roles.contains(&"2".into()) && roles.contains(&"4".into()),
            "{id}"
        );
        assert_eq!(
            roles.contains(&"1".into()),
            !activity.funding.is_empty(),
            "{id}: the funding donors take role 1"
        );
        match &activity.budget {
            Some(b) => assert_eq!(child["budgets"], serde_json::json!([b.amount.to_string()])),
            None => assert_eq!(child["budgets"], serde_json::json!([])),
        }
    }
    // The sample's data makes the checks above mean something.
    assert!(
        children.iter().any(|c| c["countries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c[0] == "XK")),
        "some activity is for Kosovo, published as XK"
    );
    assert!(
        children
            .iter()
            .any(|c| !c["tags"].as_array().unwrap().is_empty())
    );
    assert!(
        children
            .iter()
            .any(|c| c["budgets"] == serde_json::json!(["45000"]))
    );
    assert!(
        children
            .iter()
            .any(|c| c["countries"].as_array().unwrap().len() > 2)
    );
}

#[test]
fn a_programme_without_its_iati_settings_is_not_exported() {
    let mut project = project();
    project.programme.reporting_org_type.clear();
    let error = render(&project, Format::Iati, Scope::default()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the programme's reporting organisation type for IATI is not set (Programme view)"
    );
}
