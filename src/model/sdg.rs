//! Sustainable Development Goal target numbers ("16.4", "16.a"), checked against the
//! official numbering of the 169 targets.

/// Per goal 1..=17: how many numbered targets (x.1 ..) and how many lettered ones (x.a ..).
const TARGETS: [(u8, u8); 17] = [
    (5, 2),  // 1
    (5, 3),  // 2
    (9, 4),  // 3
    (7, 3),  // 4
    (6, 3),  // 5
    (6, 2),  // 6
    (3, 2),  // 7
    (10, 2), // 8
    (5, 3),  // 9
    (7, 3),  // 10
    (7, 3),  // 11
    (8, 3),  // 12
    (3, 2),  // 13
    (7, 3),  // 14
    (9, 3),  // 15
    (10, 2), // 16
    (19, 0), // 17
];

/// The official short texts of the 169 targets, one `number<TAB>text` a line, in order.
const TARGET_TEXTS: &str = include_str!("../../assets/sdg-targets.tsv");

/// The UN's official text of a target ("16.4" → "By 2030, significantly reduce ..."), or
/// `None` for a number that is not a target.
pub fn target_text(target: &str) -> Option<&'static str> {
    TARGET_TEXTS
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .find(|(number, _)| *number == target)
        .map(|(_, text)| text)
}

/// Whether `target` names an SDG target, e.g. "16.4" or "3.a" (not "16.11" or "18.1").
pub fn is_valid_target(target: &str) -> bool {
    let Some((goal, rest)) = target.split_once('.') else {
        return false;
    };
    let Ok(goal) = goal.parse::<usize>() else {
        return false;
    };
    if !(1..=17).contains(&goal) || goal.to_string().len() != target.find('.').unwrap_or(0) {
        return false;
    }
    let (numbered, lettered) = TARGETS[goal - 1];
    if let Ok(n) = rest.parse::<u8>() {
        return rest == n.to_string() && (1..=numbered).contains(&n);
    }
    let mut chars = rest.chars();
    match (chars.next(), chars.next()) {
        (Some(letter @ 'a'..='z'), None) => (letter as u8 - b'a') < lettered,
        _ => false,
    }
}

/// Splits a typed list ("16.4, 16.a; 3.5") into targets, with the ones that are not valid.
pub fn parse_list(text: &str) -> (Vec<String>, Vec<String>) {
    let mut valid = Vec::new();
    let mut invalid = Vec::new();
    for part in text
        .split([',', ';', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if is_valid_target(part) {
            if !valid.iter().any(|v| v == part) {
                valid.push(part.to_string());
            }
        } else {
            invalid.push(part.to_string());
        }
    }
    (valid, invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_target_has_its_official_text_and_no_other_line_is_there() {
        let lines: Vec<(&str, &str)> = TARGET_TEXTS
            .lines()
            .map(|l| l.split_once('\t').expect("number, tab, text"))
            .collect();
        assert_eq!(lines.len(), 169);
        let expected = [7, 8, 13, 10, 9, 8, 5, 12, 8, 10, 10, 11, 5, 10, 12, 12, 19];
        for (goal, count) in (1..=17).zip(expected) {
            let prefix = format!("{goal}.");
            let of_goal = lines.iter().filter(|(n, _)| n.starts_with(&prefix)).count();
            assert_eq!(of_goal, count, "goal {goal}");
        }
        for (number, text) in &lines {
            assert!(is_valid_target(number), "{number} is not a target");
            assert!(!text.trim().is_empty() && text.trim() == *text, "{number}");
        }
        assert!(
            target_text("16.4")
                .unwrap()
                .starts_with("By 2030, significantly reduce illicit")
        );
        assert!(
            target_text("16.a")
                .unwrap()
                .contains("combat terrorism and crime")
        );
        assert_eq!(target_text("16.13"), None);
        assert_eq!(target_text("1"), None);
    }

    #[test]
    fn every_target_the_sample_names_has_a_text() {
        let project = crate::testing::sample();
        let mut named = 0;
        for activity in &project.activities {
            for target in &activity.sdg_targets {
                assert!(target_text(target).is_some(), "{target}");
                named += 1;
            }
        }
        assert!(named > 0, "the sample names no SDG target");
    }

    #[test]
    fn there_are_169_targets() {
        let total: usize = TARGETS
            .iter()
            .map(|&(n, l)| usize::from(n) + usize::from(l))
            .sum();
        assert_eq!(total, 169);
    }

    #[test]
    fn real_targets_pass_and_others_fail() {
        for ok in [
            "16.4", "16.5", "16.a", "16.b", "3.5", "3.d", "17.19", "1.1", "8.10",
        ] {
            assert!(is_valid_target(ok), "{ok}");
        }
        for bad in [
            "16.11", "16.c", "17.a", "18.1", "0.1", "16", "16.", ".4", "16.04", "016.4", "3.5.1",
            "16.A", "",
        ] {
            assert!(!is_valid_target(bad), "{bad}");
        }
    }

    #[test]
    fn lists_are_split_and_checked() {
        let (valid, invalid) = parse_list("16.4, 16.a;3.5 16.4 99.1");
        assert_eq!(valid, vec!["16.4", "16.a", "3.5"]);
        assert_eq!(invalid, vec!["99.1"]);
    }
}
