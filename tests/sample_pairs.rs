//! The hand-written sample pairs in `sample_pairs/` as a contract: each
//! pair of `glitches.jsonl` is caught by the rule it is named after, at the
//! span it names, and no pair of `clean.jsonl` (German traps: ordinals,
//! "z. B.", „…“, "die die", separable verbs, usual acronym renderings)
//! gets a major or critical finding from any rule.

use mtlint::{Linter, Pair, Severity};

fn records(path: &str) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).expect("sample file exists");
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect("valid JSON")).collect()
}

fn pair(record: &serde_json::Value) -> Pair {
    let field = |k: &str| record[k].as_str().unwrap_or_default().to_string();
    Pair::new(field("id"), field("source"), field("target"))
}

#[test]
fn every_sample_glitch_is_caught_at_its_span() {
    let linter = Linter::all();
    for record in records("sample_pairs/glitches.jsonl") {
        let pair = pair(&record);
        let expect = record["expect"].as_str().unwrap_or_default();
        let findings = linter.check(&pair);
        let caught = findings
            .iter()
            .any(|f| f.rule == pair.id && f.target.is_some_and(|s| &pair.target[s.start..s.end] == expect));
        assert!(caught, "{}: expected {expect:?}, got {findings:#?}", pair.id);
    }
}

#[test]
fn clean_samples_get_no_major_finding() {
    let linter = Linter::all();
    for record in records("sample_pairs/clean.jsonl") {
        let pair = pair(&record);
        let serious: Vec<_> = linter.check(&pair).into_iter().filter(|f| f.severity >= Severity::Major).collect();
        assert!(serious.is_empty(), "{}: {serious:#?}", pair.id);
    }
}

#[test]
fn odd_text_gives_spans_on_character_boundaries() {
    let linter = Linter::all();
    let odd = [
        "",
        " ",
        "...",
        "„",
        "(",
        "Die CNS\u{2011}Sprecher und die NSC\u{2011}Leute",
        "İSTANBUL İST İTS. und",
        "Das 🙂 ist gut 🙂 ist gut 🙂 ist gut 🙂 ist gut und",
        "e\u{301}e\u{301} ABC CBA. für",
        "You may also like „The Lord of the Rings“ and the other ones",
        "Er sagte: „Wir kommen (morgen",
    ];
    for source in odd {
        for target in odd {
            let pair = Pair::new("odd", source, target);
            for f in linter.check(&pair) {
                for (text, span) in [(target, f.target), (source, f.source)] {
                    if let Some(s) = span {
                        assert!(s.start <= s.end && s.end <= text.len(), "{f:?}");
                        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{f:?}");
                    }
                }
            }
        }
    }
}
