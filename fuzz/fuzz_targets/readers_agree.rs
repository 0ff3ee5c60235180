//! The fast reader of the canonical form and ron never disagree: where both read the text,
//! they read the same project (the fast reader may give up; ron is then used).
#![no_main]

use libfuzzer_sys::fuzz_target;
use workplan::io;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let (Some(fast), Some(ron)) = io::read_with_both(text) {
        assert_eq!(fast, ron, "the two readers read different projects");
    }
});
