//! Browser tests of the Section 26 storage: the application-number counter (`Store::next_number`) and marks kept as
//! a history of records that replace each other, application numbers after a restore, marks never rewritten by a
//! backup.

use mattrathan::domain::sync::accept::ALL;
use mattrathan::domain::judge::exchange::marks_file;
use mattrathan::domain::section26::application::{application_id, application_number, counter_name, fiscal_year_be, last_used};
use mattrathan::domain::section26::candidates::Date;
use mattrathan::domain::section26::marks::{current_of, history};
use mattrathan::domain::section26::records::{ApplicationRecord, MarkRecord};
use mattrathan::store::{self, delete_database, Store};
use rust_decimal::Decimal;
use wasm_bindgen_test::*;

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
        let meta = store::new_meta::<MarkRecord>("12");
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

fn application(number: &str) -> ApplicationRecord {
    let mut meta = store::new_meta::<ApplicationRecord>("12");
    meta.id = application_id(number);
    ApplicationRecord {
        meta,
        number: number.into(),
        office: "12".into(),
        date: "2026-12-01".into(),
        standard: None,
        applicant: "บริษัท ตัวอย่าง จำกัด".into(),
    }
}

/// Issues the next application number the way the start page does: after the counter and every stored number.
async fn issue(db: &Store, date: Date) -> String {
    let fy = fiscal_year_be(date);
    let held: Vec<ApplicationRecord> = db.list(None).await.unwrap();
    let used = last_used("12", fy, held.iter().map(|a| a.number.as_str()));
    let n = db.next_number_after(&counter_name("12", fy), used).await.unwrap();
    let number = application_number("12", date, n - 1).unwrap();
    db.put(&application(&number)).await.unwrap();
    number
}

#[wasm_bindgen_test]
async fn a_restored_office_never_reissues_a_number() {
    let date = Date::parse("d", "2026-12-01").unwrap();
    let a = fresh("s26-office-a").await;
    for expected in ["12-001-2570", "12-002-2570", "12-003-2570"] {
        assert_eq!(issue(&a, date).await, expected);
    }
    let backup = a.export_org_kinds("12", Some(&["s26_application"]), &store::now_iso()).await.unwrap();
    assert!(backup.contains("\"s26-application-12-2570\": 3"), "the backup carries the counter");

    // Device B restores the backup: its counter comes back with the records, so the next number is 004.
    let b = fresh("s26-office-b").await;
    b.import_backup(&backup, Some(&["s26_application"]), &ALL).await.unwrap();
    assert_eq!(b.last_number(&counter_name("12", 2570)).await.unwrap(), 3);
    assert_eq!(issue(&b, date).await, "12-004-2570");

    // Device C got the records without the counter (a version 1 backup, or a sync pull): still 004.
    let c = fresh("s26-office-c").await;
    for n in ["12-001-2570", "12-002-2570", "12-003-2570"] {
        c.put(&application(n)).await.unwrap();
    }
    assert_eq!(issue(&c, date).await, "12-004-2570");

    // A restore never lowers a counter that is ahead.
    for _ in 0..4 {
        a.next_number(&counter_name("12", 2570)).await.unwrap();
    }
    a.import_backup(&backup, None, &ALL).await.unwrap();
    assert_eq!(a.last_number(&counter_name("12", 2570)).await.unwrap(), 7);
}

#[wasm_bindgen_test]
async fn a_backup_never_rewrites_a_stored_mark() {
    // A standard's records are owned by the standard's id (a UUID).
    const STD_1: &str = "5b6f2b5e-3c1a-4d2e-9f00-112233445566";
    let db = fresh("s26-mark-rewrite").await;
    let meta = store::new_meta::<MarkRecord>(STD_1);
    let mark = MarkRecord {
        at: meta.created.clone(),
        meta,
        candidate: "c1".into(),
        module: "1".into(),
        item: "1".into(),
        judge: 1,
        value: Decimal::from(3),
        replaces: None,
        by: "กรรมการ 2".into(),
        device: String::new(),
        settles: Vec::new(),
    };
    db.put(&mark).await.unwrap();
    // The same mark again: accepted, unchanged.
    let same = marks_file(STD_1, &store::now_iso(), std::slice::from_ref(&mark));
    db.import_backup(&same, None, &ALL).await.unwrap();
    // The same id with the value 0 (checksum recomputed): refused, naming the mark; the stored 3 stays.
    let mut forged = mark.clone();
    forged.value = Decimal::ZERO;
    forged.meta.updated = store::now_iso();
    let err = db.import_backup(&marks_file(STD_1, &store::now_iso(), &[forged]), None, &ALL).await.unwrap_err();
    assert!(err.to_string().contains(&mark.meta.id), "{err}");
    assert!(matches!(err, store::StoreError::Backup(ref e) if e.code() == "record_mark_rewritten"), "{err:?}");
    let stored: Vec<MarkRecord> = db.list(Some(STD_1)).await.unwrap();
    assert_eq!(stored, vec![mark]);
}

/// A drawing attached to a module (`s26_image`): stored and listed with its standard, carried by the standard's
/// backup into another database byte for byte, deleted on its own; a backup with a damaged picture is refused whole.
#[wasm_bindgen_test]
async fn an_image_is_stored_with_its_standard_and_goes_with_its_backup() {
    use mattrathan::domain::item_analysis::records::base64;
    use mattrathan::domain::record::{Meta, Record};
    use mattrathan::domain::section26::image::ImageRecord;
    const STD: &str = "0f8fad5b-d9cb-469f-a165-70867728950e";
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0".to_vec();
    let a = fresh("s26-images-a").await;
    let image = ImageRecord {
        meta: Meta::new(store::new_id(), ImageRecord::KIND, STD, &store::now_iso()),
        standard: STD.into(),
        module: "1".into(),
        caption: "แบบงาน".into(),
        file: "แบบ.png".into(),
        mime: "image/png".into(),
        data: base64::encode(&png),
    };
    a.put(&image).await.unwrap();
    let listed: Vec<ImageRecord> = a.list(Some(STD)).await.unwrap();
    assert_eq!(listed, vec![image.clone()]);
    let backup = a.export_org_kinds(STD, Some(&["s26_standard", "s26_image"]), &store::now_iso()).await.unwrap();

    let b = fresh("s26-images-b").await;
    b.import_backup(&backup, None, &ALL).await.unwrap();
    let got: Option<ImageRecord> = b.get(&image.meta.id).await.unwrap();
    assert_eq!(base64::decode(&got.unwrap().data).unwrap(), png);

    // The picture replaced by a text: the file is refused, naming the record, and nothing is written.
    let mut parsed = mattrathan::domain::backup::parse_backup(&backup).unwrap();
    for r in &mut parsed.records {
        if r["kind"] == "s26_image" {
            r["data"] = base64::encode(b"not a picture, just text").into();
        }
    }
    let damaged = mattrathan::domain::backup::make_backup(STD, &parsed.exported, &parsed.records);
    let c = fresh("s26-images-c").await;
    let e = c.import_backup(&damaged, None, &ALL).await.unwrap_err().to_string();
    assert!(e.contains("ไม่ใช่รูป PNG, JPEG หรือ WebP"), "{e}");
    assert!(c.list::<ImageRecord>(Some(STD)).await.unwrap().is_empty());

    b.delete(&image.meta.id).await.unwrap();
    assert!(b.list::<ImageRecord>(Some(STD)).await.unwrap().is_empty());

    // A deleted module's images go in one transaction (`delete_all`), the others stay; storing them again (an undo)
    // brings them back as they were.
    let of = |module: &str| ImageRecord { meta: Meta::new(store::new_id(), ImageRecord::KIND, STD, &store::now_iso()), module: module.into(), ..image.clone() };
    let (one, two, three) = (of("1"), of("2"), of("2"));
    a.put_all(&[one.clone(), two.clone(), three.clone()]).await.unwrap();
    a.delete_all(&[&two.meta.id, &three.meta.id, "no-such-record"]).await.unwrap();
    let left: Vec<ImageRecord> = a.list(Some(STD)).await.unwrap();
    assert_eq!(left.iter().map(|i| i.module.as_str()).collect::<Vec<_>>(), ["1", "1"]);
    a.put_all(&[two.clone(), three.clone()]).await.unwrap();
    assert_eq!(a.get::<ImageRecord>(&two.meta.id).await.unwrap(), Some(two));
    assert_eq!(a.list::<ImageRecord>(Some(STD)).await.unwrap().len(), 4);
}
