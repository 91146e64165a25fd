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
//!   the stored one's before validating, which silently drops `new_edits: false` updates — CouchDB does not.)

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
}
