//! What `mattrathan provision` creates on a CouchDB server for one organisation, as a list of HTTP requests (pure,
//! so the plan is tested without a server; the command line sends them).
//!
//! For organisation `ORG` (database `mt_org`, see [`db_name`]):
//! - the database;
//! - one user `mt_org` (in `_users`) with the role `mt_org_write`; a province's user also has `mt_prov_PP_read`;
//! - `_security`: members are the roles `mt_org_write` and, for a college or test centre in province `PP`,
//!   `mt_prov_PP_read` — nobody else can read the database (CouchDB answers 401/403);
//! - when another role may read the database (a college's or centre's province), the design document
//!   `_design/mattrathan` whose `validate_doc_update` lets only `_admin` and `mt_org_write` write, so the province's
//!   role reads its colleges' databases but cannot change them. (Without readers the members are the writers, and
//!   no rule is installed: PouchDB Server 4.2's validation plugin replaces a replicated document's `_revisions` with
//!   the stored one's before validating, which silently drops `new_edits: false` updates — CouchDB does not.)//!
//! [`cors_plan`] is what `mattrathan cors` sets: the server-wide CORS settings that let the app's origin (and no
//! other) call the server with credentials, written through the server's configuration API (CouchDB 3's
//! `/_node/_local/_config/chttpd/…`, CouchDB 2's `…/httpd/…`, PouchDB Server's and CouchDB 1's `/_config/…`).

use serde_json::{json, Value};

use super::protocol::db_name;

/// The kind of organisation (`--kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgKind {
    College,
    Centre,
    Province,
}

impl OrgKind {
    pub fn parse(text: &str) -> Result<OrgKind, String> {
        match text {
            "college" => Ok(OrgKind::College),
            "centre" | "center" => Ok(OrgKind::Centre),
            "province" => Ok(OrgKind::Province),
            other => Err(format!("--kind: \"{other}\" is not college, centre or province")),
        }
    }
}

/// One request of the plan.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// What the step does, for the report (English; the command line is an admin tool).
    pub what: String,
    pub method: &'static str,
    /// Path below the server URL, already percent-encoded, e.g. `/mt_1310100001/_security`.
    pub path: String,
    pub body: Option<Value>,
    /// HTTP statuses that mean "already there, fine" (e.g. 412 for an existing database).
    pub already: &'static [u16],
    /// Read the document first and send its `_rev`, so the step replaces an existing copy.
    pub replace: bool,
}

/// The result of planning: the requests, and the account to hand to the organisation.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub database: String,
    pub user: String,
    pub roles: Vec<String>,
    pub steps: Vec<Step>,
}

/// The role that may write organisation `org`'s database.
pub fn write_role(org: &str) -> Result<String, String> {
    Ok(format!("{}_write", db_name(org)?))
}

/// The role of province `province`'s users, which may read its colleges' and centres' databases.
pub fn province_read_role(province: &str) -> Result<String, String> {
    Ok(format!("mt_prov_{}_read", db_name(province)?.trim_start_matches("mt_")))
}

/// The validation function installed in every organisation's database: only server admins and `writer` may write.
fn validate_doc_update(writer: &str) -> String {
    format!(
        "function (newDoc, oldDoc, userCtx) {{ var r = userCtx.roles || []; \
         if (r.indexOf('_admin') === -1 && r.indexOf('{writer}') === -1) \
         {{ throw({{forbidden: 'read only: only {writer} may write here'}}); }} }}"
    )
}

/// Plans provisioning `org` of `kind` (in `province`, for a college or centre; a province is its own province) with
/// the user's `password`.
pub fn plan(org: &str, kind: OrgKind, province: Option<&str>, password: &str) -> Result<Plan, String> {
    let database = db_name(org).map_err(|e| format!("--org: {e}"))?;
    let writer = write_role(org)?;
    let reader = match (kind, province) {
        (OrgKind::Province, Some(p)) if p != org => {
            return Err(format!("--province: a province is its own province (got {p} for --org {org})"))
        }
        (OrgKind::Province, _) => Some(province_read_role(org)?),
        (_, Some(p)) => Some(province_read_role(p).map_err(|e| format!("--province: {e}"))?),
        (_, None) => None,
    };
    let user = database.clone();
    let mut roles = vec![writer.clone()];
    if kind == OrgKind::Province {
        roles.extend(reader.clone());
    }
    let member_roles: Vec<String> = match kind {
        OrgKind::Province => vec![writer.clone()],
        _ => std::iter::once(writer.clone()).chain(reader.clone()).collect(),
    };
    let mut steps = vec![
        Step {
            what: format!("database {database}"),
            method: "PUT",
            path: format!("/{database}"),
            body: None,
            already: &[412],
            replace: false,
        },
        Step {
            what: format!("user {user} with roles {}", roles.join(", ")),
            method: "PUT",
            path: format!("/_users/org.couchdb.user:{user}"),
            body: Some(json!({"_id": format!("org.couchdb.user:{user}"), "name": user, "password": password,
                              "roles": roles, "type": "user"})),
            already: &[409],
            replace: false,
        },
        Step {
            what: format!("_security of {database}: members {}", member_roles.join(", ")),
            method: "PUT",
            path: format!("/{database}/_security"),
            body: Some(json!({"admins": {"names": [], "roles": []}, "members": {"names": [], "roles": member_roles}})),
            already: &[],
            replace: false,
        },
    ];
    if member_roles.len() > 1 {
        steps.push(Step {
            what: format!("write rule of {database}: only {writer}"),
            method: "PUT",
            path: format!("/{database}/_design/mattrathan"),
            body: Some(json!({"_id": "_design/mattrathan", "validate_doc_update": validate_doc_update(&writer)})),
            already: &[],
            replace: true,
        });
    }
    Ok(Plan { database, user, roles, steps })
}

/// The server family, from its welcome document (`GET /`): where its configuration API lives and which section
/// switches CORS on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServerKind {
    /// Apache CouchDB 3 or later: `/_node/_local/_config`, `[chttpd] enable_cors`.
    CouchDb3,
    /// Apache CouchDB 2: `/_node/_local/_config`, `[httpd] enable_cors`.
    CouchDb2,
    /// Apache CouchDB 1 and PouchDB Server: `/_config`, `[httpd] enable_cors`.
    Classic,
}

impl ServerKind {
    /// Reads `GET /`'s answer: `{"couchdb": "Welcome", "version": "3.3.3", …}` or PouchDB Server's
    /// `{"express-pouchdb": "Welcome!", …}`.
    pub fn from_welcome(welcome: &Value) -> Result<ServerKind, String> {
        if welcome.get("express-pouchdb").is_some() {
            return Ok(ServerKind::Classic);
        }
        if welcome.get("couchdb").is_none() {
            return Err(format!("the server is not CouchDB (its welcome: {welcome})"));
        }
        let version = welcome.get("version").and_then(Value::as_str).unwrap_or("");
        match version.split('.').next().and_then(|m| m.parse::<u32>().ok()) {
            Some(0 | 1) => Ok(ServerKind::Classic),
            Some(2) => Ok(ServerKind::CouchDb2),
            Some(_) => Ok(ServerKind::CouchDb3),
            None => Err(format!("CouchDB version \"{version}\" not understood")),
        }
    }

    fn config_path(self, section: &str, key: &str) -> String {
        match self {
            ServerKind::Classic => format!("/_config/{section}/{key}"),
            _ => format!("/_node/_local/_config/{section}/{key}"),
        }
    }
}

/// The request methods and headers the app's sync client sends (see `sync::client`).
pub const CORS_METHODS: &str = "GET, PUT, POST, HEAD, DELETE";
pub const CORS_HEADERS: &str = "accept, authorization, content-type, origin, referer";
/// Seconds a browser may cache a preflight answer, so each sync request is not preceded by an `OPTIONS`.
pub const CORS_MAX_AGE: u32 = 3600;

/// Checks an origin the app is served from: `https://host[:port]` (or `http://` for this machine only), with no
/// path, user, query or wildcard. Returns it without a trailing slash.
pub fn check_origin(text: &str) -> Result<String, String> {
    let origin = text.trim().trim_end_matches('/');
    let (scheme, host) = origin.split_once("://").ok_or_else(|| format!("--origin {text}: not an origin (https://host)"))?;
    let local = |h: &str| {
        let name = h.rsplit_once(':').map_or(h, |(n, port)| if port.chars().all(|c| c.is_ascii_digit()) { n } else { h });
        matches!(name, "localhost" | "127.0.0.1" | "[::1]")
    };
    let ok_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']');
    if host.is_empty() || !host.chars().all(ok_char) {
        return Err(format!("--origin {text}: an origin is scheme://host[:port] with no path, user or wildcard"));
    }
    match scheme {
        "https" => Ok(origin.to_string()),
        "http" if local(host) => Ok(origin.to_string()),
        "http" => Err(format!("--origin {text}: serve the app over https (the sync password crosses the network)")),
        _ => Err(format!("--origin {text}: the scheme must be https")),
    }
}

/// Plans the CORS settings for `origins` on a server of `kind`: CORS on, exactly these origins, credentials, the
/// app's methods and headers, and the preflight cache. Each step replaces the setting (a `PUT` of a JSON string).
pub fn cors_plan(kind: ServerKind, origins: &[String]) -> Result<Vec<Step>, String> {
    if origins.is_empty() {
        return Err("--origin is required (the origin the app is served from, e.g. https://apps.example.go.th)".into());
    }
    let origins = origins.iter().map(|o| check_origin(o)).collect::<Result<Vec<_>, _>>()?;
    let switch = if kind == ServerKind::CouchDb3 { "chttpd" } else { "httpd" };
    let settings = [
        (switch, "enable_cors", "true".to_string()),
        ("cors", "origins", origins.join(", ")),
        ("cors", "credentials", "true".to_string()),
        ("cors", "methods", CORS_METHODS.to_string()),
        ("cors", "headers", CORS_HEADERS.to_string()),
        ("cors", "max_age", CORS_MAX_AGE.to_string()),
    ];
    Ok(settings
        .into_iter()
        .map(|(section, key, value)| Step {
            what: format!("[{section}] {key} = {value}"),
            method: "PUT",
            path: kind.config_path(section, key),
            body: Some(Value::String(value)),
            already: &[],
            replace: false,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_college_in_a_province() {
        let p = plan("1310100001", OrgKind::College, Some("13"), "s3cret").unwrap();
        assert_eq!(p.database, "mt_1310100001");
        assert_eq!(p.user, "mt_1310100001");
        assert_eq!(p.roles, vec!["mt_1310100001_write"]);
        let paths: Vec<(&str, &str)> = p.steps.iter().map(|s| (s.method, s.path.as_str())).collect();
        assert_eq!(
            paths,
            vec![
                ("PUT", "/mt_1310100001"),
                ("PUT", "/_users/org.couchdb.user:mt_1310100001"),
                ("PUT", "/mt_1310100001/_security"),
                ("PUT", "/mt_1310100001/_design/mattrathan"),
            ]
        );
        assert_eq!(p.steps[1].body.as_ref().unwrap()["password"], "s3cret");
        assert_eq!(
            p.steps[2].body.as_ref().unwrap()["members"]["roles"],
            json!(["mt_1310100001_write", "mt_prov_13_read"])
        );
        let rule = p.steps[3].body.as_ref().unwrap()["validate_doc_update"].as_str().unwrap().to_string();
        assert!(rule.contains("'mt_1310100001_write'") && rule.contains("'_admin'"), "{rule}");
        assert!(!rule.contains("mt_prov_13_read"), "the province reads but may not write");
    }

    #[test]
    fn a_province_reads_its_colleges_and_owns_its_database() {
        let p = plan("13", OrgKind::Province, None, "pw").unwrap();
        assert_eq!(p.roles, vec!["mt_13_write", "mt_prov_13_read"]);
        assert_eq!(p.steps[2].body.as_ref().unwrap()["members"]["roles"], json!(["mt_13_write"]));
        assert_eq!(p.steps.len(), 3, "only its own writers are members: no write rule needed");
        assert!(plan("13", OrgKind::Province, Some("14"), "pw").unwrap_err().contains("--province"));
        assert!(plan("13", OrgKind::Province, Some("13"), "pw").is_ok());
    }

    #[test]
    fn a_centre_without_province_and_bad_codes() {
        let p = plan("TC01", OrgKind::Centre, None, "pw").unwrap();
        assert_eq!(p.database, "mt_tc01");
        assert_eq!(p.steps[2].body.as_ref().unwrap()["members"]["roles"], json!(["mt_tc01_write"]));
        assert_eq!(p.steps.len(), 3);
        assert!(plan("a b", OrgKind::College, None, "pw").unwrap_err().starts_with("--org"));
        assert!(plan("1", OrgKind::College, Some("ก"), "pw").unwrap_err().starts_with("--province"));
        assert_eq!(OrgKind::parse("centre"), Ok(OrgKind::Centre));
        assert!(OrgKind::parse("school").is_err());
    }

    #[test]
    fn servers_are_told_apart_by_their_welcome() {
        let kind = |v: Value| ServerKind::from_welcome(&v);
        assert_eq!(kind(json!({"couchdb": "Welcome", "version": "3.3.3"})), Ok(ServerKind::CouchDb3));
        assert_eq!(kind(json!({"couchdb": "Welcome", "version": "2.3.1"})), Ok(ServerKind::CouchDb2));
        assert_eq!(kind(json!({"couchdb": "Welcome", "version": "1.7.2"})), Ok(ServerKind::Classic));
        assert_eq!(kind(json!({"express-pouchdb": "Welcome!", "version": "4.2.0"})), Ok(ServerKind::Classic));
        assert!(kind(json!({"hello": "world"})).unwrap_err().contains("not CouchDB"));
        assert!(kind(json!({"couchdb": "Welcome", "version": "x"})).is_err());
    }

    #[test]
    fn cors_for_the_apps_origin_only() {
        let origins = vec!["https://apps.example.go.th/".to_string(), "http://127.0.0.1:8080".to_string()];
        let steps = cors_plan(ServerKind::CouchDb3, &origins).unwrap();
        let set: Vec<(&str, &Value)> = steps.iter().map(|s| (s.path.as_str(), s.body.as_ref().unwrap())).collect();
        assert_eq!(set[0], ("/_node/_local/_config/chttpd/enable_cors", &json!("true")));
        assert_eq!(set[1], ("/_node/_local/_config/cors/origins", &json!("https://apps.example.go.th, http://127.0.0.1:8080")));
        assert_eq!(set[2], ("/_node/_local/_config/cors/credentials", &json!("true")));
        assert_eq!(set[5], ("/_node/_local/_config/cors/max_age", &json!("3600")));
        assert!(steps.iter().all(|s| s.method == "PUT"));
        assert_eq!(cors_plan(ServerKind::CouchDb2, &origins).unwrap()[0].path, "/_node/_local/_config/httpd/enable_cors");
        let classic = cors_plan(ServerKind::Classic, &origins).unwrap();
        assert_eq!(classic[0].path, "/_config/httpd/enable_cors");
        assert_eq!(classic[1].path, "/_config/cors/origins");
    }

    #[test]
    fn an_origin_is_https_with_no_path_or_wildcard() {
        assert_eq!(check_origin(" https://apps.example.go.th "), Ok("https://apps.example.go.th".into()));
        assert_eq!(check_origin("https://apps.example.go.th:8443/"), Ok("https://apps.example.go.th:8443".into()));
        assert_eq!(check_origin("http://localhost:8080"), Ok("http://localhost:8080".into()));
        for bad in ["*", "https://*", "apps.example.go.th", "https://a.example/app", "https://u:p@a.example", "ftp://a", "https://"] {
            assert!(check_origin(bad).is_err(), "{bad}");
        }
        assert!(check_origin("http://apps.example.go.th").unwrap_err().contains("https"));
        assert!(check_origin("http://localhost.evil.example").is_err());
        assert!(cors_plan(ServerKind::CouchDb3, &[]).unwrap_err().contains("--origin"));
    }
}
