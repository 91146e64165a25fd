//! Browser tests of the Section 26 storage: the application-number counter (`Store::next_number`) and marks kept as
//! a history of records that replace each other. Run: `cargo test --target wasm32-unknown-unknown --test s26_store`.
#![cfg(target_arch = "wasm32")]

use mattrathan::domain::record::Record;
use mattrathan::domain::section26::application::{application_number, counter_name, fiscal_year_be};
use mattrathan::domain::section26::candidates::Date;
use mattrathan::domain::section26::marks::{current_of, history};
use mattrathan::domain::section26::records::MarkRecord;
use mattrathan::store::{self, delete_database, Store};
use rust_decimal::Decimal;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn fresh(name: &str) -> Store {
    delete_database(name).await.unwrap();
    Store::open_named(name).await.unwrap()
}

#[wasm_bindgen_test]
async fn counters_run_per_office_and_fiscal_year_and_survive_reopening() {
    let db = fresh("s26-counters").await;
    let date = Date::parse("d", "2021-01-20").unwrap();
    let name = counter_name("12", fiscal_year_be(date));
    assert_eq!(db.last_number(&name).await.unwrap(), 0);
    assert_eq!(db.next_number(&name).await.unwrap(), 1);
    assert_eq!(db.next_number(&name).await.unwrap(), 2);
    // Another office and the next fiscal year have their own counters.
    assert_eq!(db.next_number(&counter_name("10", 2564)).await.unwrap(), 1);
    assert_eq!(db.next_number(&counter_name("12", 2565)).await.unwrap(), 1);
    drop(db);
    let db = Store::open_named("s26-counters").await.unwrap();
    let last = db.last_number(&name).await.unwrap();
    assert_eq!(application_number("12", date, last).unwrap(), "12-003-2564");
    assert_eq!(db.next_number(&name).await.unwrap(), 3);
}

#[wasm_bindgen_test]
async fn a_remark_is_a_new_record_and_the_old_one_stays() {
    let db = fresh("s26-marks").await;
    let mk = |value: i64, replaces: Option<String>| {
        let meta = store::new_meta(MarkRecord::KIND, "12");
        MarkRecord {
            at: meta.created.clone(),
            meta,
            candidate: "c1".into(),
            module: "1".into(),
            item: "1".into(),
            judge: 1,
            value: Decimal::from(value),
            replaces,
            by: "กรรมการ 1".into(),
            device: String::new(),
            settles: Vec::new(),
        }
    };
    let first = mk(1, None);
    db.put(&first).await.unwrap();
    let second = mk(2, Some(first.meta.id.clone()));
    db.put(&second).await.unwrap();
    let all: Vec<MarkRecord> = db.list(Some("12")).await.unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(current_of(&all, "c1", "1", "1", 1).unwrap().value, Decimal::from(2));
    assert_eq!(history(&all, "c1", "1", "1", 1).len(), 2);
    let backup = db.export_org("12", &store::now_iso()).await.unwrap();
    assert!(backup.contains("s26_mark"));
}
