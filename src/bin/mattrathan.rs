//! `mattrathan`: the command line. The same domain rules as the web app, without a browser.
//!
//! ```text
//! mattrathan qa-score FILE.json   score a college self-assessment (FILE may be - for stdin)
//! mattrathan score --standard S.json --answers A.csv --practical P.json   score Section 26 candidates
//! mattrathan analyze --responses R.csv --key K.csv [--method norm|criterion] [--group 0.25] [--cut PERCENT]
//!                                  item analysis of a multiple-choice test
//! ```
//!
//! Exit codes: 0 success, 2 bad usage or bad input (the message on stderr names the field). Each subcommand is a
//! function taking its own arguments; add new ones to [`main`]'s match and to [`USAGE`].

use std::ffi::OsString;
use std::io::Read;
use std::process::ExitCode;

use mattrathan::domain::college_qa::{assess, cli_output, parse_cli_input};
use mattrathan::domain::item_analysis;

const USAGE: &str = "usage: mattrathan <command> [arguments]

commands:
  qa-score FILE.json   score a college self-assessment (มาตรฐานการอาชีวศึกษา พ.ศ. 2559);
                       FILE may be - to read standard input. Input:
                       {\"indicators\": {\"1.1\": {\"met\": [1, 2, 4]},
                                       \"1.2\": {\"numerator\": 200, \"denominator\": 300}}}
  score --standard S.json --answers A.csv --practical P.json
                       score Section 26 skill-standard candidates (มาตรา 26): one JSON object per
                       candidate and line; formats in README.md, examples in tests/fixtures/s26/
  analyze --responses R.csv --key K.csv [--method norm|criterion] [--group 0.25] [--cut PERCENT] [--options N]
                       item analysis (p, r, verdict, distractors, KR-20) of a multiple-choice test.
                       R.csv: candidate,1,2,…,n then one row per candidate, answers ก–จ or A–E, empty =
                       omitted; K.csv: item,key. norm: upper/lower group fraction (default 0.25);
                       criterion: pass when the score is at least PERCENT of the items (--cut implies it).
                       --options: options per item (default: the highest letter used)
  help                 show this text
";

/// Bad usage or bad input: exit code 2.
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let command = args.first().map(|a| a.to_string_lossy().into_owned());
    let result = match command.as_deref() {
        Some("qa-score") => qa_score(&args[1..]),
        Some("score") => s26_score(&args[1..]),
        Some("analyze") => analyze(&args[1..]),
        Some("help" | "-h" | "--help") => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command: {other}\n\n{USAGE}")),
        None => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{}", message.trim_end());
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// `qa-score FILE`: prints the scores as pretty JSON.
fn qa_score(args: &[OsString]) -> Result<(), String> {
    let [file] = args else {
        return Err(format!("qa-score takes exactly one FILE (or -)\n\n{USAGE}"));
    };
    let text = read_input(file)?;
    let input = parse_cli_input(&text)?;
    let result = assess(&input, None);
    let json = serde_json::to_string_pretty(&cli_output(&result, &input)).map_err(|e| e.to_string())?;
    println!("{json}");
    Ok(())
}

/// `score --standard S.json --answers A.csv --practical P.json`: one JSON line per candidate, in A.csv's order.
fn s26_score(args: &[OsString]) -> Result<(), String> {
    use mattrathan::domain::section26::exchange::{result_json, score_files};
    let mut files: [Option<&OsString>; 3] = [None, None, None];
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let slot = match flag.to_str() {
            Some("--standard") => 0,
            Some("--answers") => 1,
            Some("--practical") => 2,
            _ => return Err(format!("score: unknown argument {}\n\n{USAGE}", flag.to_string_lossy())),
        };
        files[slot] = Some(it.next().ok_or_else(|| format!("score: {} needs a file", flag.to_string_lossy()))?);
    }
    let [Some(s), Some(a), Some(p)] = files else {
        return Err(format!("score needs --standard, --answers and --practical\n\n{USAGE}"));
    };
    let results = score_files(&read_input(s)?, &read_input(a)?, &read_input(p)?)?;
    let mut out = String::new();
    for r in &results {
        out.push_str(&result_json(r).to_string());
        out.push('\n');
    }
    print!("{out}");
    Ok(())
}

/// `analyze --responses R.csv --key K.csv …`: prints the item analysis as pretty JSON.
fn analyze(args: &[OsString]) -> Result<(), String> {
    let args: Vec<String> = args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
    let a = item_analysis::exchange::parse_cli_args(&args).map_err(|e| format!("{e}\n\n{USAGE}"))?;
    let responses = read_input(&OsString::from(&a.responses))?;
    let key = read_input(&OsString::from(&a.key))?;
    let data = item_analysis::parse_dataset(&responses, &key, a.options).map_err(|e| {
        let file = if e.source == item_analysis::csv::Source::Key { &a.key } else { &a.responses };
        format!("{file}: {e}")
    })?;
    let result = item_analysis::analyze(&data.matrix, &data.key, &a.method).map_err(|e| e.to_string())?;
    let json = item_analysis::exchange::cli_json(&data, &result);
    println!("{}", serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?);
    Ok(())
}

/// The file's text, or standard input for `-`.
fn read_input(file: &OsString) -> Result<String, String> {
    if file == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(text)
    } else {
        std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.to_string_lossy()))
    }
}
