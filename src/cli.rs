//! Command-line interface (clap derive). Parsing only: `main.rs` runs it.

use clap::{Parser, Subcommand, ValueEnum};
use mtlint::report::Format;
use mtlint::Severity;

#[derive(Parser, Debug)]
#[command(name = "mtlint", version, about = "Checks German machine translation against its English source and ranks the spans most likely broken.")]
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
    /// {"id","source","target"} per line, or TSV). `-` reads standard input.
    Check(CheckArgs),
    /// Align two articles (or a manifest of article pairs) and print the
    /// aligned paragraph pairs as JSONL, ready for `mtlint check`.
    ///
    /// Each line is {"id", "source", "target", "source_paras", "target_paras"};
    /// the indices point into each document's extracted paragraphs (0-based).
    Align(AlignArgs),
    /// List the rules mtlint knows.
    Rules,
    /// Print a rule's documentation: what it catches, why, an example.
    Explain {
        /// The rule id, e.g. garbled-acronym.
        rule: String,
    },
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// English and German documents, or batch files (JSONL/TSV), or `-`.
    #[arg(required_unless_present_any = ["source", "manifest"], value_name = "INPUTS")]
    pub inputs: Vec<String>,

    #[command(flatten)]
    pub documents: DocumentArgs,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "table")]
    pub format: Format,

    /// Show only findings at or above this severity.
    #[arg(long, value_parser = parse_severity, default_value = "minor")]
    pub min_severity: Severity,

    /// Exit with 1 when a finding at or above this severity exists.
    #[arg(long, value_parser = parse_severity, default_value = "major")]
    pub fail_on: Severity,

    /// Show only the N highest-scoring findings (table and json).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,

    /// Report malformed records and go on checking the rest (exit code still 2 at the end).
    #[arg(long)]
    pub keep_going: bool,

    /// Run only these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub rules: Vec<String>,

    /// How to read batch inputs (default: from the extension, else the first line).
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

    /// Pages fetched at the same time.
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub jobs: usize,

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

    /// Report pairs that fail (fetch errors, empty pages) and go on (exit code still 2 at the end).
    #[arg(long)]
    pub keep_going: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum InputFormatArg {
    Jsonl,
    Tsv,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
}
