//! Command-line interface (clap derive). Parsing only: `main.rs` runs it.

use clap::{Parser, Subcommand, ValueEnum};
use mtlint::eval::report::EvalFormat;
use mtlint::report::Format;
use mtlint::Severity;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "mtlint",
    version,
    about = "Checks German machine translation against its English source and ranks the spans most likely broken."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check translation pairs and report suspicious German spans.
    ///
    /// INPUTS are either two plain-text documents (English, then German; one
    /// paragraph per line) or one or more batch files (JSONL with
    /// {"id","source","target"} per line, TSV, XLIFF 1.2/2.x or TMX).
    /// `-` reads standard input.
    Check(CheckArgs),
    /// Align two articles (or a manifest of article pairs) and print the
    /// aligned paragraph pairs as JSONL, ready for `mtlint check`.
    ///
    /// Each line is {"id", "source", "target", "source_paras", "target_paras"};
    /// the indices point into each document's extracted paragraphs (0-based).
    Align(AlignArgs),
    /// Measure the detectors against human annotations (MQM error spans,
    /// challenge sets, critical-error labels) and print how they compare.
    ///
    /// GOLD is a JSONL file; its kind is detected from the records: `errors`/`mqm`
    /// (MQM span annotations), `glitch`/`span` (challenge set) or `critical`
    /// (critical-error labels). Offsets in GOLD are Unicode code points.
    Eval(EvalArgs),
    /// List the rules mtlint knows.
    Rules {
        /// Print the table as Markdown (for the README).
        #[arg(long)]
        markdown: bool,
    },
    /// Print a rule's documentation: what it catches, why, an example.
    Explain {
        /// The rule id, e.g. garbled-acronym.
        rule: String,
    },
    /// Show which mtlint.toml is in effect, or (--show) the effective configuration.
    Config {
        /// Print the effective configuration as TOML, every default spelled out.
        #[arg(long)]
        show: bool,
        #[command(flatten)]
        config: ConfigArgs,
    },
}

/// Where the configuration comes from, and the flags that override it.
#[derive(clap::Args, Debug, Clone)]
pub struct ConfigArgs {
    /// Read this configuration file (default: mtlint.toml in the working directory or a parent).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,

    /// Ignore any mtlint.toml.
    #[arg(long)]
    pub no_config: bool,

    /// Add the terms of this glossary TSV (`english<TAB>german<TAB>…`; one column = do not translate).
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,

    /// Show only findings at or above this severity [config: min-severity; default: minor].
    #[arg(long, value_parser = parse_severity)]
    pub min_severity: Option<Severity>,

    /// Exit with 1 when a finding at or above this severity exists [config: fail-on; default: major].
    #[arg(long, value_parser = parse_severity)]
    pub fail_on: Option<Severity>,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// English and German documents, or batch files (JSONL/TSV/XLIFF/TMX), or `-`.
    #[arg(required_unless_present_any = ["source", "manifest"], value_name = "INPUTS")]
    pub inputs: Vec<String>,

    #[command(flatten)]
    pub documents: DocumentArgs,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "table")]
    pub format: Format,

    #[command(flatten)]
    pub config: ConfigArgs,

    /// Write the report to FILE (atomically: all or nothing) instead of standard output (`-`).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Suppress the findings recorded in this baseline file; only new findings count.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record the current findings in FILE as the baseline, and exit 0.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// Show only the N highest-scoring findings (table and json; the table shows 500 without it).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,

    /// Report malformed records and go on checking the rest (exit code still 2 at the end).
    #[arg(long)]
    pub keep_going: bool,

    /// Run only these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub rules: Vec<String>,

    /// Worker threads for checking (default: all cores); also pages fetched at once (default 8).
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,

    /// Do not print the summary line on stderr.
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// How to read batch inputs (default: from the extension, else the first line or the XML root element).
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormatArg>,
}

/// Where article pairs come from: two documents or a manifest of pairs.
#[derive(clap::Args, Debug, Clone)]
pub struct DocumentArgs {
    /// The English article: a URL (http/https) or a file (HTML or plain text, one paragraph a line).
    #[arg(long, value_name = "URL|FILE", requires = "target", conflicts_with_all = ["inputs", "manifest"])]
    pub source: Option<String>,

    /// The German article: a URL or a file.
    #[arg(long, value_name = "URL|FILE", requires = "source")]
    pub target: Option<String>,

    /// A batch of article pairs: CSV (id,source,target) or JSONL ({"id","source","target"}).
    #[arg(long, value_name = "FILE", conflicts_with = "inputs")]
    pub manifest: Option<String>,

    /// Seconds allowed for one HTTP request.
    #[arg(long, default_value_t = 20.0, value_name = "SECS")]
    pub timeout: f64,

    /// Seconds allowed for one page across all retries.
    #[arg(long, default_value_t = 60.0, value_name = "SECS")]
    pub deadline: f64,

    /// Largest page accepted, in megabytes.
    #[arg(long, default_value_t = 5.0, value_name = "MB")]
    pub max_page_mb: f64,
}

#[derive(clap::Args, Debug)]
pub struct AlignArgs {
    /// English and German documents (files or URLs).
    #[arg(value_name = "INPUTS", num_args = 0..=2)]
    pub inputs: Vec<String>,

    #[command(flatten)]
    pub documents: DocumentArgs,

    /// Pages fetched at the same time.
    #[arg(long, short = 'j', default_value_t = 8, value_name = "N")]
    pub jobs: usize,

    /// Report pairs that fail (fetch errors, empty pages) and go on (exit code still 2 at the end).
    #[arg(long)]
    pub keep_going: bool,
}

#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    /// The annotated file (JSONL).
    #[arg(value_name = "GOLD")]
    pub gold: String,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "table")]
    pub format: EvalFormat,

    /// Ignore findings below this severity (default: minor; major for critical-error labels).
    #[arg(long, value_parser = parse_severity)]
    pub min_severity: Option<Severity>,

    /// Run only these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub rules: Vec<String>,

    /// Seed of the random-span baseline (MQM files).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum InputFormatArg {
    Jsonl,
    Tsv,
    Xliff,
    Tmx,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
}
