//! `mattrathan`: the command line. The same domain rules as the web app, without a browser.
//!
//! ```text
//! mattrathan qa-score FILE.json   score a college self-assessment (FILE may be - for stdin)
//! mattrathan score --standard S.json --answers A.csv --practical P.json   score Section 26 candidates
//! mattrathan analyze --responses R.csv --key K.csv [--method norm|criterion] [--group 0.25] [--cut PERCENT]
//!                                  item analysis of a multiple-choice test
//! mattrathan provision --server URL --admin USER --org CODE --kind college|centre|province [--province PP]
//! mattrathan cors --server URL --admin USER --origin https://APP-ORIGIN [--origin …]
//! ```
//!
//! Exit codes: 0 success, 2 bad usage or bad input (the message on stderr names the field). Each subcommand is a
//! function taking its own arguments; add new ones to [`main`]'s match and to [`USAGE`].

use std::ffi::OsString;
use std::io::Read;
use std::process::ExitCode;
use std::time::Duration;

use mattrathan::domain::college_qa::{assess, cli_output, parse_cli_input};
use mattrathan::domain::item_analysis;
use mattrathan::domain::sync::protocol::basic_auth;
use mattrathan::domain::sync::provision::{check_origin, cors_plan, plan, OrgKind, ServerKind};
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
  cors --server http://localhost:5984 --admin USER --origin https://APP [--origin …]
                       let the app's origin(s), and no other, sync with the server:
                       CORS on, those origins, credentials, the app's methods and
                       headers, a 1-hour preflight cache (CouchDB 3, 2, 1 or PouchDB
                       Server); then checks a preflight from each origin and from a
                       foreign one. Admin password as for provision. Prints JSON.
  xlsx-write OUT.xlsx NAME=FILE.csv [NAME=FILE.csv …]
                       write an Excel workbook, one sheet per CSV (its first line the
                       header row, frozen); plain numbers become number cells, the rest text
  xlsx-read FILE.xlsx [--sheet NAME]
                       print a workbook's sheet (the first by default) as JSON: {\"sheets\",
                       \"sheet\", \"rows\"}, rows from row 1, number cells as JSON numbers, text as
                       strings, empty cells null; refused as the app refuses it (not a
                       workbook, over the size limits, a formula error)
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
        Some("cors") => cors(&args[1..]),
        Some("xlsx-write") => xlsx_write(&args[1..]),
        Some("xlsx-read") => xlsx_read(&args[1..]),
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

/// `xlsx-write OUT.xlsx NAME=FILE.csv …`: a workbook of CSV files (`mattrathan::xlsx::write`), as the tests make
/// their `.xlsx` fixtures.
fn xlsx_write(args: &[OsString]) -> Result<(), String> {
    use mattrathan::domain::sheet::{Cell, Column, Kind, Sheet, Workbook};
    let [out, sheets @ ..] = args else { return Err(USAGE.to_string()) };
    let mut book = Workbook { sheets: Vec::new() };
    for arg in sheets {
        let arg = arg.to_string_lossy();
        let (name, file) = arg.split_once('=').ok_or_else(|| format!("{arg}: expected NAME=FILE.csv\n\n{USAGE}"))?;
        let records = mattrathan::domain::csv::parse(&read_input(&OsString::from(file))?).map_err(|e| format!("{file}: {e}"))?;
        let (header, rows) = records.split_first().ok_or_else(|| format!("{file}: empty"))?;
        let columns = header.fields.iter().map(|h| Column { header: h.clone(), kind: Kind::Text, width: 14 }).collect();
        let cell = |v: &String| if v.is_empty() { Cell::Empty } else { Cell::shown(v) };
        let rows = rows.iter().map(|r| r.fields.iter().map(cell).collect()).collect();
        book.sheets.push(Sheet { name: name.to_string(), columns, rows });
    }
    let bytes = mattrathan::xlsx::write(&book)?;
    std::fs::write(out, bytes).map_err(|e| format!("cannot write {}: {e}", out.to_string_lossy()))
}

/// `xlsx-read FILE.xlsx [--sheet NAME]`: a sheet as JSON (`mattrathan::xlsx::read`), as the tests read back the
/// app's exports.
fn xlsx_read(args: &[OsString]) -> Result<(), String> {
    let (file, sheet) = match args {
        [file] => (file, None),
        [file, flag, name] if flag == "--sheet" => (file, Some(name.to_string_lossy().into_owned())),
        _ => return Err(USAGE.to_string()),
    };
    let name = file.to_string_lossy().into_owned();
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {name}: {e}"))?;
    let read = mattrathan::xlsx::read(&name, &bytes, sheet.as_deref())?;
    let height = read.rows.cells.iter().map(|c| c.row as usize + 1).max().unwrap_or(0);
    let width = read.rows.cells.iter().map(|c| c.col as usize + 1).max().unwrap_or(0);
    let mut rows = vec![vec![Value::Null; width]; height];
    for c in &read.rows.cells {
        let number = if c.number { serde_json::from_str::<Value>(&c.text).ok() } else { None };
        rows[c.row as usize][c.col as usize] = number.unwrap_or_else(|| Value::String(c.text.clone()));
    }
    let out = json!({"sheets": read.sheets, "sheet": read.sheet, "rows": rows});
    println!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
    Ok(())
}

/// The file's text, or standard input for `-`: UTF-8 (a byte-order mark dropped) or Windows-874 / TIS-620, as the
/// app reads a picked file (`domain::text`); anything else is refused naming the byte.
fn read_input(file: &OsString) -> Result<String, String> {
    let (name, bytes) = if file == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read standard input: {e}"))?;
        ("-".to_string(), bytes)
    } else {
        let name = file.to_string_lossy().into_owned();
        let bytes = std::fs::read(file).map_err(|e| format!("cannot read {name}: {e}"))?;
        (name, bytes)
    };
    Ok(mattrathan::domain::text::decode(&name, &bytes)?.text)
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
    let server = local_server(&need("server")?)?;
    let admin = need("admin")?;
    let org = need("org")?;
    let kind = OrgKind::parse(&need("kind")?)?;
    let admin_password = admin_password()?;
    let password = new_password()?;
    let plan = plan(&org, kind, options.get("province").map(String::as_str), &password)?;
    let auth = basic_auth(&admin, &admin_password);
    let agent = agent();
    let request = |method: &str, path: &str, body: Option<&str>| request(&agent, &server, method, path, &auth, body);
    let mut report = Vec::new();
    let mut user_created = true;
    for step in &plan.steps {
        let mut body = step.body.clone();
        if step.replace {
            let (status, text) = request("GET", &step.path, None)?;
            if status == 200 {
                let current: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", step.what))?;
                if let (Some(rev), Some(Value::Object(b))) = (current.get("_rev"), body.as_mut()) {
                    b.insert("_rev".into(), rev.clone());
                }
            }
        }
        let text_body = body.as_ref().map(Value::to_string);
        let (status, text) = request(step.method, &step.path, text_body.as_deref())?;
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

/// The server `provision` talks to, checked: plain `http://` to this machine only (`localhost`, `127.0.0.1`,
/// `[::1]`), as the base URL without a trailing `/`. Provisioning sends a server admin's password; CouchDB's admin
/// interface belongs on the server itself (or behind an SSH tunnel, `ssh -L 5984:localhost:5984 host`), so the
/// password never crosses a network and the command line needs no TLS stack. Anything else is refused with the reason.
fn local_server(url: &str) -> Result<String, String> {
    let url = url.trim().trim_end_matches('/');
    let uri: ureq::http::Uri = url.parse().map_err(|e| format!("--server {url}: not a URL ({e})"))?;
    if uri.scheme_str() != Some("http") {
        return Err(format!("--server {url}: use http://localhost:PORT on the CouchDB machine (or through an SSH tunnel); https and remote hosts are not supported by provision"));
    }
    if uri.authority().is_some_and(|a| a.as_str().contains('@')) {
        return Err(format!("--server {url}: no user or password in the URL (use --admin and MATTRATHAN_ADMIN_PASSWORD)"));
    }
    // What follows the host in the authority: nothing, or `:` and a port number.
    let (authority, host) = (uri.authority().map_or("", |a| a.as_str()), uri.host().unwrap_or(""));
    let port = authority.rsplit_once(host).map_or("", |(_, rest)| rest.trim_start_matches(':'));
    if !port.is_empty() && port.parse::<u16>().is_err() {
        return Err(format!("--server {url}: bad port \"{port}\""));
    }
    if !matches!(uri.host(), Some("localhost" | "127.0.0.1" | "[::1]")) {
        return Err(format!("--server {url}: only localhost, 127.0.0.1 or [::1] (run provision on the CouchDB machine or through an SSH tunnel)"));
    }
    Ok(url.to_string())
}

/// The HTTP client for `provision`: every status is an answer (the caller reads 401, 404, 409), no proxy (the server
/// is this machine), 30 seconds at most per request.
/// The server admin's password: `MATTRATHAN_ADMIN_PASSWORD`, or the first line of standard input (never a flag,
/// which would show in the process list and the shell history).
fn admin_password() -> Result<String, String> {
    if let Ok(p) = std::env::var("MATTRATHAN_ADMIN_PASSWORD") {
        if !p.is_empty() {
            return Ok(p);
        }
    }
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).map_err(|e| format!("cannot read the admin password: {e}"))?;
    let line = line.trim_end_matches(['\r', '\n']).to_string();
    if line.is_empty() {
        return Err("no admin password: set MATTRATHAN_ADMIN_PASSWORD or pipe it on standard input".into());
    }
    Ok(line)
}

/// `mattrathan cors`: lets the app's origin(s), and no other, call the server with credentials ([`cors_plan`]),
/// then checks it with a browser's preflight request from each origin and from a foreign one.
fn cors(args: &[OsString]) -> Result<(), String> {
    let (mut server, mut admin, mut origins) = (None, None, Vec::new());
    let mut rest = args.iter().map(|a| a.to_string_lossy().into_owned());
    while let Some(flag) = rest.next() {
        let slot = match flag.as_str() {
            "--server" => &mut server,
            "--admin" => &mut admin,
            "--origin" => {
                origins.push(rest.next().ok_or("cors: --origin needs a value")?);
                continue;
            }
            "--password" | "--admin-password" => {
                return Err("passwords are never taken from flags: set MATTRATHAN_ADMIN_PASSWORD or pipe it on standard input".into())
            }
            other => return Err(format!("cors: unknown argument {other}\n\n{USAGE}")),
        };
        *slot = Some(rest.next().ok_or_else(|| format!("cors: {flag} needs a value"))?);
    }
    let server = local_server(&server.ok_or_else(|| format!("cors: --server is required\n\n{USAGE}"))?)?;
    let admin = admin.ok_or_else(|| format!("cors: --admin is required\n\n{USAGE}"))?;
    if origins.is_empty() {
        return Err(format!("cors: --origin is required (the origin the app is served from)\n\n{USAGE}"));
    }
    let origins = origins.iter().map(|o| check_origin(o)).collect::<Result<Vec<_>, _>>()?;
    let auth = basic_auth(&admin, &admin_password()?);
    let agent = agent();
    let (status, text) = request(&agent, &server, "GET", "/", &auth, None)?;
    if status != 200 {
        return Err(format!("GET {server}/: HTTP {status}: {text}"));
    }
    let welcome: Value = serde_json::from_str(&text).map_err(|e| format!("GET {server}/: not JSON ({e})"))?;
    let kind = ServerKind::from_welcome(&welcome)?;
    let mut report = Vec::new();
    for step in cors_plan(kind, &origins)? {
        let body = step.body.as_ref().map(Value::to_string);
        let (status, text) = request(&agent, &server, step.method, &step.path, &auth, body.as_deref())?;
        match status {
            200..=299 => report.push(json!({"step": step.what, "result": "set"})),
            401 | 403 => return Err(format!("{}: the server refused the admin credentials ({status}): {text}", step.what)),
            _ => return Err(format!("{}: HTTP {status}: {text}", step.what)),
        }
    }
    // A browser's preflight for a sync write, from each origin (allowed) and from one that is not (refused).
    let foreign = "https://not-the-app.invalid".to_string();
    let mut checks = Vec::new();
    for origin in origins.iter().chain([&foreign]) {
        let allowed = preflight(&agent, &server, origin)?;
        let want = *origin != foreign;
        if allowed != want {
            return Err(format!(
                "preflight from {origin}: {} (a CouchDB restart may be needed if [cors] is set in local.ini)",
                if want { "refused, though it was just allowed" } else { "allowed, though it is not in the list" }
            ));
        }
        checks.push(json!({"origin": origin, "allowed": allowed}));
    }
    let out = json!({"server": kind_name(kind), "origins": origins, "steps": report, "preflight": checks});
    println!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
    Ok(())
}

fn kind_name(kind: ServerKind) -> &'static str {
    match kind {
        ServerKind::CouchDb3 => "CouchDB 3",
        ServerKind::CouchDb2 => "CouchDB 2",
        ServerKind::Classic => "CouchDB 1 / PouchDB Server",
    }
}

/// Sends a browser's CORS preflight for a credentialed `PUT` from `origin`; true when the server allows that origin
/// with credentials.
fn preflight(agent: &ureq::Agent, server: &str, origin: &str) -> Result<bool, String> {
    let url = format!("{server}/");
    let request = ureq::http::Request::builder()
        .method("OPTIONS")
        .uri(&url)
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "PUT")
        .header("Access-Control-Request-Headers", "authorization, content-type")
        .body(())
        .map_err(|e| format!("OPTIONS {url}: {e}"))?;
    let answer = agent.run(request).map_err(|e| format!("OPTIONS {url}: {e}"))?;
    let header = |name: &str| answer.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    Ok(header("access-control-allow-origin") == origin && header("access-control-allow-credentials") == "true")
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .proxy(None)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

/// Sends one request to `server` + `path` with the `Authorization` header and an optional JSON body; returns the
/// status and the body text. Errors name the method and URL.
fn request(
    agent: &ureq::Agent,
    server: &str,
    method: &str,
    path: &str,
    authorization: &str,
    body: Option<&str>,
) -> Result<(u16, String), String> {
    let url = format!("{server}{path}");
    let at = |e: &dyn std::fmt::Display| format!("{method} {url}: {e}");
    let request = ureq::http::Request::builder()
        .method(method)
        .uri(&url)
        .header("Accept", "application/json")
        .header("Authorization", authorization);
    let answer = match body {
        Some(body) => agent.run(request.header("Content-Type", "application/json").body(body).map_err(|e| at(&e))?),
        None => agent.run(request.body(()).map_err(|e| at(&e))?),
    };
    let mut answer = answer.map_err(|e| at(&e))?;
    let status = answer.status().as_u16();
    let text = answer.body_mut().read_to_vec().map_err(|e| at(&format!("reading the answer: {e}")))?;
    Ok((status, String::from_utf8_lossy(&text).into_owned()))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_http_to_this_machine() {
        assert_eq!(local_server("http://127.0.0.1:5984/").unwrap(), "http://127.0.0.1:5984");
        assert_eq!(local_server(" http://localhost/couch/ ").unwrap(), "http://localhost/couch");
        assert_eq!(local_server("http://[::1]:6000").unwrap(), "http://[::1]:6000");
        assert!(local_server("https://couch.example.go.th").unwrap_err().contains("SSH tunnel"));
        assert!(local_server("https://localhost:6984").unwrap_err().contains("https"));
        assert!(local_server("http://couch.example.go.th:5984").unwrap_err().contains("only localhost"));
        assert!(local_server("http://admin:pw@localhost:5984").unwrap_err().contains("no user"));
        assert!(local_server("http://localhost:port").unwrap_err().contains("bad port \"port\""));
        assert!(local_server("http://local host").unwrap_err().contains("not a URL"));
        assert!(local_server("localhost:5984").is_err());
    }

    /// One request against a one-shot server on a free port: the method, path, headers and body sent, the status and
    /// a chunked body read back; a closed port names the URL.
    #[test]
    fn requests_send_auth_and_json_and_read_chunked_answers() {
        use std::io::{BufRead, BufReader, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            let (stream, _) = listener.accept().unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut head = Vec::new();
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if line == "\r\n" {
                    break;
                }
                head.push(line.trim_end().to_string());
            }
            let length: usize = head
                .iter()
                .find_map(|h| h.to_ascii_lowercase().strip_prefix("content-length: ").map(|v| v.parse().unwrap()))
                .unwrap_or(0);
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let answer = "HTTP/1.1 409 Conflict\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n";
            (&stream).write_all(answer.as_bytes()).unwrap();
            (head, String::from_utf8(body).unwrap())
        });
        let base = format!("http://127.0.0.1:{port}");
        let got = request(&agent(), &base, "PUT", "/mt_1/_security", "Basic YTpi", Some("{\"x\":1}")).unwrap();
        assert_eq!(got, (409, "{\"a\":1}".to_string()));
        let (head, body) = server.join().unwrap();
        assert_eq!(head[0], "PUT /mt_1/_security HTTP/1.1");
        let has = |h: &str| head.iter().any(|l| l.eq_ignore_ascii_case(h));
        assert!(has("authorization: Basic YTpi") && has("content-type: application/json"), "{head:?}");
        assert_eq!(body, "{\"x\":1}");
        // Nothing listens on the port any more.
        let e = request(&agent(), &base, "GET", "/", "Basic YTpi", None).unwrap_err();
        assert!(e.starts_with(&format!("GET {base}/: ")), "{e}");
    }
}
