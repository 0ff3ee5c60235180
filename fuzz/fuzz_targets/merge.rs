//! Three versions of a project merge without a panic, into a project that opens; with no
//! conflicts it passes the integrity check, and merging with an unchanged side gives the
//! other side. The input is base, ours and theirs, separated by 0xFF bytes (never in UTF-8
//! text); missing parts repeat the base.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use workplan::{integrity, io, merge};

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|&b| b == 0xFF);
    let base = parts.next().unwrap_or_default();
    let ours = parts.next().unwrap_or(base);
    let theirs = parts.next().unwrap_or(base);
    let open = |bytes: &[u8]| io::load_bytes(Path::new("fuzz.ron"), bytes).ok();
    let (Some(b), Some(o), Some(t)) = (open(base), open(ours), open(theirs)) else {
        return;
    };
    let merged = merge::merge(&b, &o, &t);
    let text = io::to_ron(&merged.project);
    assert!(
        io::load_str(Path::new("merged.ron"), &text).is_ok(),
        "the merged project does not open"
    );
    if merged.conflicts.is_empty() {
        assert_eq!(integrity::check(&merged.project), vec![]);
    }
    assert_eq!(merge::merge(&b, &o, &b).project, o, "merge(b, o, b) != o");
    assert_eq!(merge::merge(&b, &b, &t).project, t, "merge(b, b, t) != t");
});
