//! The `mtlint` binary: parse arguments, run, map the outcome to an exit
//! code (0 clean, 1 findings at or above `--fail-on`, 2 the run failed).

mod cli;
mod cli_documents;

use anyhow::{bail, Context};
use clap::Parser;
use cli::{CheckArgs, Cli, Command, InputFormatArg};
use mtlint::input::{self, InputFormat};
use mtlint::report::{self, Options, Summary};
use mtlint::{detect, Linter, Pair};
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("mtlint: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Align(args) => cli_documents::align(args),
        Command::Rules => {
            print_rules()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { rule } => match detect::find_meta(&rule) {
            Some(meta) => {
                println!("{} ({}, {})\n\n{}", meta.id, meta.default_severity, meta.category, meta.explain_text());
                Ok(ExitCode::SUCCESS)
            }
            None => {
                let known: Vec<&str> = detect::all_meta().iter().map(|m| m.id).collect();
                bail!("unknown rule `{rule}`; known rules: {}", known.join(", "))
            }
        },
    }
}

fn print_rules() -> io::Result<()> {
    let mut builder = tabled::builder::Builder::default();
    builder.push_record(["rule", "severity", "category", "what it catches"]);
    for meta in detect::all_meta() {
        builder.push_record([meta.id, meta.default_severity.as_str(), meta.category.as_str(), meta.summary()]);
    }
    let mut table = builder.build();
    table.with(tabled::settings::Style::rounded());
    writeln!(io::stdout(), "{table}")
}

/// True when the inputs are one English and one German document rather
/// than batch files.
fn is_document_pair(inputs: &[String], format: Option<InputFormat>) -> bool {
    inputs.len() == 2 && format.is_none() && inputs.iter().all(|p| p != "-" && InputFormat::from_path(p).is_none())
}

fn check(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let linter = if args.rules.is_empty() { Linter::all() } else { Linter::only(&args.rules).map_err(anyhow::Error::msg)? };
    let format = args.input_format.map(|f| match f {
        InputFormatArg::Jsonl => InputFormat::Jsonl,
        InputFormatArg::Tsv => InputFormat::Tsv,
    });
    let mut summary = Summary::default();
    let mut pairs: Vec<Pair> = Vec::new();
    let mut failed_records = false;
    let documents = is_document_pair(&args.inputs, format).then(|| (args.inputs[0].as_str(), args.inputs[1].as_str()));
    if let Some(specs) = args.documents.pair_specs(documents)? {
        let (loaded, failed) = cli_documents::load(specs, &args.documents.options()?, args.keep_going)?;
        pairs = loaded.iter().flat_map(|docs| docs.pairs()).collect();
        for _ in 0..failed {
            summary.reject();
        }
        failed_records |= failed > 0;
    } else {
        for path in &args.inputs {
            for record in input::read_batch(path, format)? {
                match record {
                    Ok(pair) => pairs.push(pair),
                    Err(err) if args.keep_going && matches!(err, mtlint::Error::Record { .. }) => {
                        eprintln!("mtlint: rejected: {err}");
                        summary.reject();
                        failed_records = true;
                    }
                    Err(err) => return Err(err).context("cannot read input"),
                }
            }
        }
    }
    let reports = linter.report_all(pairs);
    for r in &reports {
        summary.add(r);
    }
    let options = Options {
        min_severity: args.min_severity,
        top: args.top,
        color: args.format == report::Format::Table
            && io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    report::write(&mut out, args.format, &reports, &summary, &options)?;
    out.flush()?;
    if failed_records {
        return Ok(ExitCode::from(2));
    }
    Ok(if summary.at_least(args.fail_on) > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
