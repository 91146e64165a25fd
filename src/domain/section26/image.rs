//! Drawings and specification images attached to a practical module (part (13), "แบบทดสอบและรายการกำหนด"). Each image
//! is its own record (`s26_image`, [`ImageRecord`]) owned by the standard (`org` = the standard record's id, like its
//! sessions and marks), so it is exported in the standard's backup and synced with it as an ordinary record, and the
//! standard record itself stays small. The picture is kept as base64 text.
//!
//! A picked file is taken only when its first bytes say PNG, JPEG or WebP (the name and the browser's type are not
//! trusted), it is at most [`MAX_IMAGE_BYTES`], and the standard's images together stay within
//! [`MAX_STANDARD_IMAGE_BYTES`] ([`check_file`]). A record from a backup or a pull is checked the same way from its
//! JSON ([`check_record`]): its kind, its owner, its base64, its type by its bytes and its size.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::item_analysis::records::base64;
use crate::domain::record::Meta;

/// One image: 1 MB.
pub const MAX_IMAGE_BYTES: usize = 1024 * 1024;
/// All images of one standard together: 5 MB (its backup and its sync database stay a manageable size).
pub const MAX_STANDARD_IMAGE_BYTES: usize = 5 * 1024 * 1024;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ImageRecord {
    #[serde(flatten)]
    pub meta: Meta,
    /// The standard record's id (equals `meta.org`).
    pub standard: String,
    /// The practical module's id (`Module::id`) the image belongs to.
    pub module: String,
    /// The caption printed under it.
    #[serde(default)]
    pub caption: String,
    /// The file name it was picked as (shown in the editor).
    #[serde(default)]
    pub file: String,
    /// `image/png`, `image/jpeg` or `image/webp`, as its bytes say.
    pub mime: String,
    /// The picture, standard base64 with padding.
    pub data: String,
}
crate::impl_record!(ImageRecord, "s26_image");

impl ImageRecord {
    /// `data:` URL for an `<img>` (the pages' Content-Security-Policy allows `data:` images).
    pub fn data_url(&self) -> String {
        format!("data:{};base64,{}", self.mime, self.data)
    }

    /// The picture's size in bytes, from its base64 length.
    pub fn bytes(&self) -> usize {
        decoded_len(&self.data)
    }
}

/// The type of a picture by its first bytes: PNG, JPEG or WebP, else `None`.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// Bytes of a base64 text of this length (padding counted out).
fn decoded_len(data: &str) -> usize {
    let pad = data.bytes().rev().take_while(|b| *b == b'=').count().min(2);
    (data.len() / 4 * 3).saturating_sub(pad)
}

/// `1.4 MB`, `350 KB`.
pub fn size_text(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{}.{} MB", bytes / (1024 * 1024), bytes % (1024 * 1024) * 10 / (1024 * 1024))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// A picked file `name` of `bytes`, to be attached to a standard whose images already take `stored` bytes: its type
/// by its first bytes, or a Thai refusal naming the file (not a PNG, JPEG or WebP picture; over the size of one
/// image; over the standard's total).
pub fn check_file(name: &str, bytes: &[u8], stored: usize) -> Result<&'static str, String> {
    let mime = sniff(bytes).ok_or_else(|| format!("ไฟล์ “{name}” ไม่ใช่รูปภาพ PNG, JPEG หรือ WebP: แนบไม่ได้"))?;
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(format!(
            "ไฟล์ “{name}” มีขนาด {} เกิน {} ต่อรูป: ย่อขนาดรูปก่อนแนบ",
            size_text(bytes.len()),
            size_text(MAX_IMAGE_BYTES)
        ));
    }
    if stored + bytes.len() > MAX_STANDARD_IMAGE_BYTES {
        return Err(format!(
            "ไฟล์ “{name}” ({}) ทำให้รูปของมาตรฐานนี้รวมกันเกิน {} (แนบไว้แล้ว {}): ลบหรือย่อรูปอื่นก่อน",
            size_text(bytes.len()),
            size_text(MAX_STANDARD_IMAGE_BYTES),
            size_text(stored)
        ));
    }
    Ok(mime)
}

/// Takes the images of the practical module `module` out of `images` (in their order) and returns them: when the
/// module is deleted they go with it (and come back if the delete is undone), so a later module never shows them.
pub fn take_module(images: &mut Vec<ImageRecord>, module: &str) -> Vec<ImageRecord> {
    let (taken, kept) = std::mem::take(images).into_iter().partition(|i| i.module == module);
    *images = kept;
    taken
}

/// An `s26_image` record's JSON from a backup or a pull: kind `s26_image`, owned by the standard it names
/// (`standard` = `org`), a module named, the picture valid base64 of at most [`MAX_IMAGE_BYTES`] whose bytes are the
/// PNG, JPEG or WebP its `mime` says. Refusals are Thai and name the field.
pub fn check_record(v: &Value) -> Result<(), String> {
    let text = |field: &str| v.get(field).and_then(Value::as_str);
    if text("kind") != Some("s26_image") {
        return Err("รูปประกอบ: ชนิดระเบียนไม่ใช่ s26_image".into());
    }
    let org = text("org").unwrap_or_default();
    match text("standard") {
        Some(s) if !s.is_empty() && s == org => {}
        _ => return Err(format!("รูปประกอบ: ช่อง standard ต้องเป็นมาตรฐานเจ้าของ ({org})")),
    }
    if text("module").is_none_or(|m| m.trim().is_empty()) {
        return Err("รูปประกอบ: ไม่มีช่อง module (โมดูลที่รูปนี้เป็นของ)".into());
    }
    for field in ["caption", "file"] {
        if v.get(field).is_some_and(|c| !c.is_string()) {
            return Err(format!("รูปประกอบ: ช่อง {field} ต้องเป็นข้อความ"));
        }
    }
    let data = text("data").ok_or("รูปประกอบ: ไม่มีช่อง data")?;
    // The size first, from the length, so an oversized picture is refused before it is decoded.
    if decoded_len(data) > MAX_IMAGE_BYTES {
        return Err(format!("รูปประกอบ: ขนาด {} เกิน {} ต่อรูป", size_text(decoded_len(data)), size_text(MAX_IMAGE_BYTES)));
    }
    let bytes = base64::decode(data).map_err(|at| format!("รูปประกอบ: ช่อง data ไม่ใช่ base64 (ตำแหน่ง {at})"))?;
    let found = sniff(&bytes).ok_or("รูปประกอบ: ข้อมูลใน data ไม่ใช่รูป PNG, JPEG หรือ WebP")?;
    let mime = text("mime").unwrap_or_default();
    if mime != found {
        return Err(format!("รูปประกอบ: ช่อง mime เป็น “{mime}” แต่ข้อมูลเป็น {found}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F'];
    const WEBP: &[u8] = b"RIFF\x24\0\0\0WEBPVP8 ";
    const STD: &str = "0f8fad5b-d9cb-469f-a165-70867728950e";

    #[test]
    fn a_deleted_module_takes_its_images_and_leaves_the_others_in_order() {
        let image = |id: &str, module: &str| ImageRecord {
            meta: Meta::new(id.into(), "s26_image", STD, "2026-12-03T00:00:00.000Z"),
            standard: STD.into(),
            module: module.into(),
            caption: String::new(),
            file: format!("{id}.png"),
            mime: "image/png".into(),
            data: String::new(),
        };
        let mut all = vec![image("a", "1"), image("b", "2"), image("c", "1"), image("d", "3")];
        let taken = take_module(&mut all, "1");
        let ids = |v: &[ImageRecord]| v.iter().map(|i| i.meta.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&taken), ["a", "c"]);
        assert_eq!(ids(&all), ["b", "d"]);
        assert!(take_module(&mut all, "1").is_empty());
        assert_eq!(all.len(), 2);
    }

    #[test]
    fn pictures_are_known_by_their_bytes_not_their_names() {
        assert_eq!(sniff(PNG), Some("image/png"));
        assert_eq!(sniff(JPEG), Some("image/jpeg"));
        assert_eq!(sniff(WEBP), Some("image/webp"));
        assert_eq!(sniff(b"GIF89a......"), None);
        assert_eq!(sniff(b"RIFF\x24\0\0\0WAVEfmt "), None);
        assert_eq!(sniff(b"%PDF-1.7"), None);
        assert_eq!(sniff(&PNG[..7]), None);
        assert_eq!(sniff(b""), None);
        assert_eq!(check_file("แบบงาน.png", PNG, 0), Ok("image/png"));
        assert_eq!(check_file("แบบ.jpg", b"hello", 0), Err("ไฟล์ “แบบ.jpg” ไม่ใช่รูปภาพ PNG, JPEG หรือ WebP: แนบไม่ได้".into()));
    }

    #[test]
    fn one_picture_and_all_of_a_standards_pictures_are_capped() {
        let mut big = PNG.to_vec();
        big.resize(MAX_IMAGE_BYTES, 0);
        assert_eq!(check_file("a.png", &big, MAX_STANDARD_IMAGE_BYTES - MAX_IMAGE_BYTES), Ok("image/png"));
        big.push(0);
        assert_eq!(check_file("a.png", &big, 0), Err("ไฟล์ “a.png” มีขนาด 1.0 MB เกิน 1.0 MB ต่อรูป: ย่อขนาดรูปก่อนแนบ".into()));
        let mut two = PNG.to_vec();
        two.resize(1_500_000, 0);
        assert_eq!(
            check_file("b.png", &two, 0),
            Err("ไฟล์ “b.png” มีขนาด 1.4 MB เกิน 1.0 MB ต่อรูป: ย่อขนาดรูปก่อนแนบ".into())
        );
        assert_eq!(
            check_file("c.png", PNG, MAX_STANDARD_IMAGE_BYTES - 3),
            Err("ไฟล์ “c.png” (1 KB) ทำให้รูปของมาตรฐานนี้รวมกันเกิน 5.0 MB (แนบไว้แล้ว 4.9 MB): ลบหรือย่อรูปอื่นก่อน".into())
        );
    }

    fn record(bytes: &[u8], mime: &str) -> Value {
        json!({
            "id": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "kind": "s26_image", "org": STD, "created": "2026-11-21T10:00:00.000Z",
            "updated": "2026-11-21T10:00:00.000Z", "schema": 1, "standard": STD, "module": "1", "caption": "แบบงาน",
            "file": "a.png", "mime": mime, "data": base64::encode(bytes)
        })
    }

    #[test]
    fn a_stored_image_is_checked_whole() {
        let good = record(PNG, "image/png");
        assert_eq!(check_record(&good), Ok(()));
        let r: ImageRecord = serde_json::from_value(good.clone()).unwrap();
        assert_eq!(r.bytes(), PNG.len());
        assert!(r.data_url().starts_with("data:image/png;base64,iVBORw0KGgo"));
        assert_eq!(check_record(&record(WEBP, "image/webp")), Ok(()));
        let with = |f: &dyn Fn(&mut Value)| {
            let mut v = good.clone();
            f(&mut v);
            check_record(&v).unwrap_err()
        };
        assert_eq!(with(&|v| v["kind"] = json!("s26_standard")), "รูปประกอบ: ชนิดระเบียนไม่ใช่ s26_image");
        assert_eq!(with(&|v| v["standard"] = json!("another")), format!("รูปประกอบ: ช่อง standard ต้องเป็นมาตรฐานเจ้าของ ({STD})"));
        assert_eq!(with(&|v| v["module"] = json!(" ")), "รูปประกอบ: ไม่มีช่อง module (โมดูลที่รูปนี้เป็นของ)");
        assert_eq!(with(&|v| v["caption"] = json!(5)), "รูปประกอบ: ช่อง caption ต้องเป็นข้อความ");
        assert_eq!(with(&|v| v["mime"] = json!("image/jpeg")), "รูปประกอบ: ช่อง mime เป็น “image/jpeg” แต่ข้อมูลเป็น image/png");
        assert_eq!(with(&|v| v["data"] = json!(base64::encode(b"<svg onload=alert(1)>"))), "รูปประกอบ: ข้อมูลใน data ไม่ใช่รูป PNG, JPEG หรือ WebP");
        assert!(with(&|v| v["data"] = json!("iVBO!w0KGgo=")).starts_with("รูปประกอบ: ช่อง data ไม่ใช่ base64"));
        assert_eq!(with(&|v| { v.as_object_mut().unwrap().remove("data"); }), "รูปประกอบ: ไม่มีช่อง data");
        let mut big = PNG.to_vec();
        big.resize(MAX_IMAGE_BYTES + 1, 0);
        assert_eq!(check_record(&record(&big, "image/png")).unwrap_err(), "รูปประกอบ: ขนาด 1.0 MB เกิน 1.0 MB ต่อรูป");
    }

    #[test]
    fn sizes_read_in_thai_units() {
        assert_eq!(size_text(1), "1 KB");
        assert_eq!(size_text(350 * 1024), "350 KB");
        assert_eq!(size_text(1_500_000), "1.4 MB");
    }

    #[test]
    fn a_backup_and_a_pull_take_a_good_image_and_refuse_a_bad_one_naming_it() {
        use crate::domain::backup::{make_backup, parse_backup, plan_restore};
        use crate::domain::sync::accept::{check_pulled, Holder, SECTION26, STANDARD_OWN};
        let good = record(JPEG, "image/jpeg");
        let mut bad = record(b"MZ\x90\0 not a picture", "image/png");
        bad["id"] = json!("16fd2706-8baf-433b-82eb-8c7fada847da");
        let now = "2026-11-22T00:00:00.000Z";
        let backup = parse_backup(&make_backup(STD, now, &[good.clone()])).unwrap();
        assert_eq!(plan_restore(&backup, &Default::default(), None, &STANDARD_OWN, now).unwrap().write, vec![0]);
        let backup = parse_backup(&make_backup(STD, now, &[good.clone(), bad.clone()])).unwrap();
        let e = plan_restore(&backup, &Default::default(), None, &STANDARD_OWN, now).unwrap_err();
        assert_eq!(e.to_string(), "ระเบียนที่ 2: ระเบียนรหัส 16fd2706-8baf-433b-82eb-8c7fada847da ไม่ถูกต้อง — รูปประกอบ: ข้อมูลใน data ไม่ใช่รูป PNG, JPEG หรือ WebP");
        let holder = Holder::of(STD);
        assert_eq!(check_pulled(&holder, &SECTION26, Some(&good), None), Ok(()));
        assert_eq!(check_pulled(&holder, &SECTION26, Some(&bad), None), Err("รูปประกอบ: ข้อมูลใน data ไม่ใช่รูป PNG, JPEG หรือ WebP".into()));
        // An image in another standard's database is not this one's.
        let other = Holder::of("7c9e6679-7425-40de-944b-e07fc1f90ae7");
        assert!(check_pulled(&other, &SECTION26, Some(&good), None).is_err());
    }
}
