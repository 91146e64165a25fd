//! `mattrathan provision`: refusals without a server, and — when `.ci/test` has started PouchDB Server and set
//! `MATTRATHAN_TEST_COUCH` (URL) and `MATTRATHAN_TEST_ADMIN` (`user:password`) — the databases, users and access
//! rules it creates: a college reads and writes its own database, gets 401/403 on a neighbour's and on another
//! province's; its province reads it but cannot write. `mattrathan cors` is refused here before any request; it runs
//! against a server of its own in `tests/e2e/deploy.test.mjs` (changing the shared server's CORS would lock the
//! other tests' pages out).

use std::io::Write;
use std::process::{Command, Output, Stdio};

use mattrathan::domain::sync::protocol::basic_auth;
use serde_json::Value;

use crate::BIN;

fn provision(args: &[&str], admin_password: Option<&str>, stdin: &str) -> Output {
    admin_command("provision", args, admin_password, stdin)
}

/// Runs an admin subcommand (`provision`, `cors`) with the admin password in the environment or on standard input.
fn admin_command(name: &str, args: &[&str], admin_password: Option<&str>, stdin: &str) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.arg(name).args(args).env_remove("MATTRATHAN_ADMIN_PASSWORD");
    if let Some(p) = admin_password {
        cmd.env("MATTRATHAN_ADMIN_PASSWORD", p);
    }
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn cors_refusals_name_the_problem() {
    let run = |args: &[&str], password: Option<&str>| {
        let out = admin_command("cors", args, password, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        stderr(&out)
    };
    let local = ["--server", "http://127.0.0.1:9", "--admin", "admin"];
    let with = |extra: &[&'static str]| -> Vec<&'static str> { local.iter().chain(extra).copied().collect() };
    assert!(run(&with(&["--origin", "*"]), Some("x")).contains("--origin *"));
    assert!(run(&with(&["--origin", "https://apps.example.go.th/mattrathan/"]), Some("x")).contains("no path"));
    assert!(run(&with(&["--origin", "http://apps.example.go.th"]), Some("x")).contains("https"));
    assert!(run(&with(&["--origin", "https://a.example", "--admin-password", "x"]), Some("x")).contains("never taken from flags"));
    assert!(run(&["--server", "https://couch.example.go.th", "--admin", "a", "--origin", "https://a.example"], Some("x")).contains("SSH tunnel"));
    assert!(run(&["--server", "http://127.0.0.1:9", "--origin", "https://a.example"], Some("x")).contains("--admin is required"));
    assert!(run(&with(&["--origin", "https://a.example"]), None).contains("no admin password"));
    assert!(run(&with(&["--origin", "https://a.example"]), Some("x")).contains("127.0.0.1:9"), "the closed port is named");
    // No origin: refused before any request is sent (port 9 is closed, so a request would fail differently).
    assert!(run(&local, Some("x")).contains("--origin is required"));
}

/// One request as a synced device makes it (ureq, the command line's client): the status and the body.
fn request(url: &str, method: &str, authorization: &str, body: Option<&str>) -> (u16, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).proxy(None).build().into();
    let request = ureq::http::Request::builder().method(method).uri(url).header("Authorization", authorization);
    let mut answer = match body {
        Some(body) => agent.run(request.header("Content-Type", "application/json").body(body).unwrap()),
        None => agent.run(request.body(()).unwrap()),
    }
    .unwrap();
    (answer.status().as_u16(), answer.body_mut().read_to_string().unwrap())
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn refusals_name_the_problem() {
    let base = ["--admin", "admin", "--org", "1310100001", "--kind", "college"];
    let with = |extra: &[&str]| -> Vec<String> { extra.iter().chain(base.iter()).map(|s| s.to_string()).collect() };
    let run = |args: Vec<String>| {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        provision(&refs, Some("x"), "")
    };
    let out = run(with(&["--server", "https://couch.example.go.th"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("SSH tunnel"), "{}", stderr(&out));
    let out = run(with(&["--server", "http://127.0.0.1:9", "--password", "x"]));
    assert!(stderr(&out).contains("never taken from flags"), "{}", stderr(&out));
    let out = run(vec!["--server".into(), "http://127.0.0.1:9".into()]);
    assert!(stderr(&out).contains("--admin is required"), "{}", stderr(&out));
    let out = run(["--server", "http://127.0.0.1:9", "--admin", "a", "--org", "1", "--kind", "school"].map(String::from).to_vec());
    assert!(stderr(&out).contains("--kind"), "{}", stderr(&out));
    let out = provision(&with(&["--server", "http://127.0.0.1:9"]).iter().map(String::as_str).collect::<Vec<_>>(), None, "");
    assert!(stderr(&out).contains("no admin password"), "{}", stderr(&out));
    // Port 9 (discard) is closed here: the message names the address.
    let out = run(with(&["--server", "http://127.0.0.1:9"]));
    assert!(stderr(&out).contains("127.0.0.1:9"), "{}", stderr(&out));
}

#[test]
fn provisioned_access_rules_on_a_live_server() {
    let (Ok(url), Ok(admin)) = (std::env::var("MATTRATHAN_TEST_COUCH"), std::env::var("MATTRATHAN_TEST_ADMIN")) else {
        eprintln!("skipped: MATTRATHAN_TEST_COUCH / MATTRATHAN_TEST_ADMIN not set (.ci/test sets them)");
        return;
    };
    let (admin_user, admin_password) = admin.split_once(':').unwrap();
    let server = url.trim_end_matches('/');
    // Codes unique to this run, so reruns against the same server do not collide.
    let tag = format!("{:04}", std::process::id() % 10_000);
    let (prov, other_prov) = (format!("p{tag}"), format!("q{tag}"));
    let (c1, c2) = (format!("c{tag}1"), format!("c{tag}2"));
    let make = |org: &str, kind: &str, province: Option<&str>, via_stdin: bool| -> Value {
        let mut args = vec!["--server", url.as_str(), "--admin", admin_user, "--org", org, "--kind", kind];
        if let Some(p) = province {
            args.extend(["--province", p]);
        }
        let out = if via_stdin {
            provision(&args, None, &format!("{admin_password}\n"))
        } else {
            provision(&args, Some(admin_password), "")
        };
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let college1 = make(&c1, "college", Some(&prov), false);
    let college2 = make(&c2, "college", Some(&prov), true);
    let province = make(&prov, "province", None, false);
    let province2 = make(&other_prov, "province", None, false);
    assert_eq!(college1["database"], format!("mt_{c1}"));
    let again = make(&c1, "college", Some(&prov), false);
    assert_eq!(again["password"], Value::Null, "a second run leaves the user as it was");

    let auth = |v: &Value| basic_auth(v["user"].as_str().unwrap(), v["password"].as_str().unwrap());
    let get = |v: &Value, db: &str| request(&format!("{server}/{db}"), "GET", &auth(v), None).0;
    let write = |v: &Value, db: &str| {
        let body = r#"{"new_edits":false,"docs":[{"_id":"x","_rev":"1-abc","id":"x"}]}"#;
        request(&format!("{server}/{db}/_bulk_docs"), "POST", &auth(v), Some(body))
    };
    let denied = |status: u16| status == 401 || status == 403;

    assert_eq!(get(&college1, &format!("mt_{c1}")), 200);
    assert!(denied(get(&college1, &format!("mt_{c2}"))), "a college cannot read its neighbour");
    assert!(denied(get(&college1, &format!("mt_{prov}"))), "nor its province's own database");
    assert!(denied(get(&college1, &format!("mt_{other_prov}"))), "nor another province's");
    assert!(denied(get(&college2, &format!("mt_{c1}"))));
    assert_eq!(get(&province, &format!("mt_{c1}")), 200, "the province reads its colleges");
    assert_eq!(get(&province, &format!("mt_{c2}")), 200);
    assert!(denied(get(&province2, &format!("mt_{c1}"))), "another province cannot");
    let (status, text) = write(&college1, &format!("mt_{c1}"));
    assert_eq!((status, text.trim()), (201, "[]"), "the college writes its own database");
    let (_, text) = write(&province, &format!("mt_{c1}"));
    assert!(text.contains("forbidden"), "the province may not write a college's database: {text}");
}
