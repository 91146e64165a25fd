//! `mattrathan`: the command line. The same domain rules as the web app, without a browser.
//!
//! ```text
//! mattrathan qa-score FILE.json   score a college self-assessment (FILE may be - for stdin)
//! mattrathan score --standard S.json --answers A.csv --practical P.json   score Section 26 candidates
//! mattrathan analyze --responses R.csv --key K.csv [--method norm|criterion] [--group 0.25] [--cut PERCENT]
//!                                  item analysis of a multiple-choice test
//! mattrathan provision --server URL --admin USER --org CODE --kind college|centre|province [--province PP]
//! ```
//!
//! Exit codes: 0 success, 2 bad usage or bad input (the message on stderr names the field). Each subcommand is a
//! function taking its own arguments; add new ones to [`main`]'s match and to [`USAGE`].

use std::ffi::OsString;
use std::io::Read;
use std::process::ExitCode;

use mattrathan::domain::college_qa::{assess, cli_output, parse_cli_input};
use mattrathan::domain::item_analysis;
use mattrathan::domain::sync::protocol::basic_auth;
use mattrathan::domain::sync::provision::{plan, OrgKind};
use mattrathan::localhost_http::{parse_local_url, request};
use serde_json::{json, Value};

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
  provision --server http://localhost:5984 --admin USER --org CODE
            --kind college|centre|province [--province PP]
                       create an organisation's sync database mt_<code>, its user
                       mt_<code> (password generated and printed once), the
                       _security object and the write rule; a college's or centre's
                       --province PP lets that province's users read it. The admin
                       password comes from MATTRATHAN_ADMIN_PASSWORD or the first
                       line of standard input, never from a flag. Plain http to
                       this machine only (run it on the CouchDB host or through an
                       SSH tunnel). Prints JSON; running it again is safe.
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
        Some("provision") => provision(&args[1..]),
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

/// `provision --server URL --admin USER --org CODE --kind KIND [--province PP]`: creates the organisation's database,
/// user, `_security` and write rule on a CouchDB-protocol server (see `domain::sync::provision`); prints JSON with
/// the user's generated password.
fn provision(args: &[OsString]) -> Result<(), String> {
    let mut options: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    let mut rest = args.iter().map(|a| a.to_string_lossy().into_owned());
    while let Some(flag) = rest.next() {
        let name = match flag.as_str() {
            "--server" | "--admin" | "--org" | "--kind" | "--province" => flag.trim_start_matches("--").to_string(),
            "--password" | "--admin-password" => {
                return Err("passwords are never taken from flags: set MATTRATHAN_ADMIN_PASSWORD or pipe it on standard input".into())
            }
            other => return Err(format!("provision: unknown argument {other}\n\n{USAGE}")),
        };
        let value = rest.next().ok_or_else(|| format!("provision: {flag} needs a value"))?;
        options.insert(name, value);
    }
    let need = |k: &str| options.get(k).cloned().ok_or_else(|| format!("provision: --{k} is required\n\n{USAGE}"));
    let server = parse_local_url(&need("server")?)?;
    let admin = need("admin")?;
    let org = need("org")?;
    let kind = OrgKind::parse(&need("kind")?)?;
    let admin_password = match std::env::var("MATTRATHAN_ADMIN_PASSWORD") {
        Ok(p) if !p.is_empty() => p,
        _ => {
            let mut line = String::new();
            std::io::stdin().read_line(&mut line).map_err(|e| format!("cannot read the admin password: {e}"))?;
            let line = line.trim_end_matches(['\r', '\n']).to_string();
            if line.is_empty() {
                return Err("no admin password: set MATTRATHAN_ADMIN_PASSWORD or pipe it on standard input".into());
            }
            line
        }
    };
    let password = new_password()?;
    let plan = plan(&org, kind, options.get("province").map(String::as_str), &password)?;
    let auth = basic_auth(&admin, &admin_password);
    let mut report = Vec::new();
    let mut user_created = true;
    for step in &plan.steps {
        let mut body = step.body.clone();
        if step.replace {
            let (status, text) = request(&server, "GET", &step.path, Some(&auth), None)?;
            if status == 200 {
                let current: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", step.what))?;
                if let (Some(rev), Some(Value::Object(b))) = (current.get("_rev"), body.as_mut()) {
                    b.insert("_rev".into(), rev.clone());
                }
            }
        }
        let text_body = body.as_ref().map(Value::to_string);
        let (status, text) = request(&server, step.method, &step.path, Some(&auth), text_body.as_deref())?;
        let result = match status {
            200..=299 => "created",
            s if step.already.contains(&s) => "already there",
            401 | 403 => return Err(format!("{}: the server refused the admin credentials ({status}): {text}", step.what)),
            _ => return Err(format!("{}: HTTP {status}: {text}", step.what)),
        };
        if step.path.starts_with("/_users/") && result == "already there" {
            user_created = false;
        }
        report.push(json!({"step": step.what, "result": result}));
    }
    let out = json!({
        "database": plan.database,
        "user": plan.user,
        "password": if user_created { Value::String(password) } else { Value::Null },
        "note": if user_created { "give the password to the organisation; it is not stored anywhere" }
                else { "the user already existed: its password and roles were left unchanged" },
        "roles": plan.roles,
        "steps": report,
    });
    println!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
    Ok(())
}

/// A new 20-character password from the operating system's random source.
fn new_password() -> Result<String, String> {
    // 64 symbols, so every byte maps without bias (6 bits each, 120 bits in all).
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
    let mut bytes = [0u8; 20];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| format!("cannot read random bytes for the password: {e}"))?;
    Ok(bytes.iter().map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char).collect())
}
