//! mtlint as a CI job runs it: the real binary on tiny hand-written batches
//! in temporary directories, every output format, mtlint.toml, glossaries,
//! baselines, and SARIF checked against the official 2.1.0 schema.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// One clean pair and one with a period inside a sentence (a major finding).
const BATCH: &str = concat!(
    r#"{"id":"doc:1","source":"We met on Monday.","target":"Wir trafen uns am Montag."}"#,
    "\n",
    r#"{"id":"doc:2","source":"That is good and then we go.","target":"Das ist gut. und dann gehen wir."}"#,
    "\n",
);

/// A second glitch, appended to show that only new findings fail a baselined run.
const NEW_GLITCH: &str =
    r#"{"id":"doc:3","source":"He called and asked for help.","target":"Er rief an. und bat um Hilfe."}"#;

fn workspace(batch: &str) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("batch.jsonl"), batch).unwrap();
    dir
}

/// The binary, run in `dir` (so mtlint.toml discovery sees only what the test wrote).
fn mtlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mtlint").unwrap();
    // Without the optional Ding dictionary (it has its own tests): same results on every machine, and fast.
    cmd.env("MTLINT_DING", "");
    cmd.current_dir(dir);
    cmd
}

fn stdout_of(cmd: &mut Command, code: i32) -> String {
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(code), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_format_reports_the_glitch_and_exits_1() {
    let dir = workspace(BATCH);
    for format in ["table", "json", "jsonl", "sarif", "junit", "github"] {
        let out = stdout_of(mtlint(dir.path()).args(["check", "batch.jsonl", "-f", format]), 1);
        assert!(out.contains("gut. und"), "{format}: {out}");
    }
}

#[test]
fn junit_has_one_case_per_pair_failed_at_fail_on() {
    let dir = workspace(BATCH);
    let out = stdout_of(mtlint(dir.path()).args(["check", "batch.jsonl", "-f", "junit"]), 1);
    assert!(out.starts_with("<?xml"), "{out}");
    assert!(out.contains(r#"<testsuite name="mtlint" tests="2" failures="1""#), "{out}");
    assert!(out.contains(r#"<testcase name="doc:1" classname="batch.jsonl"/>"#), "{out}");
    assert!(out.contains(r#"type="spurious-sentence-break""#), "{out}");
    // Below --fail-on the pair passes, and the finding is still shown.
    let out = stdout_of(mtlint(dir.path()).args(["check", "batch.jsonl", "-f", "junit", "--fail-on", "critical"]), 0);
    assert!(out.contains(r#"failures="0""#) && out.contains("<system-out>major spurious-sentence-break"), "{out}");
}

#[test]
fn github_annotations_name_file_line_and_code_point_columns() {
    let dir = workspace(BATCH);
    let out = stdout_of(mtlint(dir.path()).args(["check", "batch.jsonl", "-f", "github"]), 1);
    assert!(
        out.starts_with("::error file=batch.jsonl,line=2,title=mtlint spurious-sentence-break (major)::[doc:2]"),
        "{out}"
    );
    // TSV holds the German verbatim, so columns point into the file.
    let line = "x\tGröße\tÜber „Größe“ ist gut. und mehr";
    fs::write(dir.path().join("b.tsv"), format!("{line}\n")).unwrap();
    let out = stdout_of(mtlint(dir.path()).args(["check", "b.tsv", "-f", "github"]), 1);
    let start = line[..line.find("gut. und").unwrap()].chars().count() + 1;
    assert!(out.contains(&format!("line=1,col={start},endColumn={}", start + 8)), "{out}");
    // A minor finding is a warning.
    fs::write(dir.path().join("mtlint.toml"), "[rules.spurious-sentence-break]\nseverity = \"minor\"\n").unwrap();
    let out = stdout_of(mtlint(dir.path()).args(["check", "batch.jsonl", "-f", "github"]), 0);
    assert!(out.starts_with("::warning file=batch.jsonl,line=2,"), "{out}");
}

#[test]
fn output_file_is_written_whole_and_stdout_stays_empty() {
    let dir = workspace(BATCH);
    let out =
        stdout_of(mtlint(dir.path()).args(["check", "batch.jsonl", "-f", "sarif", "--output", "report.sarif"]), 1);
    assert!(out.is_empty(), "{out}");
    let report: Value = serde_json::from_str(&fs::read_to_string(dir.path().join("report.sarif")).unwrap()).unwrap();
    assert_eq!(report["version"], "2.1.0");
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn failed_run_leaves_an_existing_output_untouched() {
    let dir = workspace(BATCH);
    fs::write(dir.path().join("report.json"), "old").unwrap();
    mtlint(dir.path()).args(["check", "missing.jsonl", "-f", "json", "-o", "report.json"]).assert().code(2);
    assert_eq!(fs::read_to_string(dir.path().join("report.json")).unwrap(), "old");
}

/// `../shared/schemas/…` beside the repository (CI), or beside a worktree's parent.
fn sarif_schema() -> Option<PathBuf> {
    ["../shared/schemas/sarif-schema-2.1.0.json", "../../shared/schemas/sarif-schema-2.1.0.json"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

fn check_against_schema(schema_path: &Path, sarif: &Value) -> Result<(), String> {
    let schema: Value = serde_json::from_str(&fs::read_to_string(schema_path).unwrap()).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    let location = "file:///sarif-schema-2.1.0.json";
    compiler.add_resource(location, schema).unwrap();
    let index = compiler.compile(location, &mut schemas).unwrap();
    schemas.validate(sarif, index).map_err(|e| format!("{e:#}"))
}

fn validate_sarif(schema_path: &Path, sarif: &Value) {
    if let Err(e) = check_against_schema(schema_path, sarif) {
        panic!("SARIF output does not validate against the 2.1.0 schema: {e}\n{sarif:#}");
    }
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let Some(schema) = sarif_schema() else {
        println!("skipped: ../shared/schemas/sarif-schema-2.1.0.json is not here");
        return;
    };
    let dir = workspace(BATCH);
    fs::write(dir.path().join("en.txt"), "That is good and then we go.\n").unwrap();
    fs::write(dir.path().join("de.txt"), "  „Größe“ ist gut. und dann gehen wir.\n").unwrap();
    fs::write(dir.path().join("mtlint.toml"), "[glossary]\nterms = { \"good\" = [\"prima\"] }\n").unwrap();
    for args in [&["check", "batch.jsonl"][..], &["check", "en.txt", "de.txt"][..]] {
        let out = stdout_of(mtlint(dir.path()).args(args).args(["-f", "sarif"]), 1);
        let sarif: Value = serde_json::from_str(&out).unwrap();
        validate_sarif(&schema, &sarif);
    }
    // Regions of document input are code points of the German line.
    let out = stdout_of(mtlint(dir.path()).args(["check", "en.txt", "de.txt", "-f", "sarif"]), 1);
    let sarif: Value = serde_json::from_str(&out).unwrap();
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let result = run["results"].as_array().unwrap().iter().find(|r| r["ruleId"] == "spurious-sentence-break").unwrap();
    let region = &result["locations"][0]["physicalLocation"]["region"];
    let line: Vec<char> = "  „Größe“ ist gut. und dann gehen wir.".chars().collect();
    let (start, end) =
        (region["startColumn"].as_u64().unwrap() as usize, region["endColumn"].as_u64().unwrap() as usize);
    assert_eq!(line[start - 1..end - 1].iter().collect::<String>(), "gut. und");
    assert_eq!(result["partialFingerprints"]["mtlint/v2"].as_str().unwrap().len(), 16);
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules
        .iter()
        .any(|r| r["id"] == "terminology" && r["fullDescription"]["text"].as_str().unwrap().contains("Example")));
    // Every rule's findings, on the seed page (documents) and the German traps (JSONL).
    let repo = std::env::current_dir().unwrap();
    let seed = [repo.join("sample_pairs/seed.en.txt"), repo.join("sample_pairs/seed.de.txt")];
    let traps = repo.join("sample_pairs/traps.jsonl");
    for inputs in [&seed[..], std::slice::from_ref(&traps)] {
        let out = mtlint(dir.path()).arg("check").args(inputs).args(["-f", "sarif", "--no-config"]).output().unwrap();
        validate_sarif(&schema, &serde_json::from_slice(&out.stdout).unwrap());
    }
    // The check is not vacuous: a broken log fails it.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(check_against_schema(&schema, &broken).is_err());
}

#[test]
fn baseline_suppresses_old_findings_and_fails_on_new_ones() {
    let dir = workspace(BATCH);
    // Writing the baseline accepts today's findings.
    mtlint(dir.path()).args(["check", "batch.jsonl", "--write-baseline", "baseline.json"]).assert().code(0);
    let baseline: Value = serde_json::from_str(&fs::read_to_string(dir.path().join("baseline.json")).unwrap()).unwrap();
    assert_eq!(baseline["version"], 2);
    assert_eq!(baseline["findings"][0]["text"], "gut. und");
    // Rerun with it: nothing new, exit 0, the summary counts the suppressed one.
    mtlint(dir.path())
        .args(["check", "batch.jsonl", "--baseline", "baseline.json", "-f", "jsonl"])
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains("1 suppressed by the baseline"));
    // Unrelated text moving (a new first record) keeps the old finding suppressed;
    // a new glitch fails the run, and only it is reported.
    let moved = format!("{NEW_GLITCH}\n{BATCH}");
    fs::write(dir.path().join("batch.jsonl"), moved).unwrap();
    let out =
        stdout_of(mtlint(dir.path()).args(["check", "batch.jsonl", "--baseline", "baseline.json", "-f", "jsonl"]), 1);
    let findings: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(findings.len(), 1, "{out}");
    assert_eq!(findings[0]["pair"], "doc:3");
}

#[test]
fn config_file_sets_severity_fail_on_and_rules() {
    let dir = workspace(BATCH);
    let config = "fail-on = \"major\"\n[rules.spurious-sentence-break]\nseverity = \"minor\"\n";
    fs::write(dir.path().join("mtlint.toml"), config).unwrap();
    let out = stdout_of(mtlint(dir.path()).args(["check", "batch.jsonl", "-f", "jsonl"]), 0);
    assert!(out.contains("\"severity\":\"minor\""), "{out}");
    // The command line overrides the file.
    mtlint(dir.path()).args(["check", "batch.jsonl", "--fail-on", "minor"]).assert().code(1);
    // A rule switched off reports nothing.
    fs::write(dir.path().join("mtlint.toml"), "[rules.spurious-sentence-break]\nenabled = false\n").unwrap();
    assert_eq!(stdout_of(mtlint(dir.path()).args(["check", "batch.jsonl", "-f", "jsonl"]), 0), "");
    // --config names another file; --no-config ignores any.
    fs::write(
        dir.path().join("strict.toml"),
        "fail-on = \"minor\"\n[rules.spurious-sentence-break]\nseverity = \"minor\"\n",
    )
    .unwrap();
    mtlint(dir.path()).args(["check", "batch.jsonl", "--config", "strict.toml"]).assert().code(1);
    mtlint(dir.path()).args(["check", "batch.jsonl", "--no-config"]).assert().code(1);
}

#[test]
fn config_in_a_parent_directory_is_found() {
    let dir = workspace(BATCH);
    fs::write(dir.path().join("mtlint.toml"), "fail-on = \"critical\"\n").unwrap();
    let sub = dir.path().join("translations/batch");
    fs::create_dir_all(&sub).unwrap();
    fs::write(sub.join("b.jsonl"), BATCH).unwrap();
    mtlint(&sub).args(["check", "b.jsonl"]).assert().code(0);
}

#[test]
fn bad_config_key_exits_2_naming_key_and_line() {
    let dir = workspace(BATCH);
    fs::write(dir.path().join("mtlint.toml"), "fail-on = \"major\"\nmin-severty = \"minor\"\n").unwrap();
    mtlint(dir.path()).args(["check", "batch.jsonl"]).assert().code(2).stderr(
        predicate::str::contains("mtlint.toml")
            .and(predicate::str::contains("min-severty"))
            .and(predicate::str::contains("line 2")),
    );
    fs::write(dir.path().join("mtlint.toml"), "\n[rules.spurious-sentence-brake]\nenabled = false\n").unwrap();
    mtlint(dir.path())
        .args(["check", "batch.jsonl"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("mtlint.toml:2: unknown rule `spurious-sentence-brake`"));
}

#[test]
fn glossary_violations_are_found_from_config_and_tsv() {
    let dir = tempfile::tempdir().unwrap();
    let batch = concat!(
        r#"{"id":"a","source":"The Federal Reserve raised rates.","target":"Die Zentralbank erhöhte die Zinsen."}"#,
        "\n",
        r#"{"id":"b","source":"The Federal Reserve raised rates.","target":"Die US-Notenbank erhöhte die Zinsen."}"#,
        "\n",
        r#"{"id":"c","source":"Brexit talks resume.","target":"Die Gespräche über den EU-Austritt gehen weiter."}"#,
        "\n",
    );
    fs::write(dir.path().join("batch.jsonl"), batch).unwrap();
    fs::write(
        dir.path().join("mtlint.toml"),
        "[glossary]\nterms = { \"Federal Reserve\" = [\"US-Notenbank\", \"Fed\"] }\n",
    )
    .unwrap();
    let out = stdout_of(mtlint(dir.path()).args(["check", "batch.jsonl", "-f", "jsonl", "--rules", "terminology"]), 1);
    let pairs: Vec<String> =
        out.lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["pair"].to_string()).collect();
    assert_eq!(pairs, ["\"a\""], "{out}");
    // A TSV glossary: one column marks a do-not-translate term.
    fs::write(dir.path().join("terms.tsv"), "# English\tGerman\nBrexit\n").unwrap();
    let out = stdout_of(
        mtlint(dir.path()).args(["check", "batch.jsonl", "-f", "jsonl", "--no-config", "--glossary", "terms.tsv"]),
        1,
    );
    assert!(
        out.contains("\"pair\":\"c\"") && out.contains("must not be translated") && !out.contains("\"pair\":\"a\""),
        "{out}"
    );
}

#[test]
fn consistency_flags_a_name_spelled_two_ways_in_a_document() {
    let dir = tempfile::tempdir().unwrap();
    let batch = concat!(
        r#"{"id":"story:1","source":"They met Jared Kushner.","target":"Sie trafen Jared Kushner."}"#,
        "\n",
        r#"{"id":"story:2","source":"Later, Kushner left.","target":"Später ging Kuschner."}"#,
        "\n",
        r#"{"id":"other:1","source":"Later, Kushner left.","target":"Später ging Kuschner."}"#,
        "\n",
    );
    fs::write(dir.path().join("batch.jsonl"), batch).unwrap();
    let out = stdout_of(mtlint(dir.path()).args(["check", "batch.jsonl", "-f", "jsonl"]), 1);
    let findings: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(findings.len(), 1, "{out}");
    assert_eq!(findings[0]["rule"], "consistency");
    assert_eq!(findings[0]["pair"], "story:2");
    assert_eq!(findings[0]["target"]["text"], "Kuschner");
}

#[test]
fn ignore_patterns_drop_findings_by_span_or_pair() {
    let dir = workspace(BATCH);
    fs::write(dir.path().join("mtlint.toml"), "[ignore]\ntarget = [\"^gut\\\\. und$\"]\n").unwrap();
    assert_eq!(stdout_of(mtlint(dir.path()).args(["check", "batch.jsonl", "-f", "jsonl"]), 0), "");
    fs::write(dir.path().join("mtlint.toml"), "[ignore]\npairs = [\"^doc:2$\"]\n").unwrap();
    assert_eq!(stdout_of(mtlint(dir.path()).args(["check", "batch.jsonl", "-f", "jsonl"]), 0), "");
}

#[test]
fn config_show_prints_the_effective_configuration() {
    let dir = workspace(BATCH);
    fs::write(dir.path().join("mtlint.toml"), "[rules.spurious-sentence-break]\nseverity = \"critical\"\n").unwrap();
    let out = stdout_of(mtlint(dir.path()).args(["config", "--show", "--fail-on", "minor"]), 0);
    let shown: toml::Table = toml::from_str(&out).unwrap();
    assert_eq!(shown["fail-on"].as_str(), Some("minor"), "{out}");
    assert_eq!(shown["min-severity"].as_str(), Some("minor"), "{out}");
    assert_eq!(shown["rules"]["spurious-sentence-break"]["severity"].as_str(), Some("critical"), "{out}");
    assert_eq!(shown["rules"]["terminology"]["enabled"].as_bool(), Some(false), "{out}");
    // What it prints is itself a valid configuration.
    fs::write(dir.path().join("shown.toml"), &out).unwrap();
    let again = stdout_of(mtlint(dir.path()).args(["config", "--show", "--config", "shown.toml"]), 0);
    let body = |s: &str| s.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&again), body(&out));
}
