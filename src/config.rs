//! `mtlint.toml`: the settings a CI job keeps next to its translations.
//!
//! A project pins what fails its build (`fail-on`), what is shown
//! (`min-severity`), which rules run at which severity, what to ignore, and
//! its glossary, once, instead of repeating flags in every pipeline. Keys
//! are kebab-case and unknown keys are errors naming the key and its line:
//! a typo must not silently switch a check off.

use crate::detect;
use crate::error::{Error, Result};
use crate::model::Severity;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file name looked for in the working directory and its parents.
pub const FILE_NAME: &str = "mtlint.toml";

/// The whole file. Every field is optional; `resolved` fills in defaults.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Exit with 1 when a finding at or above this severity exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fail_on: Option<Severity>,
    /// Show only findings at or above this severity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_severity: Option<Severity>,
    /// Findings to drop before reporting.
    #[serde(default, skip_serializing_if = "Ignore::is_empty")]
    pub ignore: Ignore,
    /// Per-rule settings, by rule id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, RuleConfig>,
    /// English terms and the German renderings allowed for them.
    #[serde(default, skip_serializing_if = "Glossary::is_empty")]
    pub glossary: Glossary,
}

/// One rule's settings.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleConfig {
    /// Run the rule (default: on, except rules that need configuration).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Report the rule's findings at this severity instead of its default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// The rule's own parameters (thresholds, extra words), as its
    /// `mtlint explain` documents them. Rules ignore keys they do not read.
    #[serde(default, skip_serializing_if = "toml::Table::is_empty")]
    pub params: toml::Table,
}

/// Regular expressions (Rust `regex` syntax, unanchored: use `^…$` to match
/// the whole text) for findings to drop.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Ignore {
    /// Matched against the flagged German span's text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target: Vec<String>,
    /// Matched against pair ids: every finding of a matching pair is dropped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pairs: Vec<String>,
}

impl Ignore {
    pub fn is_empty(&self) -> bool {
        self.target.is_empty() && self.pairs.is_empty()
    }
}

/// Terminology: English term → the German renderings allowed for it, and
/// terms that must stay as they are (brand and product names).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Glossary {
    /// A TSV file of more terms (relative to the config file): `english<TAB>german<TAB>german…`
    /// per line; a line with only the English term marks it do-not-translate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<PathBuf>,
    /// English term → allowed German renderings.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub terms: BTreeMap<String, Vec<String>>,
    /// Terms the German must keep verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub do_not_translate: Vec<String>,
}

impl Glossary {
    /// No terms at all (the `file`, once loaded, adds to `terms`).
    pub fn is_empty(&self) -> bool {
        self.file.is_none() && self.terms.is_empty() && self.do_not_translate.is_empty()
    }

    /// True when there is something to check against.
    pub fn has_terms(&self) -> bool {
        !self.terms.is_empty() || !self.do_not_translate.is_empty()
    }

    /// Adds the terms of a glossary TSV (see [`Glossary::file`]).
    pub fn load_tsv(&mut self, path: &Path) -> Result<()> {
        let name = path.display().to_string();
        let text = crate::input::read_to_string(&name)?;
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let mut fields = line.split('\t').map(str::trim);
            let english = fields.next().unwrap_or("");
            if english.is_empty() {
                return Err(Error::record(&name, i + 1, "the English term (first column) is empty"));
            }
            let renderings: Vec<String> = fields.filter(|f| !f.is_empty()).map(str::to_string).collect();
            if renderings.is_empty() {
                if !self.do_not_translate.iter().any(|t| t == english) {
                    self.do_not_translate.push(english.to_string());
                }
            } else {
                let allowed = self.terms.entry(english.to_string()).or_default();
                for r in renderings {
                    if !allowed.contains(&r) {
                        allowed.push(r);
                    }
                }
            }
        }
        Ok(())
    }
}

/// The parameters each rule reads from `[rules.RULE] params`. Others are
/// reported as warnings (see [`Config::warnings`]) rather than ignored
/// silently.
pub const RULE_PARAMS: &[(&str, &[&str])] = &[("consistency", &["ignore"])];

/// Only the spans of the `[rules]` keys, to name the line of an unknown rule.
#[derive(Deserialize)]
struct RuleKeySpans {
    #[serde(default)]
    rules: BTreeMap<toml::Spanned<String>, serde::de::IgnoredAny>,
}

impl Config {
    /// Parses `text` (the contents of `path`); a glossary `file` is read
    /// relative to `path`'s directory.
    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        let name = path.display().to_string();
        let mut config: Config = toml::from_str(text).map_err(|e| Error::input(&name, e.to_string().trim_end()))?;
        config.check_rule_names(text, &name)?;
        config.check_patterns(&name)?;
        config.check_params(&name)?;
        if let Some(file) = config.glossary.file.clone() {
            let file = path.parent().map_or(file.clone(), |dir| dir.join(&file));
            config.glossary.load_tsv(&file)?;
        }
        Ok(config)
    }

    /// Reads and parses the file at `path`.
    pub fn load(path: &Path) -> Result<Config> {
        let text = crate::input::read_to_string(&path.display().to_string())?;
        Config::parse(&text, path)
    }

    /// The nearest `mtlint.toml` in `dir` or its parents.
    pub fn discover(dir: &Path) -> Option<PathBuf> {
        dir.ancestors().map(|d| d.join(FILE_NAME)).find(|p| p.is_file())
    }

    fn check_rule_names(&self, text: &str, name: &str) -> Result<()> {
        let Some(unknown) = self.rules.keys().find(|r| detect::find_meta(r).is_none()) else { return Ok(()) };
        let known: Vec<&str> = detect::all_meta().iter().map(|m| m.id).collect();
        let message = format!("unknown rule `{unknown}` in [rules]; known rules: {}", known.join(", "));
        let spans: Option<RuleKeySpans> = toml::from_str(text).ok();
        let offset = spans.and_then(|s| s.rules.keys().find(|k| k.get_ref() == unknown).map(|k| k.span().start));
        Err(match offset {
            Some(at) => Error::record(name, line_of(text, at), message),
            None => Error::input(name, message),
        })
    }

    fn check_patterns(&self, name: &str) -> Result<()> {
        let lists = [("ignore.target", &self.ignore.target), ("ignore.pairs", &self.ignore.pairs)];
        for (key, patterns) in lists {
            for (i, p) in patterns.iter().enumerate() {
                if let Err(e) = regex::Regex::new(p) {
                    return Err(Error::input(name, format!("{key}[{i}]: not a valid regular expression: {e}")));
                }
            }
        }
        Ok(())
    }

    fn check_params(&self, name: &str) -> Result<()> {
        if let Some(ignore) = self.params("consistency").and_then(|p| p.get("ignore")) {
            let is_list_of_names = ignore.as_array().is_some_and(|a| a.iter().all(toml::Value::is_str));
            if !is_list_of_names {
                return Err(Error::input(name, "rules.consistency.params.ignore must be a list of names"));
            }
        }
        Ok(())
    }

    /// Parameters that no rule reads: likely typos, or meant for a rule
    /// that has none.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (rule, settings) in &self.rules {
            let known = RULE_PARAMS.iter().find(|(r, _)| r == rule).map_or(&[][..], |(_, p)| *p);
            for key in settings.params.keys().filter(|k| !known.contains(&k.as_str())) {
                let reads = if known.is_empty() { "none".to_string() } else { known.join(", ") };
                out.push(format!("[rules.{rule}] params.{key} is not read by {rule} (it reads: {reads})"));
            }
        }
        out
    }

    /// The English names `consistency` must not check (`params.ignore`).
    pub fn consistency_ignored(&self) -> Vec<String> {
        self.params("consistency")
            .and_then(|p| p.get("ignore"))
            .and_then(toml::Value::as_array)
            .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
            .unwrap_or_default()
    }

    /// Whether `rule` runs when no `--rules` list is given.
    pub fn rule_enabled(&self, rule: &str) -> bool {
        match self.rules.get(rule).and_then(|r| r.enabled) {
            Some(on) => on,
            None => detect::enabled_by_default(rule, self),
        }
    }

    /// The severity override for `rule`, if any.
    pub fn severity_of(&self, rule: &str) -> Option<Severity> {
        self.rules.get(rule).and_then(|r| r.severity)
    }

    /// The parameters configured for `rule` (empty when none).
    pub fn params(&self, rule: &str) -> Option<&toml::Table> {
        self.rules.get(rule).map(|r| &r.params)
    }

    /// The configuration in force, every default spelled out: what
    /// `mtlint config --show` prints.
    pub fn resolved(&self) -> Config {
        let mut rules = BTreeMap::new();
        for meta in detect::all_meta() {
            let own = self.rules.get(meta.id).cloned().unwrap_or_default();
            rules.insert(
                meta.id.to_string(),
                RuleConfig {
                    enabled: Some(self.rule_enabled(meta.id)),
                    severity: Some(own.severity.unwrap_or(meta.default_severity)),
                    params: own.params,
                },
            );
        }
        let mut glossary = self.glossary.clone();
        glossary.file = None; // already merged into `terms`
        Config {
            fail_on: Some(self.fail_on.unwrap_or(Severity::Major)),
            min_severity: Some(self.min_severity.unwrap_or(Severity::Minor)),
            ignore: self.ignore.clone(),
            rules,
            glossary,
        }
    }

    /// As TOML text.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_else(|e| format!("# cannot print the configuration: {e}\n"))
    }
}

/// 1-based line of byte `offset` in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(text, Path::new("mtlint.toml"))
    }

    #[test]
    fn reads_every_section() {
        let c = parse(
            r#"
fail-on = "critical"
min-severity = "major"
[ignore]
target = ["^Mr\\.$"]
pairs = ["^boilerplate:"]
[rules.spurious-sentence-break]
enabled = true
severity = "minor"
params = { max = 3 }
[glossary]
terms = { "Federal Reserve" = ["US-Notenbank", "Fed"] }
do-not-translate = ["Brexit"]
"#,
        )
        .unwrap();
        assert_eq!(c.fail_on, Some(Severity::Critical));
        assert_eq!(c.severity_of("spurious-sentence-break"), Some(Severity::Minor));
        assert_eq!(
            c.params("spurious-sentence-break").and_then(|p| p.get("max")).and_then(|v| v.as_integer()),
            Some(3)
        );
        assert_eq!(c.glossary.terms["Federal Reserve"], ["US-Notenbank", "Fed"]);
        assert!(c.rule_enabled("terminology"), "a glossary switches terminology on");
        assert_eq!(
            c.warnings(),
            ["[rules.spurious-sentence-break] params.max is not read by spurious-sentence-break (it reads: none)"]
        );
    }

    #[test]
    fn consistency_reads_its_ignore_list() {
        let c = parse("[rules.consistency]\nparams = { ignore = [\"University\"] }\n").unwrap();
        assert_eq!(c.consistency_ignored(), ["University"]);
        assert!(c.warnings().is_empty());
        let err = parse("[rules.consistency]\nparams = { ignore = \"University\" }\n").unwrap_err().to_string();
        assert!(err.contains("must be a list"), "{err}");
    }

    #[test]
    fn unknown_key_names_the_key_and_line() {
        let err = parse("fail-on = \"major\"\nfial-on = \"minor\"\n").unwrap_err().to_string();
        assert!(err.contains("fial-on") && err.contains("line 2"), "{err}");
        let err = parse("[rules.spurious-sentence-break]\nseverty = \"minor\"\n").unwrap_err().to_string();
        assert!(err.contains("severty") && err.contains("line 2"), "{err}");
    }

    #[test]
    fn unknown_rule_names_the_rule_and_line() {
        let err = parse("fail-on = \"major\"\n\n[rules.no-such-rule]\nenabled = false\n").unwrap_err().to_string();
        assert!(err.starts_with("mtlint.toml:3: unknown rule `no-such-rule`"), "{err}");
    }

    #[test]
    fn bad_severity_and_bad_regex_are_errors() {
        let err = parse("fail-on = \"fatal\"\n").unwrap_err().to_string();
        assert!(err.contains("fatal") && err.contains("line 1"), "{err}");
        let err = parse("[ignore]\ntarget = [\"(\"]\n").unwrap_err().to_string();
        assert!(err.contains("ignore.target[0]"), "{err}");
    }

    #[test]
    fn resolved_spells_out_defaults_and_round_trips() {
        let c = parse("[rules.spurious-sentence-break]\nseverity = \"critical\"\n").unwrap().resolved();
        assert_eq!(c.fail_on, Some(Severity::Major));
        assert_eq!(c.rules["spurious-sentence-break"].severity, Some(Severity::Critical));
        assert_eq!(c.rules["terminology"].enabled, Some(false), "no glossary, no terminology");
        let again = parse(&c.to_toml()).unwrap();
        assert_eq!(again, c);
    }

    #[test]
    fn glossary_tsv_adds_terms_and_do_not_translate() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("g.tsv"), "# term\trenderings\nsanctions\tSanktionen\tStrafmaßnahmen\nBrexit\n")
            .unwrap();
        let path = dir.path().join("mtlint.toml");
        std::fs::write(&path, "[glossary]\nfile = \"g.tsv\"\n").unwrap();
        let c = Config::load(&path).unwrap();
        assert_eq!(c.glossary.terms["sanctions"], ["Sanktionen", "Strafmaßnahmen"]);
        assert_eq!(c.glossary.do_not_translate, ["Brexit"]);
    }

    #[test]
    fn discovers_the_file_in_a_parent() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "").unwrap();
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        assert_eq!(Config::discover(&sub), Some(dir.path().join(FILE_NAME)));
    }
}
