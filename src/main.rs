//! The `mtlint` binary: parse arguments, run, map the outcome to an exit
//! code (0 clean, 1 findings at or above `--fail-on`, 2 the run failed).

mod cli;

use anyhow::{bail, Context};
use clap::Parser;
use cli::{CheckArgs, Cli, Command, EvalArgs, InputFormatArg};
use mtlint::input::{self, InputFormat, Records};
use mtlint::report::{self, Options, Summary};
use mtlint::{detect, eval, Linter};
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

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
        Command::Eval(args) => run_eval(args),
        Command::Rules { markdown } => {
            if markdown {
                print!("{}", detect::markdown_table());
            } else {
                print_rules()?;
            }
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

/// All input records as one stream: a document pair, or the batch files
/// one after another (each opened only when its turn comes).
fn records(args: &CheckArgs) -> anyhow::Result<Records> {
    let format = args.input_format.map(|f| match f {
        InputFormatArg::Jsonl => InputFormat::Jsonl,
        InputFormatArg::Tsv => InputFormat::Tsv,
    });
    if is_document_pair(&args.inputs, format) {
        let pairs = input::text::pair_by_position(&args.inputs[0], &args.inputs[1])?;
        return Ok(Box::new(pairs.into_iter().map(Ok)));
    }
    let paths = args.inputs.clone();
    let batches = paths.into_iter().flat_map(move |path| match input::read_batch(&path, format) {
        Ok(records) => records,
        Err(err) => Box::new(std::iter::once(Err(err))),
    });
    Ok(Box::new(batches))
}

fn linter_for(rules: &[String]) -> anyhow::Result<Linter> {
    if rules.is_empty() {
        Ok(Linter::all())
    } else {
        Linter::only(rules).map_err(anyhow::Error::msg)
    }
}

fn run_eval(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let linter = linter_for(&args.rules)?;
    let gold = eval::gold::read(&args.gold).context("cannot read the annotated file")?;
    let options = eval::Options { min_severity: args.min_severity, seed: args.seed };
    let evaluation = eval::evaluate(&linter, &gold, &options);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    eval::report::write(&mut out, args.format, &args.gold, &evaluation)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn check(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let linter = linter_for(&args.rules)?;
    if let Some(jobs) = args.jobs {
        rayon::ThreadPoolBuilder::new().num_threads(jobs).build_global().context("cannot start worker threads")?;
    }
    let options = Options {
        min_severity: args.min_severity,
        top: args.top,
        color: args.format == report::Format::Table
            && io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let mut emitter = report::emitter(args.format, &options);
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut summary = Summary::default();
    linter.check_stream(records(&args)?, |result| -> anyhow::Result<()> {
        match result {
            Ok(report) => {
                summary.add(&report);
                emitter.pair(&mut out, report)?;
            }
            Err(err @ mtlint::Error::Record { .. }) if args.keep_going => {
                eprintln!("mtlint: rejected: {err}");
                summary.reject();
            }
            Err(err) => return Err(err).context("cannot read input"),
        }
        Ok(())
    })?;
    emitter.finish(&mut out, &summary)?;
    out.flush()?;
    if !args.quiet {
        eprintln!("mtlint: {} in {:.2}s", summary.line(), started.elapsed().as_secs_f64());
    }
    Ok(if summary.rejected > 0 {
        ExitCode::from(2)
    } else if summary.at_least(args.fail_on) > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
